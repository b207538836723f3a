"""The question log: what visitors ask and how the assistant fared, for the guide's owner.

Off by default. With ``ASSISTANT_QUESTION_LOG=on`` every final answer (API, stream and chat page)
adds a row to the ``questions`` table of the assistant's database: the question redacted like
feedback (e-mails, phones, cards, IBANs, national ids), the outcome (answered, caveat, refused),
the policy's reason, what the question names that the guide lacks, the sections cited, backend,
latency and guide version. Feedback is not copied into it: it is joined by question text when a
report is made (``assistant.insights``), so a rating changed or taken back later is seen as it is.

With the log off nothing is written here; the answer log keeps only the question's hash.
Whatever the setting, ``/metrics`` counts answers by outcome and reason (``OutcomeMetrics``).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from assistant.db import Database
from assistant.db.models import QuestionRow
from assistant.feedback import redact_json
from assistant.observability import question_hash
from assistant.redaction import redact
from assistant.schema import Final, StreamEvent

if TYPE_CHECKING:
    from assistant.schema import Answer

log = logging.getLogger(__name__)

OUTCOMES = ("answered", "caveat", "refused")
#: How often, at most, a writing process deletes rows past the retention (and once at start).
PURGE_EVERY_S = 3600.0


def utcnow() -> datetime:
    """Now in UTC, naive: how the question log stores times on both engines."""
    return datetime.now(UTC).replace(tzinfo=None)


def outcome_of(answer: Answer) -> str:
    if answer.refused:
        return "refused"
    return "caveat" if answer.caveat else "answered"


def reason_of(answer: Answer) -> str:
    """The policy's check that decided (``diagnostics.reason``), or a plain word when the
    answer carries no diagnostics (a generative backend's fallback, a test double)."""
    reason = answer.diagnostics.reason if answer.diagnostics is not None else None
    if isinstance(reason, str) and reason:
        return reason[:64]
    return "refused" if answer.refused else "grounded"


def missing_of(answer: Answer) -> list[str]:
    """What the question names or asks that the guide lacks, as the policy saw it: unknown
    names, roles and context, or the word it could not match ('CKAD', 'London', 'bonus')."""
    d = answer.diagnostics
    if d is None or (not answer.refused and not answer.caveat):
        return []
    found = [str(v) for v in (d.unknown_names or []) + (d.context_unknown or [])]
    # The word a refusal turned on, when no name was missing ("remote", "expire").
    fields = {"uncovered_word": "least_covered_word", "unstated_property": "property_word"}
    field = fields.get(d.reason or "")
    word = getattr(d, field) if field else None
    if not found and word:
        found.append(str(word))
    return list(dict.fromkeys(found))


@dataclass
class LoggedQuestion:
    id: int
    created_at: datetime
    question_sha256: str
    question: str
    outcome: str
    reason: str | None
    missing: list[str]
    sections: list[str]
    backend: str
    latency_ms: float
    guide_version: str


def _logged(row: QuestionRow) -> LoggedQuestion:
    return LoggedQuestion(
        id=row.id,
        created_at=row.created_at,
        question_sha256=row.question_sha256,
        question=row.question,
        outcome=row.outcome,
        reason=row.reason,
        missing=json.loads(row.missing),
        sections=json.loads(row.sections),
        backend=row.backend,
        latency_ms=row.latency_ms,
        guide_version=row.guide_version,
    )


class QuestionLog:
    def __init__(self, db: Database, retention_days: int = 90) -> None:
        self.db = db
        self.retention = timedelta(days=retention_days)
        self._purged_at = float("-inf")

    def add(self, answer: Answer, at: datetime | None = None) -> int:
        """Store one answer's question (redacted) and outcome; returns the row id."""
        values = {
            "created_at": at or utcnow(),
            "question_sha256": question_hash(answer.question),
            "question": redact(answer.question),
            "outcome": outcome_of(answer),
            "reason": reason_of(answer),
            "missing": json.dumps(redact_json(missing_of(answer)), ensure_ascii=False),
            "sections": json.dumps(list(dict.fromkeys(s.section_id for s in answer.sources))),
            "backend": answer.backend[:32],
            "latency_ms": round(float(answer.latency_ms), 1),
            "guide_version": str(redact(answer.guide_version))[:64],
        }
        with self.db.engine.begin() as conn:
            row_id = conn.execute(
                insert(QuestionRow).values(values).returning(QuestionRow.id)
            ).scalar_one()
        if time.monotonic() - self._purged_at > PURGE_EVERY_S:
            self.purge()
        return row_id

    def purge(self, now: datetime | None = None) -> int:
        """Delete rows older than the retention; returns how many went."""
        self._purged_at = time.monotonic()
        cutoff = (now or utcnow()) - self.retention
        with self.db.engine.begin() as conn:
            result = conn.execute(delete(QuestionRow).where(QuestionRow.created_at < cutoff))
            return int(result.rowcount or 0)

    def between(self, since: datetime, until: datetime) -> list[LoggedQuestion]:
        """Rows asked in [since, until) (naive UTC), oldest first."""
        with Session(self.db.engine) as session:
            rows = session.scalars(
                select(QuestionRow)
                .where(QuestionRow.created_at >= since, QuestionRow.created_at < until)
                .order_by(QuestionRow.created_at, QuestionRow.id)
            )
            return [_logged(r) for r in rows]

    def count(self) -> int:
        with self.db.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(QuestionRow)).scalar_one())


class OutcomeMetrics:
    """``assistant_outcomes_total{outcome, reason}`` on the app's registry. The reasons are the
    policy's check names, a fixed set, so the number of series stays bounded."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.outcomes = Counter(
            "assistant_outcomes",
            "Answers by outcome (answered, caveat, refused) and the policy's reason.",
            ["outcome", "reason"],
            registry=registry,
        )

    def record(self, answer: Answer) -> None:
        self.outcomes.labels(outcome_of(answer), reason_of(answer)).inc()


class RecordedAssistant:
    """The (observed) Assistant with each final answer counted by outcome and, when the question
    log is on, stored in it. A failure to store is logged and never fails the answer."""

    def __init__(self, inner: Any, outcomes: OutcomeMetrics, questions: QuestionLog | None) -> None:
        self._inner = inner
        self._outcomes = outcomes
        self._questions = questions

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def _record(self, answer: Answer) -> None:
        self._outcomes.record(answer)
        if self._questions is None:
            return
        try:
            self._questions.add(answer)
        except Exception:
            log.exception("Could not store the question in the question log")

    def ask(self, question: Any, history: Any = None) -> Answer:
        answer = self._inner.ask(question, history)
        self._record(answer)
        return answer

    def stream(self, question: Any, history: Any = None) -> Iterator[StreamEvent]:
        for event in self._inner.stream(question, history):
            if isinstance(event, Final):
                self._record(event.answer)
            yield event


__all__ = [
    "OUTCOMES",
    "LoggedQuestion",
    "OutcomeMetrics",
    "QuestionLog",
    "RecordedAssistant",
    "missing_of",
    "outcome_of",
    "reason_of",
    "utcnow",
]
