"""The SQLite feedback store: durable and in WAL mode. Writes from several threads, and the same
store on PostgreSQL: tests/test_store.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.feedback import Feedback, FeedbackStore

CITATIONS = [
    {
        "n": 1,
        "section": "MLOps Engineer Certifications",
        "section_id": "mlops-engineer-certifications",
        "quote": "Cloud and Kubernetes certifications are the most valuable for MLOps roles.",
        "score": 0.9,
    }
]


def item(rating: str = "up", **kw: object) -> Feedback:
    fields: dict[str, object] = {
        "rating": rating,
        "question": "Which certifications?",
        "answer": "Cloud and Kubernetes certifications are the most valuable [1]",
        "citations": CITATIONS,
        "guide_version": "abc123",
    }
    fields.update(kw)
    return Feedback(**fields)  # type: ignore[arg-type]


def test_a_row_keeps_question_answer_citations_and_guide_version(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "data" / "feedback.sqlite3")
    row_id = store.add(item("down", comment="Too short", channel="ui"))
    (saved,) = FeedbackStore(store.path).recent()  # a new instance: the data is on disk
    assert saved.id == row_id
    assert (saved.rating, saved.comment, saved.channel) == ("down", "Too short", "ui")
    assert saved.question == "Which certifications?"
    assert saved.answer.endswith("[1]")
    assert saved.citations == CITATIONS
    assert saved.guide_version == "abc123"
    assert saved.created_at


def test_the_database_is_in_wal_mode_and_created_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "fb.sqlite3"
    store = FeedbackStore(path)
    assert not path.exists()  # nothing happens before it is used
    assert store.count() == 0
    assert store.journal_mode() == "wal"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_comment_rating_and_delete_update_one_row(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    first, second = store.add(item()), store.add(item())
    assert store.set_comment(first, "Helpful")
    assert store.set_rating(second, "down")
    assert not store.set_comment(999, "nobody")
    rows = {f.id: f for f in store.recent()}
    assert (rows[first].comment, rows[first].rating) == ("Helpful", "up")
    assert (rows[second].comment, rows[second].rating) == (None, "down")
    assert store.delete(first) and store.count() == 1


def test_a_bad_rating_is_refused(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    with pytest.raises(ValueError, match="rating"):
        store.add(item("meh"))
    assert store.count() == 0
