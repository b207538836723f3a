"""Ordinals in a question: "the second certification", "the last stage", "step one", and
whether they point at a step of the path ("the final specialisation stage") or at an item.
Nothing here knows the guide: these are properties of English questions."""

from __future__ import annotations

import re

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
_NEXT_TWO = re.compile(r"(?:\s+(\w+))?(?:\s+(\w+))?")  # not "first-*year*": one word
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


__all__ = ["ORDINAL", "STRUCTURAL", "ordinal_noun", "ordinal_of"]
