"""Ordinals in a question: "the second certification", "the last stage", "step one", and
whether they point at a step of the path ("the final specialisation stage") or at an item; and
the step a question names by its title's words ("the DevOps chunk of the roadmap"). Nothing
here knows the guide: the titles of its steps are given."""

from __future__ import annotations

import os
import re

from assistant.terms import content_stems

_ORDINALS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
    "fifth": 4, "5th": 4, "sixth": 5, "6th": 5, "last": -1, "final": -1,
}  # fmt: skip
ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b(?:\s+(\w+))?", re.IGNORECASE)
#: Nouns after an ordinal that point at a sub-section ("the second step") rather than an item.
STRUCTURAL = frozenset(
    ["step", "steps", "stage", "stages", "phase", "phases", "part", "parts", "section", "sections"]
    + ["stop", "stops"]
)
#: A step counted after its noun: "step one", "stage 2", "phase #3".
_COUNTED = re.compile(
    r"\b(step|stage|phase)\s+(?:#\s*)?(one|two|three|four|five|six|[1-6])\b", re.IGNORECASE
)
#: The two words after an ordinal, a comma between ("the final, specialisation stage"); not
#: "first-*year*": one word.
_NEXT_TWO = re.compile(r"(?:,?\s+(\w+))?(?:\s+(\w+))?")
_COUNTS = {"one": 0, "two": 1, "three": 2, "four": 3, "five": 4, "six": 5}


def ordinal_noun(ask: str) -> str:
    """The word the ordinal counts ("step", "one", "thing"): a structural noun one word on
    ("the final specialisation *stage*"), else the word after it."""
    counted = _COUNTED.search(ask)
    if counted:
        return counted.group(1).lower()
    m = ORDINAL.search(ask)
    if not m:
        return ""
    following = _NEXT_TWO.match(ask[m.end(1) :].lower())
    after = [w for w in (following.groups() if following else ()) if w]
    return next((w for w in after if w in STRUCTURAL), after[0] if after else "")


#: Words after an ordinal that show it names no thing: "learn first if …", "first for this".
_CLAUSE_WORDS = {"if", "and", "or", "then", "before", "when", "so", "because", "to", "for"}
#: "which programming language(s) should …": a which/what ask with a thing of its own.
_WHICH_THING = re.compile(
    r"^\W*(what|which)\s+(?!(?:is|are|do|does|should|can|would|will)\b)[\w/-]+(\s+[\w/-]+){0,3}?"
    r"\s+(should|do|does|can|must|would|will|to|are|is)\b",
    re.IGNORECASE,
)


def _adverbial_ordinal(ask: str) -> bool:
    """ "Which languages should I learn first?": a trailing "first" says when, not which item,
    in an ask about a thing of its own; "what should I do first?" asks for the first step."""
    m = ORDINAL.search(ask)
    if not m or not _WHICH_THING.search(ask):
        return False
    return m.group(2) is None or m.group(2).lower() in _CLAUSE_WORDS


def ordinal_of(ask: str) -> tuple[int, bool] | None:
    """(index, names a step of the path) of the ordinal the ask has, if any."""
    counted = _COUNTED.search(ask)
    if counted:
        number = counted.group(2).lower()
        return (int(number) - 1 if number.isdigit() else _COUNTS[number]), True
    m = ORDINAL.search(ask)
    if not m or _adverbial_ordinal(ask):
        return None
    return _ORDINALS[m.group(1).lower()], ordinal_noun(ask) in STRUCTURAL


