"""What a question leans on in the conversation: whether it is a follow-up, the last exchange
(question and answer, citation markers removed) it reads with, and, within one message, the
earlier sentence a pronoun of the ask points at."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from assistant.dictionary import read_unaccented
from assistant.lexicon import is_place
from assistant.listing import DOMAIN_STEMS, names_section
from assistant.names import not_people
from assistant.policy import STATED
from assistant.question import Reading, read
from assistant.schema import Section
from assistant.scope import Reader
from assistant.settings import Settings
from assistant.terms import (
    KIND_ONES,
    Terms,
    ask_words,
    content_stems,
    title_stems,
    uses_words,
)
from assistant.text import PART_OR_CUT, tokenize
from assistant.themes import theme_of
from assistant.vocabulary import FRAME_WORDS, MONEY_STEMS, stem

# A follow-up leans on the conversation: short, or pointing back ("it", "that one", "what about").
_FOLLOW_UP = re.compile(
    r"\b(it|its|that|this|those|these|they|them|their|one|ones|the same|what about|how about"
    r"|and|also|else|other|another|more|which of)\b",
    re.IGNORECASE,
)
MARKERS = re.compile(r"\s*\[\d+(?:,\s*\d+)*\]")


def is_follow_up(question: str, history: list[dict[str, str]], max_words: int) -> bool:
    """Does `question` read with the conversation before it: it is short (at most `max_words`
    words) or points back ("those", "it")?"""
    if not any(m["role"] == "user" for m in history):
        return False
    return len(question.split()) <= max_words or bool(_FOLLOW_UP.search(question))


def last_exchange(turns: list[dict[str, str]]) -> str:
    """The last question and the answer it got, citation markers removed."""
    user = [m["content"] for m in turns if m["role"] == "user"][-1:]
    said = [m["content"] for m in turns if m["role"] == "assistant"][-1:]
    return " ".join(user + [MARKERS.sub("", t.split("\nSources:")[0]) for t in said])


def said_before(turns: list[dict[str, str]]) -> str:
    """The last answer's text, citation markers removed."""
    said = [m["content"] for m in turns if m["role"] == "assistant"][-1:]
    return MARKERS.sub("", said[0]) if said else ""


#: A word pointing at a place: "what do they earn *there*?", "*over here*", "*locally*"; not
#: "is there", "there are".
_PLACE_DEIXIS = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!')\b(?:there|here|locally)\b"
    r"(?!\s+(?:is|are|was|were|be|has|have)\b|'s)",
    re.IGNORECASE,
)


def with_place(reading: Reading, reader: Reader) -> Reading:
    """An ask whose place is a word pointing at one ("I live in Germany - what do they earn
    *there*?", "based in Manchester … what do they earn *over here*?") is asked of the places
    the asker's earlier sentences name: they are the ask's names, no longer its context."""
    if not reading.context or not _PLACE_DEIXIS.search(reading.ask):
        return reading
    found = set(reader.places(reading.context))
    places = tuple(n for n in reading.context_names if n in found or is_place(n))
    places += tuple(p for p in found if p not in places and p not in reading.names)
    if not places:
        return reading
    return dataclasses.replace(
        reading,
        names=reading.names + places,
        context_names=tuple(n for n in reading.context_names if n not in places),
    )


def with_antecedent(reading: Reading, terms: Terms, share: float, reader: Reader) -> Reading:
    """An ask that only points back ("what's the difference between *those two*?", "what is *it*
    used for?"), with no word of its own but frame words, is about what the asker's earlier
    sentences name, when each of those names is the guide's ("I've seen both Feast and Tecton
    mentioned …"): the names are the ask's topic. A name the guide lacks ("I'm a Java
    developer. Is it hard?") leaves them context. So is a place it points at (`with_place`)."""
    reading = with_place(reading, reader)
    if reading.names or not reading.refers_back or not reading.context_names:
        return reading
    own = [w for w in ask_words(reading.ask) if not STATED["count"].fullmatch(w)]  # "those two"
    # each a name of the guide's own, not its subject ("Engineer", in over `share` of its lines)
    if own or not all(
        terms.grounded(n) and terms.specific(n, share) for n in reading.context_names
    ):
        return reading  # the ask names its own topic, or the asker speaks of what the guide lacks
    return dataclasses.replace(
        reading,
        ask=f"{', '.join(reading.context_names)}: {reading.ask}",
        names=reading.context_names,
        worded="",
    )


def with_listed_name(
    reading: Reading, turns: list[dict[str, str]], sections: Iterable[Section]
) -> Reading:
    """An ordinal follow-up ("the average salary for *the second one*?") after an answer that
    listed bare names of the guide ("California, Washington, New York, and Texas") names the
    one it counts to: it asks about "Washington", which the policy then grounds like any name
    the ask says. Items and steps are counted by the selector (assistant/selection.py)."""
    if reading.ordinal is None or reading.ordinal[1]:
        return reading
    said = said_before(turns)
    names = [u.text for s in sections if names_section(s) for u in s.units]
    found = sorted(
        (m.start(), name)
        for name in names
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", said)
    )
    listed = list(dict.fromkeys(name for _, name in found))
    index = reading.ordinal[0]
    if len(listed) < 2 or not -len(listed) <= index < len(listed):  # noqa: PLR2004 - a list
        return reading
    return dataclasses.replace(reading, names=(*reading.names, listed[index]))


