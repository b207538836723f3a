"""Thumbs up/down feedback on answers, stored durably in the assistant's database
(``assistant.db``): SQLite in WAL mode in the data folder by default, or a PostgreSQL server
shared by several replicas (``ASSISTANT_DATABASE_URL``).

Each row keeps what is needed to judge the answer later: the question, the answer text, its
citations (as JSON), the guide version it was answered from, the rating and an optional comment.
Every call takes its own connection and transaction, so the store is safe to use from the
server's worker threads.

Personal data is taken out of every text a row stores before anything is written: the question,
answer, comment, guide version, channel and time, and each string (and number) inside the
citations. ``assistant.redaction.redact`` replaces e-mail addresses, IBANs, card numbers, national
ids and phone numbers by ``[email]``, ``[iban]``, ``[card]``, ``[national id]`` and ``[phone]``:
visitors paste them into chat boxes, and the store must not become a list of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from assistant.db import Database, sqlite_url
from assistant.db.models import FeedbackRow
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


def _database(target: str | Path | Database) -> Database:
    """A Database from what callers pass: one already open, an SQLAlchemy URL, or a file path
    (SQLite, as the store has always been given)."""
    if isinstance(target, Database):
        return target
    if isinstance(target, str) and "://" in target:
        return Database(target)
    return Database(sqlite_url(Path(target)))


def _feedback(row: FeedbackRow) -> Feedback:
    return Feedback(
        id=row.id,
        created_at=row.created_at,
        rating=row.rating,  # type: ignore[arg-type]
        question=row.question,
        answer=row.answer,
        citations=json.loads(row.citations),
        comment=row.comment,
        guide_version=row.guide_version,
        channel=row.channel,
    )


class FeedbackStore:
    """Feedback rows in the assistant's database (``assistant.db``): an SQLite file path, an
    SQLAlchemy URL (PostgreSQL for several replicas) or an open ``Database``."""

    def __init__(
        self, target: str | Path | Database, on_add: Callable[[Feedback], None] | None = None
    ) -> None:
        self.db = _database(target)
        self.on_add = on_add  # e.g. a metrics counter; called after the row is committed

    @property
    def path(self) -> Path:
        """The SQLite file (only for a store on SQLite)."""
        if self.db.path is None:
            raise AttributeError("a store on a database server has no file path")
        return self.db.path

    def add(self, item: Feedback) -> int:
        if item.rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {item.rating!r}")
        values = {
            "created_at": redact(item.created_at),
            "rating": item.rating,
            "question": redact(item.question),
            "answer": redact(item.answer),
            "citations": json.dumps(redact_json(item.citations), ensure_ascii=False),
            "comment": redact(item.comment),
            "guide_version": _version(item.guide_version),
            "channel": redact(item.channel),
        }
        with self.db.engine.begin() as conn:
            row_id = conn.execute(
                insert(FeedbackRow).values(values).returning(FeedbackRow.id)
            ).scalar_one()
        item.id = int(row_id)
        if self.on_add is not None:
            self.on_add(item)
        return item.id

    def _update(self, feedback_id: int, **values: Any) -> bool:
        with self.db.engine.begin() as conn:
            result = conn.execute(
                update(FeedbackRow).where(FeedbackRow.id == feedback_id).values(**values)
            )
            return result.rowcount == 1

    def set_comment(self, feedback_id: int, comment: str | None) -> bool:
        return self._update(feedback_id, comment=redact(comment))

    def set_rating(self, feedback_id: int, rating: Rating) -> bool:
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
        return self._update(feedback_id, rating=rating)

    def delete(self, feedback_id: int) -> bool:
        with self.db.engine.begin() as conn:
            result = conn.execute(delete(FeedbackRow).where(FeedbackRow.id == feedback_id))
            return result.rowcount == 1

    def recent(self, limit: int = 50) -> list[Feedback]:
        with Session(self.db.engine) as session:
            rows = session.scalars(select(FeedbackRow).order_by(FeedbackRow.id.desc()).limit(limit))
            return [_feedback(r) for r in rows]

    def between(self, since: str, until: str) -> list[Feedback]:
        """Rows whose time (ISO 8601 text, UTC) is in [since, until), oldest first."""
        with Session(self.db.engine) as session:
            rows = session.scalars(
                select(FeedbackRow)
                .where(FeedbackRow.created_at >= since, FeedbackRow.created_at < until)
                .order_by(FeedbackRow.id)
            )
            return [_feedback(r) for r in rows]

    def count(self) -> int:
        with self.db.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(FeedbackRow)).scalar_one())

    def journal_mode(self) -> str:
        """SQLite's journal mode ('wal'); 'server' for a database server."""
        if not self.db.is_sqlite:
            return "server"
        with self.db.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar_one())


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
