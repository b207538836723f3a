"""The question log seen from outside, and the owner's report.

Fast tests use the test double of the Assistant (conftest.FakeAssistant) behind the real server:
the log off keeps no question text anywhere, the log on stores redacted rows, /metrics counts
outcomes, and /insights is 404 without a configured token and 401 without the right one. The
report and its clusters use the packaged MiniLM (sentence-transformers when no index has exported
it to ONNX)."""

from __future__ import annotations

import base64
import hmac
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import FakeAssistant
from fakes import HashEmbedder

from assistant.db import Database
from assistant.embeddings import get_embedder
from assistant.feedback import Feedback, FeedbackStore
from assistant.insights import build_report, case_lines, period
from assistant.questionlog import QuestionLog, utcnow
from assistant.schema import Answer, Diagnostics, Source
from assistant.server import create_app
from assistant.settings import Settings

TOKEN = "s3cret-token-for-the-owner"
MARKER = "Zanzibar quokka certification"  # a question text that must not leak
EMAIL = "jane.doe@example.com"


def settings_for(tmp_path: Path, **kw: Any) -> Settings:
    return Settings(
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        rate_limit_per_minute=0,
        **kw,
    )


def ask_some(url: str) -> None:
    with httpx.Client(base_url=url, timeout=30) as c:
        assert c.post("/api/ask", json={"question": f"{MARKER}? {EMAIL}"}).status_code == 200
        assert c.post("/api/ask", json={"question": "pizza toppings?"}).status_code == 200
        with c.stream("POST", "/api/ask/stream", json={"question": "serving tools?"}) as r:
            r.read()


def metric(text: str, name: str, **labels: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


# --- the log off and on --------------------------------------------------------------------
def test_with_the_log_off_no_question_text_is_stored_anywhere(
    tmp_path: Path, live_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(tmp_path)
    assert settings.question_log is False  # the default
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    with caplog.at_level(logging.DEBUG):
        ask_some(server.url)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    raw = b"".join(p.read_bytes() for p in files) + caplog.text.encode()
    for secret in (MARKER, "Zanzibar", "quokka", EMAIL, "pizza", "toppings"):
        assert secret.encode() not in raw, secret
    assert QuestionLog(Database.from_settings(settings)).count() == 0
    # what is kept: the hash, in the answer log
    assert '"question_sha256"' in caplog.text


def test_with_the_log_on_each_answer_is_a_redacted_row(tmp_path: Path, live_server: Any) -> None:
    settings = settings_for(tmp_path, question_log=True)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    ask_some(server.url)
    log = QuestionLog(Database.from_settings(settings))
    rows = log.between(utcnow() - timedelta(minutes=5), utcnow() + timedelta(minutes=1))
    assert [(r.question, r.outcome) for r in rows] == [
        (f"{MARKER}? [email]", "answered"),
        ("pizza toppings?", "refused"),
        ("serving tools?", "answered"),
    ]
    assert rows[0].sections == ["mlops-engineer-certifications/cloud-ml-certifications"]
    assert rows[2].sections == ["model-serving"] and rows[0].guide_version == "fake0000cafe"
    raw = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert EMAIL.encode() not in raw


def test_metrics_count_answers_by_outcome_and_reason(tmp_path: Path, live_server: Any) -> None:
    settings = settings_for(tmp_path)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    ask_some(server.url)
    text = httpx.get(server.url + "/metrics", timeout=10).text
    name = "assistant_outcomes_total"
    assert metric(text, name, outcome="answered", reason="grounded") == 2
    assert metric(text, name, outcome="refused", reason="refused") == 1
    assert metric(text, name, outcome="caveat") == 0


# --- /insights: the token --------------------------------------------------------------------
def basic(password: str, user: str = "owner") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_without_a_configured_token_there_is_no_page(tmp_path: Path, live_server: Any) -> None:
    settings = settings_for(tmp_path)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    for path in ("/insights", "/insights/cases.jsonl", "/insights?days=abc"):
        for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
            r = httpx.get(server.url + path, headers=headers, timeout=10)
            assert r.status_code == 404, (path, r.text)
            assert "error" in r.json()


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Bearer wrong-token",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN[:-1]}",
        f"Token {TOKEN}",
        basic("wrong"),
        basic(""),
        "Basic !!notbase64",
        f"bearer{TOKEN}",
    ],
)
def test_without_the_right_token_it_is_401(
    tmp_path: Path, live_server: Any, authorization: str | None
) -> None:
    settings = settings_for(tmp_path, admin_token=TOKEN)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    headers = {"Authorization": authorization} if authorization is not None else {}
    for path in ("/insights", "/insights/cases.jsonl", "/insights?days=abc"):
        r = httpx.get(server.url + path, headers=headers, timeout=10)
        assert r.status_code == 401, (path, r.text)
        assert r.headers["www-authenticate"].startswith("Basic ")
        assert TOKEN not in r.text


