"""The extractive answer: the guide's own sentences and list items that best answer a question.

Evidence is chosen from the best fused sections; each unit (sentence or list item) is scored
by cosine similarity to the question, its section's retrieval strength, and the rare words it
shares with the question (IDF-weighted, the section's own title included); the guide's own
interview questions count less unless the question is about interviews. Then:

- an ordinal question ("the second step", "the first one") gets that child section or item;
- a list question gets a list: the best-scoring listing among the candidate sections (bullet
  items, or a section of one-line sentences such as "Soft Skills"), with its lead-in;
- any other question gets its best sentence with the rest of its short paragraph, plus the
  next best sentences that score nearly as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from assistant.question import PLURAL_ASK, head_noun, ordinal_of
from assistant.retrieval import Hit, Retriever
from assistant.schema import SEP, Section, Source, Unit
from assistant.scope import FRAME_WORDS, is_prompt, stem
from assistant.settings import Settings
from assistant.text import tokenize

_LIST_QUESTION = re.compile(
    r"\b(list|what are|what were|what kinds?|what types?|what sorts?|name (the|some|a few)"
    r"|examples|steps|options|ways|ideas|tools|skills|certifications|certs|responsibilities"
    r"|duties|projects|challenges|metrics|questions|technologies|platforms)\b"
    # "what/which" + a plural noun: "which industries", "what DevOps skills"
    r"|" + PLURAL_ASK,
    re.IGNORECASE,
)
_SINGLE_FACT = re.compile(
    r"\b(how much|cost|costs|price|fee|salary|earn|pay|paid|how long|how many years|when"
    r"|which one|what one)\b",
    re.IGNORECASE,
)
#: "Which one ...", "which of those ...": pick one item of a list.
_PICK_ONE = re.compile(r"\b(which|what)\s+(one|ones|of)\b", re.IGNORECASE)
#: Words every question and heading here share: they say nothing about which section is meant.
_DOMAIN_STEMS = frozenset({stem(t) for t in tokenize("MLOps engineers engineer ML")})
_FRAME_STEMS = frozenset(stem(w) for w in FRAME_WORDS)

#: Units this short ("CA", "SOC 15-1252A") say little on their own: unless they share a word
#: with the question, their score is scaled down (settings.short_unit_factor).
SHORT_UNIT_WORDS = 5
#: The guide's interview questions ("What's the difference between data drift and concept
#: drift?") are scaled down (settings.prompt_factor) unless the question is about interviews.
_ABOUT_INTERVIEWS = re.compile(r"\b(interview\w*|ask\w*|questions?|prep\w*)\b", re.IGNORECASE)
#: A section that lists the guide's sources ("Data Sources", "References") names documents, it
#: states nothing: scaled down (settings.reference_factor) unless the question asks for sources.
_REFERENCES = re.compile(r"\b(sources?|references?|bibliography|further reading)\b", re.I)
_ABOUT_SOURCES = re.compile(
    r"\b(sources?|references?|data|cite[sd]?|citations?|based on|comes? from|came from)\b", re.I
)
#: A best sentence brings the rest of its paragraph when the paragraph has at most this many.
PARAGRAPH_MAX_SENTENCES = 3
#: A section of at least this many one-line sentences reads as a list ("Technical Skills").
PROSE_LIST_MIN_LINES = 3


@dataclass(frozen=True)
class Evidence:
    section: Section
    unit: Unit
    score: float


def is_list_question(question: str) -> bool:
    """Does one of the question's sentences ask for a list (and not for a single fact)?"""
    return any(
        _LIST_QUESTION.search(part) and not _SINGLE_FACT.search(part)
        for part in re.split(r"(?<=[?.!])\s+", question)
    )


def _stems(text: str) -> set[str]:
    return {stem(t) for t in tokenize(text)}


def _idf_share(question: set[str], words: set[str], idf: Callable[[set[str]], float]) -> float:
    """The IDF-weighted share of the question's (stemmed) words found among `words`."""
    total = idf(question)
    return idf(question & words) / total if total else 0.0


