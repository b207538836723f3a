"""Operations: the per-client rate limit, /metrics, the JSON answer log and PII redaction.

All on the deterministic FakeAssistant behind a real uvicorn server on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import FAKE_GUIDE_VERSION, FakeAssistant

from assistant import phrases
from assistant.feedback import Feedback, FeedbackStore, redact
from assistant.limits import MAX_CLIENTS, TokenBucket
from assistant.observability import question_hash, route_label
from assistant.schema import Answer, Generation
from assistant.server import create_app
from assistant.settings import Settings


def settings_for(tmp_path: Path, **kw: Any) -> Settings:
    return Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", **kw)


# --- rate limit --------------------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_token_bucket_allows_a_burst_then_the_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=2.0, burst=3, clock=clock)
    assert [bucket.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take("a") == pytest.approx(0.5)  # one token back in half a second
    assert bucket.take("b") == 0.0  # another client has its own bucket
    clock.now += 0.5
    assert bucket.take("a") == 0.0
    clock.now += 100
    assert [bucket.take("a") for _ in range(3)] == [0.0] * 3  # never more than the burst
    assert bucket.take("a") > 0


def test_the_token_bucket_forgets_idle_clients_past_its_bound() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=10.0, burst=1, clock=clock)
    for i in range(MAX_CLIENTS + 500):
        bucket.take(f"10.0.{i // 256}.{i % 256}")
        clock.now += 0.2  # each earlier client's bucket is full again
    assert len(bucket) <= MAX_CLIENTS


def test_a_client_over_its_rate_gets_429_with_retry_after_and_json(
    tmp_path: Path, live_server: Any
) -> None:
    settings = settings_for(tmp_path, rate_limit_per_minute=6, rate_limit_burst=3)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    with httpx.Client(base_url=server.url, timeout=30) as c:
        ok = [c.post("/api/ask", json={"question": "certifications?"}) for _ in range(3)]
        assert [r.status_code for r in ok] == [200, 200, 200]
        r = c.post("/api/ask", json={"question": "certifications?"})
        assert r.status_code == 429
        assert r.headers["content-type"] == "application/json"
        assert 1 <= int(r.headers["retry-after"]) <= 10
        assert r.json() == {
            "error": phrases.RATE_LIMITED.format(seconds=int(r.headers["retry-after"]))
        }
        assert "content-security-policy" in r.headers  # the guard's headers still apply
        # Pages and health checks are not limited, and /metrics counts the refusals.
        assert c.get("/healthz").status_code == 200
        assert c.get("/widget.js").status_code == 200
        metrics = c.get("/metrics").text
        assert "assistant_rate_limited_total 1.0" in metrics
        assert 'route="/api/ask",status="429"' in metrics


def test_behind_a_proxy_each_forwarded_client_has_its_own_bucket(
    tmp_path: Path, live_server: Any
) -> None:
    settings = settings_for(
        tmp_path, rate_limit_per_minute=1, rate_limit_burst=1, trust_forwarded_for=True
    )
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    with httpx.Client(base_url=server.url, timeout=30) as c:

        def ask(ip: str) -> int:
            headers = {"X-Forwarded-For": f"{ip}, 10.0.0.1"}
            return c.post("/api/sections", headers=headers).status_code

        assert [ask("198.51.100.1"), ask("198.51.100.1"), ask("198.51.100.2")] == [405, 429, 405]


def test_a_rate_of_zero_turns_the_limit_off(tmp_path: Path, live_server: Any) -> None:
    settings = settings_for(tmp_path, rate_limit_per_minute=0, rate_limit_burst=1)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    with httpx.Client(base_url=server.url, timeout=30) as c:
        codes = {c.get("/api/sections").status_code for _ in range(30)}
    assert codes == {200}


# --- metrics -----------------------------------------------------------------------------------
def metric(text: str, name: str, **labels: str) -> float:
    for line in text.splitlines():
        if (
            line.startswith(name)
            and line[len(name)] in " {"
            and all(f'{k}="{v}"' in line for k, v in labels.items())
        ):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


class FallbackAssistant(FakeAssistant):
    """Answers as a generative backend that fell back to the extractive answer."""

    def ask(self, question: Any, history: Any = None) -> Answer:
        answer = super().ask(question, history)
        answer.backend = "openai"
        if not answer.refused:  # refusals never reach the model
            answer.generation = Generation(generated_survived=False, fallback=True)
        return answer


def test_metrics_count_requests_answers_refusals_fallbacks_and_feedback(
    tmp_path: Path, live_server: Any
) -> None:
    settings = settings_for(tmp_path, backend="openai")
    app = create_app(settings, FallbackAssistant(settings), with_ui=False)
    other = create_app(settings_for(tmp_path / "b"), with_ui=False)  # its own registry
    server = live_server(app)
    with httpx.Client(base_url=server.url, timeout=30) as c:
        c.post("/api/ask", json={"question": "certifications?"})
        c.post("/api/ask", json={"question": "pizza?"})
        with c.stream("POST", "/api/ask/stream", json={"question": "serving?"}) as r:
            r.read()
        c.post("/api/ask", json={"question": ""})
        c.post("/api/feedback", json={"rating": "up", "question": "q", "answer": "a"})
        c.post("/api/feedback", json={"rating": "down", "question": "q", "answer": "a"})
        c.get("/api/../../../etc/passwd")
        c.get("/api/" + "x" * 300)
        r = c.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain; version=")
    text = r.text
    total = "assistant_http_requests_total"
    assert metric(text, total, route="/api/ask", method="POST", status="200") == 2
    assert metric(text, total, route="/api/ask", method="POST", status="422") == 1
    assert metric(text, total, route="/api/ask/stream", status="200") == 1
    assert metric(text, total, route="/api/feedback", status="201") == 2
    assert metric(text, total, route="/api/other", status="404") == 1
    assert "x" * 300 not in text and "passwd" not in text  # bounded labels
    assert metric(text, "assistant_http_request_duration_seconds_count", route="/api/ask") == 3
    assert metric(text, "assistant_answers_total", backend="openai") == 3
    assert metric(text, "assistant_refusals_total") == 1
    assert metric(text, "assistant_fallbacks_total", backend="openai") == 2
    assert metric(text, "assistant_feedback_total", rating="up", channel="api") == 1
    assert metric(text, "assistant_feedback_total", rating="down", channel="api") == 1
    assert metric(text, "assistant_ready") == 1
    assert (
        metric(text, "assistant_index_info", guide_version=FAKE_GUIDE_VERSION, store="embedded")
        == 1
    )
    assert metric(other.state.metrics.render().decode(), "assistant_answers_total") == 0


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/api/ask", "/api/ask"),
        ("/api/ask/stream", "/api/ask/stream"),
        ("/api/whatever", "/api/other"),
        ("/vendor/swagger-ui/x.js", "/vendor"),
        ("/gradio_api/queue/join", "/ui"),
        ("/", "/ui"),
        ("/metrics", "/metrics"),
    ],
)
def test_route_labels_are_a_fixed_set(path: str, label: str) -> None:
    assert route_label(path) == label


# --- the answer log ----------------------------------------------------------------------------
def test_each_answer_is_one_json_log_line_without_the_question(
    tmp_path: Path, live_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(tmp_path)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    question = "certifications for jane.doe@example.com at +1 555 123 4567?"
    with caplog.at_level(logging.INFO, logger="assistant.answers"):
        httpx.post(server.url + "/api/ask", json={"question": question}, timeout=30)
        httpx.post(server.url + "/api/ask", json={"question": "pizza?"}, timeout=30)
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.answers"]
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first == {
        "event": "answer",
        "question_sha256": question_hash(question),
        "question_chars": len(question),
        "latency_ms": 1.0,
        "refused": False,
        "sections": ["mlops-engineer-certifications/cloud-ml-certifications"],
        "citations": 1,
        "backend": "extractive",
        "fallback": False,
        "guide_version": FAKE_GUIDE_VERSION,
    }
    assert second["refused"] is True and second["sections"] == []
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert "jane.doe" not in everything and "555" not in everything
    assert "certifications for" not in everything


def test_the_answer_log_can_be_turned_off(
    tmp_path: Path, live_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(tmp_path, answer_log=False)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    with caplog.at_level(logging.INFO, logger="assistant.answers"):
        httpx.post(server.url + "/api/ask", json={"question": "certifications?"}, timeout=30)
    assert not [r for r in caplog.records if r.name == "assistant.answers"]


# --- redaction ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("mail jane.doe+cv@example.co.uk now", "mail [email] now"),
        ("JOHN_SMITH@Mail.Example.ORG", "[email]"),
        ("call +1 (555) 123-4567", "call [phone]"),
        ("or 555-123-4567 or 555.123.4567", "or [phone] or [phone]"),
        ("UK +44 20 7946 0958, FR 06 12 34 56 78", "UK [phone], FR [phone]"),
        ("DE +49 30 901820", "DE [phone]"),
        ("salary $120,000 - $180,000 in 2023-2024", "salary $120,000 - $180,000 in 2023-2024"),
        (
            "CKA ($395), 3-5 years, 2022 2023 2024, v1.2.3",
            "CKA ($395), 3-5 years, 2022 2023 2024, v1.2.3",
        ),
        ("a 10% rise, 100-150k", "a 10% rise, 100-150k"),
    ],
)
def test_redact_replaces_emails_and_phone_numbers_only(text: str, redacted: str) -> None:
    assert redact(text) == redacted


def test_the_feedback_store_redacts_before_writing(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    row_id = store.add(
        Feedback(
            rating="down",
            question="Salary? I am jane@example.com",
            answer="The guide says ... [1]",
            citations=[],
            guide_version="v",
            comment="Call me: +1 555 123 4567",
        )
    )
    store.set_comment(row_id, "or mail bob@example.org")
    with sqlite3.connect(store.path) as conn:
        raw = " ".join(str(v) for v in conn.execute("SELECT * FROM feedback").fetchone())
    conn.close()
    assert "jane@" not in raw and "bob@" not in raw and "555" not in raw
    (row,) = store.recent()
    assert (row.question, row.comment) == ("Salary? I am [email]", "or mail [email]")


def test_nothing_in_a_request_becomes_a_file_path(tmp_path: Path, live_server: Any) -> None:
    settings = settings_for(tmp_path)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    hostile = "../../../../" + str(tmp_path / "pwned")
    with httpx.Client(base_url=server.url, timeout=30) as c:
        c.post(
            "/api/ask",
            json={"question": hostile, "history": [{"role": "user", "content": hostile}]},
        )
        c.post(
            "/api/feedback",
            json={
                "rating": "up",
                "question": hostile,
                "answer": hostile,
                "guide_version": hostile,
                "comment": hostile,
            },
        )
        c.get("/vendor/" + hostile)
        c.get("/api/" + hostile)
    made = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert made == [
        "data",
        "data/feedback.sqlite3",
        "data/feedback.sqlite3-shm",
        "data/feedback.sqlite3-wal",
    ] or made == ["data", "data/feedback.sqlite3"]
    # The only paths the code opens come from settings: no route takes a path parameter except
    # the static /vendor mount, which Starlette confines to its folder.
    source = "\n".join(
        p.read_text() for p in (Path(__file__).parent.parent / "assistant").glob("*.py")
    )
    assert not re.search(r"open\((body|request|question)", source)
