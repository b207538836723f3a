"""The tables of the store: feedback on answers, and the question log.

The ``feedback`` table keeps the columns, types and text encodings of the SQLite table the store
had before SQLAlchemy (times and citations as text), so existing databases, and the tools and
tests that read them with plain SQL, keep working. The question log is new: one row per answer
given while ``ASSISTANT_QUESTION_LOG`` is on. Its time is a naive UTC datetime on both engines.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Float, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = MetaData()


class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("rating IN ('up', 'down')", name="feedback_rating"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[str] = mapped_column(Text)  # ISO 8601, as the assistant wrote it
    rating: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    citations: Mapped[str] = mapped_column(Text)  # JSON
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    guide_version: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)


class QuestionRow(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    question_sha256: Mapped[str] = mapped_column(String(16), index=True)
    question: Mapped[str] = mapped_column(Text)  # redacted
    outcome: Mapped[str] = mapped_column(String(16))  # answered | caveat | refused
    reason: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the policy's check
    missing: Mapped[str] = mapped_column(Text, default="[]")  # JSON: names/words the guide lacks
    sections: Mapped[str] = mapped_column(Text, default="[]")  # JSON: section ids cited
    backend: Mapped[str] = mapped_column(String(32))
    latency_ms: Mapped[float] = mapped_column(Float)
    guide_version: Mapped[str] = mapped_column(String(64))


metadata = Base.metadata

__all__ = ["Base", "FeedbackRow", "QuestionRow", "metadata"]
