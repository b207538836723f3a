"""Which employers, by name. The guide says what kinds of organisations hire ("High demand
across tech companies, autonomous vehicles, finance, and any organization scaling ML …") and,
under its "Top Employers" title, states; it names no company that hires. A plain "which
companies hire MLOps engineers?" is answered by those kinds. An ask that wants companies picked
out — specific or actual ones, by name, the most or the biggest, those of a sector or a place,
those a list holds or that offer something — wants names the guide never gives; so does an
ask for the names its Top Employers title promises ("who are the top employers?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.lexicon import kind_of_noun
from assistant.listing import DOMAIN_STEMS, stems
from assistant.name_lists import names_kind
from assistant.name_lists import other_kind as listed_kind
from assistant.question import head_noun
from assistant.schema import Section
from assistant.vocabulary import FRAME_STEMS, stem

_COMPANIES = r"(?:compan(?:y|ies|ys)|employers?|firms?|organi[sz]ations?|businesses|orgs)"
#: "which/what [words] companies [rest]": the words before and the rest after the noun.
_WHICH = re.compile(
    rf"\b(?:which|what)\b(?P<before>(?:\s+[\w'-]+){{0,4}}?)\s+(?P<noun>{_COMPANIES})\b"
    r"(?P<after>[^?.!]*)",
    re.IGNORECASE,
)
#: Kinds of companies are what the guide says: "what *kinds of* companies hire them?".
_KINDS = re.compile(r"\b(?:kinds?|kinda|types?|sorts?|sorta)\b", re.IGNORECASE)
#: The ask is about who hires: the guide's kinds, or its Top Employers title.
_HIRING = re.compile(
    r"\b(?:hir(?:e|es|ed|ing)|employ(?!ers)\w*|recruit\w*|internships?|openings|take on"
    r"|top employers)\b",
    re.IGNORECASE,
)
#: Words before the noun that make another thing the ask's ("which *states have* the top
#: employers", "what *does it* show employers"): a verb after a noun, or a pronoun.
_AUX = frozenset(
    ["does", "do", "did", "is", "are", "was", "were", "has", "have", "can", "could", "will",
     "would", "should"]
)  # fmt: skip
_PRONOUNS = frozenset(["it", "they", "you", "u", "i", "he", "she", "we"])
#: A plain ask of who hires, after the noun: "hire MLOps engineers", "are hiring these ppl rn";
#: a few words after its verb, none of which picks some out ("the *most*", "*in* Ohio").
_PLAIN = re.compile(
    r"\s*(?:(?:are|r|usually|actually)\s+)*(?:hire|hires|hiring|employ|employs|need)\b"
    r"(?P<rest>[^,;:]*)",
    re.IGNORECASE,
)
_PICKING = frozenset(
    ["most", "more", "best", "biggest", "largest", "top", "specific", "specifically", "actual",
     "name", "names", "logos", "listed", "list", "in", "at", "from", "near", "out", "offer"]
)  # fmt: skip
#: At most this many words follow the verb of a plain ask ("hire for mlops roles right now").
PLAIN_WORDS = 5


def companies_picked(ask: str, sections: Iterable[Section]) -> tuple[str, str] | None:
    """The companies an ask wants picked out by name (module doc), and the title of the guide's
    employers listing ("" when it has none), for phrases.not_of_kind; None for a plain ask of
    who hires, an ask of kinds, or an ask not about hiring."""
    m = _WHICH.search(ask)
    if m is None or not _HIRING.search(ask) or _KINDS.search(m.group("before")):
        return None
    before = [w.lower() for w in m.group("before").split() if w.lower() != "the"]
    if _PRONOUNS & set(before) or any(w in _AUX for w in before[1:]):
        return None
    plain = _PLAIN.fullmatch(m.group("after"))
    rest = plain.group("rest").lower().split() if plain else []
    if not before and plain and len(rest) <= PLAIN_WORDS and not _PICKING & set(rest):
        return None
    title = next((s.title for s in sections if re.search(r"\bemployers\b", s.title, re.I)), "")
    return m.group("noun").lower(), title


#: An ask for the names a listing's title promises: "who are the top employers?", "does the
#: guide name the top employers?", "the names of the top employers".
_NAMES_ASKED = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:who\s+(?:are|r)\b|(?:does|do)\s+(?:the\s+guide|it)\s+"
    r"(?:name|list)\b|name\s+the\b)|\bnames\s+of\b",
    re.IGNORECASE,
)


def titled_names(ask: str, sections: Iterable[Section]) -> tuple[str, str] | None:
    """The noun of a listing's title an ask wants the names of, by that noun ("who are the
    top / biggest employers?"), when the listing's names are of another kind ("Top Employers
    for MLOps Engineers" lists states), and the title; None otherwise."""
    if not _NAMES_ASKED.search(ask) or head_noun(ask):
        return None  # "which states does it list under …": listing.other_kind's
    asked = stems(ask)
    for section in sections:
        titled = stems(section.title) - DOMAIN_STEMS - FRAME_STEMS
        kind = names_kind(section)
        if not titled or kind is None:
            continue
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", section.title)]
        nouns = [w for w in words if stem(w) in titled and kind_of_noun(w) not in (None, kind)]
        # the title's noun names them, however the ask grades them ("the *biggest* employers")
        if nouns and stem(nouns[0]) in asked:
            return nouns[0], section.title
    return None


def other_kind(ask: str, sections: Iterable[Section]) -> tuple[str, str] | None:
    """Names of a kind the guide does not give: of another kind than its listing holds
    (listing.other_kind; or than its title promises), or companies picked out by name."""
    sections = list(sections)
    return (
        listed_kind(ask, sections) or titled_names(ask, sections) or companies_picked(ask, sections)
    )
