"""How a problem the guide lists is handled: "what's the fix for the fuzzy-scope one?", "how do
seasoned folks cut down on pages?", "mitigation for that one?". The guide lists the role's
challenges, then "How experienced MLOps engineers handle these:", one way per challenge, in the
same order: a list answering the one before it item by item (items.answers). The problem asked
of is the one item whose own words (words no other item of its list uses) the question uses, or,
for an ask pointing back ("that one", "the last one"), the last answer; the answer quotes it and
the item handling it. An ask of how those problems are handled, all of them, gets the whole
list."""

from __future__ import annotations

import re
from collections import Counter

from assistant.items import Item
from assistant.lexicon import is_noun, is_verb
from assistant.question import Reading
from assistant.schema import Section, Unit
from assistant.terms import content_stems
from assistant.text import without_domain
from assistant.vocabulary import FRAME_STEMS

#: An ask of how a problem is handled: "how do (seasoned folks) cut down on …", "how to deal
#: with …", "the remedy", "any fix for …", "cope with"; not a tool that "handles drift" nor
#: "handling incidents" as a duty, nor an "AWS Solutions Architect".
_HANDLING = re.compile(
    r"\bhow\s+(?P<who>(?:\S+\s+){0,6}?)(?:handle|deal\s+with|cope|manage|tackle|overcome|fix|avoid"
    r"|prevent|reduce|cut\s+down|get\s+a?round|keep\s+from"
    r"|keep\s+(?:\S+\s+){0,3}?(?:in\s+check|under\s+control|at\s+bay)|mitigate|solve|address)\b"
    r"|\b(?:remed(?:y|ies)|mitigations?|(?-i:solutions?)|workarounds?|antidote|countermeasures?"
    r"|(?:the|a|any|recommended|suggested|supposed|usual)\s+['\"‘“]?fix(?:es)?|fix(?:es)?\s+for"
    r"|cop(?:e|es|ing)"
    r"|do\s+about|what\s+(?:do|does|should|would|can)\s+(?:\S+\s+){1,2}?do\s+(?:if|when))\b",
    re.IGNORECASE,
)
#: Getting people to act, asked how: "how do you *get data scientists to follow* the rules?"
#: (a verb after "to": getting a model "to production" is no handling).
_CAUSING = re.compile(
    r"\bhow\s+(?:\S+\s+){0,6}?get\s+(?:\S+\s+){1,3}?to\s+(?P<verb>[a-z]+)\b", re.I
)
#: Words for the role itself, which name none of its problems.
_ROLE = frozenset(["role", "job", "work", "career", "field", "people", "folk"])
Lines = list[tuple[Section, Unit]]


def handling(ask: str) -> bool:
    """Does the ask ask how a problem is handled, or how people are got to act?"""
    if _HANDLING.search(ask):
        return True
    m = _CAUSING.search(ask)
    return m is not None and is_verb(m.group("verb")) and not is_noun(m.group("verb"))


def handlers(ask: str) -> set[str]:
    """The words of who handles a problem in an ask of how it is handled ("how do the
    *veterans* deal with that?"): the guide's experienced engineers, by whatever name, not
    another job's people."""
    m = _HANDLING.search(ask)
    return set(re.findall(r"[a-z0-9][a-z0-9-]*", (m.group("who") or "").lower())) if m else set()


def _own_words(items: list[Item]) -> list[set[str]]:
    """Each item's stems that no other item of its list has."""
    stems = [content_stems(item.unit.text) for item in items]
    counts = Counter(s for item in stems for s in item)
    return [{s for s in item if counts[s] == 1} for item in stems]


def _named(text: str, own: list[set[str]], ignored: set[str]) -> list[int]:
    """The items whose own words `text` uses, in the order it first uses them; not the words
    of the lists' lead-ins ("engineers", "challenges") nor of asking ("need", "guide")."""
    first: dict[int, int] = {}
    for at, word in enumerate(re.findall(r"[\w'-]+", without_domain(text).lower())):
        for s in content_stems(word) - ignored:
            for index, mine in enumerate(own):
                if s in mine:
                    first.setdefault(index, at)
    return sorted(first, key=first.__getitem__)


def remedy_lines(reading: Reading, said: str, items: list[Item], answers: dict[str, Item]) -> Lines:
    """The problem asked of (its answer follows it: Selector.with_answers); the whole list of
    answers, with its lead-in, for an ask of those problems all; [] when the question asks no
    handling of a listed one. `answers`: each problem's line to the item answering it."""
    question, ordinal = f"{reading.context} {reading.ask}", (reading.ordinal or (None,))[0]
    if not handling(question):
        return []
    lists: dict[str, list[Item]] = {}
    for item in items:
        if item.unit.text in answers:
            lists.setdefault(item.section.id, []).append(item)
    for problems in lists.values():
        remedies = answers[problems[0].unit.text].section
        leads = [
            u.text for s in (problems[0].section, remedies) for u in s.units if u.kind == "leadin"
        ]
        ignored = content_stems(" ".join(leads)) | FRAME_STEMS | _ROLE
        own = _own_words(problems)
        named = _named(question, own, ignored)
        if not named and said:
            named = _named(said, own, ignored)
            if ordinal is not None and -len(named) <= ordinal < len(named):
                named = [named[ordinal]]
            elif len(named) > 1:  # "how do they deal with those?" after the list
                return [(remedies, u) for u in remedies.units]
        if len(named) == 1:
            return [(problems[named[0]].section, problems[named[0]].unit)]
    return []


__all__ = ["handlers", "handling", "remedy_lines"]
