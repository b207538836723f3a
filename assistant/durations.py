"""Whose time a duration is: the guide states a time in one section ("Total Time: 4-6 years",
of How to Become an MLOps Engineer); an ask for the time of a thing another section is about
("how many years are the certs valid?", "how long does the interview process take?", "how
long is the DevOps step?") is not answered by it. Takes the ask, the evidence and the guide's
sections; nothing here knows the guide."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.policy import STATED
from assistant.schema import Evidence, Section
from assistant.sources import CLIPPED_MIN
from assistant.text import STOPWORDS, tokenize, without_domain
from assistant.vocabulary import FRAME_WORDS, stem


def timed_elsewhere(ask: str, evidence: list[Evidence], sections: Iterable[Section]) -> bool:
    """Does the ask name, beside the time it wants, a thing whose own section is not the one
    of any quoted line stating a duration (a word of another section's title)?"""
    timed = [e for e in evidence if STATED["duration"].search(e.unit.text)]
    if not timed:
        return False
    own = {stem(w) for e in timed for w in tokenize(f"{e.section.heading} {e.unit.text}")}
    asked = [
        w
        for w in tokenize(without_domain(ask))
        if w not in FRAME_WORDS | STOPWORDS and stem(w) not in own
    ]
    # the titles of the other sections that say something (not a heading over sub-sections)
    others = [s for s in sections if s.units and s.id not in {e.section.id for e in timed}]
    titles = {w for s in others for w in tokenize(s.path[-1])}
    stems = {stem(w) for w in titles}
    return any(stem(w) in stems or _cut_short(w, titles) for w in asked)


def _cut_short(word: str, words: set[str]) -> bool:
    """Is `word`, singular, the start of one of `words` ("certs" of "certifications")?"""
    start = word.removesuffix("s")
    return len(start) >= CLIPPED_MIN and any(w.startswith(start) for w in words)


__all__ = ["timed_elsewhere"]
