"""The owner's report: what visitors asked in a period, how it went, where the guide falls short.

``build_report(db, since, until, embed, settings)`` reads the question log and the feedback of
the period and gives:

- questions per day, by outcome, and the share answered / with a caveat / refused;
- the most asked topics: the period's distinct questions clustered by meaning (the packaged
  MiniLM's vectors, scikit-learn's agglomerative clustering with average linkage and a cosine
  distance threshold, the setting ``insights.cluster_distance``, so the number of topics
  follows the data), each named by its most central question and the sections its answers
  cite;
- content gaps: the refused questions clustered the same way on their own, largest first, with
  what they name that the guide lacks ('CKAD', 'London');
- rated-down answers with their comments.

``export_cases`` turns the period's distinct questions into an ``assistant eval`` question set:
the assistant's outcome is the draft label (``answerable``, ``expected_sections``) and the
feedback a hint, for a maintainer to confirm before adding the cases to a gold set.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from assistant.db import Database
from assistant.feedback import Feedback, FeedbackStore
from assistant.questionlog import OUTCOMES, LoggedQuestion, QuestionLog, utcnow
from assistant.settings import Settings

Embed = Callable[[list[str]], np.ndarray]


def normalise(text: str) -> str:
    """The key two askings of one question share (case and spacing aside)."""
    return " ".join(text.split()).casefold()


@dataclass
class Distinct:
    """One distinct question of the period and everything known about its askings."""

    question: str  # as first asked (redacted)
    asked: int
    outcome: str  # the latest asking's
    reason: str | None
    sections: list[str]
    missing: list[str]
    sha: str
    up: int = 0
    down: int = 0
    comments: list[str] = field(default_factory=list)


@dataclass
class Cluster:
    name: str  # the most central question
    questions: list[Distinct]  # most asked first
    asked: int  # askings, repeats included
    sections: list[tuple[str, int]]  # section ids its answers cite, most cited first
    missing: list[tuple[str, int]]  # what its questions name that the guide lacks
    outcomes: dict[str, int]


@dataclass
class Report:
    since: datetime
    until: datetime
    total: int
    per_day: list[tuple[date, dict[str, int]]]
    outcomes: dict[str, int]
    reasons: list[tuple[str, int]]  # refusal reasons, most frequent first
    topics: list[Cluster]
    gaps: list[Cluster]
    rated_down: list[Feedback]
    ratings: dict[str, int]
    distinct: list[Distinct]

    def share(self, outcome: str) -> float:
        return self.outcomes.get(outcome, 0) / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        def cluster(c: Cluster) -> dict[str, Any]:
            return {
                "name": c.name,
                "asked": c.asked,
                "questions": [d.question for d in c.questions],
                "sections": [s for s, _ in c.sections],
                "missing": [m for m, _ in c.missing],
                "outcomes": c.outcomes,
            }

        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "questions": self.total,
            "per_day": [{"day": d.isoformat(), **counts} for d, counts in self.per_day],
            "outcomes": self.outcomes,
            "refusal_reasons": dict(self.reasons),
            "topics": [cluster(c) for c in self.topics],
            "content_gaps": [cluster(c) for c in self.gaps],
            "ratings": self.ratings,
            "rated_down": [
                {"question": f.question, "answer": f.answer, "comment": f.comment,
                 "created_at": f.created_at}
                for f in self.rated_down
            ],
        }  # fmt: skip


def period(
    days: int | None = None, since: date | None = None, until: date | None = None
) -> tuple[datetime, datetime]:
    """[since, until) in naive UTC: whole days from `since` to `until` (both included), or the
    last `days` days up to now (30 when nothing is said)."""
    if since is not None or until is not None:
        midnight = datetime.min.time()
        end = datetime.combine(until, midnight) + timedelta(days=1) if until else utcnow()
        start = datetime.combine(since, midnight) if since else end - timedelta(days=30)
        return start, end
    end = utcnow()
    return end - timedelta(days=days or 30), end


def _distinct(rows: Sequence[LoggedQuestion], feedback: Sequence[Feedback]) -> list[Distinct]:
    by_key: dict[str, Distinct] = {}
    for row in rows:
        key = normalise(row.question)
        seen = by_key.get(key)
        if seen is None:
            by_key[key] = Distinct(
                row.question, 1, row.outcome, row.reason, row.sections, row.missing,
                row.question_sha256,
            )  # fmt: skip
        else:  # the latest asking decides the outcome (the guide or the assistant may change)
            seen.asked += 1
            seen.outcome, seen.reason, seen.sections = row.outcome, row.reason, row.sections
            seen.missing = list(dict.fromkeys([*seen.missing, *row.missing]))
    for item in feedback:
        d = by_key.get(normalise(item.question))
        if d is None:
            continue
        if item.rating == "up":
            d.up += 1
        else:
            d.down += 1
        if item.comment:
            d.comments.append(item.comment)
    return sorted(by_key.values(), key=lambda d: -d.asked)


def cluster(items: Sequence[Distinct], embed: Embed, distance: float) -> list[Cluster]:
    """`items` grouped by meaning, most asked cluster first: questions whose average cosine
    distance is below `distance` (settings.insights.cluster_distance) share a cluster."""
    if not items:
        return []
    vectors = np.asarray(embed([d.question for d in items]), dtype=np.float32)
    if len(items) == 1:
        labels = np.zeros(1, dtype=int)
    else:
        from sklearn.cluster import AgglomerativeClustering

        labels = AgglomerativeClustering(
            n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average"
        ).fit_predict(vectors)
    clusters = []
    for label in sorted(set(labels.tolist())):
        members = [i for i in range(len(items)) if labels[i] == label]
        block = vectors[members]
        weights = np.array([items[i].asked for i in members], dtype=np.float32)
        # The most central question: the highest asked-weighted similarity to the others.
        central = members[int(np.argmax((block @ block.T) @ weights))]
        chosen = sorted((items[i] for i in members), key=lambda d: -d.asked)
        sections: Counter[str] = Counter()
        missing: Counter[str] = Counter()
        outcomes: Counter[str] = Counter()
        for d in chosen:
            sections.update({s: d.asked for s in d.sections})
            missing.update({m: d.asked for m in d.missing})
            outcomes[d.outcome] += d.asked
        clusters.append(
            Cluster(
                name=items[central].question,
                questions=chosen,
                asked=sum(d.asked for d in chosen),
                sections=sections.most_common(),
                missing=missing.most_common(),
                outcomes=dict(outcomes),
            )
        )
    return sorted(clusters, key=lambda c: (-c.asked, -len(c.questions), c.name))


def _iso(moment: datetime, ceil: bool = False) -> str:
    """A naive UTC time as feedback rows write theirs ('2025-01-15T10:20:30+00:00'), to whole
    seconds: rounded up for the end of a period, so a row of its last second is in it."""
    if ceil and moment.microsecond:
        moment += timedelta(seconds=1)
    return moment.replace(microsecond=0).isoformat() + "+00:00"


def build_report(
    db: Database, since: datetime, until: datetime, embed: Embed, settings: Settings
) -> Report:
    """The report of the period: `settings` gives the question log's retention
    (question_log_retention_days) and the topics' distance (insights.cluster_distance)."""
    log = QuestionLog(db, settings.question_log_retention_days)
    log.purge()  # a report never shows rows past the retention
    rows = log.between(since, until)
    feedback = FeedbackStore(db).between(_iso(since), _iso(until, ceil=True))
    distinct = _distinct(rows, feedback)

    days: dict[date, Counter[str]] = {}
    day = since.date()
    while day <= (until - timedelta(microseconds=1)).date():
        days[day] = Counter()
        day += timedelta(days=1)
    for row in rows:
        days.setdefault(row.created_at.date(), Counter())[row.outcome] += 1
    outcomes = Counter(row.outcome for row in rows)
    reasons = Counter(row.reason or "refused" for row in rows if row.outcome == "refused")
    distance = settings.insights.cluster_distance
    return Report(
        since=since,
        until=until,
        total=len(rows),
        per_day=[(d, {o: c.get(o, 0) for o in OUTCOMES}) for d, c in sorted(days.items())],
        outcomes={o: outcomes.get(o, 0) for o in OUTCOMES},
        reasons=reasons.most_common(),
        topics=cluster(distinct, embed, distance),
        gaps=cluster([d for d in distinct if d.outcome == "refused"], embed, distance),
        rated_down=[f for f in feedback if f.rating == "down"],
        ratings={
            "up": sum(f.rating == "up" for f in feedback),
            "down": sum(f.rating == "down" for f in feedback),
        },  # fmt: skip
        distinct=distinct,
    )


