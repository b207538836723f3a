"""The whole pipeline in seconds, with no model: the tiny guide (tests/fakes.py) ingested with the
hash embedder, asked in Python, then over HTTP. The fast tier's end-to-end check; the same
stages on the real guide and model are the `slow` tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fakes import TINY_GUIDE, CountingEmbedder, HashEmbedder

from assistant.core import Assistant
from assistant.index import ensure_index
from assistant.schema import AnswerJSON, Final
from assistant.server import create_app
from assistant.settings import Settings

#: Word overlap is all the hash embedder measures, so the question uses the guide's words.
PRICE = "How much is the Certified Kubernetes Administrator (CKA) certification?"
CKA = (
    "Certified Kubernetes Administrator (CKA) ($395): Essential for Kubernetes-based ML platforms."
)


def test_ingest_builds_once_and_an_unchanged_guide_embeds_nothing(tiny_settings: Settings) -> None:
    embedder = CountingEmbedder(HashEmbedder())
    settings = tiny_settings.model_copy(update={"index_dir": tiny_settings.index_dir.parent / "x"})
    first, built = ensure_index(settings, embedder=embedder)
    assert built and embedder.calls > 0 and isinstance(first, Path)
    embedder.calls = 0
    assert ensure_index(settings, embedder=embedder) == (first, False)
    assert embedder.calls == 0


def test_a_question_the_tiny_guide_answers_is_answered_with_a_verbatim_citation(
    tiny_assistant: Assistant,
) -> None:
    answer = tiny_assistant.ask(PRICE)
    assert not answer.refused and "$395" in answer.text
    assert answer.sources and all(s.quote in TINY_GUIDE for s in answer.sources)
    assert CKA in [s.quote for s in answer.sources]
    assert all(f"[{s.n}]" in answer.text for s in answer.sources)
    AnswerJSON.model_validate(answer.to_dict())  # the public JSON has the documented shape


def test_a_question_beyond_the_tiny_guide_is_refused(tiny_assistant: Assistant) -> None:
    answer = tiny_assistant.ask("How do I bake sourdough bread?")
    assert answer.refused and not answer.sources


def test_the_stream_ends_with_the_final_answer(tiny_assistant: Assistant) -> None:
    *_, last = tiny_assistant.stream("Which tools are used for model serving?")
    kind, answer = last
    assert kind == "answer" and isinstance(Final(kind, answer).answer.text, str)
    assert "BentoML" in answer.text or "Seldon" in answer.text


@pytest.fixture(scope="module")
def client(tiny_assistant: Assistant) -> Iterator[httpx.Client]:
    app = create_app(tiny_assistant.settings, tiny_assistant, with_ui=False)
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def test_the_http_api_answers_from_the_tiny_guide(client: httpx.Client) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    r = client.post("/api/ask", json={"question": PRICE})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "$395" in body["answer"] and CKA in [c["quote"] for c in body["citations"]]
    sections = client.get("/api/sections").json()["sections"]
    headings = [s["heading"] for s in sections]
    assert "MLOps Engineer Tools & Technologies > Model Serving" in headings


def test_the_event_stream_ends_with_the_same_answer_json(client: httpx.Client) -> None:
    question = {"question": PRICE}
    with client.stream("POST", "/api/ask/stream", json=question) as r:
        assert r.status_code == 200
        lines = [line for line in r.iter_lines() if line.startswith(("event:", "data:"))]
    events = [line.split(":", 1)[1].strip() for line in lines if line.startswith("event:")]
    assert events[-1] == "answer"
    final = json.loads(lines[-1].split(":", 1)[1])
    assert final["answer"] == client.post("/api/ask", json=question).json()["answer"]
