"""The HTTP API, through a real uvicorn server on 127.0.0.1 (loopback only).

Most tests serve the deterministic FakeAssistant (tests/conftest.py); the `slow` tests start the
real thing (`python app.py`, real index and model) and ask it a real question.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import FAKE_GUIDE_VERSION, FakeAssistant, LiveServer, free_port, stop, wait_healthy

from assistant import phrases
from assistant.errors import IndexUnavailable
from assistant.server import create_app
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = "http://allowed.example"
FOREIGN = "http://evil.example"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeAssistant]]:
    """One server with the chat page mounted, for the whole module."""
    tmp = tmp_path_factory.mktemp("server")
    settings = Settings(index_dir=tmp / "index", data_dir=tmp / "data", allowed_origins=[ALLOWED])
    fake = FakeAssistant(settings)
    with LiveServer(create_app(settings, fake)) as server:
        yield server.url, fake


@pytest.fixture
def client(served: tuple[str, FakeAssistant]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served[0], timeout=30) as c:
        yield c


def sse_events(text: str) -> list[tuple[str, Any]]:
    events = []
    for frame in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in frame.splitlines():
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


# --- answers ----------------------------------------------------------------------------------
def test_healthz_reports_the_loaded_guide(client: httpx.Client) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "guide_version": FAKE_GUIDE_VERSION, "sections": 2}


def test_ask_returns_the_answer_json_with_citations(client: httpx.Client) -> None:
    r = client.post("/api/ask", json={"question": "Which certifications are useful?"})
    assert r.status_code == 200
    body = r.json()
    assert body["refused"] is False
    assert body["answer"].endswith("[1]")
    assert body["citations"] == [
        {
            "n": 1,
            "section": "MLOps Engineer Certifications > Cloud ML certifications",
            "section_id": "mlops-engineer-certifications/cloud-ml-certifications",
            "quote": "AWS Certified Machine Learning - Specialty",
            "score": 0.9,
        }
    ]
    assert set(body) >= {
        "question",
        "answer",
        "refused",
        "citations",
        "guide_version",
        "latency_ms",
        "backend",
    }


def test_ask_passes_the_history_to_the_assistant(
    client: httpx.Client, served: tuple[str, FakeAssistant]
) -> None:
    history = [
        {"role": "user", "content": "Which certifications are useful?"},
        {"role": "assistant", "content": "AWS Certified Machine Learning [1]"},
    ]
    r = client.post("/api/ask", json={"question": "And for serving?", "history": history})
    assert r.status_code == 200
    assert served[1].calls[-1] == ("And for serving?", history)


def test_a_refusal_is_a_200_with_refused_true(client: httpx.Client) -> None:
    body = client.post("/api/ask", json={"question": "Best pizza in Naples?"}).json()
    assert body["refused"] is True
    assert body["answer"].startswith(phrases.NOT_COVERED)
    assert body["citations"] == [] and body["nearest_sections"]


def test_stream_sends_deltas_then_the_answer_with_its_citations(client: httpx.Client) -> None:
    with client.stream("POST", "/api/ask/stream", json={"question": "Model serving tools?"}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = sse_events(r.read().decode())
    names = [name for name, _ in events]
    assert names[-1] == "answer" and set(names[:-1]) == {"delta"} and len(names) > 3
    final = events[-1][1]
    assert "".join(data["text"] for _, data in events[:-1]) == final["answer"]
    assert final["citations"][0]["section"] == "MLOps Engineer Tools & Technologies > Model Serving"
    assert final == client.post("/api/ask", json={"question": "Model serving tools?"}).json()


def test_sections_list_the_table_of_contents(client: httpx.Client) -> None:
    body = client.get("/api/sections").json()
    assert body["guide_version"] == FAKE_GUIDE_VERSION
    assert body["sections"][1] == {
        "id": "model-serving",
        "heading": "MLOps Engineer Tools & Technologies > Model Serving",
        "path": ["MLOps Engineer Tools & Technologies", "Model Serving"],
        "title": "Model Serving",
    }


# --- bad input: a 4xx JSON error that says what is wrong, never a 500 --------------------------
JSON = {"Content-Type": "application/json"}
BAD_INPUTS = [
    pytest.param(b'{"question": "unterminated', JSON, 400, "not valid JSON", id="malformed-json"),
    pytest.param(
        b"question=hi",
        {"Content-Type": "application/x-www-form-urlencoded"},
        422,
        "JSON object",
        id="form-encoded",
    ),
    pytest.param(b"", JSON, 422, "request body", id="empty-body"),
    pytest.param(b"[1, 2]", JSON, 422, "JSON object", id="array-body"),
    pytest.param(b'"just a string"', JSON, 422, "JSON object", id="string-body"),
    pytest.param(b"{}", JSON, 422, "`question`: Field required", id="missing-question"),
    pytest.param(
        b'{"question": 42}',
        JSON,
        422,
        "`question`: Input should be a valid string",
        id="question-not-string",
    ),
    pytest.param(b'{"question": null}', JSON, 422, "`question`", id="question-null"),
    pytest.param(b'{"question": ["a"]}', JSON, 422, "`question`", id="question-list"),
    pytest.param(b'{"question": "   "}', JSON, 422, phrases.EMPTY_QUESTION, id="blank-question"),
    pytest.param(
        json.dumps({"question": "x" * 2001}).encode(),
        JSON,
        422,
        "2001 characters long",
        id="question-too-long",
    ),
    pytest.param(
        b'{"question": "hi", "history": "earlier"}', JSON, 422, "`history`", id="history-not-list"
    ),
    pytest.param(
        b'{"question": "hi", "history": [1]}',
        JSON,
        422,
        "`history[0]`",
        id="history-item-not-object",
    ),
    pytest.param(
        b'{"question": "hi", "history": [{"role": "system", "content": "x"}]}',
        JSON,
        422,
        "`history[0].role`",
        id="history-bad-role",
    ),
    pytest.param(
        b'{"question": "hi", "history": [{"role": "user"}]}',
        JSON,
        422,
        "`history[0].content`",
        id="history-no-content",
    ),
    pytest.param(
        b'{"question": "hi", "history": [{"role": "user", "content": 3}]}',
        JSON,
        422,
        "`history[0].content`",
        id="history-content-not-string",
    ),
    pytest.param(
        json.dumps({"question": "hi", "history": [{"role": "user", "content": "x"}] * 21}).encode(),
        JSON,
        422,
        "history is too long",
        id="history-too-long",
    ),
    pytest.param(
        b'{"question": "hi", "qestion": "typo"}', JSON, 422, "`qestion`", id="unknown-field"
    ),
    pytest.param(
        json.dumps({"question": "x" * 70000}).encode(),
        JSON,
        413,
        "larger than",
        id="body-too-large",
    ),
]


@pytest.mark.parametrize("path", ["/api/ask", "/api/ask/stream"])
@pytest.mark.parametrize(("body", "headers", "status", "says"), BAD_INPUTS)
def test_bad_input_gets_a_4xx_json_error_saying_what_is_wrong(
    client: httpx.Client, path: str, body: bytes, headers: dict[str, str], status: int, says: str
) -> None:
    r = client.post(path, content=body, headers=headers)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    error = r.json()["error"]
    assert says in error
    assert error.endswith(".")


def test_a_chunked_body_over_the_limit_is_refused(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(20):
            yield b"x" * 4096
        yield b'"}'

    r = client.post("/api/ask", content=chunks(), headers=JSON)
    assert r.status_code == 413
    assert "larger than" in r.json()["error"]


def test_wrong_method_and_unknown_api_path_are_json_4xx(client: httpx.Client) -> None:
    r = client.get("/api/ask")
    assert r.status_code == 405 and r.json()["error"] == "Use POST for /api/ask."
    r = client.post("/api/nothing-here", json={})
    assert r.status_code == 404 and "/api/nothing-here" in r.json()["error"]


# --- feedback ---------------------------------------------------------------------------------
def test_feedback_is_stored_with_question_answer_citations_and_guide_version(
    client: httpx.Client, tmp_path_factory: pytest.TempPathFactory
) -> None:
    answer = client.post("/api/ask", json={"question": "certifications?"}).json()
    r = client.post(
        "/api/feedback",
        json={
            "rating": "down",
            "question": answer["question"],
            "answer": answer["answer"],
            "citations": answer["citations"],
            "comment": "Wanted more detail.",
        },
    )
    assert r.status_code == 201
    row_id = r.json()["id"]
    db = next(tmp_path_factory.getbasetemp().glob("server*/data/feedback.sqlite3"))
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT rating, question, answer, citations, comment, guide_version, channel"
            " FROM feedback WHERE id = ?",
            (row_id,),
        ).fetchone()
    conn.close()
    assert row[:3] == ("down", "certifications?", answer["answer"])
    assert json.loads(row[3]) == answer["citations"]
    assert row[4:] == ("Wanted more detail.", FAKE_GUIDE_VERSION, "api")


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"rating": "meh", "question": "q", "answer": "a"}, "`rating`"),
        ({"question": "q", "answer": "a"}, "`rating`: Field required"),
        ({"rating": "up", "question": "q", "answer": 1}, "`answer`"),
        ({"rating": "up", "question": "q", "answer": "a", "citations": "x"}, "`citations`"),
        ({"rating": "up", "question": "q", "answer": "a", "comment": "c" * 2001}, "`comment`"),
    ],
)
def test_bad_feedback_is_a_422(client: httpx.Client, body: dict[str, Any], says: str) -> None:
    r = client.post("/api/feedback", json=body)
    assert r.status_code == 422
    assert says in r.json()["error"]


# --- origins ----------------------------------------------------------------------------------
def test_an_allowed_origin_gets_a_cors_grant(client: httpx.Client) -> None:
    preflight = client.options(
        "/api/ask/stream",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    r = client.post("/api/ask", json={"question": "certifications?"}, headers={"Origin": ALLOWED})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == ALLOWED


def test_a_foreign_origin_gets_no_cors_grant_and_no_answer(client: httpx.Client) -> None:
    preflight = client.options(
        "/api/ask",
        headers={
            "Origin": FOREIGN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    for r in (
        client.post("/api/ask", json={"question": "certifications?"}, headers={"Origin": FOREIGN}),
        client.get("/api/sections", headers={"Origin": FOREIGN}),
        client.post(
            "/api/feedback",
            headers={"Origin": FOREIGN},
            json={"rating": "up", "question": "q", "answer": "a"},
        ),
    ):
        assert r.status_code == 403
        assert "access-control-allow-origin" not in r.headers
        assert FOREIGN in r.json()["error"]


def test_the_own_origin_may_call_the_api(
    served: tuple[str, FakeAssistant], client: httpx.Client
) -> None:
    r = client.post("/api/ask", json={"question": "certifications?"}, headers={"Origin": served[0]})
    assert r.status_code == 200


def test_pages_may_be_framed_only_by_allowed_origins(client: httpx.Client) -> None:
    for path in ("/", "/docs", "/healthz"):
        csp = client.get(path).headers["content-security-policy"]
        assert csp == f"frame-ancestors 'self' {ALLOWED}"


def test_the_default_allowlist_is_the_app_itself_and_localhost() -> None:
    origins = Settings().allowed_origins
    assert all(re.fullmatch(r"http://(127\.0\.0\.1|localhost):\d+", o) for o in origins)


# --- pages and scripts, all served locally ----------------------------------------------------
def test_the_chat_page_widget_and_docs_are_served_without_a_cdn(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    widget = client.get("/widget.js")
    assert widget.status_code == 200
    assert widget.headers["content-type"].startswith("text/javascript")
    assert "api/ask/stream" in widget.text
    # The only absolute URLs in the widget: its usage comment's placeholder and the SVG namespace.
    urls = set(re.findall(r"https?://[^\s\"')]+", widget.text))
    assert urls == {"https://YOUR-ASSISTANT/widget.js", "http://www.w3.org/2000/svg"}
    docs = client.get("/docs")
    assert docs.status_code == 200
    assets = re.findall(r'(?:href|src)="([^"]+)"', docs.text)
    assert assets and all(a.startswith("/vendor/") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200
    openapi = client.get("/openapi.json").json()
    paths = set(openapi["paths"])
    assert {"/api/ask", "/api/ask/stream", "/api/sections", "/api/feedback"} <= paths
    diagnostics = openapi["components"]["schemas"]["Diagnostics"]["properties"]
    assert {"outcome", "reason", "relevance", "coverage", "selected_items"} <= set(diagnostics)
    # What a generative backend adds to the answer is declared too, not merged in untyped.
    answer = openapi["components"]["schemas"]["AnswerJSON"]
    generative = {"rewrite", "generated_survived", "fallback", "removed", "draft", "llm"}
    assert generative <= set(answer["properties"])
    assert answer.get("additionalProperties") is False


def test_gradio_clients_can_call_the_pinned_chat_endpoint(
    served: tuple[str, FakeAssistant],
) -> None:
    from gradio_client import Client

    client = Client(served[0] + "/", verbose=False, download_files=False)
    try:
        assert "/chat" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
        answer = client.predict("Which certifications?", [], api_name="/chat")
    finally:
        client.close()
    assert answer["citations"][0]["quote"] == "AWS Certified Machine Learning - Specialty"


# --- loading ------------------------------------------------------------------------------------
def test_healthz_is_503_until_the_index_is_loaded_and_requests_wait_for_it(
    server_settings: Settings, live_server: Any
) -> None:
    release = threading.Event()

    def slow_factory(settings: Settings) -> FakeAssistant:
        release.wait(timeout=30)
        return FakeAssistant(settings)

    server = live_server(create_app(server_settings, factory=slow_factory, with_ui=False))
    with httpx.Client(base_url=server.url, timeout=30) as c:
        r = c.get("/healthz")
        assert (r.status_code, r.json()) == (503, {"status": "loading"})
        answers: list[httpx.Response] = []
        waiting = threading.Thread(
            target=lambda: answers.append(c.post("/api/ask", json={"question": "certif?"}))
        )
        waiting.start()
        time.sleep(0.3)
        release.set()
        waiting.join(timeout=30)
        assert answers and answers[0].status_code == 200
        assert c.get("/healthz").status_code == 200


def test_a_failed_load_is_a_503_with_the_reason(
    server_settings: Settings, live_server: Any
) -> None:
    def broken(settings: Settings) -> FakeAssistant:
        raise IndexUnavailable("The index in /x could not be read (corrupt); run ingest.")

    server = live_server(create_app(server_settings, factory=broken, with_ui=False))
    with httpx.Client(base_url=server.url, timeout=30) as c:
        deadline = time.monotonic() + 10
        while c.get("/healthz").json()["status"] == "loading" and time.monotonic() < deadline:
            time.sleep(0.05)
        health = c.get("/healthz")
        assert health.status_code == 503 and "corrupt" in health.json()["error"]
        r = c.post("/api/ask", json={"question": "certifications?"})
        assert r.status_code == 503 and "corrupt" in r.json()["error"]


def test_a_short_startup_wait_answers_503_while_loading(tmp_path: Path, live_server: Any) -> None:
    settings = Settings(data_dir=tmp_path, startup_wait_seconds=0.2)
    release = threading.Event()

    def slow_factory(s: Settings) -> FakeAssistant:
        release.wait(timeout=30)
        return FakeAssistant(s)

    server = live_server(create_app(settings, factory=slow_factory, with_ui=False))
    try:
        r = httpx.post(server.url + "/api/ask", json={"question": "certifications?"}, timeout=30)
        assert r.status_code == 503
        assert r.json()["error"] == phrases.LOADING
        assert r.headers["retry-after"]
    finally:
        release.set()


# --- the real thing ---------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [["app.py"], ["-m", "assistant.cli", "serve", "--port", "{port}"]],
    ids=["python-app.py", "assistant-serve"],
)
def test_a_fresh_server_serves_a_cited_correct_answer(
    command: list[str], real_index_dir: Path, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_PORT": str(port) if command == ["app.py"] else "1",
        "ASSISTANT_INDEX_DIR": str(real_index_dir),
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
    }
    log = (tmp_path / "server.log").open("w")
    argv = [sys.executable] + [part.format(port=port) for part in command]
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url, tmp_path / "server.log")
        r = httpx.post(
            url + "/api/ask",
            timeout=60,
            json={"question": "Which tools are used for model serving?"},
        )
        assert r.status_code == 200
        body = r.json()
        assert body["refused"] is False and body["citations"]
        assert all("Model Serving" in c["section"] for c in body["citations"])
        guide = (ROOT / "corpus" / "mlops-engineer-career-guide.md").read_text()
        flat = " ".join(guide.split())
        assert all(" ".join(c["quote"].split()) in flat for c in body["citations"])
        # Several visitors at once: every one gets its cited answer.
        questions = [q for q in phrases.EXAMPLE_QUESTIONS if q != phrases.COVERAGE_QUESTION] * 2
        with ThreadPoolExecutor(max_workers=len(questions)) as pool:
            answers = list(
                pool.map(
                    lambda q: httpx.post(url + "/api/ask", json={"question": q}, timeout=120),
                    questions,
                )
            )
        assert [a.status_code for a in answers] == [200] * len(questions)
        assert all(a.json()["citations"] for a in answers)
        assert httpx.get(url + "/", timeout=30).status_code == 200
        assert httpx.get(url + "/widget.js", timeout=30).status_code == 200
        assert len(httpx.get(url + "/api/sections", timeout=30).json()["sections"]) > 20
        bad = httpx.post(url + "/api/ask", json={"question": ""}, timeout=30)
        assert bad.status_code == 422
        foreign = httpx.post(
            url + "/api/ask", json={"question": "hi"}, timeout=30, headers={"Origin": FOREIGN}
        )
        assert foreign.status_code == 403 and "access-control-allow-origin" not in foreign.headers
    finally:
        stop(proc)
        log.close()


def test_the_chat_display_escapes_text_and_shows_notices_and_citations() -> None:
    from assistant.ui import history_of, render_html

    answer = {
        "answer": "Use <b>Kubeflow</b> [1]",
        "notices": ["The llamacpp backend is not installed; showing the guide's own sentences."],
        "citations": [{"n": 1, "section": "Tools > Platform", "quote": "Kubeflow <pipelines>"}],
    }
    turns = [
        {"question": "<script>x</script>?", "text": answer["answer"], "answer": answer},
        {"question": phrases.COVERAGE_QUESTION, "text": "- Tools", "answer": None, "toc": True},
    ]
    page = render_html(turns)
    assert "<script>" not in page and "<b>" not in page and "<pipelines>" not in page
    assert '<p class="user">&lt;script&gt;x&lt;/script&gt;?</p>' in page
    assert "Use &lt;b&gt;Kubeflow&lt;/b&gt; " in page
    assert '<p class="notice">The llamacpp backend is not installed' in page
    assert 'aria-controls="t0-q1"' in page and ">[1]</button>" in page  # [1] opens its quote
    assert "<h3>Tools &gt; Platform " in page and "Kubeflow &lt;pipelines&gt;</blockquote>" in page
    assert history_of(turns) == [
        {"role": "user", "content": "<script>x</script>?"},
        {"role": "assistant", "content": "Use <b>Kubeflow</b> [1]"},
    ]
