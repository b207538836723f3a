"""Run a question set through an answerer (or read answers made elsewhere) and score it.

The answerer is the one seam tests replace: anything with ``ask(question, history)`` that
returns an ``Answer`` (or a dict shaped like ``Answer.to_dict()``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tqdm import tqdm

from assistant.errors import InvalidQuestion
from assistant.evaluation import aggregate, metrics
from assistant.evaluation.questions import EvalQuestion, RowError


class Answerer(Protocol):
    def ask(self, question: str, history: list[dict[str, str]] | None = None) -> Any: ...


AnswererFactory = Callable[[dict[str, Any]], Answerer]


@dataclass
class GuideContext:
    """What scoring needs from the guide: texts for verbatim checks, sections, an embedder."""

    texts: metrics.GuideTexts
    index: metrics.SectionIndex | None = None
    embedder_factory: Callable[[], Any] | None = None  # called only when a reference is given


@dataclass
class EvalRun:
    name: str
    questions: list[EvalQuestion]
    answers: list[dict[str, Any]]  # one per question, with "id" and "scores"
    metrics: dict[str, float | None]
    counts: dict[str, int]
    sections: dict[str, dict[str, Any]]
    row_errors: list[RowError] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def failing(self) -> list[tuple[EvalQuestion, dict[str, Any]]]:
        return [
            (q, a)
            for q, a in zip(self.questions, self.answers, strict=True)
            if a["scores"]["verdict"] == "fail"
        ]


def guide_context(settings: Any) -> GuideContext:
    """The guide of the settings: every .md/.txt under the corpus folder (the original text
    included) and the section bodies as loaded; the project's embedder for similarity."""
    from assistant.embeddings import get_embedder
    from assistant.guide import load_guide

    guide = load_guide(settings.corpus_dir)
    files = sorted(
        p
        for p in Path(settings.corpus_dir).rglob("*")
        if p.suffix in (".md", ".txt") and p.is_file()
    )
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files] + [guide.text]
    texts += [u.text for s in guide.sections for u in s.units]
    index = metrics.SectionIndex((s.id, s.heading) for s in guide.sections)
    return GuideContext(metrics.GuideTexts(texts), index, lambda: get_embedder(settings))


def validate_sections(
    questions: list[EvalQuestion], index: metrics.SectionIndex | None
) -> tuple[list[EvalQuestion], list[RowError]]:
    """Questions whose expected sections all name a guide section, and errors for the rest."""
    if index is None:
        return questions, []
    kept, errors = [], []
    for q in questions:
        unknown = [name for name in q.expected_sections if not index.resolve(name)]
        if unknown:
            errors.append(
                RowError(
                    q.line,
                    "expected_sections names no section of the guide: "
                    + ", ".join(repr(u) for u in unknown)
                    + " (use a section id, heading path or title)",
                )
            )
        else:
            kept.append(q)
    return kept, errors


def ask_all(
    answerer: Answerer, questions: Sequence[EvalQuestion], progress: bool = True, label: str = ""
) -> list[dict[str, Any]]:
    """One answer dict per question, in order. A question the assistant rejects as invalid is
    recorded as a refusal with its message; any other exception as an error, not a refusal."""
    if questions:  # warm-up: the first call loads models, which is not per-question latency
        _ask_one(answerer, questions[0])
    answers = []
    # disable=None: no bar when stderr is not a terminal (CI logs), as tqdm documents.
    bar = tqdm(
        questions,
        desc=f"eval {label}".strip(),
        unit="q",
        file=sys.stderr,
        disable=None if progress else True,
    )
    for q in bar:
        answers.append(_ask_one(answerer, q))
    return answers


def _ask_one(answerer: Answerer, q: EvalQuestion) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        result = answerer.ask(q.question, list(q.history) or None)
        data = dict(result.to_dict() if hasattr(result, "to_dict") else result)
    except InvalidQuestion as exc:
        data = {
            "question": q.question,
            "answer": str(exc),
            "refused": True,
            "citations": [],
            "error": str(exc),
        }
    except Exception as exc:  # noqa: BLE001 - one broken answer must not stop the run
        data = {
            "question": q.question,
            "answer": "",
            "refused": False,
            "citations": [],
            "error": f"{type(exc).__name__}: {exc}",
        }
    if not data.get("latency_ms"):
        data["latency_ms"] = round((time.perf_counter() - start) * 1000, 1)
    return {"id": q.id, **data}