def score_units(
    retriever: Retriever,
    hits: list[Hit],
    vector: np.ndarray,
    question: str,
    n_sections: int,
) -> list[Evidence]:
    """Score the units of the best sections, best first. `question` gives the lexical match
    (for a follow-up, the current question alone); `vector` may blend in the context."""
    cosines = retriever.unit_scores(vector)
    q_stems = _stems(question)
    w = retriever.settings
    prompt_factor = 1.0 if _ABOUT_INTERVIEWS.search(question) else w.prompt_factor
    reference_factor = 1.0 if _ABOUT_SOURCES.search(question) else w.reference_factor
    stem_idf = retriever.stem_idf_weight
    scored: list[Evidence] = []
    for rank, hit in enumerate(hits[:n_sections]):
        section = retriever.sections[hit.section_id]
        title = _stems(section.title)
        title_match = _idf_share(q_stems, title, stem_idf)
        prior = 1.0 - w.rank_decay * rank
        if _REFERENCES.search(section.title):
            prior *= reference_factor
        for unit, row in retriever.units_of(hit.section_id):
            score = (
                (1 - w.section_weight) * float(cosines[row])
                + w.section_weight * hit.dense
                + w.lexical_weight * _idf_share(q_stems, _stems(unit.text) | title, stem_idf)
                + w.title_weight * title_match
            )
            if len(unit.text.split()) < SHORT_UNIT_WORDS and not q_stems & _stems(unit.text):
                score *= w.short_unit_factor
            if is_prompt(unit.text):
                score *= prompt_factor
            score *= prior
            scored.append(Evidence(section, unit, score))
    scored.sort(key=lambda e: -e.score)
    return scored


def has_list(section: Section) -> bool:
    return any(u.kind == "item" for u in section.units)


def is_listing(section: Section) -> bool:
    """Bullet items, or at least PROSE_LIST_MIN_LINES lines of one sentence each."""
    if has_list(section):
        return True
    lines = [line for line in section.text.splitlines() if line.strip()]
    return len(lines) >= PROSE_LIST_MIN_LINES and len(lines) == len(section.units)


def _names_section(section: Section) -> bool:
    """A listing of bare names, one a line ("California", "CA", …)."""
    return is_listing(section) and all(
        len(u.text.split()) < SHORT_UNIT_WORDS for u in section.units
    )


def _list_of(section: Section, score: float, limit: int) -> list[Evidence]:
    kinds = ("leadin", "item") if has_list(section) else ("sentence",)
    return [Evidence(section, u, score) for u in section.units if u.kind in kinds][: limit + 1]


def _paragraph(section: Section, unit: Unit) -> list[Unit]:
    """The unit's line (paragraph) as units, in order; just the unit when it is a list item."""
    if unit.kind != "sentence":
        return [unit]
    for line in section.text.splitlines():
        if unit.text in line:
            units = [u for u in section.units if u.kind == "sentence" and u.text in line]
            if unit in units and len(units) <= PARAGRAPH_MAX_SENTENCES:
                return units
    return [unit]


def _sibling_lists(section: Section, candidates: Iterable[Section], question: str) -> list[Section]:
    parent = section.path[:-1]
    if not parent:
        return []
    own = set(tokenize(section.title)) - set(tokenize(" ".join(parent)))
    if own & set(tokenize(question)):
        return []
    seen = {section.id}
    out = []
    for other in candidates:
        if other.id not in seen and other.path[:-1] == parent and has_list(other):
            seen.add(other.id)
            out.append(other)
    return sorted(out, key=lambda s: s.order)


def _titled(section: Section, evidence: list[Evidence]) -> list[Evidence]:
    if not evidence or evidence[0].unit.kind == "leadin":
        return evidence
    return [Evidence(section, title_unit(section), evidence[0].score), *evidence]


def title_unit(section: Section) -> Unit:
    """The section's heading as a quotable unit (it is verbatim guide text)."""
    return Unit(text=section.title, kind="leadin", position=-1)


def _ordinal_answer(
    sections: dict[str, Section], best: Evidence, which: tuple[int, bool], max_items: int
) -> tuple[str, list[Evidence]] | None:
    index, structural = which
    section = best.section
    if structural:
        # The nearest ancestor-or-self with sub-sections: its k-th sub-section, titled.
        for depth in range(len(section.path), 0, -1):
            path = section.path[:depth]
            children = sorted(
                (s for s in sections.values() if s.path[:-1] == path and s.units),
                key=lambda s: s.order,
            )
            if len(children) >= 2 and -len(children) <= index < len(children):
                child = children[index]
                head = [Evidence(child, title_unit(child), best.score)]
                body = [Evidence(child, u, best.score) for u in child.units][: max_items + 1]
                return "list", head + body
        return None
    items = [u for u in section.units if u.kind == "item"]
    if items and -len(items) <= index < len(items):
        return "sentences", [Evidence(section, items[index], best.score)]
    return None


