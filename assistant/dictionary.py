"""The English dictionary the words of a question are read against: whether a word is English
(pyspellchecker's dictionary), and whether a word it lacks is a term ("databricks", "kserve")
or a typo of an English word ("actualy")."""

from __future__ import annotations

import functools
import re
from typing import Any

from assistant.text import STOPWORDS, unaccented

#: Most words whose reading as a term is remembered (a bound on the memo's memory).
TERMS_MEMO = 50_000
#: A word counted this often in the dictionary's word frequencies is a common word first:
#: "oh" 474,052, "us" 2,715,445, "de" 98,568 against "globe" 4,815, "china" 3,019, "london" 1,088
#: (the most frequent of WordNet's ~1,700 place names with no other sense are all below 7,000).
COMMON_WORD_FREQUENCY = 50_000
#: Fewest letters of an accented word read without its accents (dictionary.read_unaccented).
SHORTEST_UNACCENTED = 4


@functools.cache
def _english() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en")


def read_unaccented(text: str) -> str:
    """The text with each accented word of four letters or more read without its accents
    ("técnicas" -> "tecnicas", "portfólio" -> "portfolio"); a shorter one is another
    language's little word, which without them would read as an English one ("qué" as "que",
    "tô" as "to", "Ça" as "CA"), and stays as typed."""

    def word(m: re.Match[str]) -> str:
        plain = unaccented(m.group(0))
        return plain if len(plain) >= SHORTEST_UNACCENTED else m.group(0)

    return re.sub(r"\w+", word, text)


def is_english(word: str) -> bool:
    """Is `word` in an English dictionary (pyspellchecker's; loaded on first use, ~0.3 s)?"""
    return word in _english()


def is_common(word: str) -> bool:
    """Is `word` one English uses so often that it is a word first ("oh", "us", "me"), even where
    WordNet knows it only as a place's abbreviation (Ohio, the United States, Maine)?"""
    return _english().word_frequency[word] >= COMMON_WORD_FREQUENCY


#: An "-ing" word counted this often is what a word typed with its last "g" dropped stands for:
#: "cutting" 48,232, "learning" 42,770 against "biking" 785 (Indonesian "bikin" is "make").
DROPPED_G_FREQUENCY = 10_000
#: Typed words this long are read as the common English word they miss a letter of.
TYPO_MIN_LENGTH = 5


@functools.lru_cache(maxsize=TERMS_MEMO)
def spelt_out(word: str) -> str | None:
    """The English word that `word`, typed in lower case and in no dictionary, stands for: the
    frequent word it drops the last "g" of ("cuttin": "cutting"), the common English word
    (`is_common`) it misses one letter of, keeping its first ("actualy": "actually",
    "diffrence": "difference"), or the function word it has two letters of swapped, after its
    first ("teh": "the", "waht": "what"; not "cpu", a "cup"); None for any other word. A letter
    typed for another ("admin", "thanos") may be a name, and a rare word may be a term's typo."""
    spelling = _english()
    if not word.isalpha() or not word.islower() or word in spelling:
        return None
    if word.endswith("in") and spelling.word_frequency[f"{word}g"] >= DROPPED_G_FREQUENCY:
        return f"{word}g"  # its last "g" dropped: "cuttin" (cutting), "learnin"
    swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 1))
    near = [w for w in swaps if w in STOPWORDS]
    if not near and len(word) >= TYPO_MIN_LENGTH:
        near = [
            w
            for w in spelling.known(spelling.edit_distance_1(word))
            if len(w) == len(word) + 1 and w[:1] == word[:1] and is_common(w)
        ]
    return max(near, key=lambda w: spelling.word_frequency[w]) if near else None


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
