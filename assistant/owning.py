"""Asks whose words are the asker's own, for retrieval to find in the guide, and no property a
guide line must state: an ask of one of the guide's themes (assistant/themes.py) and the words
that mark it ("paged *at night*"), an ask whether the guide owns up to a problem ("does the
guide *admit* the tooling is a mess?"), and an ask whether the role takes something in ("is cost
*part of the job*?")."""

from __future__ import annotations

import re

from assistant.lexicon import is_person, kind_of_noun
from assistant.listing import DOMAIN_STEMS, stems
from assistant.schema import Evidence
from assistant.themes import Theme, theme_of
from assistant.vocabulary import FRAME_STEMS

#: An ask whether the guide owns up to a problem: "does the guide *admit* the tooling is a mess?",
#: "is that a *known issue*?", "does it *flag* role confusion?". The problem is in the asker's
#: words ("a mess", "nobody owns"), for retrieval to find among what the guide says; they are
#: no property its lines must state.
_OWNS_UP = re.compile(
    r"\b(?:admit|admits|acknowledges?|agree|agrees|recogni[sz]es?|flag|flags|concede|concedes)"
    r"\b|\b(?:known|recogni[sz]ed)\s+(?:issue|problem|phenomenon|thing)s?\b"
    r"|\bjust\s+(?:us|me)\b",
    re.IGNORECASE,
)


#: An ask whether the role takes something in: "is cost *part of the job*?", "does it *fall under
#: their* remit?", "is the MLOps person *on the hook for* accuracy?", "a people-skills *side to
#: this work*?". What it takes in is for retrieval to find; the words framing it are no property.
_PART_OF_ROLE = re.compile(
    r"\b(?:part\s+of|fall\w*\s+under|under)\s+(?:(?:the|their|his|her|your|my|this|an?)\s+)?"
    r"(?:(?:core|usual|normal|day-to-day|daily|main)\s+)?(?:job|role|remit|work|duties"
    r"|responsibilit\w+|purview|brief|gig)\b|\bon\s+the\s+hook\s+for\b|\bresponsible\s+for\b"
    r"|\bside\s+to\s+(?:this|the|their|that)\s+(?:work|job|role)\b"
    # or another's: "or is that *somebody else's* headache?", "*the SRE team's* problem"
    r"|\b(?:some(?:one|body)\s+else|some\s+other\s+(?:[\w-]+\s+){0,2}?[\w-]+|the\s+[\w-]+\s+team)(?:['’]s?|s)\b"
    r"|\bthe\s+ones\s+(?:who|that|looking|in\s+charge)\b|\bin\s+charge\s+of\b",
    re.IGNORECASE,
)

#: The part of a guide listing what the role is responsible for.
_DUTIES = re.compile(r"\bresponsibilit", re.IGNORECASE)


def takes_in(ask: str) -> bool:
    """Does the ask ask whether the role takes something in (`_PART_OF_ROLE`)?"""
    return bool(_PART_OF_ROLE.search(ask))


#: A yes/no ask whose subject may be the role's people: "do *they* look after feature stores",
#: "does *an MLOps engineer* handle outages", "do *mlops guys* fix it when …"; doing, not being
#: ("can they *be* liable if …").
_THEY_DO = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|also)\W+)*(?:do|does|did|will|would|can|could)\s+"
    r"(?:(?P<they>they)|(?:(?:the|an?)\s+)?mlops\s+(?P<who>[a-z]+)|(?:these|those)\s+(?P<these>[a-z]+))"
    r"\s+(?!(?:[a-z]+\s+)?be\b)[a-z]+",
    re.IGNORECASE,
)


def _of_people(ask: str) -> bool:
    """Does the ask ask what the role's people do (`_THEY_DO`, its subject a person or a group)?"""
    m = _THEY_DO.search(ask)
    if m is None:
        return False
    who = m.group("who") or m.group("these") or ""
    return bool(m.group("they")) or is_person(who, head=True) or kind_of_noun(who) == _GROUP


_GROUP = "noun.group"  # "people", "folks"