#: An ask with a kind of its own: it lists, names, counts or times something.
_OWN_KIND = re.compile(r"\b(which|list|name|names|what are|how many|how long)\b", re.IGNORECASE)


#: A quantity asked of what was said: after "how long …?", "how much of that is the ML part?";
#: or a part of it, or what is cut from it: "how is that split across the steps?".
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.IGNORECASE)


def with_carried_kind(reading: Reading, turns: list[dict[str, str]], max_words: int) -> Reading:
    """A follow-up with no kind of its own asks for what the last question asked: after "how
    much do MLOps engineers make?", "what about Texas?" and "ok so what's the number for
    Washington?" ask for an amount, which a line must state for Texas or Washington."""
    if reading.kind not in ("other", "list") or _OWN_KIND.search(reading.ask):
        return reading
    if not is_follow_up(reading.ask, turns, max_words):
        return reading
    last = [m["content"] for m in turns if m["role"] == "user"][-1]
    if read(last).kind == "amount" or MONEY_STEMS & content_stems(last):
        return dataclasses.replace(reading, kind="amount")
    if read(last).kind == "duration" and (
        _HOW_MUCH.search(reading.ask) or PART_OR_CUT.search(reading.ask)
    ):
        return dataclasses.replace(reading, kind="duration")  # "how much of that is stage 3?"
    return reading


def with_theme_of(ask: str, last: str, spell: Callable[[str], str]) -> str:
    """A follow-up that asks a theme of the guide (assistant/themes.py) only with the question
    before it, which alone asks none, is the two together: after "What does an MLOps engineer
    earn?", "and at the big tech firms?" asks the top pay."""
    if theme_of(ask) is not None:
        return ask  # its own theme: the question before it is not read again
    last = read(spell(read_unaccented(last))).ask  # as read: "… *dey* earn?" ("are")
    pair = f"{last} {ask}"
    return pair if theme_of(last) is None and theme_of(pair) is not None else ask


def with_ones_named(ask: str, before: str, sections: Iterable[Section]) -> str:
    """A follow-up asking for "the <kind> ones", a kind several titles of the guide hold, asks for
    the part whose title also holds a word the last exchange (`before`) said of what it listed:
    after the system design questions, "and the technical ones?" asks for the "Technical
    questions", not the "Technical Skills"; the ask names that title in place of the ones. Of
    such titles the one saying least besides is that part ("Technical Skills" after the soft
    skills, not "Skills: Technical & Soft", which holds both). A kind may be cut short ("the
    *infra* ones"); the domain ("ML") tells no part from another."""
    m = KIND_ONES.search(ask)
    if m is None:
        return ask
    kind = {stem(w) for w in tokenize(m.group(1)) if w not in FRAME_WORDS}
    rest = {t: title_stems(t) - DOMAIN_STEMS for t in (s.title for s in sections)}
    holding = {t: r for t, r in rest.items() if kind and all(uses_words({k}, r) for k in kind)}
    said = content_stems(before)
    besides = {t: {w for w in r if not uses_words(kind, {w})} for t, r in holding.items()}
    titles = [t for t, words in besides.items() if uses_words(said, words)]
    fewest = [t for t in titles if len(besides[t]) == min(len(besides[u]) for u in titles)]
    if len(holding) < 2 or len(fewest) != 1:  # noqa: PLR2004 - several titles
        return ask
    return f"{ask[: m.start()]}the {fewest[0]}{ask[m.end() :]}"


def in_conversation(
    reading: Reading,
    turns: list[dict[str, str]],
    sections: Iterable[Section],
    s: Settings,
    spell: Callable[[str], str] = str,
) -> Reading:
    """The ask as the conversation reads it: the name an ordinal counts to, the question a
    follow-up reads with (and the theme it asks with it: `spell` spells that question out as
    the ask was), the kind a bare follow-up carries over; no person the asker named before ("my
    son Eli", then "does Eli need a degree?") is a name asked about."""
    asked = read_unaccented(" ".join(m["content"] for m in turns if m["role"] == "user"))
    names, context = not_people(reading.names, asked), not_people(reading.context_names, asked)
    reading = dataclasses.replace(reading, names=names, context_names=context)
    reading = with_listed_name(reading, turns, sections)
    if is_follow_up(reading.ask, turns, s.retrieval.follow_up_max_words):
        last = [m["content"] for m in turns if m["role"] == "user"][-1]
        ask = with_theme_of(reading.ask, last, spell)
        named = with_ones_named(ask, last_exchange(turns), sections)
        # a part named in place of "the ones" is no pointing back at what was listed
        back = reading.refers_back and named == ask
        reading = dataclasses.replace(reading, earlier=last, ask=named, refers_back=back)
    return with_carried_kind(reading, turns, s.retrieval.follow_up_max_words)


__all__ = [
    "MARKERS",
    "in_conversation",
    "is_follow_up",
    "last_exchange",
    "said_before",
    "with_antecedent",
    "with_carried_kind",
    "with_listed_name",
]
