"""Lists in an answer: which sections read as lists, the n-th sub-section or item an ordinal
asks for, the overview of a section's sub-sections, and the list a list question gets (with
its sibling lists and its parent's lead line). Takes scored evidence (assistant/extractive.py)
and the guide's sections; gives the evidence of a "list" answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.question import head_noun
from assistant.schema import Composed, Evidence, Section, Unit
from assistant.settings import Settings
from assistant.text import tokenize
from assistant.vocabulary import FRAME_STEMS, FRAME_WORDS, stem

#: Words every question and heading here share: they say nothing about which section is meant.
DOMAIN_STEMS = frozenset({stem(t) for t in tokenize("MLOps engineers engineer ML")})
#: Units this short ("CA", "SOC 15-1252A") say little on their own: unless they share a word
#: with the question, their score is scaled down (settings.answer.short_unit_factor).
SHORT_UNIT_WORDS = 5
#: A section of at least this many one-line sentences reads as a list ("Technical Skills").
PROSE_LIST_MIN_LINES = 3


def stems(text: str) -> set[str]:
    return {stem(t) for t in tokenize(text)}


def has_list(section: Section) -> bool:
    return any(u.kind == "item" for u in section.units)


def is_listing(section: Section) -> bool:
    """Bullet items, or at least PROSE_LIST_MIN_LINES lines of one sentence each."""
    if has_list(section):
        return True
    lines = [line for line in section.text.splitlines() if line.strip()]
    return len(lines) >= PROSE_LIST_MIN_LINES and len(lines) == len(section.units)


def names_section(section: Section) -> bool:
    """A listing of bare names, one a line ("California", "CA", …)."""
    return is_listing(section) and all(
        len(u.text.split()) < SHORT_UNIT_WORDS for u in section.units
    )


def answer_part(evidence: list[Evidence]) -> list[str]:
    """The lines of the part of the guide an answer rests on: the first section under its first
    line's that is no parent of another of its sections, and the lines of that section's
    parents (a list's lead line comes before the list whose items state the prices; "Total
    Time: 4-6 years" heads the path's steps, not another part a lower line is from)."""
    paths = [e.section.path for e in evidence]
    under = [p for p in paths if p[: len(paths[0])] == paths[0]]
    leaves = (p for p in under if not any(len(o) > len(p) and o[: len(p)] == p for o in paths))
    main = next(leaves, under[0] if under else None)
    if main is None:
        return []
    return [e.unit.text for e in evidence if main[: len(e.section.path)] == e.section.path]


def _list_of(section: Section, score: float, limit: int) -> list[Evidence]:
    kinds = ("leadin", "item") if has_list(section) else ("sentence",)
    return [Evidence(section, u, score) for u in section.units if u.kind in kinds][: limit + 1]


def _sibling_lists(section: Section, candidates: Iterable[Section], question: str) -> list[Section]:
    parent = section.path[:-1]
    if not parent:
        return []
    own = set(tokenize(section.title)) - set(tokenize(" ".join(parent)))
    if own & set(tokenize(question)):
        return []
    noun, candidates = asked_noun(question), list(candidates)
    if noun and lists(section, noun) and _items_say(section, question, noun, candidates):
        return []  # "which tools for drift?": the one list saying it
    seen = {section.id}
    out = []
    for other in candidates:
        if other.id not in seen and other.path[:-1] == parent and has_list(other):
            seen.add(other.id)
            out.append(other)
    return sorted(out, key=lambda s: s.order)


def _items_say(section: Section, question: str, noun: str, sections: Iterable[Section]) -> bool:
    """Is the section the one of its sibling lists whose items say a word the question asks
    them for that no other's say ("Prometheus/Grafana: Infrastructure and model *metrics*" for
    "which tools for metrics?"), not what they are nor a word every question here shares? Two
    such lists ("versioning data and reproducible environments") are both asked for."""
    asked = stems(question) - {noun} - FRAME_STEMS - DOMAIN_STEMS
    said = {
        s.id: stems(" ".join(u.text for u in s.units if u.kind == "item"))
        for s in [section, *sections]
        if s.path[:-1] == section.path[:-1]
    }
    unique = [
        k
        for k, w in said.items()
        if asked & w - set().union(*(v for o, v in said.items() if o != k))
    ]
    return unique == [section.id]


def _titled(section: Section, evidence: list[Evidence]) -> list[Evidence]:
    if not evidence or evidence[0].unit.kind == "leadin":
        return evidence
    return [Evidence(section, title_unit(section), evidence[0].score), *evidence]


def title_unit(section: Section) -> Unit:
    """The section's heading as a quotable unit (it is verbatim guide text)."""
    return Unit(text=section.title, kind="leadin", position=-1)


def ordinal_answer(
    sections: dict[str, Section], best: Evidence, which: tuple[int, bool], max_items: int
) -> Composed | None:
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
    asked = stems(question) - DOMAIN_STEMS
    names = [stems(c.title) - DOMAIN_STEMS for c in children]
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


def about(question: str, section: Section) -> bool:
    """Does the question use a word of the section's title (other than "MLOps engineer")?"""
    return bool(stems(question) & (stems(section.title) - DOMAIN_STEMS))


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
    if not about(question, parent):
        return []  # a question about the list alone ("which CI/CD tools")
    if len(children) > 1 and _names_a_part(question, children):
        return []
    return [Evidence(parent, parent.units[0], score)]


def overview(
    sections: dict[str, Section], best: Evidence, question: str, max_items: int
) -> list[Evidence] | None:
    """A question about a section with sub-sections that names none of them ("how do I become
    an MLOps engineer", "what skills do I need"): the section's lead line, then each
    sub-section's name and first line; None when the question is not such a question."""
    family = best.section.path[:-1] if len(best.section.path) > 1 else best.section.path
    parent, children = _family(sections, family)
    if parent is None or len(children) < 2 or any(c.units[0].kind != "sentence" for c in children):
        return None  # sub-sections that open with a list are answered as lists (below)
    if not about(question, parent):
        return None  # not about this section
    if _names_a_part(question, children):
        return None
    # Only a question about the section as a whole: "Do I need a degree to become…" asks about
    # one thing in it ("degree"), not for the overview.
    beyond = stems(question) - stems(parent.heading) - DOMAIN_STEMS - FRAME_STEMS
    if beyond:
        return None
    lead = [Evidence(parent, u, best.score) for u in parent.units[:1]]
    for child in children[:max_items]:
        lead.append(Evidence(child, title_unit(child), best.score))
        lead.append(Evidence(child, child.units[0], best.score))
    return lead


#: An ask of what is used for something, naming no kind of thing: "what do they use for
#: dashboards?", "what's used to serve models?". What people use is a tool.
_USED = re.compile(
    r"\bwhat\s+(?:(?:do|does|did|would|should|will|can)\s+(?:\S+\s+){1,3}?use|is\s+used"
    r"|['’]?s\s+used|are\s+used)\s+(?:for|to)\b",
    re.IGNORECASE,
)


def asked_noun(question: str) -> str:
    """The stem of what a "which/what …s" question asks for, unless it is a word that names no
    kind of thing ("which ones", "what kinds", "what examples"); "tool" for what is used."""
    noun = head_noun(question)
    if not noun and _USED.search(question):
        return stem("tools")
    return "" if not noun or noun in FRAME_WORDS or not tokenize(noun) else stem(noun)


def lists(section: Section, noun: str) -> bool:
    """Does the section list what is asked for: its title or a parent's, or the line leading
    its items ("Develop infrastructure and automation skills."), names it? Any listing does
    when nothing is named. A list of one-line sentences has no such line: its first line is
    one of what it lists ("Working with … platform teams." names no list of platforms)."""
    if not noun:
        return True
    first = section.units[0].text if has_list(section) and section.units else ""
    return noun in stems(" ".join(section.path)) or noun in stems(first)


def best_listing(
    scored: list[Evidence],
    best: Evidence,
    noun: str,
    margin: float,
    names: bool = False,
    question: str = "",
) -> Evidence | None:
    """The best-scoring unit of a listing that lists `noun`: within `margin` of the best, or
    of a sub-section of the best's section ("what should be in my portfolio"). A listing of
    bare names ("California", …) is one only when names are asked for (`names`) or `noun`
    names it: "what background makes a good candidate?" lists no states."""
    # the best line, when it leads a list, leads what is asked for in words no line uses
    # ("system design *prompts*": "System design questions:")
    led = best.unit.kind == "leadin" and not any(noun in stems(e.unit.text) for e in scored)
    fit = [
        e for e in scored if is_listing(e.section) and (lists(e.section, noun) or led and e is best)
    ]
    if noun:  # of several lists of it, the one whose items say what it is for ("drift")
        found = {e.section.id: e.section for e in fit}
        saying = {k: _items_say(s, question, noun, found.values()) for k, s in found.items()}
        fit = sorted(fit, key=lambda e: not saying[e.section.id])
    near = (ev for ev in fit if ev.score >= best.score - margin)
    near = (ev for ev in near if names or bool(noun) or not names_section(ev.section))
    return next(near, None) or next(
        (e for e in fit if e.section.path[:-1] == best.section.path), None
    )


def list_answer(
    listing: Evidence,
    scored: list[Evidence],
    best: Evidence,
    question: str,
    settings: Settings,
    sections: dict[str, Section] | None,
) -> Composed:
    """The list `listing` belongs to, with its sibling lists and its parent's lead line."""
    max_items = settings.answer.max_list_items
    section = listing.section
    chosen = _list_of(section, listing.score, max_items)
    if not has_list(section):
        return "sentences", _parent_lead(sections, section, question, listing.score) + chosen
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
        and ev.score >= best.score - settings.answer.list_extra_margin
    ]
    lead = _parent_lead(sections, section, question, listing.score)
    extra = [ev for ev in extra if ev.unit not in {e.unit for e in lead}]
    return "list", lead + chosen + extra[: settings.answer.list_extra_units]


#: The section on the guide's author is back matter, like its sources: its "background" is the
#: author's, not the career's, unless the question (or the exchange it follows) asks who wrote
#: the guide or names someone the section names.
_AUTHOR = re.compile(r"\babout the authors?\b", re.I)
_ABOUT_AUTHOR = re.compile(r"\b(authors?|wrote|written|writers?|editors?|who)\b", re.I)


def by_author(section: Section) -> bool:
    """Is the section the one on the guide's author?"""
    return bool(_AUTHOR.search(section.title))


def asks_of(question: str, section: Section) -> bool:
    """Does the question ask who wrote the guide, or name someone the section names?"""
    named = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", section.text)}
    return bool(_ABOUT_AUTHOR.search(question) or named & set(tokenize(question)))


__all__ = [
    "PROSE_LIST_MIN_LINES",
    "SHORT_UNIT_WORDS",
    "about",
    "answer_part",
    "asked_noun",
    "asks_of",
    "best_listing",
    "by_author",
    "has_list",
    "is_listing",
    "list_answer",
    "lists",
    "names_section",
    "ordinal_answer",
    "overview",
    "stems",
    "title_unit",
]
