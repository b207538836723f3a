"""Asks of a theme the guide states in lines of its own, worded in words that are not those lines'
words, so that a small embedding model ranks the lines low: whom the role suits ("who is it a
good fit for?", "what background should candidates come from?": "… engineers who enjoy
infrastructure …"), which degree ("do I need a degree?": "Complete Bachelor's in CS …"), how its
work is judged ("what KPIs should we use?", "how do they know they're doing a good job?": "Your
success is measured by …"), what it owns ("what would they actually own?": its core
responsibilities), the most it pays ("what's the top end?", "how high does it go at google?": "…
top compensation at FAANG …"), being on call ("will I get woken up at night?": "On-call burden:
…"), its downsides ("what are the hardest parts?": the challenges it lists), where it is in
demand ("which industries are hiring?": "High demand across …"), what it joins to DevOps ("is it
just DevOps with a new name?": "The role combines DevOps practices with ML-specific concerns
…"), what a portfolio should show ("should my portfolio show off my models?") and the numbers it
should show ("what numbers should I show in these projects?": "Key metrics to highlight"), which
clouds to know ("which managed cloud ML platforms?": "AWS SageMaker, GCP Vertex AI, or Azure
ML."), the soft skills it lists ("is there a people-skills side?"), whom it works with ("would I
be working alone?"), its part in what infrastructure costs ("is keeping the cloud bill down part
of the job?": "Optimizing ML infrastructure for cost …"), models against pipelines, the role's
scope, the day, its morning and its afternoon ("and
after lunch?": the lines of "Afternoon: …"), and what the role is ("what does an MLOps engineer
even do?", "a one-line definition of the role": "An MLOps Engineer builds and maintains …").
Such an ask is answered by the guide's lines of its theme, found by what they state (or by the
title of the part listing them), wherever they rank; it is about the role, so never off-topic;
and the words that mark it ("KPIs", "paged at night") are no thing or property the guide must
hold. An ask of a detail those lines do not state (the on-call rotation, how people cope with
the challenges) is no ask of the theme: the other checks judge it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.role_themes import ROLE_THEMES
from assistant.schema import Section, Unit
from assistant.terms import topicless
from assistant.theme_table import TABLE, Theme

THEMES = (*TABLE, *ROLE_THEMES)  # in order: an ask is of the first it matches


def theme_of(ask: str) -> Theme | None:
    """The theme the ask is of, if any."""
    return next(
        (t for t in THEMES if t.ask.search(ask) and not (t.unless and t.unless.search(ask))), None
    )


def theme_lines(
    ask: str, sections: Iterable[Section], stated: re.Pattern[str] | None = None, context: str = ""
) -> list[tuple[Section, Unit]]:
    """The guide's lines of the ask's theme, in its order ([] for an ask of none, or of a
    quantity, matching `stated`, that none of them states: "the highest pay, and at which kind
    of companies?" is for the line stating the pay). An ask with no topic of its own ("does the
    guide address this?") is of the theme of what the asker said before it, its `context`."""
    if topicless(ask) and not re.search(r"\bmlops\b", ask, re.IGNORECASE):
        ask = f"{context} {ask}"  # "what does an MLOps engineer do?" is of the role itself
    theme = theme_of(ask)
    if theme is None:
        return []
    if theme.by_title:
        lines = [(s, unit) for s in sections if theme.line.search(s.title) for unit in s.units]
    elif theme.block:
        lines = [(s, unit) for s in sections for unit in _block(s.units, theme.line)]
    else:
        lines = [(s, unit) for s in sections for unit in s.units if theme.line.search(unit.text)]
    return [] if stated and not any(stated.search(u.text) for _, u in lines) else lines


_LABEL = re.compile(r"^[A-Z][\w ]{0,24}:\s")


def _block(units: Iterable[Unit], opener: re.Pattern[str]) -> list[Unit]:
    """The units from one `opener` matches to the next labelled one ("Afternoon: …")."""
    out: list[Unit] = []
    for unit in units:
        if out and _LABEL.match(unit.text):
            break
        if out or opener.search(unit.text):
            out.append(unit)
    return out


__all__ = ["THEMES", "Theme", "theme_lines", "theme_of"]
