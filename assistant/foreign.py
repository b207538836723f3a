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
import unicodedata
from collections.abc import Callable
from importlib import resources

from assistant.dictionary import is_english
from assistant.text import STOPWORDS, tokenize, unaccented

_FILE = "foreign_words.txt"
#: Fewest words of another language that show a question is written partly in it.
MIXED_IN = 2
#: Share of a question's words an English dictionary holds, under which a question with
#: `MIXED_IN` words of another language is written in that language.
MOSTLY_OTHER = 0.4
#: Share of a question's words an English dictionary holds, at least, for it to be English
#: with another language's word set aside in it ("Who is this job good for, vraiment?").
MOSTLY_ENGLISH = 0.6


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
    words = tokenize(text)
    if sum(is_foreign(w) for w in words) < MIXED_IN:
        return set()
    return other_languages(text, words, cut_short)


def asides(text: str) -> set[str]:
    """The words of another language a mostly English text (`MOSTLY_ENGLISH` of its words in
    an English dictionary) sets at the edge of a clause: "Who is this job good for,
    *vraiment*?", "*merci*, what do they earn?"; not one inside ("a free *resit*"), which may be
    a term. A text mostly in another language has none ("ada diskon buat mahasiswa gak?")."""
    words = re.findall(r"[a-z]+", text.lower())
    if not words or sum(is_english(w) for w in words) < MOSTLY_ENGLISH * len(words):
        return set()
    clauses = [re.findall(r"[a-z]+", c) for c in re.split(r"[,;:.?!()\u2013\u2014]", text.lower())]
    return {w for c in clauses if c for w in (c[0], c[-1]) if is_foreign(w)}


def in_other_language(text: str) -> bool:
    """Is the question written in another language: most of its letters in another script
    ("რა არის MLOps ინჟინრის მთავარი მოვალეობები?"), or `MIXED_IN` of its words another
    language's and under `MOSTLY_OTHER` of them English ("¿Cuánto gana un ingeniero de MLOps?").
    Such a question is not read: what it asks is unknown, not uncovered."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in letters)
    if letters and latin < len(letters) / 2:
        return True
    words = re.findall(r"[a-z]+", unaccented(text.lower()))
    english = sum(is_english(w) for w in words)
    return sum(is_foreign(w) for w in words) >= MIXED_IN and english < MOSTLY_OTHER * len(words)


#: Where a sentence ends: after its stop, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def in_english(text: str, known: Callable[[str], bool]) -> str:
    """The text without its sentences in another language, when another sentence is English:
    "Kitwala emyaka emeka? I mean how many years …", "største udfordringer i jobbet? biggest
    challenges" ask what their English asks. A sentence is English when `MOSTLY_ENGLISH` of its
    words an English dictionary holds or are `known` (the guide's: "kubeflow vs mlflow?"), none
    is another language's and one is the guide's (`_english`); in another language when written
    in it (`in_other_language`), or when `MIXED_IN` of the words it types in lower case are
    neither and under `MOSTLY_OTHER` of them are ("Olweggulo bakola ki?", a language wordfreq
    lacks). A text all in one language is read as it is."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    other = [s for s in sentences if in_other_language(s) or _unread(s, known)]
    rest = [s for s in sentences if s not in other]
    return " ".join(rest) if other and any(_english(s, known) for s in rest) else text


def _sentence_words(sentence: str, typed_lower: bool = False) -> list[str]:
    """A sentence's words, lower-cased and unaccented; `typed_lower`: only those it types in
    lower case, or with a capital only as it opens (not names: "MLflow", "Tromsø")."""
    found = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", sentence)
    lower = [w for i, w in enumerate(found) if not typed_lower or i == 0 or w.islower()]
    return [unaccented(w.lower()) for w in lower]


def _share(words: list[str], known: Callable[[str], bool]) -> float:
    return sum(is_english(w) or known(w) for w in words) / len(words) if words else 0.0


def _english(sentence: str, known: Callable[[str], bool]) -> bool:
    """Is the sentence English, and of the guide: no other language's word in it, and a guide
    word ("biggest *challenges*"; not "and price", "honest lang po", what the other asks)?"""
    words = _sentence_words(sentence)
    if any(is_foreign(w) for w in words) or _share(words, known) < MOSTLY_ENGLISH:
        return False
    return any(known(w) and w not in STOPWORDS for w in words)


def _unread(sentence: str, known: Callable[[str], bool]) -> bool:
    words = _sentence_words(sentence, typed_lower=True)
    unknown = [w for w in words if not (is_english(w) or known(w))]
    return len(unknown) >= MIXED_IN and _share(words, known) < MOSTLY_OTHER