def test_the_token_is_compared_in_constant_time(
    tmp_path: Path, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    settings = settings_for(tmp_path, admin_token=TOKEN)
    server = live_server(create_app(settings, FakeAssistant(settings), with_ui=False))
    r = httpx.get(server.url + "/insights", headers={"Authorization": "Bearer nope"}, timeout=10)
    assert r.status_code == 401
    assert seen == [(b"nope", TOKEN.encode())]


# --- the report ----------------------------------------------------------------------------
def answer(question: str, refused: bool, section: str = "s", **diagnostics: Any) -> Answer:
    sources = [] if refused else [Source(1, section, section, "quote", 0.9)]
    a = Answer(question, "text", refused, sources, "abc123abc123", latency_ms=10)
    a.diagnostics = Diagnostics(reason="unknown_name" if refused else "grounded", **diagnostics)
    return a


QUESTIONS = [
    ("How much does the CKAD exam cost?", True, {"unknown_names": ["CKAD"]}),
    ("What is the price of the CKAD certification?", True, {"unknown_names": ["CKAD"]}),
    ("Is CKAD worth it for MLOps?", True, {"unknown_names": ["CKAD"]}),
    ("What is the MLOps salary in London?", True, {"unknown_names": ["London"]}),
    ("How much do MLOps engineers earn in London?", True, {"unknown_names": ["London"]}),
    ("How much is the CKA certification?", False, {}),
    ("How much is the CKA certification?", False, {}),
    ("Which tools are used for model serving?", False, {}),
]


@pytest.fixture(scope="module")
def embed() -> Any:
    """The real model: clustering questions by meaning is what is tested."""
    return get_embedder(Settings()).embed_documents


@pytest.mark.slow
def test_the_report_counts_clusters_and_joins_feedback(tmp_path: Path, embed: Any) -> None:
    db = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    log = QuestionLog(db)
    yesterday = utcnow() - timedelta(days=1)
    for i, (q, refused, diag) in enumerate(QUESTIONS):
        section = "certifications" if "CKA" in q else "model-serving"
        log.add(answer(q, refused, section, **diag), at=yesterday if i < 3 else None)
    FeedbackStore(db).add(
        Feedback("down", "How much is the CKA  certification?", "a", [], "v", comment="Too short")
    )
    FeedbackStore(db).add(Feedback("up", "Unrelated question", "a", [], "v"))
    since, until = period(days=7)
    report = build_report(db, since, until, embed, Settings())

    assert report.total == 8 and len(report.distinct) == 7
    assert report.outcomes == {"answered": 3, "caveat": 0, "refused": 5}
    assert report.reasons == [("unknown_name", 5)]
    assert len(report.per_day) == 8 and sum(sum(c.values()) for _, c in report.per_day) == 8
    assert [c["refused"] for _, c in report.per_day][-2:] == [3, 2]
    # content gaps: the CKAD questions together, the London ones together, largest first
    gaps = [sorted(d.question for d in c.questions) for c in report.gaps]
    assert gaps == [sorted(q for q, _, _ in QUESTIONS[:3]), sorted(q for q, _, _ in QUESTIONS[3:5])]
    assert report.gaps[0].missing == [("CKAD", 3)] and report.gaps[1].missing == [("London", 2)]
    assert report.gaps[0].name in {q for q, _, _ in QUESTIONS[:3]}
    top = report.topics[0]  # the most asked topic, named by a central question, with its section
    assert top.asked >= 3 and ("certifications", 2) in top.sections
    # feedback joined by question text (spacing and case aside), rated-down listed
    assert report.ratings == {"up": 1, "down": 1}
    assert [f.comment for f in report.rated_down] == ["Too short"]
    cka = next(d for d in report.distinct if d.question == "How much is the CKA certification?")
    assert (cka.asked, cka.up, cka.down, cka.comments) == (2, 0, 1, ["Too short"])


def test_the_export_is_an_eval_question_set_with_draft_labels(tmp_path: Path) -> None:
    from assistant.evaluation.questions import load_questions

    db = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    log = QuestionLog(db)
    for q, refused, diag in QUESTIONS:
        log.add(answer(q, refused, "certifications", **diag))
    FeedbackStore(db).add(Feedback("down", QUESTIONS[5][0], "a", [], "v", comment="Too short"))
    report = build_report(db, *period(days=1), HashEmbedder().embed_documents, Settings())
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(case_lines(report)), encoding="utf-8")
    cases, errors = load_questions(path)
    assert errors == [] and len(cases) == 7
    by_question = {c.question: c for c in cases}
    ckad = by_question[QUESTIONS[0][0]]
    assert ckad.answerable is False and ckad.expected_sections == ()
    assert ckad.extra["draft"] is True and ckad.extra["missing"] == ["CKAD"]
    cka = by_question[QUESTIONS[5][0]]
    assert cka.answerable is True and cka.expected_sections == ("certifications",)
    assert cka.extra["asked"] == 2
    assert cka.extra["feedback"] == {"up": 0, "down": 1, "comments": ["Too short"]}


def test_the_cluster_distance_is_a_setting(tmp_path: Path) -> None:
    """The hash embedder's cosine is word overlap: near 0 every distinct question is a topic of
    its own; past 1 (no shared word) all are one topic."""
    db = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    log = QuestionLog(db)
    for q, refused, diag in QUESTIONS:
        log.add(answer(q, refused, "certifications", **diag))
    embed = HashEmbedder().embed_documents
    counts = {}
    for distance in (0.05, 1.5):
        settings = Settings(insights={"cluster_distance": distance})
        report = build_report(db, *period(days=1), embed, settings)
        counts[distance] = (len(report.topics), len(report.gaps))
    assert counts == {0.05: (7, 5), 1.5: (1, 1)}
