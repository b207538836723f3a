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


#: Numbers in words ("one" is as often no number: "this one").
_NUMBER_WORDS = [
    "_", "_", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty",
]  # fmt: skip
#: A figure as an ask puts it, alone: "valid for *two* or *three* years?", "at *16*?" (not "k8s",
#: "1M", "250k": a name or a figure said short).
_FIGURE = re.compile(
    r"(?<![\w$.,-])(\d+(?:[.,]\d+)*|" + "|".join(_NUMBER_WORDS[2:]) + r")(?![\w%-])", re.I
)
#: What follows a figure in words that is put forward: a span of time ("two or three *years*"),
#: or nothing ("at *sixteen*?").
_SPAN_AFTER = re.compile(
    r"(?:\s+or\s+\w+)?\s+(?:years?|months?|weeks?|days?|hours?)\b|\s*(?:[?.!,]|$)"
)
#: Words before a figure that compare with it, not put it forward ("over 100", "at least 2").
_BOUND = re.compile(r"\b(?:over|above|under|below|than|least|most|upwards\s+of|beyond)\W*$", re.I)


def figure_unconfirmed(ask: str, evidence: list[str]) -> str | None:
    """The figure a yes/no ask puts forward that no line of the `evidence` states: "is the
    cert valid for *two* or three years?", "can I do it in *2*?" (not one it compares with:
    "does it pay over 100?")."""
    stated = {_value(m.group(1)) for t in evidence for m in _FIGURE.finditer(t)}
    for m in _FIGURE.finditer(ask):
        if m.group(1).isalpha() and not _SPAN_AFTER.match(ask, m.end()):
            continue  # "testing *two* model versions": how many things, not a figure put
        if not _BOUND.search(ask[: m.start()]) and _value(m.group(1)) not in stated:
            return m.group(1)
    return None


def _value(figure: str) -> str:
    low = figure.lower().replace(",", "")
    return str(_NUMBER_WORDS.index(low)) if low in _NUMBER_WORDS else low


__all__ = ["asked_unit", "figure_unconfirmed", "figure_unstated", "states_unit"]
