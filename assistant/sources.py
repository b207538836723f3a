"""Where a figure comes from: an ask for the source of a figure ("where does the salary data come
from?", "and where's that number from?") is answered by the guide's lines that state a figure of
that kind with its citation in brackets ("… $250,000+ (Levels.fyi, 2025)") and by the guide's
own list of sources (a section titled "Sources", "References"). Takes the Reading,
the last answer and the guide's sections; gives the lines to quote, or None. Nothing here knows
the guide: a citation is a bracketed name and year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.guide import Section
from assistant.policy import STATED
from assistant.question import Reading
from assistant.schema import Evidence
from assistant.terms import content_stems
from assistant.vocabulary import FRAME_STEMS, MONEY_STEMS, MONEY_WORDS, stem

#: An ask for where something comes from: "where does X come from", "the source of", "cited".
_SOURCE_ASK = re.compile(
    r"\b(?:where\b[^?.]*\b(?:come|comes|came|coming|get|got|from)|sources?|cited?|citation"
    r"|based on what|according to (?:whom|what))\b",
    re.IGNORECASE,
)
#: The title of the guide's own list of sources: "Data Sources", "References".
REFERENCES = re.compile(r"\b(sources?|references?|bibliography|further reading)\b", re.I)
#: An amount typed in the ask: "that *$185k* number".
_AMOUNT = re.compile(r"\$\s?[\d.,]+\s?[km]?\+?", re.I)
#: A citation in brackets: "(Levels.fyi, 2025)", "(BLS, 2024)".
CITATION = re.compile(r"\(([^()]{2,60}?),\s*(?:19|20)\d\d\)")
#: An ask for a figure: "that number", "the salary figures", "the pay data".
_FIGURE = re.compile(
    r"\b(?:numbers?|figures?|stats?|statistics|data|range|ranges|"
    + "|".join(sorted(MONEY_WORDS))
    + r")\b",
    re.IGNORECASE,
)


def cited(reading: Reading, last_answer: str, sections: Iterable[Section]) -> list[Evidence]:
    """The lines stating a figure of the kind the ask wants the source of, with a citation (an
    amount when the ask names pay or one, or the last answer stated one), then the lines of
    the guide's own list of sources that are of pay; that whole list when the ask names
    nothing the figures are of ("where does the guide get its numbers?"). [] when the ask
    wants no source of a figure, or no line cites one."""
    ask = reading.ask
    if reading.kind in ("count", "duration", "rate") or not _SOURCE_ASK.search(ask):
        return []  # "how many salaries was that source based on?" asks a number
    if not _FIGURE.search(ask):
        return []
    sections = list(sections)
    listed = [Evidence(s, u, 1.0) for s in sections if REFERENCES.search(s.title) for u in s.units]
    # what else the ask names must be in the line (not the certifications' prices), of the
    # words the guide uses: one it never does ("which *site*", "*comp*") tells no figure apart
    amounts = STATED["amount"].search(ask)  # "that $185k number"
    used = {w for s in sections for u in s.units for w in content_stems(u.text)}
    named = content_stems(_FIGURE.sub(" ", _AMOUNT.sub(" ", ask))) & used
    named -= FRAME_STEMS | MONEY_STEMS | _SOURCE_STEMS | _GUIDE_STEMS
    money = bool(_of_money(content_stems(ask)) or amounts) or (
        reading.refers_back and bool(STATED["amount"].search(last_answer))
    )
    if not money:
        return [] if named else listed
    figures = [
        Evidence(section, unit, 1.0)
        for section in sections
        for unit in section.units
        if CITATION.search(unit.text)
        and STATED["amount"].search(unit.text)
        and named <= content_stems(unit.text)
    ]
    # and the guide's sources of pay ("… compensation data")
    return (
        figures + [e for e in listed if MONEY_STEMS & content_stems(e.unit.text)] if figures else []
    )


#: Fewest letters of a word cut short from a word of money ("comp" for "compensation").
CLIPPED_MIN = 4


def _of_money(stems: set[str]) -> bool:
    """Does a word name money, whole or cut short ("the *comp* band")?"""
    clipped = (w for w in stems if len(w) >= CLIPPED_MIN)
    return bool(MONEY_STEMS & stems) or any(m.startswith(w) for w in clipped for m in MONEY_WORDS)


#: Words for the guide and what it says, which name nothing its figures are of.
_GUIDE_STEMS = frozenset(
    stem(w) for w in ["guide", "info", "information", "facts", "content", "claims", "list", "lists"]
)
#: Words of asking for a source, not of what it is the source of.
_SOURCE_STEMS = frozenset(
    stem(w)
    for w in ["where", "come", "comes", "came", "coming", "get", "got", "from", "source",
              "sources", "cite", "cited", "citation", "based", "according", "whom", "year",
              "years", "exactly", "precisely", "which"]
)  # fmt: skip


__all__ = ["CITATION", "REFERENCES", "cited"]
