"""What a question leans on in the conversation: whether it is a follow-up, and the last
exchange (question and answer, citation markers removed) it reads with."""

from __future__ import annotations

import re

# A follow-up leans on the conversation: short, or pointing back ("it", "that one", "what about").
_FOLLOW_UP = re.compile(
    r"\b(it|its|that|this|those|these|they|them|their|one|ones|the same|what about|how about"
    r"|and|also|else|other|another|more|which of)\b",
    re.IGNORECASE,
)
MARKERS = re.compile(r"\s*\[\d+(?:,\s*\d+)*\]")


def is_follow_up(question: str, history: list[dict[str, str]], max_words: int) -> bool:
    """Does `question` read with the conversation before it: it is short (at most `max_words`
    words) or points back ("those", "it")?"""
    if not any(m["role"] == "user" for m in history):
        return False
    return len(question.split()) <= max_words or bool(_FOLLOW_UP.search(question))


def last_exchange(turns: list[dict[str, str]]) -> str:
    """The last question and the answer it got, citation markers removed."""
    user = [m["content"] for m in turns if m["role"] == "user"][-1:]
    said = [m["content"] for m in turns if m["role"] == "assistant"][-1:]
    return " ".join(user + [MARKERS.sub("", t.split("\nSources:")[0]) for t in said])


def said_before(turns: list[dict[str, str]]) -> str:
    """The last answer's text, citation markers removed."""
    said = [m["content"] for m in turns if m["role"] == "assistant"][-1:]
    return MARKERS.sub("", said[0]) if said else ""


__all__ = ["MARKERS", "is_follow_up", "last_exchange", "said_before"]
