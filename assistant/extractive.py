"""The extractive answer: the guide's own sentences and list items that best answer a question.

Evidence is chosen from the best fused sections; each unit (sentence or list item) is scored
by cosine similarity to the question plus a small bonus for shared words. A list question gets
its section's list (lead-in and items); any other question gets its few best sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.retrieval import Hit, Retriever
from assistant.schema import SEP, Section, Source, Unit
from assistant.text import tokenize

_LIST_QUESTION = re.compile(
    r"\b(list|which|what are|what were|what kinds?|what types?|what sorts?|name (the|some|a few)"
    r"|examples?|steps|options|ways|tools|skills|certifications|certs|responsibilities|duties"
    r"|projects|challenges|metrics|questions|technologies|platforms)\b",
    re.IGNORECASE,
)
_SINGLE_FACT = re.compile(
    r"\b(how much|cost|costs|price|fee|salary|earn|pay|paid|how long|how many years|when)\b",
    re.IGNORECASE,
)
LEXICAL_WEIGHT = 0.15
#: Share of a unit's score that comes from its section's best chunk (heading + context).
SECTION_WEIGHT = 0.5
#: Units of the second and third fused section are scaled by 1 - RANK_DECAY * rank.
RANK_DECAY = 0.07
SENTENCE_MARGIN = 0.08
#: Units this short ("CA", "SOC 15-1252A") say little on their own: their score is scaled down.
SHORT_UNIT_WORDS = 5
SHORT_UNIT_FACTOR = 0.6


@dataclass(frozen=True)
class Evidence:
    section: Section
    unit: Unit
    score: float


def is_list_question(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question)) and not _SINGLE_FACT.search(question)


def _lexical(question_tokens: set[str], section: Section, unit: Unit) -> float:
    if not question_tokens:
        return 0.0
    unit_tokens = set(tokenize(unit.text)) | set(tokenize(section.title))
    return len(question_tokens & unit_tokens) / len(question_tokens)


def score_units(
    retriever: Retriever, hits: list[Hit], vector: np.ndarray, question: str, n_sections: int
) -> list[Evidence]:
    """Score the units of the best sections, best first."""
    cosines = retriever.unit_scores(vector)
    q_tokens = set(tokenize(question))
    scored: list[Evidence] = []
    for rank, hit in enumerate(hits[:n_sections]):
        section = retriever.sections[hit.section_id]
        prior = 1.0 - RANK_DECAY * rank
        for unit, row in retriever.units_of(hit.section_id):
            score = (
                (1 - SECTION_WEIGHT) * float(cosines[row])
                + SECTION_WEIGHT * hit.dense
                + LEXICAL_WEIGHT * _lexical(q_tokens, section, unit)
            )
            if len(unit.text.split()) < SHORT_UNIT_WORDS:
                score *= SHORT_UNIT_FACTOR
            score *= prior
            scored.append(Evidence(section, unit, score))
    scored.sort(key=lambda e: -e.score)
    return scored


def _list_of(section: Section, score: float, limit: int) -> list[Evidence]:
    return [Evidence(section, u, score) for u in section.units if u.kind in ("leadin", "item")][
        : limit + 1
    ]


def has_list(section: Section) -> bool:
    return any(u.kind == "item" for u in section.units)


def _sibling_lists(section: Section, scored: list[Evidence], question: str) -> list[Section]:
    parent = section.path[:-1]
    if not parent:
        return []
    own = set(tokenize(section.title)) - set(tokenize(" ".join(parent)))
    if own & set(tokenize(question)):
        return []
    seen = {section.id}
    out = []
    for ev in scored:
        other = ev.section
        if other.id not in seen and other.path[:-1] == parent and has_list(other):
            seen.add(other.id)
            out.append(other)
    return sorted(out, key=lambda s: s.order)


def select(
    scored: list[Evidence], question: str, max_sentences: int, max_items: int
) -> tuple[str, list[Evidence]]:
    """Return ("list" | "sentences", evidence in answer order)."""
    if not scored:
        return "sentences", []
    best = scored[0]
    wants_list = is_list_question(question) or best.unit.kind == "leadin"
    if wants_list and not has_list(best.section) and len(best.section.units) <= max_items:
        # A list in prose: the section's short lines ("Soft Skills" has one per line).
        return "sentences", [Evidence(best.section, u, best.score) for u in best.section.units]
    if wants_list and has_list(best.section):
        chosen: list[Evidence] = _list_of(best.section, best.score, max_items)
        # A question about the parent ("which certifications") gets the sibling lists too,
        # unless it names this list ("which cloud ML certifications").
        for other in _sibling_lists(best.section, scored, question):
            if len(chosen) >= max_items:
                break
            chosen += _list_of(other, best.score, max_items - len(chosen))
        return "list", chosen
    chosen = [best]
    for ev in scored[1:]:
        if len(chosen) >= max_sentences or ev.score < best.score - SENTENCE_MARGIN:
            break
        if ev.unit.kind == "leadin":
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