def match_answers(
    questions: Sequence[EvalQuestion], answers: dict[str, dict[str, Any]], file_name: str
) -> tuple[list[EvalQuestion], list[dict[str, Any]], list[RowError]]:
    """Pair each question with its answer from a file (by id, else by question text)."""
    kept, paired, errors = [], [], []
    for q in questions:
        answer = answers.get(q.id) or answers.get(q.question)
        if answer is None:
            errors.append(RowError(q.line, f"{file_name} has no answer for id {q.id!r}"))
            continue
        data = {k: v for k, v in answer.items() if k not in ("scores",)}
        kept.append(q)
        paired.append({**data, "id": q.id, "question": data.get("question", q.question)})
    return kept, paired, errors


def score(
    name: str,
    questions: list[EvalQuestion],
    answers: list[dict[str, Any]],
    context: GuideContext,
    row_errors: Sequence[RowError] = (),
    overrides: dict[str, Any] | None = None,
) -> EvalRun:
    scores = [
        metrics.score_answer(q, a, context.texts, context.index)
        for q, a in zip(questions, answers, strict=True)
    ]
    with_reference = [i for i, q in enumerate(questions) if q.reference_answer]
    if with_reference and context.embedder_factory is not None:
        embedder = context.embedder_factory()
        cosines = metrics.cosines(
            embedder,
            [str(answers[i].get("answer") or "") for i in with_reference],
            [questions[i].reference_answer or "" for i in with_reference],
        )
        for i, value in zip(with_reference, cosines, strict=True):
            scores[i]["reference_cosine"] = value
    for a, s in zip(answers, scores, strict=True):
        a["scores"] = s
    values, counts = aggregate.aggregate(questions, scores)
    sections = aggregate.by_section(questions, scores, context.index)
    return EvalRun(
        name,
        list(questions),
        list(answers),
        values,
        counts,
        sections,
        sorted(row_errors, key=lambda e: e.line),
        dict(overrides or {}),
    )


# --- gates and configurations ----------------------------------------------------------------


def parse_threshold(text: str) -> tuple[str, float]:
    """ "fact_recall=0.9" -> ("fact_recall", 0.9); ValueError names what is wrong."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ValueError(f"{text!r}: write METRIC=VALUE, e.g. fact_recall=0.9")
    if name not in metric_names():
        raise ValueError(f"unknown metric {name!r}; known: {', '.join(metric_names())}")
    try:
        return name, float(value)
    except ValueError:
        raise ValueError(f"{text!r}: {value!r} is not a number") from None


def metric_names() -> list[str]:
    return list(aggregate.METRIC_NAMES)


def check_gates(
    run: EvalRun, under: Sequence[tuple[str, float]], over: Sequence[tuple[str, float]]
) -> list[str]:
    """One message per gate the run fails; a metric that could not be computed fails its gate."""
    failures = []
    for (name, limit), is_min in [(g, True) for g in under] + [(g, False) for g in over]:
        value = run.metrics.get(name)
        label = f"[{run.name}] " if run.name else ""
        if value is None:
            failures.append(
                f"{label}{name} could not be computed (no question it applies to); "
                f"gate {'>=' if is_min else '<='} {limit:g} fails"
            )
        elif (value < limit) if is_min else (value > limit):
            failures.append(
                f"{label}{name} = {value:.4g}, "
                f"{'below the minimum' if is_min else 'above the maximum'} {limit:g}"
            )
    return failures


def parse_config(text: str, fields: Sequence[str]) -> tuple[str, dict[str, str]]:
    """ "k3=retrieval.top_k=3,scope.refusal_threshold=0.3" ->
    ("k3", {"retrieval.top_k": "3", "scope.refusal_threshold": "0.3"}): `fields` are the
    settings' names (`settings.setting_names()`, a nested one as group.field)."""
    name, sep, rest = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ValueError(f"--config {text!r}: write NAME=key=value,key=value")
    overrides: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValueError(f"--config {text!r}: {item!r} is not key=value")
        if key not in fields:
            raise ValueError(
                f"--config {text!r}: {key!r} is not a setting; known: {', '.join(fields)}"
            )
        overrides[key] = value.strip()
    return name, overrides
