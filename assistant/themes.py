"""Asks of a theme the guide states in lines of its own, worded in words that are not those
lines' words, so that a small embedding model ranks the lines low: whom the role suits ("who is
it a good fit for?", "what kind of person does well at this?": "… engineers who enjoy
infrastructure …") and how its work is judged ("what KPIs should we use?", "how do they know
they're doing a good job?": "Your success is measured by …"). Such an ask is answered by the
guide's lines of its theme, found by what they state, wherever they rank; it is about the role,
so never off-topic; and the words that mark it ("KPIs") name nothing the guide must hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.schema import Section, Unit


@dataclass(frozen=True)
class Theme:
    name: str
    ask: re.Pattern[str]  # an ask of the theme
    line: re.Pattern[str]  # a guide line stating it


THEMES = (
    Theme(
        "suits",
        re.compile(
            r"\b(?:(?:good|bad|best|right|great|natural|poor|better|strong|ideal|wrong)\s+"
            r"(?:fit|match)|fit\s+for|(?:best|well|most|better)[- ]suited|for\s+whom"
            r"|suit(?:s|able)?\s+(?:for\s+)?(?:me|him|her|you|them|someone|somebody|people"
            r"|students?)|cut\s+out\s+for|(?:does|do)\s+well\s+(?:at|in)"
            r"|what\s+(?:kinds?|sorts?|types?)\s+of\s+(?:person|people|personality|student"
            r"|engineer)s?\s+(?:is|are|would|does|do|suits?|fits?|gets?|enjoys?|likes?|thrives?)"
            r"|who(?:\s+is|['’]s|s)\s+(?:this|it|the)\b[^?.!]{0,30}\b(?:for|aimed\s+at))\b",
            re.IGNORECASE,
        ),
        # people described by what they want or enjoy
        re.compile(
            r"\b(?:engineers?|developers?|those|people|someone|anyone)\s+who\s+(?:want|enjoy"
            r"|like|love|get|prefer)",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "judged",
        re.compile(
            r"\b(?:judged|measured|evaluated|assessed|rated|graded|reviewed)\s+(?:on|by|against)\b"
            r"|\bKPIs?\b|\bOKRs?\b|\bsuccess\s+(?:metrics?|measures?|criteria)\b"
            r"|\bmeasures?\s+of\s+success\b|\bhow\s+(?:is|are)\s+(?:\S+\s+){0,4}?(?:success"
            r"|performance)\s+(?:measured|judged|evaluated|assessed)"
            r"|\bdoing\s+(?:a\s+)?(?:good|great|well|bad|poor)(?:\s+job)?\b"
            r"|\b(?:hire|person|engineer)\s+is\s+working\s+out\b|\baccountable\s+for\b"
            r"|\bperformance\s+reviews?\b|\byardstick\b",
            re.IGNORECASE,
        ),
        # what success or performance is measured by
        re.compile(r"\b(?:success|performance)\s+is\s+(?:measured|judged|evaluated)\b", re.I),
    ),
)


def theme_of(ask: str) -> Theme | None:
    """The theme the ask is of, if any."""
    return next((t for t in THEMES if t.ask.search(ask)), None)


def theme_lines(ask: str, sections: Iterable[Section]) -> list[tuple[Section, Unit]]:
    """The guide's lines of the ask's theme, in its order ([] for an ask of none)."""
    theme = theme_of(ask)
    if theme is None:
        return []
    return [(s, unit) for s in sections for unit in s.units if theme.line.search(unit.text)]


def marks_theme(name: str, ask: str) -> bool:
    """Is `name` a word that marks the ask's theme ("what *KPIs* should we use?"), not a thing?"""
    theme = theme_of(ask)
    return theme is not None and any(
        name.lower() in m.group(0).lower() for m in theme.ask.finditer(ask)
    )


__all__ = ["THEMES", "Theme", "marks_theme", "theme_lines", "theme_of"]
