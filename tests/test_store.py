"""The store contract, run on SQLite and on a real PostgreSQL: feedback, the question log,
retention and migrations. The PostgreSQL server is Debian's, started for this module
(tests/postgres.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from postgres import new_database, postgres_server
from sqlalchemy import inspect, text

from assistant.db import Database, migrate
from assistant.feedback import Feedback, FeedbackStore
from assistant.questionlog import QuestionLog, utcnow
from assistant.schema import Answer, Diagnostics, Source

CITATIONS = [{"n": 1, "section": "Certifications", "quote": "CKA ($395)", "score": 0.9}]
SECRET = "mail jane.doe@example.com, card 4111 1111 1111 1111"


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'data' / 'feedback.sqlite3'}")
    else:
        database = Database(new_database(request.getfixturevalue("pg_server")))
    yield database
    database.dispose()


def feedback(rating: str = "up", **kw: object) -> Feedback:
    fields: dict[str, object] = {
        "rating": rating,
        "question": "Which certifications?",
        "answer": "CKA ($395) [1]",
        "citations": CITATIONS,
        "guide_version": "abc123abc123",
    }
    fields.update(kw)
    return Feedback(**fields)  # type: ignore[arg-type]


def answer(
    question: str, refused: bool = False, caveat: str | None = None, **diag: object
) -> Answer:
    sources = [] if refused else [Source(1, "certifications", "Certifications", "CKA ($395)", 0.9)]
    a = Answer(question, "text", refused, sources, "abc123abc123", latency_ms=12.34)
    a.caveat = caveat
    a.diagnostics = Diagnostics(**diag)
    return a


# --- feedback ------------------------------------------------------------------------------
def test_feedback_rows_round_trip(db: Database) -> None:
    store = FeedbackStore(db)
    row_id = store.add(feedback("down", comment="Too short", channel="ui"))
    (saved,) = FeedbackStore(db.url.render_as_string(hide_password=False)).recent()
    assert (saved.id, saved.rating, saved.comment, saved.channel) == (
        row_id,
        "down",
        "Too short",
        "ui",
    )
    assert saved.citations == CITATIONS and saved.guide_version == "abc123abc123"
    assert saved.question == "Which certifications?" and saved.created_at


def test_feedback_comment_rating_delete_and_count(db: Database) -> None:
    store = FeedbackStore(db)
    first, second = store.add(feedback()), store.add(feedback())
    assert store.set_comment(first, "Helpful") and store.set_rating(second, "down")
    assert not store.set_comment(999_999, "nobody") and not store.delete(999_999)
    rows = {f.id: f for f in store.recent()}
    assert (rows[first].comment, rows[first].rating) == ("Helpful", "up")
    assert (rows[second].comment, rows[second].rating) == (None, "down")
    assert store.delete(first) and store.count() == 1
    with pytest.raises(ValueError, match="rating"):
        store.add(feedback("meh"))
    assert store.count() == 1


def test_feedback_is_redacted_before_it_is_written(db: Database) -> None:
    store = FeedbackStore(db)
    row_id = store.add(feedback(question=f"Salary? {SECRET}", comment=SECRET))
    store.set_comment(row_id, f"again {SECRET}")
    with db.engine.connect() as conn:
        raw = " ".join(str(v) for v in conn.execute(text("SELECT * FROM feedback")).one())
    assert "jane.doe" not in raw and "4111 1111" not in raw  # not a timestamp's microseconds
    assert "[email]" in raw and "[card]" in raw


def test_feedback_from_several_threads_all_lands(db: Database) -> None:
    store = FeedbackStore(db)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(10):
                store.add(feedback(comment=f"{n}-{i}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and store.count() == 40
    assert {f.comment for f in store.recent(100)} == {
        f"{n}-{i}" for n in range(4) for i in range(10)
    }


def test_feedback_between_takes_the_period(db: Database) -> None:
    store = FeedbackStore(db)
    store.add(feedback(created_at="2025-01-01T10:00:00+00:00", comment="old"))
    store.add(feedback(created_at="2025-02-01T10:00:00+00:00", comment="in"))
    rows = store.between("2025-01-15T00:00:00", "2025-02-15T00:00:00")
    assert [f.comment for f in rows] == ["in"]


# --- the question log ------------------------------------------------------------------------
def test_the_question_log_keeps_outcome_reason_sections_and_redacts(db: Database) -> None:
    log = QuestionLog(db)
    log.add(answer("How much is the CKA?", reason="grounded"))
    log.add(answer(f"Salary in London? {SECRET}", refused=True, reason="unknown_name",
                   unknown_names=["London"]))  # fmt: skip
    log.add(answer("I do COBOL; which tools?", caveat="The guide does not address COBOL.",
                   reason="context_unknown", context_unknown=["COBOL"]))  # fmt: skip
    rows = log.between(utcnow() - timedelta(minutes=5), utcnow() + timedelta(minutes=1))
    assert [r.outcome for r in rows] == ["answered", "refused", "caveat"]
    assert [r.reason for r in rows] == ["grounded", "unknown_name", "context_unknown"]
    assert rows[0].sections == ["certifications"] and rows[1].sections == []
    assert rows[1].missing == ["London"] and rows[2].missing == ["COBOL"] and rows[0].missing == []
    assert rows[1].question == "Salary in London? mail [email], card [card]"
    assert rows[0].latency_ms == 12.3 and rows[0].backend == "extractive"
    assert len({r.question_sha256 for r in rows}) == 3
    with db.engine.connect() as conn:
        raw = " ".join(str(v) for r in conn.execute(text("SELECT * FROM questions")) for v in r)
    assert "jane.doe" not in raw and "4111 1111" not in raw  # not a timestamp's microseconds


def test_retention_deletes_older_rows_only(db: Database) -> None:
    log = QuestionLog(db, retention_days=7)
    now = utcnow()
    assert log.purge(now) == 0  # so that adding does not purge again within the hour
    log.add(answer("old"), at=now - timedelta(days=8))
    log.add(answer("recent"), at=now - timedelta(days=6))
    assert log.count() == 2
    assert log.purge(now) == 1
    assert [r.question for r in log.between(now - timedelta(days=30), now)] == ["recent"]


def test_adding_purges_rows_past_the_retention(db: Database) -> None:
    old = QuestionLog(db, retention_days=30)
    old.purge()
    old.add(answer("old"), at=utcnow() - timedelta(days=40))  # this process purged already
    assert old.count() == 1
    QuestionLog(db, retention_days=30).add(answer("new"))  # a fresh process purges on first add
    assert (
        old.count() == 1
        and old.between(utcnow() - timedelta(days=1), utcnow())[0].question == "new"
    )


# --- migrations ----------------------------------------------------------------------------
def test_the_schema_is_at_the_newest_revision_and_migrating_again_changes_nothing(
    db: Database,
) -> None:
    FeedbackStore(db).add(feedback())
    migrate(db.engine)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0002"
        tables = set(inspect(conn).get_table_names())
    assert {"feedback", "questions", "alembic_version"} <= tables
    assert FeedbackStore(db).count() == 1


def test_replicas_starting_together_migrate_once(db: Database) -> None:
    """Three processes open a new database at once: one migrates, the others wait (PostgreSQL's
    advisory lock) or retry (SQLite), and every one of them writes its row."""
    url = db.url.render_as_string(hide_password=False)
    script = (
        "import sys; from assistant.feedback import Feedback, FeedbackStore; "
        "FeedbackStore(sys.argv[1]).add(Feedback('up', 'q', 'a', [], 'v'))"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, url], stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert FeedbackStore(db).count() == 3
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM alembic_version")).scalar_one() == 1


def test_stores_in_one_process_share_the_migration(db: Database) -> None:
    url = db.url.render_as_string(hide_password=False)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            FeedbackStore(Database(url)).add(feedback())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert FeedbackStore(db).count() == 4


def test_a_database_made_before_migrations_keeps_its_feedback(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as conn:  # the table as the store created it before Alembic
        conn.execute(
            "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,"
            " rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), question TEXT NOT NULL,"
            " answer TEXT NOT NULL, citations TEXT NOT NULL, comment TEXT,"
            " guide_version TEXT NOT NULL, channel TEXT NOT NULL)"
        )
        conn.execute(
            "INSERT INTO feedback VALUES (7, '2025-01-01T00:00:00+00:00', 'down', 'q', 'a',"
            " ?, 'kept', 'v', 'api')",
            (json.dumps(CITATIONS),),
        )
    conn.close()
    store = FeedbackStore(path)
    (row,) = store.recent()
    assert (row.id, row.comment, row.citations) == (7, "kept", CITATIONS)
    assert store.add(feedback()) == 8
    assert QuestionLog(store.db).count() == 0  # the new table is there
