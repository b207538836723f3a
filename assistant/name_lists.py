"""Listings of bare names, one a line ("California", "CA", …): which one kind of thing they
name, whether an ask wants names of that kind ("which *states* …") or of another ("which
*companies* are the top employers?" of a list of states), and the nouns the guide writes only
inside names ("University"). Takes the guide's sections and a question; nothing here knows the
guide.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import takewhile

from assistant.lexicon import is_noun, kind_of_name, kind_of_noun, kinds_of_name, sense_of_noun
from assistant.listing import DOMAIN_STEMS, about, names_section, stems
from assistant.question import head_noun
from assistant.schema import Section
from assistant.text import STOPWORDS
from assistant.vocabulary import FRAME_STEMS, stem


def asks_names(question: str, section: Section, by_heading: bool = True) -> bool:
    """Is the section one of bare names that the question asks about: by its heading (unless
    not `by_heading`), or by one of its names, whole ("new" is no part of "New York")?"""
    if not names_section(section):
        return False
    asked = stems(question)
    return (by_heading and about(question, section)) or any(
        stems(u.text) <= asked for u in section.units if stems(u.text)
    )


#: Names asked for by their kind before "names": "*company* names", "the *city* names".
_KIND_NAMES = re.compile(r"\b([a-z]+)\s+names\b", re.IGNORECASE)


def other_kind(question: str, sections: Iterable[Section]) -> tuple[str, str] | None:
    """The thing a "which Xs" ask wants (X) and the title of the listing of bare names it
    names, whose names are all of one other kind: "Which *companies* are the top employers?"
    of "Top Employers for MLOps Engineers", which lists states. None when it wants that kind,
    or a name is unknown (WordNet's proper nouns, lexicon.py)."""
    kinds = [w for w in _KIND_NAMES.findall(question) if w.lower() not in STOPWORDS]
    noun = head_noun(question) or next(iter(kinds), "")  # "top employers - *company* names"
    wanted = kind_of_noun(noun) if noun else None
    if wanted is None:
        return None
    asked = stems(question)
    for section in sections:
        titled = stems(section.title) - DOMAIN_STEMS - FRAME_STEMS
        if not titled or not titled <= asked:
            continue  # the ask names the listing by every word of its title
        kind = names_kind(section)  # None for a section that is no listing of bare names
        if kind is not None and wanted != kind:
            return noun, section.title
    if stem(noun) in name_words(sections) and not any(
        wants_names_of(question, s) for s in sections
    ):
        return noun, ""  # "Which universities …?": the guide says "University" only in a name
    return None


def name_words(sections: Iterable[Section]) -> frozenset[str]:
    """The stems of the common nouns the guide's lines write only inside names: capitalised,
    never first in a line, never in lower case in a line or a title ("university" of
    "University of Washington")."""
    return _name_words(tuple((tuple(s.path), tuple(u.text for u in s.units)) for s in sections))


@functools.lru_cache(maxsize=4)
def _name_words(texts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]) -> frozenset[str]:
    lower: set[str] = set()
    named: set[str] = set()
    for path, lines in texts:
        lower.update(w.lower() for t in path for w in _WORD.findall(t))
        for line in lines:
            for i, word in enumerate(_WORD.findall(line)):
                if word.islower() or i == 0 or word.isupper() or not word[0].isupper():
                    lower.add(word.lower())
                else:
                    named.add(word.lower())
    return frozenset(stem(w) for w in named - lower if is_noun(w))


_WORD = re.compile(r"[A-Za-z]+")


def names_kind(section: Section) -> str | None:
    """The one kind of thing a listing of bare names names ("noun.location": the states), or
    None when it is no such listing, a name is unknown or the names are of several kinds."""
    if not names_section(section):
        return None
    kinds = {kind_of_name(u.text) for u in section.units}
    return kinds.pop() if len(kinds) == 1 else None


def wants_names_of(question: str, section: Section) -> bool:
    """Does an ask want names of a kind every name of the listing is of: "Which *states* are in
    the salary-by-state part?" of the states (each is an American state, so a state), "which
    US state appear in …" (a plural made the guide's singular, a name before it), "does it
    single out any particular *US states*?"; not "which *source*"?"""
    if not names_section(section):
        return False
    m = _WHICH_NOUNS.search(question)
    after = list(takewhile(lambda w: w.lower() not in STOPWORDS, m.group(1).split() if m else []))
    nouns = [head_noun(question), *after]  # not past a function word: "what *is* the state …"
    senses = {sense_of_noun(n) for n in nouns if len(n) >= _NOUN_LETTERS}
    return any(
        sense is not None and all(sense in kinds_of_name(u.text) for u in section.units)
        for sense in senses
    )


#: The words after "which", "what" or "any" that may name what an ask wants: "which *state*
#: does …", "any particular US *states*".
_WHICH_NOUNS = re.compile(r"\b(?:which|what|any)\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)", re.I)
_NOUN_LETTERS = 3


__all__ = ["asks_names", "name_words", "names_kind", "other_kind", "wants_names_of"]
