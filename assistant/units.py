"""The unit an ask wants a figure in ("what latency is OK, *in ms*?", "*in rupees* how much?"),
and whether a line states a figure in it: the guide cannot give milliseconds or rupees where it
states none, however near its other figures ("1M predictions/second", "$300"); and a figure
wanted at all ("is there a *magic number*?"), which only a line stating one gives. Takes the
ask and the quoted lines; nothing here knows the guide.
"""

from __future__ import annotations

import re

#: Each unit as an ask names it, and how a line states a figure in it (besides "<figure>
#: <unit>"): a currency's symbol, a rate's "per"/"/".
_UNITS: dict[str, tuple[str, str]] = {
    "milliseconds": (r"milliseconds?|ms", ""),
    "seconds": (r"seconds?|secs?", r"(?:/|\bper\s+)sec(?:ond)?\b"),
    # a span in one unit of the calendar gives it in another ("in months": "4-6 years")
    "calendar": (r"minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?", ""),
    "percent": (r"percent(?:age)?|per\s+cent|%", r"\d\s*%"),
    "dollars": (r"dollars?|usd|bucks", r"\$\s*\d"),
    "euros": (r"euros?|eur", r"€\s*\d"),
    "pounds": (r"pounds?(?:\s+sterling)?|gbp|quid", r"£\s*\d"),
    "rupees": (r"rupees?|inr|rs", r"₹\s*\d"),
    "yen": (r"yen|jpy", r"¥\s*\d"),
    "gigabytes": (r"gigabytes?|gb", ""),
    "terabytes": (r"terabytes?|tb", ""),
}
#: "in ms", "in rupees", "how many euros": a unit right after "in" or "how many", as a figure
#: is given in it (not "in five years", "in the second step", "in day-in-the-life").
_IN_UNIT = re.compile(
    r"\b(?:in|how\s+many)\s+(milliseconds|ms|seconds|secs|minutes|hours|days|weeks|months|years|percent|%"
    r"|dollars|usd|euros|eur|pounds|gbp|rupees|inr|yen|jpy|gigabytes|gb|terabytes|tb)(?![\w%-])",
    re.IGNORECASE,
)


def asked_unit(ask: str) -> str | None:
    """The unit the ask wants its figure in ("in ms": "milliseconds"), or None."""
    m = _IN_UNIT.search(ask)
    if m is None:
        return None
    said = m.group(1).lower()
    return next(u for u, (forms, _) in _UNITS.items() if re.fullmatch(forms, said))


def states_unit(unit: str, text: str) -> bool:
    """Does `text` state a figure in `unit` ("4-6 years", "$300", "1M predictions/second")?"""
    forms, other = _UNITS[unit]
    figure = rf"\d[\d,.]*\+?\s*(?:-\s*\d[\d,.]*\+?\s*)?(?:{forms})(?![a-z])"
    return bool(re.search(figure, text, re.IGNORECASE) or (other and re.search(other, text)))


#: A figure the message wants, wherever it says so: "is there a *magic number*?", "I'd like
#: *an actual number*", "*any figure* on that?", "*give me a number*"; not "*a numbers* person",
#: "the *number one* reason", "before I believe a figure".
_FIGURE_WANTED = re.compile(
    r"(?:\b(?:actual|exact|real|hard|magic|specific|concrete|ballpark|rough|precise)\s+|\bany\s+"
    r"|\b(?:give\s+me|need|want|is\s+there)\s+(?:an?\s+|some\s+)?)(?:numbers?|figures?)\b"
    r"(?!\s+(?:of|one|person|people)\b)",
    re.IGNORECASE,
)


def figure_unstated(message: str, evidence: list[str]) -> bool:
    """Does the message want a figure that no line of the `evidence` states (no digit)?"""
    return bool(_FIGURE_WANTED.search(message)) and not any(re.search(r"\d", t) for t in evidence)


__all__ = ["asked_unit", "figure_unstated", "states_unit"]
