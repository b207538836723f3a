"""The run's metrics from the per-question scores: means, pooled shares, percentiles, and the
scores per expected section. Definitions: docs/evaluation.md."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from assistant.evaluation.metrics import HIT_AT, SectionIndex
from assistant.evaluation.questions import EvalQuestion

#: Every run metric, in report order.
METRIC_NAMES = (
    "questions",
    "pass_rate",
    *(f"hit@{k}" for k in HIT_AT),
    "mrr",
    "citation_precision",
    "citation_recall",
    "fact_recall",
    "quote_fidelity",
    "groundedness",
    "refusal_accuracy",
    "false_refusal_rate",
    "answer_words_mean",
    "latency_p50_ms",
    "latency_p95_ms",
    "reference_cosine",
    "reference_rougeL",
    "generated_survival_rate",
    "errors",
)
#: Metrics where lower is better (gate them with --fail-over).
LOWER_IS_BETTER = frozenset({"false_refusal_rate", "latency_p50_ms", "latency_p95_ms", "errors"})


def _mean(values: Iterable[float | None]) -> tuple[float | None, int]:
    kept = [float(v) for v in values if v is not None]
    return (sum(kept) / len(kept) if kept else None), len(kept)


def aggregate(
    questions: Sequence[EvalQuestion], scores: Sequence[dict[str, Any]]
) -> tuple[dict[str, float | None], dict[str, int]]:
    """The run's metrics and, for each, how many questions it was computed over."""
    pairs = list(zip(questions, scores, strict=True))
    answerable = [s for q, s in pairs if q.answerable]
    unanswerable = [s for q, s in pairs if not q.answerable]
    metrics: dict[str, float | None] = {}
    counts: dict[str, int] = {}

    def put(name: str, value: float | None, count: int) -> None:
        metrics[name], counts[name] = value, count

    put("questions", float(len(pairs)), len(pairs))
    put("pass_rate", *_mean(float(s["verdict"] == "pass") for s in scores))
    for name in [f"hit@{k}" for k in HIT_AT] + [
        "mrr",
        "citation_precision",
        "citation_recall",
        "fact_recall",
    ]:
        put(name, *_mean(s.get(name) for s in scores))
    total_quotes = sum(s["quotes"] for s in scores)
    bad = sum(len(s["bad_quotes"]) for s in scores)
    put("quote_fidelity", (1 - bad / total_quotes) if total_quotes else None, total_quotes)
    sentences = sum(s.get("sentences") or 0 for s in scores)
    unsupported = sum(len(s.get("unsupported_sentences") or []) for s in scores)
    put("groundedness", (1 - unsupported / sentences) if sentences else None, sentences)
    put("refusal_accuracy", *_mean(float(s["refused"]) for s in unanswerable))
    put("false_refusal_rate", *_mean(float(s["refused"]) for s in answerable))
    put("answer_words_mean", *_mean(s["answer_words"] for s in scores if not s["refused"]))
    latencies = [s["latency_ms"] for s in scores if s.get("latency_ms") is not None]
    for p in (50, 95):
        value = float(np.percentile(latencies, p)) if latencies else None
        put(f"latency_p{p}_ms", value, len(latencies))
    put("reference_cosine", *_mean(s.get("reference_cosine") for s in scores))
    put("reference_rougeL", *_mean(s.get("reference_rougeL") for s in scores))
    put(
        "generated_survival_rate",
        *_mean(float(s["generated_survived"]) for s in scores if "generated_survived" in s),
    )
    put("errors", float(sum(1 for s in scores if s.get("error"))), len(scores))
    assert tuple(metrics) == METRIC_NAMES
    return metrics, counts


#: The group of questions the guide does not answer, in per-section scores.
UNANSWERABLE = "(not in the guide)"
NO_SECTION = "(no expected section)"


def by_section(
    questions: Sequence[EvalQuestion],
    scores: Sequence[dict[str, Any]],
    index: SectionIndex | None = None,
) -> dict[str, dict[str, Any]]:
    """Pass rate, fact recall and hit@3 per expected section (a question counts in each)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for q, s in zip(questions, scores, strict=True):
        if not q.answerable:
            keys = [UNANSWERABLE]
        elif not q.expected_sections:
            keys = [NO_SECTION]
        else:
            keys = []
            for name in q.expected_sections:
                for key in (index.resolve(name) if index else []) or [name]:
                    if key not in keys:
                        keys.append(key)
        for key in keys:
            groups.setdefault(key, []).append(s)
    order = {sid: i for i, sid in enumerate(index.ids())} if index else {}
    out: dict[str, dict[str, Any]] = {}
    for key in sorted(groups, key=lambda k: (order.get(k, len(order)), k)):
        group = groups[key]
        out[key] = {
            "heading": index.path_of(key) if index else key,
            "questions": len(group),
            "pass_rate": _mean(float(s["verdict"] == "pass") for s in group)[0],
            "fact_recall": _mean(s.get("fact_recall") for s in group)[0],
            "hit@3": _mean(s.get("hit@3") for s in group)[0],
        }
    return out


def fmt(value: Any, name: str = "") -> str:
    """A metric's value as the reports show it: counts whole, milliseconds to 0.1, else 3 places."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if name in ("questions", "errors"):
            return f"{value:.0f}"
        if name.endswith("_ms") or name == "answer_words_mean":
            return f"{value:.1f}"
        return f"{value:.3f}"
    return str(value)
