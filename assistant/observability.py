"""What operators see: Prometheus metrics at /metrics and one JSON log line per answer.

``Metrics`` owns its own ``CollectorRegistry`` (one per app), so several apps can live in one
process (tests) without clashing. Route labels are a fixed set (unknown paths fold into
``/api/other`` or ``/ui``), so hostile URLs cannot grow the number of time series.

The answer log (logger ``assistant.answers``) never holds the question: only a SHA-256 prefix of
it, its length, the latency, whether it was refused, the sections cited and the backend.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.schema import Answer, Final, StreamEvent

if TYPE_CHECKING:
    from assistant.feedback import Feedback

answer_log = logging.getLogger("assistant.answers")

ROUTES = frozenset(
    {
        "/healthz",
        "/metrics",
        "/api/ask",
        "/api/ask/stream",
        "/api/sections",
        "/api/feedback",
        "/widget.js",
        "/docs",
        "/openapi.json",
    }
)
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
METRICS_CONTENT_TYPE = CONTENT_TYPE_LATEST


def route_label(path: str) -> str:
    if path in ROUTES:
        return path
    if path.startswith("/api/"):
        return "/api/other"
    if path.startswith("/vendor/"):
        return "/vendor"
    return "/ui"  # the Gradio chat page and its own endpoints


def question_hash(question: str) -> str:
    return hashlib.sha256(question.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "assistant_http_requests",
            "HTTP requests by route, method and status code.",
            ["route", "method", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "assistant_http_request_duration_seconds",
            "Time from request to the end of the response (whole stream for /api/ask/stream).",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.answers = Counter(
            "assistant_answers", "Answers given, by backend.", ["backend"], registry=r
        )
        self.refusals = Counter(
            "assistant_refusals",
            "Answers that said the guide does not cover the question.",
            registry=r,
        )
        self.fallbacks = Counter(
            "assistant_fallbacks",
            "Generative answers that fell back to the extractive answer, by backend.",
            ["backend"],
            registry=r,
        )
        self.answer_seconds = Histogram(
            "assistant_answer_duration_seconds",
            "Time the assistant took to answer (retrieval and generation).",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.feedback = Counter(
            "assistant_feedback",
            "Feedback stored, by rating and channel.",
            ["rating", "channel"],
            registry=r,
        )
        self.rate_limited = Counter(
            "assistant_rate_limited", "Requests refused by the per-client rate limit.", registry=r
        )
        self.ready = Gauge(
            "assistant_ready", "1 once the index is loaded and the assistant answers.", registry=r
        )
        self.index = Info(
            "assistant_index",
            "The guide version served, the answer backend and the vector store.",
            registry=r,
        )

    def record_answer(self, answer: Answer, log: bool = True) -> None:
        self.answers.labels(answer.backend).inc()
        if answer.refused:
            self.refusals.inc()
        if answer.generation is not None and answer.generation.fallback:
            self.fallbacks.labels(answer.backend).inc()
        self.answer_seconds.observe(answer.latency_ms / 1000)
        if log:
            log_answer(answer)

    def record_feedback(self, item: Feedback) -> None:
        self.feedback.labels(item.rating, item.channel).inc()

    def set_index(self, guide_version: str, backend: str, store: str) -> None:
        self.index.info({"guide_version": guide_version, "backend": backend, "store": store})

    def render(self) -> bytes:
        return generate_latest(self.registry)


def answer_record(answer: Answer) -> dict[str, Any]:
    sections = list(dict.fromkeys(s.section_id for s in answer.sources))
    return {
        "event": "answer",
        "question_sha256": question_hash(answer.question),
        "question_chars": len(answer.question),
        "latency_ms": round(answer.latency_ms, 1),
        "refused": answer.refused,
        "sections": sections,
        "citations": len(answer.sources),
        "backend": answer.backend,
        "fallback": answer.generation is not None and answer.generation.fallback,
        "guide_version": answer.guide_version,
    }


def log_answer(answer: Answer) -> None:
    if answer_log.isEnabledFor(logging.INFO):
        answer_log.info(json.dumps(answer_record(answer), sort_keys=True))


class ObservedAssistant:
    """The Assistant with every final answer counted and logged; everything else delegated."""

    def __init__(self, inner: Any, metrics: Metrics, log: bool = True) -> None:
        self._inner = inner
        self._metrics = metrics
        self._log = log

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def ask(self, question: Any, history: Any = None) -> Answer:
        answer = self._inner.ask(question, history)
        self._metrics.record_answer(answer, self._log)
        return answer

    def stream(self, question: Any, history: Any = None) -> Iterator[StreamEvent]:
        for event in self._inner.stream(question, history):
            if isinstance(event, Final):
                self._metrics.record_answer(event.answer, self._log)
            yield event


class MetricsMiddleware:
    """Counts every HTTP request by route, method and status, and times it."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = route_label(scope["path"])
            method = scope.get("method", "GET")
            if method not in ("GET", "POST", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"):
                method = "other"
            self.metrics.requests.labels(route, method, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - start)


def configure_answer_log() -> None:
    """Send the answer log to stderr as bare JSON lines (what `assistant serve` calls)."""
    if any(getattr(h, "_assistant_answers", False) for h in answer_log.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler._assistant_answers = True  # type: ignore[attr-defined]
    answer_log.addHandler(handler)
    answer_log.setLevel(logging.INFO)
    answer_log.propagate = False


__all__ = [
    "METRICS_CONTENT_TYPE",
    "Metrics",
    "MetricsMiddleware",
    "ObservedAssistant",
    "answer_record",
    "configure_answer_log",
    "log_answer",
    "question_hash",
    "route_label",
]
