"""The English dictionary the words of a question are read against: whether a word is English
(pyspellchecker's dictionary), and whether a word it lacks is a term ("databricks", "kserve")
or a typo of an English word ("actualy")."""

from __future__ import annotations

import functools
from typing import Any

#: Most words whose reading as a term is remembered (a bound on the memo's memory).
TERMS_MEMO = 50_000


@functools.cache
def _english() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en")


def is_english(word: str) -> bool:
    """Is `word` in an English dictionary (pyspellchecker's; loaded on first use, ~0.3 s)?"""
    return word in _english()


#: Words this long keep their first letter when mistyped ("kserve" is no "serve").
TERM_FIRST_LETTER = 5


@functools.lru_cache(maxsize=TERMS_MEMO)
def is_term(word: str) -> bool:
    """Is `word` a term the dictionary lacks ("bootcamp", "databricks"), not a typo or slang of
    an English word one letter away ("actualy", "pls", "yrs")? A typo keeps the first letter:
    a word one letter from English only there is a term ("kserve", "karpenter", "kueue")."""
    spelling = _english()
    if word in spelling:
        return False
    near = spelling.known(spelling.edit_distance_1(word))
    if word.isalpha() and len(word) >= TERM_FIRST_LETTER:
        near = {w for w in near if w[:1] == word[:1]}
    return not near
