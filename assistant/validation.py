"""Check a question and a conversation history before anything else sees them."""

from __future__ import annotations

import unicodedata
from typing import Any

from assistant import phrases
from assistant.errors import InvalidQuestion
from assistant.settings import Settings

_ALLOWED_CONTROLS = {"\n", "\t", "\r"}


def clean_question(question: Any, settings: Settings) -> str:
    """Return the question, stripped and with invisible format characters removed.

    Raises InvalidQuestion for: not text, undecodable bytes, control characters, empty, too long.
    """
    if isinstance(question, bytes | bytearray):
        try:
            question = bytes(question).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidQuestion(phrases.BAD_CHARACTERS) from None
    if not isinstance(question, str):
        raise InvalidQuestion(phrases.EMPTY_QUESTION)
    if len(question) > settings.limits.max_question_chars:
        raise InvalidQuestion(
            phrases.QUESTION_TOO_LONG.format(
                length=len(question), limit=settings.limits.max_question_chars
            )
        )
    if "\ufffd" in question or any(
        unicodedata.category(ch) in ("Cc", "Cs") and ch not in _ALLOWED_CONTROLS for ch in question
    ):
        raise InvalidQuestion(phrases.BAD_CHARACTERS)
    # Zero-width and bidi controls (category Cf) carry no meaning for search: drop them.
    question = "".join(ch for ch in question if unicodedata.category(ch) != "Cf")
    question = " ".join(question.split())
    if not question:
        raise InvalidQuestion(phrases.EMPTY_QUESTION)
    return question


def clean_history(history: Any, settings: Settings) -> list[dict[str, str]]:
    if history is None:
        return []
    if not isinstance(history, list):
        raise InvalidQuestion(phrases.BAD_HISTORY.format(reason="it is not a list"))
    if len(history) > settings.limits.max_history_turns:
        raise InvalidQuestion(
            phrases.HISTORY_TOO_LONG.format(
                detail=f"{len(history)} messages, at most {settings.limits.max_history_turns}"
            )
        )
    out: list[dict[str, str]] = []
    total = 0
    for i, message in enumerate(history):
        if not isinstance(message, dict):
            raise InvalidQuestion(phrases.BAD_HISTORY.format(reason=f"item {i} is not an object"))
        role, content = message.get("role"), message.get("content")
        if role not in ("user", "assistant"):
            # The value sent is not repeated: an error sentence is logged and shown.
            raise InvalidQuestion(phrases.BAD_HISTORY.format(reason=f"item {i} has another role"))
        if not isinstance(content, str):
            raise InvalidQuestion(
                phrases.BAD_HISTORY.format(reason=f"item {i} has no text content")
            )
        total += len(content)
        if total > settings.limits.max_history_chars:
            raise InvalidQuestion(
                phrases.HISTORY_TOO_LONG.format(
                    detail=f"over {settings.limits.max_history_chars} characters"
                )
            )
        out.append({"role": role, "content": content})
    return out
