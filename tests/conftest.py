"""Shared fixtures. The fakes themselves (an embedder, a tiny guide, a FakeAssistant) are in
tests/fakes.py; FakeAssistant and FAKE_GUIDE_VERSION are importable from here too.

The fast tier (`pytest -m "not slow"`) loads no model: what it asks of the pipeline runs on the
tiny guide with the hash embedder (`tiny_settings`, `tiny_assistant`).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fakes import FAKE_GUIDE_VERSION, FakeAssistant, HashEmbedder, write_tiny_guide

from assistant.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from assistant.core import Assistant

__all__ = ["FAKE_GUIDE_VERSION", "FakeAssistant", "LiveServer", "free_port", "stop", "wait_healthy"]


# ==== the tiny guide, ingested with the hash embedder (fast tier) =============================
@pytest.fixture(scope="session")
def tiny_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("tiny")
    return Settings(
        corpus_dir=write_tiny_guide(root / "corpus"),
        index_dir=root / "index",
        data_dir=root / "data",
        embedding_model="hash-words-384",
    )


@pytest.fixture(scope="session")
def tiny_assistant(tiny_settings: Settings) -> Assistant:
    """The real Assistant over the tiny guide, its index built once per session."""
    from assistant.core import Assistant

    return Assistant(tiny_settings, embedder=HashEmbedder()).load()


# ==== server / UI / widget fixtures ===========================================================
@pytest.fixture
def server_settings(tmp_path: Path) -> Settings:
    return Settings(
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        allowed_origins=["http://allowed.example"],
    )


def wait_healthy(proc: Any, url: str, log: Path, timeout: float = 180) -> None:
    """Wait, at most `timeout` seconds, until a server subprocess answers /healthz with 200."""
    import httpx

    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, log.read_text()[-3000:]
        try:
            if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"the server was not healthy in {timeout:.0f} s"
        time.sleep(0.5)


def stop(proc: Any, timeout: float = 20) -> None:
    """Terminate a server subprocess; kill it if it has not exited within `timeout` seconds."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A real uvicorn server on 127.0.0.1 in a background thread (loopback only)."""

    def __init__(self, app: Any, port: int | None = None) -> None:
        import uvicorn

        from assistant.server import uvicorn_config

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The same uvicorn configuration as `assistant serve` (proxy headers, connection cap).
        settings = getattr(getattr(app, "state", None), "settings", None) or Settings()
        config = uvicorn_config(
            app,
            settings,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def fake_assistant(server_settings: Settings) -> FakeAssistant:
    return FakeAssistant(server_settings)


@pytest.fixture
def live_server() -> Iterator[Any]:
    """Call with an ASGI app: starts it on a free loopback port, returns the LiveServer."""
    started: list[LiveServer] = []

    def start(app: Any, port: int | None = None) -> LiveServer:
        server = LiveServer(app, port).__enter__()
        started.append(server)
        return server

    yield start
    for server in reversed(started):
        server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def real_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index of the guide, built once per test session (real embedding model)."""
    from assistant.core import Assistant

    index_dir = tmp_path_factory.mktemp("real-index")
    Assistant.from_settings(index_dir=index_dir, data_dir=index_dir / "data").load()
    return index_dir


@pytest.fixture(scope="module")
def assistant(real_index_dir: Path) -> Any:
    """The assistant over the real index, once per test module."""
    from assistant.core import Assistant

    return Assistant.from_settings(index_dir=real_index_dir).load()


# ==== end of server / UI / widget fixtures ========================================================


ORIGINAL = (PROJECT_ROOT / "corpus" / "original" / "mlops-engineer-career-guide.txt").read_text()


def assert_grounded(answer: Any) -> None:
    """Every [n] in the text has a source, and every quote is verbatim guide text."""
    assert answer.sources
    for source in answer.sources:
        assert source.quote in ORIGINAL, source.quote
        assert f"[{source.n}]" in answer.text


def assert_answered_with(assistant: Any, question: str, fact: str) -> Any:
    """`question` is answered, grounded, and the answer quotes `fact`; the answer."""
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert fact in answer.text
    assert_grounded(answer)
    return answer


def exchange(question: str, answer: str) -> list[dict[str, str]]:
    """A conversation's history of one question and the answer it got."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def assert_refused_for(answer: Any, reason: str) -> None:
    """The answer is a refusal, given for the scope policy's `reason` (a check's name)."""
    assert answer.refused and answer.diagnostics is not None, answer.text
    assert answer.diagnostics.reason == reason, answer.text