#: A step named by words of its title: "*the DevOps chunk*", "in *the ML fundamentals step*".
_NAMED_STEP = re.compile(
    r"\b(?:the|that|this)\s+((?:[\w/-]+\s+){1,4}?)(?:step|stage|phase|part|chunk|bit|leg|track)\b",
    re.IGNORECASE,
)
#: The step after or before one named: "*after the software foundation* part", "*after the
#: devops experience*".
_BESIDE = re.compile(
    r"\b(after|before)\s+(?!(?:i|you|he|she|they|we|it)\b)(?:the\s+|that\s+)?"
    r"((?:[\w/-]+\s+){0,3}[\w/-]+)",
    re.IGNORECASE,
)
#: A step named as what an ask is about: "what should I learn *about ML fundamentals*?"
_ABOUT_STEP = re.compile(
    r"\b(?:about|regarding|in|on|for)\s+(?:the\s+)?((?:[\w/-]+\s+){0,3}[\w/-]+)", re.IGNORECASE
)
_PLURAL_STEPS = re.compile(r"\b(?:steps|stages|phases)\b", re.IGNORECASE)
#: What a step is called: "the DevOps *chunk*", "the ML *bit*".
_STEP_WORDS = STRUCTURAL | {"chunk", "bit", "leg", "track"}
#: The verbs titles open with, which any ask may use ("what do I *learn* …"): they name no step.
_GENERIC = frozenset({"build", "gain", "learn", "get", "become", "develop", "master", "start"})


#: Two words are one however ended when they share this many first letters ("specialisation",
#: "specialize"), or when one, this long at least, begins the other ("infra", "infrastructure").
SAME_START, CLIPPED_START = 6, 5


def _alike(a: str, b: str) -> bool:
    """One word, however ended: "specialisation" and "specialize", "infra" and "infrastructure"."""
    common = os.path.commonprefix([a, b])
    return (
        a == b or len(common) >= SAME_START or (len(common) >= CLIPPED_START and common in (a, b))
    )


def titles_named(text: str, titles: list[str], whole: bool = False) -> list[int]:
    """The titles `text` names by words no other title has, by index: half of those words at
    least ("a software engineering foundation", "the DevOps part"); `whole`: one at least,
    and no word but the title's ("the *foundation* stage"; not "the infrastructure as code")."""
    words = content_stems(text) - {s for w in _STEP_WORDS for s in content_stems(w)}
    stems = [content_stems(t) - _GENERIC for t in titles]
    own = [
        {
            w
            for w in mine
            if not any(_alike(w, o) for j, other in enumerate(stems) if j != i for o in other)
        }
        for i, mine in enumerate(stems)
    ]
    found = [sum(any(_alike(w, a) for a in words) for w in mine) for mine in own]
    if whole:  # every word of the text a word of the title
        return [
            i
            for i, n in enumerate(found)
            if n and all(any(_alike(a, w) for w in stems[i] | _GENERIC) for a in words)
        ]
    return [i for i, n in enumerate(found) if n and 2 * n >= len(own[i])]


def step_named(ask: str, titles: list[str]) -> int | None:
    """The one step (of those `titles`) that the ask names as a step by its title's words
    ("what's in *the DevOps chunk* of the roadmap?"), or the one after or before a step it
    names ("what comes *after the software foundation part*?"); None unless one is named, or
    when it asks for steps ("the stages after …": the path)."""
    if _PLURAL_STEPS.search(ask):
        return None
    for m in _BESIDE.finditer(ask):
        named = titles_named(m.group(2), titles, whole=True)
        if len(named) == 1:
            k = named[0] + (1 if m.group(1).lower() == "after" else -1)
            return k if 0 <= k < len(titles) else None
    for m in _NAMED_STEP.finditer(ask):
        named = titles_named(m.group(1), titles, whole=True)
        if len(named) == 1:
            return named[0]
    return None


def step_about(ask: str, titles: list[str]) -> int | None:
    """The one step (of those `titles`) an ask of the path is about, named by its title's words
    alone: "what should I learn *about ML fundamentals*?"."""
    for m in _ABOUT_STEP.finditer(ask):
        named = titles_named(m.group(1), titles, whole=True)
        if len(named) == 1:
            return named[0]
    return None


__all__ = [
    "ORDINAL",
    "STRUCTURAL",
    "ordinal_noun",
    "ordinal_of",
    "step_about",
    "step_named",
    "titles_named",
]