def _names_a_part(question: str, children: list[Section]) -> bool:
    """Does the question name one of these sub-sections ("technical skills")?"""
    asked = _stems(question) - _DOMAIN_STEMS
    names = [_stems(c.title) - _DOMAIN_STEMS for c in children]
    shared = set.intersection(*names)  # "skills" in "Technical Skills" and "Soft Skills"
    return any(asked & (name - shared) for name in names)


def _family(
    sections: dict[str, Section], path: tuple[str, ...]
) -> tuple[Section | None, list[Section]]:
    """The section at `path` and its sub-sections with text, in the guide's order."""
    parent = next((s for s in sections.values() if s.path == path), None)
    children = sorted(
        (s for s in sections.values() if s.path[:-1] == path and s.units),
        key=lambda s: s.order,
    )
    return parent, children


def _about(question: str, section: Section) -> bool:
    """Does the question use a word of the section's title (other than "MLOps engineer")?"""
    return bool(_stems(question) & (_stems(section.title) - _DOMAIN_STEMS))


def _parent_lead(
    sections: dict[str, Section] | None, section: Section, question: str, score: float
) -> list[Evidence]:
    """The lead sentence of a list's parent section ("MLOps Engineers need strong DevOps skills
    combined with ML domain knowledge."), for a question about the parent, not the list."""
    if sections is None or len(section.path) < 2:
        return []
    parent, children = _family(sections, section.path[:-1])
    if parent is None or not parent.units or parent.units[0].kind != "sentence":
        return []
    if not _about(question, parent):
        return []  # a question about the list alone ("which CI/CD tools")
    if len(children) > 1 and _names_a_part(question, children):
        return []
    return [Evidence(parent, parent.units[0], score)]


def _overview(
    sections: dict[str, Section], best: Evidence, question: str, max_items: int
) -> list[Evidence] | None:
    """A question about a section with sub-sections that names none of them ("how do I become
    an MLOps engineer", "what skills do I need"): the section's lead line, then each
    sub-section's name and first line; None when the question is not such a question."""
    family = best.section.path[:-1] if len(best.section.path) > 1 else best.section.path
    parent, children = _family(sections, family)
    if parent is None or len(children) < 2 or any(c.units[0].kind != "sentence" for c in children):
        return None  # sub-sections that open with a list are answered as lists (below)
    if not _about(question, parent):
        return None  # not about this section
    if _names_a_part(question, children):
        return None
    # Only a question about the section as a whole: "Do I need a degree to become…" asks about
    # one thing in it ("degree"), not for the overview.
    beyond = _stems(question) - _stems(parent.heading) - _DOMAIN_STEMS - _FRAME_STEMS
    if beyond:
        return None
    lead = [Evidence(parent, u, best.score) for u in parent.units[:1]]
    for child in children[:max_items]:
        lead.append(Evidence(child, title_unit(child), best.score))
        lead.append(Evidence(child, child.units[0], best.score))
    return lead


def _asked_noun(question: str) -> str:
    """The stem of what a "which/what …s" question asks for, unless it is a word that names no
    kind of thing ("which ones", "what kinds", "what examples")."""
    noun = head_noun(question)
    return "" if not noun or noun in FRAME_WORDS or not tokenize(noun) else stem(noun)


def _lists(section: Section, noun: str) -> bool:
    """Does the section list what is asked for: its title or a parent's, or its first line
    ("Develop infrastructure and automation skills."), names it? Any listing does when nothing
    is named."""
    if not noun:
        return True
    first = section.units[0].text if section.units else ""
    return noun in _stems(" ".join(section.path)) or noun in _stems(first)


