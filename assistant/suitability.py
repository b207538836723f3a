"""Whom the role suits: an ask about the kind of person the work fits ("who is it a good fit
for?", "what kind of person does well at this?", "is MLOps a good fit for someone who likes
infra more than models?") is answered by the guide's lines that describe people by what they
want or enjoy ("… engineers who enjoy infrastructure …", "Best for those who get satisfaction
from …"), wherever they stand: a small embedding model rarely ranks them first, as the ask's
words ("fit", "kind of person") are not theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.schema import Section, Unit

#: An ask about whom the work suits.
SUITS = re.compile(
    r"\b(?:(?:good|bad|best|right|great|natural|poor|better|strong|ideal|wrong)\s+(?:fit|match)"
    r"|fit\s+for|(?:best|well|most|better)[- ]suited|for\s+whom"
    r"|suit(?:s|able)?\s+(?:for\s+)?(?:me|him|her|you|them|someone|somebody|people|students?)"
    r"|cut\s+out\s+for|(?:does|do)\s+well\s+(?:at|in)"
    r"|what\s+(?:kinds?|sorts?|types?)\s+of\s+(?:person|people|personality|student|engineer)s?"
    r"\s+(?:is|are|would|does|do|suits?|fits?|gets?|enjoys?|likes?|thrives?)"
    r"|who(?:\s+is|['’]s|s)\s+(?:this|it|the)\b[^?.!]{0,30}\b(?:for|aimed\s+at))\b",
    re.IGNORECASE,
)
#: A line describing people by what they want or enjoy.
_PEOPLE_WHO = re.compile(
    r"\b(?:engineers?|developers?|those|people|someone|anyone)\s+who\s+(?:want|enjoy|like|love"
    r"|get|prefer)",
    re.IGNORECASE,
)


def suited(ask: str, sections: Iterable[Section]) -> list[tuple[Section, Unit]]:
    """The guide's lines on whom the role suits, in its order, when the ask is about that."""
    if not SUITS.search(ask):
        return []
    return [(s, unit) for s in sections for unit in s.units if _PEOPLE_WHO.search(unit.text)]


__all__ = ["SUITS", "suited"]
