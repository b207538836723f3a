"""Thumbs up/down feedback on answers, stored durably in SQLite (WAL mode) in the data folder.

Each row keeps what is needed to judge the answer later: the question, the answer text, its
citations (as JSON), the guide version it was answered from, the rating and an optional comment.
A connection is opened per call, so the store is safe to use from the server's worker threads.

Personal data is taken out of every text a row stores before anything is written: the question,
answer, comment, guide version, channel and time, and each string (and number) inside the
citations. ``assistant.redaction.redact`` replaces e-mail addresses, IBANs, card numbers, national
ids and phone numbers by ``[email]``, ``[iban]``, ``[card]``, ``[national id]`` and ``[phone]``:
visitors paste them into chat boxes, and the store must not become a list of them.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from assistant.redaction import (
    CARD_MARK,
    EMAIL_MARK,
    IBAN_MARK,
    NATIONAL_ID_MARK,
    PHONE_MARK,
    redact,
)

Rating = Literal["up", "down"]


def redact_json(value: Any) -> Any:
    """`value` (parsed JSON: citations) with `redact` applied to every string, key and number in it.
    A number that holds personal data ("score": 4111111111111111) becomes the mark, a string."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        text = str(value)
        redacted = redact(text)
        return value if redacted == text else redacted
    if isinstance(value, dict):
        return {redact_json(k): redact_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_json(v) for v in value]
    return redact(str(value))  # anything else is stored as its text (json.dumps would refuse it)


RATINGS: tuple[str, ...] = ("up", "down")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    TEXT NOT NULL,
    rating        TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question      TEXT NOT NULL,
    answer        TEXT NOT NULL,
    citations     TEXT NOT NULL,
    comment       TEXT,
    guide_version TEXT NOT NULL,
    channel       TEXT NOT NULL
)
"""


@dataclass
class Feedback:
    rating: Rating
    question: str
    answer: str
    citations: list[dict[str, Any]]
    guide_version: str
    comment: str | None = None
    channel: str = "api"  # "ui" (chat page) or "api"
    id: int | None = None
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


_VERSION = re.compile(r"[0-9a-f]{12}")


def _version(text: str) -> str:
    """A guide version as the assistant writes it (12 hex digits) is kept; anything else a client
    sent in its place is redacted like free text."""
    return text if _VERSION.fullmatch(text) else str(redact(text))


class FeedbackStore:
    def __init__(self, path: Path, on_add: Callable[[Feedback], None] | None = None) -> None:
        self.path = Path(path)
        self.on_add = on_add  # e.g. a metrics counter; called after the row is committed
        self._ready = False
        self._init_lock = threading.Lock()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            with self._init_lock:
                if not self._ready:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with sqlite3.connect(self.path) as conn:
                        conn.execute("PRAGMA journal_mode=WAL")
                        conn.execute(_SCHEMA)
                    conn.close()
                    self._ready = True
        conn = sqlite3.connect(self.path, timeout=10)
        try:
            with conn:  # commits, or rolls back on error
                yield conn
        finally:
            conn.close()

    def add(self, item: Feedback) -> int:
        if item.rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {item.rating!r}")
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, citations, comment,"
                " guide_version, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    redact(item.created_at),
                    item.rating,
                    redact(item.question),
                    redact(item.answer),
                    json.dumps(redact_json(item.citations), ensure_ascii=False),
                    redact(item.comment),
                    _version(item.guide_version),
                    redact(item.channel),
                ),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        item.id = row_id
        if self.on_add is not None:
            self.on_add(item)
        return row_id

    def set_comment(self, feedback_id: int, comment: str | None) -> bool:
        with self._connect() as conn:
            cursor = conn.execute(
                "UPDATE feedback SET comment = ? WHERE id = ?", (redact(comment), feedback_id)
            )
            return cursor.rowcount == 1

    def set_rating(self, feedback_id: int, rating: Rating) -> bool:
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
        with self._connect() as conn:
            cursor = conn.execute(
                "UPDATE feedback SET rating = ? WHERE id = ?", (rating, feedback_id)
            )
            return cursor.rowcount == 1

    def delete(self, feedback_id: int) -> bool:
        with self._connect() as conn:
            return conn.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,)).rowcount == 1

    def recent(self, limit: int = 50) -> list[Feedback]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, created_at, rating, question, answer, citations, comment,"
                " guide_version, channel FROM feedback ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [
            Feedback(
                id=r[0],
                created_at=r[1],
                rating=r[2],
                question=r[3],
                answer=r[4],
                citations=json.loads(r[5]),
                comment=r[6],
                guide_version=r[7],
                channel=r[8],
            )
            for r in rows
        ]

    def count(self) -> int:
        with self._connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def journal_mode(self) -> str:
        with self._connect() as conn:
            return str(conn.execute("PRAGMA journal_mode").fetchone()[0])


__all__ = [
    "CARD_MARK",
    "EMAIL_MARK",
    "IBAN_MARK",
    "NATIONAL_ID_MARK",
    "PHONE_MARK",
    "RATINGS",
    "Feedback",
    "FeedbackStore",
    "Rating",
    "redact",
    "redact_json",
]
