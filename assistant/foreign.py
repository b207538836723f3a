"""Words of other languages an English question mixes in: "cloud ML platform yang disebut apa
aja ya?", "CKA ka exam fee kitna hai?", "What is the pay bandwidth, ongeveer?". Such a word is
no name the guide lacks ("APA", "HAI") and no topic it does not cover: the question is read
by its English and the guide's words (assistant/vocabulary.py, assistant/grounding.py).

The list is derived from wordfreq's word frequencies (the Latin-script languages it has) and
committed as assistant/data/foreign_words.txt, as loading wordfreq's lists takes ~600 MB;
`python -m assistant.foreign_words` writes it again (assistant/foreign_words.py)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources

from assistant.dictionary import is_english
from assistant.text import tokenize

_FILE = "foreign_words.txt"
#: Fewest words of another language that show a question is written partly in it.
MIXED_IN = 2


@functools.cache
def _words() -> frozenset[str]:
    text = resources.files("assistant").joinpath("data", _FILE).read_text(encoding="utf-8")
    return frozenset(text.split())


def is_foreign(word: str) -> bool:
    """Is `word` (lower case) a word of another language, not English ("apa", "naman")?"""
    return word in _words()


def other_languages(text: str, words: list[str], cut_short: Callable[[str], bool]) -> set[str]:
    """The `words` of `text` (lower-cased) that are another language's: the foreign ones, and
    in a text mixing one in (no English word `cut_short`: "cert"), every word no English
    dictionary holds that it types in lower case ("tools yang perlu *dipelajari* apa aja?");
    typed with a capital, a word is a name ("Databricks")."""
    found = {w for w in words if is_foreign(w)}
    if all(cut_short(w) for w in found):  # none, or only a guide word cut short
        return found
    capitalised = {w.lower() for w in re.findall(r"\b\w*[A-Z]\w*", text)}
    return found | {w for w in words if w not in capitalised and not is_english(w)}


def mixed_in(text: str, cut_short: Callable[[str], bool]) -> set[str]:
    """The words of another language a question is written partly in (at least `MIXED_IN` of
    its words are that language's: "les data scientists, ils collaborent *avec* les MLOps *ou*
    c'est tendu?"): the asker's own words, no name the guide lacks ("ILS", "explicar"). One
    such word alone ("keras", a tool, is also Indonesian) is no evidence of a language."""
    words = tokenize(text.lower())
    if sum(is_foreign(w) for w in words) < MIXED_IN:
        return set()
    return other_languages(text, words, cut_short)
