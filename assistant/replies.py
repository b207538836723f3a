"""The answers that quote no selected evidence: a refusal (what the guide does not cover, then
what it says nearest, cited) and the guide's contents (its sections, each title quoted)."""

from __future__ import annotations

from assistant import phrases
from assistant.extractive import Evidence, compose
from assistant.guide import Guide
from assistant.policy import Case, Verdict
from assistant.retrieval import Hit
from assistant.schema import SEP, Answer, Diagnostics, Section, Source


def nothing(case: Case) -> Verdict | None:
    """No evidence at all: nothing to answer with (a check of the scope policy's)."""
    return Verdict("refuse", "no_evidence", phrases.NOT_COVERED, cite_nearest=False)


def refusal(
    question: str,
    hits: list[Hit],
    verdict: Verdict,
    evidence: list[Evidence],
    sections: dict[str, Section],
    guide_version: str,
    quotes: int,
) -> Answer:
    """The refusal `verdict` words, then the nearest evidence (at most `quotes` lines), cited,
    or the nearest sections' names."""
    nearest = [sections[h.section_id].heading for h in hits[:3]]
    text, sources = verdict.message, list[Source]()
    if verdict.cite_nearest and evidence:
        said, sources = compose("sentences", evidence[:quotes])
        text += f" {phrases.NEAREST_SAID} {said}"
    elif nearest:
        text += " " + phrases.NEAREST_SECTIONS.format(sections="; ".join(nearest))
    return Answer(question, text, True, sources, guide_version, nearest_sections=nearest)


def contents(question: str, guide: Guide, ask: str = "") -> Answer:
    """What the guide covers: its sections and their sub-sections, each title quoted; its
    diagnostics say so, for `ask` (what the question asked)."""
    lines, sources = [phrases.CONTENTS_INTRO], list[Source]()
    for section in guide.sections:
        if not section.units and not any(s.path[:-1] == section.path for s in guide.sections):
            continue  # a bare heading ("Salary by State"): nothing to read there
        n = len(sources) + 1
        sources.append(Source(n, section.id, SEP.join(section.path), section.title, 1.0))
        lines.append("  " * (len(section.path) - 1) + f"- {section.title} [{n}]")
    answer = Answer(question, "\n".join(lines), False, sources, guide.version)
    answer.diagnostics = Diagnostics(
        outcome="answer", reason="contents", kind="contents", ask=ask, relevance=1.0, coverage=1.0
    )
    return answer


__all__ = ["contents", "refusal"]
