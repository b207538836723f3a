"""Idioms an asker puts for what the guide says in plain words ("keep an eye on the models": it
monitors them), read as those words: a small embedding model places an idiom by its words
("eye", "fire", "bill"), far from the line it means."""

from __future__ import annotations

import re

#: An idiom (a pattern, its forms), and the plain words it is read as.
_IDIOMS = (
    (r"keep(?:s|ing)?\s+(?:an\s+|a\s+close\s+)?eyes?\s+on|keep(?:s|ing)?\s+tabs\s+on", "monitor"),
    (r"kept\s+(?:an\s+|a\s+close\s+)?eyes?\s+on|kept\s+tabs\s+on", "monitored"),
    (r"(?:putting|put|puts)\s+out\s+fires|fire-?fighting", "handling incidents"),
    (r"(?:prod|production)\s+fires|fires\s+in\s+(?:prod|production)", "production incidents"),
    (r"(?:the|our|their|a)\s+(?:cloud|aws|gcp|azure|compute)\s+bills?", "the infrastructure cost"),
    (r"what['’]?s\s+the\s+damage|what\s+is\s+the\s+damage", "what is the cost"),
    # "what role does dbt play", "what part do they play": what it does
    (r"what\s+(?:part|role)s?\s+(?:do|does|did|will|would|can)\s+(?P<x>(?:[\w/&+.'-]+\s+){0,4}?"
     r"[\w/&+.'-]+)\s+play(?:s|ed)?", r"what does \g<x> do"),
)
_PATTERNS = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), plain) for p, plain in _IDIOMS]


def plain(text: str) -> str:
    """The text with each idiom of `_IDIOMS` as its plain words."""
    for pattern, words in _PATTERNS:
        text = pattern.sub(words, text)
    return text


__all__ = ["plain"]