def duties_first(scored: list[Evidence], ask: str) -> list[Evidence]:
    """An ask whether the role takes something in ("do they do the monitoring too, or is that
    somebody else's headache?") is answered first from the role's list of responsibilities, its
    lines in their rank, then from the rest (as ranked when one of those lines ranks first). So
    is an ask of what the role's people do, of no theme of its own (`_of_people`), from the
    responsibilities that name a thing it names ("do they look after *feature stores*":
    "Managing feature stores …")."""
    duties = [e for e in scored if _DUTIES.search(e.section.title)]
    if not takes_in(ask):
        duties = _naming(duties, scored, ask) if _of_people(ask) and theme_of(ask) is None else []
    if not duties or duties[0] is scored[0]:
        return scored
    return duties + [e for e in scored if e not in duties]


def _naming(duties: list[Evidence], scored: list[Evidence], ask: str) -> list[Evidence]:
    """The duties naming what the ask names, most first, when the first names as much of it as
    the best-ranked line does ("do they ask about *canary deployments*?" is of the interview
    question, not "Managing model *deployment* …")."""
    if not duties:
        return []
    asked = stems(ask) - DOMAIN_STEMS - FRAME_STEMS
    shared = {id(e): len(asked & stems(e.unit.text)) for e in (*duties, scored[0])}
    named = sorted((e for e in duties if shared[id(e)]), key=lambda e: -shared[id(e)])
    return named if named and shared[id(named[0])] >= shared[id(scored[0])] else []


def owns_up(ask: str) -> bool:
    """Does the ask ask whether the guide owns up to a problem (`_OWNS_UP`)?"""
    return bool(_OWNS_UP.search(ask))


def in_own_words(ask: str) -> bool:
    """Is what the ask turns on in the asker's own words, for retrieval to find, no property a
    guide line must state: an ask of a theme (`main_theme`), whether the guide owns up to a
    problem (`owns_up`), or whether the role takes something in (`_PART_OF_ROLE`)?"""
    return main_theme(ask) is not None or owns_up(ask) or bool(_PART_OF_ROLE.search(ask))


#: A clause qualifying something the ask is of, not the ask itself: "should I reject candidates
#: *who* lack a degree?", "legal issues with asking *about* on-call?"
_SUBORDINATE = re.compile(r"\b(?:who|whom|if|about|without|unless)\b", re.IGNORECASE)


def main_theme(ask: str) -> Theme | None:
    """The theme the ask's main clause is of: what it asks of that theme ("is on-call *a big
    deal*?") is what the theme's lines state, no property they must name."""
    return theme_of(_SUBORDINATE.split(ask)[0])


def _marking(ask: str, members: bool = False) -> list[str]:
    """The spans of the ask that mark its theme, lower-cased ([] for an ask of none); with
    `members`, also the words marking it wherever they stand (Theme.marks)."""
    theme = theme_of(ask)
    if theme is None:
        return []
    marking = [theme.ask, *([theme.marks] if members and theme.marks else [])]
    return [m.group(0).lower() for pattern in marking for m in pattern.finditer(ask)]


def marked_words(ask: str, members: bool = False) -> set[str]:
    """The words that mark the ask's theme ("paged *at night*"), lower-cased: what it asks of is
    the theme's lines, not those words. `members`: and the names of what the theme's line
    names as a group ("google", "facebook" of FAANG): no one of them is what a figure is of,
    though the guide, naming none, does not mention them."""
    return {w for span in _marking(ask, members) for w in re.findall(r"[\w'-]+", span)}


def group_words(ask: str) -> set[str]:
    """The words of the ask naming the group its theme's line names, as a group ("the *big tech
    mobs*" of FAANG), not by one member ("at Netflix": the guide gives no member's figure)."""
    spans = [s for s in _marking(ask, members=True) if len(s.split()) > 1]
    return {w for span in spans for w in re.findall(r"[\w'-]+", span)}


def marks_theme(name: str, ask: str) -> bool:
    """Is `name` a word that marks the ask's theme ("what *KPIs* should we use?"), not a thing?"""
    return any(name.lower() in span for span in _marking(ask))


__all__ = [
    "duties_first",
    "group_words",
    "in_own_words",
    "main_theme",
    "marked_words",
    "marks_theme",
    "owns_up",
    "takes_in",
]
