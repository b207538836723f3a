"""Asks whose words are the asker's own, for retrieval to find in the guide, and no property a
guide line must state: an ask of one of the guide's themes (assistant/themes.py), and an ask
whether the guide owns up to a problem ("does the guide *admit* the tooling is a mess?")."""

from __future__ import annotations

import re

from assistant.themes import main_theme

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


def owns_up(ask: str) -> bool:
    """Does the ask ask whether the guide owns up to a problem (`_OWNS_UP`)?"""
    return bool(_OWNS_UP.search(ask))


def in_own_words(ask: str) -> bool:
    """Is what the ask turns on in the asker's own words, for retrieval to find, no property a
    guide line must state: an ask of a theme (`main_theme`) or whether the guide owns up to a
    problem (`owns_up`)?"""
    return main_theme(ask) is not None or owns_up(ask)


__all__ = ["in_own_words", "owns_up"]
