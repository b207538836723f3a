"""An ask of what people earn is searched and answered in that sense: its "make" is searched as
"earn" (the guide's lines that make things are no answer), and the line that states what they
earn is its answer, though lines defining the role score a little higher for "an MLOps
engineer" ("what does an MLOps engineer actually make?", "mlops pay good or nah")."""

from __future__ import annotations

import re

from assistant.amounts import EARNINGS, times_becoming
from assistant.extractive import Evidence
from assistant.policy import STATED
from assistant.question import Reading
from assistant.text import STOPWORDS, tokenize
from assistant.vocabulary import FRAME_STEMS, stem

#: "make" read as what people earn ("what does an MLOps engineer *make*?"), searched as "earn":
#: the guide's lines that make or create things are no answer to it.
_MAKE = re.compile(r"\bmake(s?)\b", re.IGNORECASE)


def in_earnings_sense(reading: Reading, ask: str) -> str:
    """`ask` as retrieval searches it: an ask of an amount that says "make" says "earn"."""
    if reading.kind != "amount":
        return ask
    return _MAKE.sub(lambda m: f"earn{m.group(1)}", ask)


def states_asked(reading: Reading, text: str) -> bool:
    """Does `text` state what the ask wants: what people earn, for an ask of earnings (not a
    certification's price); a span of time, for an ask timing the path to the role ("how long
    before they could do this job?"). Not a span for any ask of one: the guide's one span times
    the whole path, and most spans asked are of something else ("to fill a role")."""
    if reading.kind == "duration":
        return times_becoming(reading.ask) and bool(STATED["duration"].search(text))
    return (
        reading.kind == "amount"
        and bool(EARNINGS.search(reading.ask))
        and bool(STATED["amount"].search(text) and EARNINGS.search(text))
    )


def stated_first(reading: Reading, scored: list[Evidence], margin: float) -> list[Evidence]:
    """When the best of `scored` states nothing of what the ask wants, the lines that do, score
    at most `margin` below it and say (with their section's titles) every word of the ask the
    best line says, alone: the lines defining the role say nothing of its pay. Not when the
    best line is nearer for what the ask names besides: "what does a *data scientist* make?",
    "mlops salary *texas*" are of the lines naming them, which state no pay."""
    if not scored or states_asked(reading, scored[0].unit.text):
        return scored
    floor, best = scored[0].score - margin, scored[0].unit.text
    asked = _words(reading.ask) & _words(best)
    stating = [
        e
        for e in scored
        if e.score >= floor
        and states_asked(reading, e.unit.text)
        and asked <= _words(" ".join([e.unit.text, *e.section.path]))
    ]
    return stating or scored


def _words(text: str) -> set[str]:
    return {stem(w) for w in tokenize(text) if w not in STOPWORDS} - FRAME_STEMS


__all__ = ["in_earnings_sense", "stated_first", "states_asked"]