def select(
    scored: list[Evidence],
    question: str,
    settings: Settings,
    sections: dict[str, Section] | None = None,
) -> tuple[str, list[Evidence]]:
    """Return ("list" | "sentences", evidence in answer order)."""
    max_sentences, max_items = settings.max_sentences, settings.max_list_items
    if not scored:
        return "sentences", []
    best = scored[0]
    if _PICK_ONE.search(question):
        best = next((ev for ev in scored if ev.unit.kind == "item"), best)
        scored = [best] + [ev for ev in scored if ev is not best]
    which = ordinal_of(question)
    if which is not None and sections is not None:
        found = _ordinal_answer(sections, best, which, max_items)
        if found is not None:
            return found
    # A section of names, one a line ("California", "CA", ...), is read whole.
    names = _names_section(best.section) and (
        _about(question, best.section)
        or bool(_stems(question) & _stems(" ".join(u.text for u in best.section.units)))
    )
    if _names_section(best.section) and not names:
        # A section of bare names answers only a question about it ("which states are the top
        # employers"), not one its heading merely resembles ("which companies hire").
        scored = [ev for ev in scored if not _names_section(ev.section)] or scored
        best = scored[0]
    wants_list = is_list_question(question) or best.unit.kind == "leadin" or names
    if sections is not None and not wants_list and not _SINGLE_FACT.search(question):
        overview = _overview(sections, best, question, max_items)
        if overview is not None:
            return "list", overview
    noun = _asked_noun(question)
    if wants_list:
        listing = next(
            (
                ev
                for ev in scored
                if is_listing(ev.section)
                and ev.score >= best.score - settings.list_margin
                and _lists(ev.section, noun)
            ),
            None,
        )
        if listing is None and sections is not None:
            # A section whose list is its sub-sections ("what are the steps?"): their names.
            overview = _overview(sections, best, question, max_items)
            if overview is not None:
                return "list", overview
        if listing is None and noun:
            # No list of what is asked for ("which cloud platforms": the certifications list
            # is of certifications): a line nearly as good that names it leads.
            floor = best.score - settings.sentence_margin
            best = next(
                (ev for ev in scored if ev.score >= floor and noun in _stems(ev.unit.text)), best
            )
            scored = [best] + [ev for ev in scored if ev is not best]
        if listing is not None:
            section = listing.section
            chosen = _list_of(section, listing.score, max_items)
            if has_list(section):
                # A question about the parent ("which certifications") gets the sibling lists
                # too, unless it names this list ("which cloud ML certifications"); a list
                # without a lead-in line is then headed by its sub-section's name.
                pool = sections.values() if sections else [ev.section for ev in scored]
                siblings = _sibling_lists(section, pool, question)
                if siblings:  # all the lists, in the guide's order
                    chosen = []
                    for other in sorted([section, *siblings], key=lambda s: s.order):
                        room = max_items - len(chosen)
                        more = _list_of(other, listing.score, room) if room > 0 else []
                        # past the item budget, a list is still named
                        chosen += (
                            _titled(other, more)
                            if more
                            else [Evidence(other, title_unit(other), listing.score)]
                        )
                listed = {ev.section.id for ev in chosen if ev.unit.kind != "leadin"}
                extra = [
                    ev
                    for ev in scored
                    if ev.section.id not in listed
                    and ev.unit.kind != "leadin"
                    and ev.score >= best.score - settings.list_extra_margin
                ]
                lead = _parent_lead(sections, section, question, listing.score)
                extra = [ev for ev in extra if ev.unit not in {e.unit for e in lead}]
                return "list", lead + chosen + extra[: settings.list_extra_units]
            return "sentences", _parent_lead(sections, section, question, listing.score) + chosen
    chosen = [Evidence(best.section, u, best.score) for u in _paragraph(best.section, best.unit)]
    for ev in scored[1:]:
        if len(chosen) >= max_sentences or ev.score < best.score - settings.sentence_margin:
            break
        if ev.unit.kind == "leadin" or any(c.unit == ev.unit for c in chosen):
            continue
        chosen.append(ev)
    # Read in guide order within a section, best section first.
    rank = {ev.section.id: i for i, ev in reversed(list(enumerate(chosen)))}
    chosen.sort(key=lambda ev: (rank[ev.section.id], ev.unit.position))
    return "sentences", chosen


def compose(mode: str, evidence: list[Evidence]) -> tuple[str, list[Source]]:
    """The answer text with [n] after each quote, and the sources n -> quote."""
    sources: list[Source] = []
    parts: list[str] = []
    for n, ev in enumerate(evidence, start=1):
        sources.append(
            Source(
                n=n,
                section_id=ev.section.id,
                section=SEP.join(ev.section.path),
                quote=ev.unit.text,
                score=ev.score,
            )
        )
        if mode == "list" and ev.unit.kind == "item":
            parts.append(f"\n- {ev.unit.text} [{n}]")
        elif mode == "list":
            parts.append(("\n" if parts else "") + f"{ev.unit.text} [{n}]")
        else:
            parts.append(f"{ev.unit.text} [{n}]")
    joiner = "" if mode == "list" else " "
    return joiner.join(parts).strip(), sources
