"""Shared fixtures."""

from __future__ import annotations

# ==== server / UI / widget fixtures ===========================================================
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import phrases
from assistant.errors import InvalidQuestion
from assistant.schema import Answer, Section, Source
from assistant.settings import PROJECT_ROOT, Settings

FAKE_GUIDE_VERSION = "fake0000cafe"
_FAKE_SECTIONS = (
    Section(
        id="mlops-engineer-certifications/cloud-ml-certifications",
        path=("MLOps Engineer Certifications", "Cloud ML certifications"),
        text="Cloud ML certifications:\n- AWS Certified Machine Learning - Specialty",
        source="guide.md",
        order=0,
    ),
    Section(
        id="model-serving",
        path=("MLOps Engineer Tools & Technologies", "Model Serving"),
        text="Model Serving:\n- Seldon Core and KServe for Kubernetes-native serving",
        source="guide.md",
        order=1,
    ),
)


class FakeAssistant:
    """A deterministic Assistant with the real one's interface: no model, no index.

    A question mentioning "certif" is answered from the first section, "serv" from the second;
    anything else is refused. Answers stream word by word, `delay` seconds apart.
    """

    def __init__(self, settings: Settings, delay: float = 0.0) -> None:
        self.settings = settings
        self.delay = delay
        self.guide_version = FAKE_GUIDE_VERSION
        self.calls: list[tuple[str, Any]] = []

    def sections(self) -> list[Section]:
        return list(_FAKE_SECTIONS)

    def _check(self, question: Any, history: Any) -> str:
        if not isinstance(question, str) or not question.strip():
            raise InvalidQuestion(phrases.EMPTY_QUESTION)
        if len(question) > self.settings.max_question_chars:
            raise InvalidQuestion(
                phrases.QUESTION_TOO_LONG.format(
                    length=len(question), limit=self.settings.max_question_chars
                )
            )
        if history is not None and len(history) > self.settings.max_history_turns:
            raise InvalidQuestion(phrases.HISTORY_TOO_LONG.format(detail="too many messages"))
        return " ".join(question.split())

    def ask(self, question: Any, history: Any = None) -> Answer:
        q = self._check(question, history)
        self.calls.append((q, history))
        lowered = q.lower()
        section = None
        if "certif" in lowered:
            section, quote = _FAKE_SECTIONS[0], "AWS Certified Machine Learning - Specialty"
        elif "serv" in lowered:
            section, quote = (
                _FAKE_SECTIONS[1],
                "Seldon Core and KServe for Kubernetes-native serving",
            )
        if section is None:
            nearest = [s.heading for s in _FAKE_SECTIONS]
            text = (
                phrases.NOT_COVERED
                + " "
                + phrases.NEAREST_SECTIONS.format(sections="; ".join(nearest))
            )
            return Answer(q, text, True, [], self.guide_version, nearest_sections=nearest)
        source = Source(1, section.id, section.heading, quote, 0.9)
        return Answer(
            q, f"The guide says: {quote} [1]", False, [source], self.guide_version, latency_ms=1.0
        )

    def stream(self, question: Any, history: Any = None) -> Iterator[tuple[str, Any]]:
        answer = self.ask(question, history)
        for piece in re.findall(r"\S+\s*", answer.text):
            if self.delay:
                time.sleep(self.delay)
            yield "delta", piece
        yield "answer", answer


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


# ==== end of server / UI / widget fixtures ========================================================


ORIGINAL = (PROJECT_ROOT / "corpus" / "original" / "mlops-engineer-career-guide.txt").read_text()


def assert_grounded(answer: Any) -> None:
    """Every [n] in the text has a source, and every quote is verbatim guide text."""
    assert answer.sources
    for source in answer.sources:
        assert source.quote in ORIGINAL, source.quote
        assert f"[{source.n}]" in answer.text