def case_lines(report: Report) -> Iterator[str]:
    """The period's distinct questions as `assistant eval` cases, one JSON line each.
    `answerable` and `expected_sections` are the assistant's own outcome, a draft label to
    confirm; `feedback` is a hint (ratings and comments); `draft`, `outcome`, `reason`, `asked`
    and `missing` are extra fields, which `assistant eval` keeps for its report."""
    for d in report.distinct:
        case: dict[str, Any] = {
            "id": f"log-{d.sha}",
            "question": d.question,
            "answerable": d.outcome != "refused",
            "expected_sections": d.sections if d.outcome != "refused" else [],
            "draft": True,
            "outcome": d.outcome,
            "reason": d.reason,
            "asked": d.asked,
        }
        if d.missing:
            case["missing"] = d.missing
        if d.up or d.down:
            case["feedback"] = {"up": d.up, "down": d.down, "comments": d.comments}
        yield json.dumps(case, ensure_ascii=False) + "\n"


def export_cases(report: Report, path: Path) -> int:
    """Write `case_lines` to `path`; returns how many cases."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(case_lines(report))
    return len(report.distinct)


def render_text(report: Report, topics: int = 10, gaps: int = 10) -> str:
    """The report for a terminal."""
    width = 30
    lines = [
        f"Questions from {report.since:%Y-%m-%d %H:%M} to {report.until:%Y-%m-%d %H:%M} UTC: "
        f"{report.total} ({len(report.distinct)} distinct)",
        "  " + ", ".join(f"{o} {report.outcomes[o]} ({report.share(o):.0%})" for o in OUTCOMES),
        f"  feedback: {report.ratings['up']} up, {report.ratings['down']} down",
        "",
        "Questions per day:",
    ]
    top = max((sum(c.values()) for _, c in report.per_day), default=0) or 1
    for day, counts in report.per_day:
        n = sum(counts.values())
        lines.append(f"  {day}  {'#' * round(width * n / top):<{width}} {n}")
    if report.reasons:
        lines += ["", "Refused, by reason:"]
        lines += [f"  {reason}: {n}" for reason, n in report.reasons]
    lines += ["", "Most asked topics:"]
    for c in report.topics[:topics]:
        where = ", ".join(s for s, _ in c.sections[:3]) or "no section"
        lines.append(f"  {c.asked:>4}  {c.name}  [{where}]")
    lines += ["", "Content gaps (refused questions, largest first):"]
    for c in report.gaps[:gaps]:
        lacks = ", ".join(m for m, _ in c.missing[:4])
        lines.append(f"  {c.asked:>4}  {c.name}" + (f"  (lacks: {lacks})" if lacks else ""))
    if len(report.gaps) > gaps:
        lines.append(f"  … and {len(report.gaps) - gaps} more")
    lines += ["", "Rated down:"]
    for f in report.rated_down:
        comment = f" — {f.comment}" if f.comment else ""
        lines.append(f"  {f.created_at}  {f.question}{comment}")
    if not report.rated_down:
        lines.append("  none")
    return "\n".join(lines)


__all__ = [
    "Cluster",
    "Distinct",
    "Report",
    "build_report",
    "case_lines",
    "cluster",
    "export_cases",
    "normalise",
    "period",
    "render_text",
]
