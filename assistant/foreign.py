"""Words of other languages an English question mixes in: "cloud ML platform yang disebut apa
aja ya?", "CKA ka exam fee kitna hai?", "What is the pay bandwidth, ongeveer?". Such a word is
no name the guide lacks ("APA", "HAI") and no topic it does not cover: the question is read
by its English and the guide's words (assistant/vocabulary.py, assistant/grounding.py).

The list is derived from wordfreq's word frequencies (the Latin-script languages it has) and
committed as assistant/data/foreign_words.txt, as loading wordfreq's lists takes ~600 MB;
`python -m assistant.foreign_words` writes it again (assistant/foreign_words.py)."""

from __future__ import annotations

import functools
from importlib import resources

_FILE = "foreign_words.txt"


@functools.cache
def _words() -> frozenset[str]:
    text = resources.files("assistant").joinpath("data", _FILE).read_text(encoding="utf-8")
    return frozenset(text.split())


def is_foreign(word: str) -> bool:
    """Is `word` (lower case) a word of another language, not English ("apa", "naman")?"""
    return word in _words()
