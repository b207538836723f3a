"""Faults: SIGKILL mid-ingest, a corrupted index, concurrent ingests, a kill mid-feedback-write,
and a model server that goes away in the middle of an answer.

Ingests and writers run as real subprocesses (`python -m assistant.cli ...`) on a private copy of
the session's built index, so a kill is a real SIGKILL of a real process.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app as cli_app
from assistant.index import ACTIVE, STAMP

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "How much is the CKA certification?"
runner = CliRunner()


@pytest.fixture
def index_copy(real_index_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(real_index_dir, copy, symlinks=True, ignore=shutil.ignore_patterns("data"))
    assert (copy / ACTIVE).is_symlink()
    return copy


def env_for(index_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir), **extra}


def cli(args: list[str], index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index_dir))
    return runner.invoke(cli_app, args)


def builds(index_dir: Path) -> set[str]:
    return {p.name for p in index_dir.glob("build-*")}


# --- ingest ------------------------------------------------------------------------------------
def test_sigkill_during_ingest_rebuild_leaves_the_previous_index_answering(
    index_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = (index_copy / ACTIVE).resolve()
    before = builds(index_copy)
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", "--rebuild"],
        cwd=ROOT,
        env=env_for(index_copy),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Kill it once its new build folder has a Chroma store being filled.
        deadline = time.monotonic() + 120
        while True:
            new = builds(index_copy) - before
            if new and any((index_copy / n / "chroma.sqlite3").exists() for n in new):
                break
            assert proc.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest did not start building in 120 s"
            time.sleep(0.05)
        time.sleep(0.3)
        assert proc.poll() is None, "the ingest finished before the kill"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    partial = builds(index_copy) - before
    assert partial and all(not (index_copy / n / STAMP).exists() for n in partial)
    assert (index_copy / ACTIVE).resolve() == old

    result = cli(["ask", QUESTION, "--json"], index_copy, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "$395" in json.loads(result.stdout)["answer"]
    assert (index_copy / ACTIVE).resolve() == old  # answered from the previous index
    # The killed process's lock died with it: the next ingest runs and finds the index current.
    again = cli(["ingest"], index_copy, monkeypatch)
    assert again.exit_code == 0 and "up to date" in again.stdout


@pytest.mark.parametrize("damage", ["garbage-database", "missing-stamp"])
def test_a_corrupted_index_is_rebuilt_on_the_next_ask(
    index_copy: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    old = (index_copy / ACTIVE).resolve()
    if damage == "garbage-database":
        (old / "chroma.sqlite3").write_bytes(b"\x00not a database\xff" * 4096)
    else:
        (old / STAMP).unlink()
    result = cli(["ask", QUESTION, "--json"], index_copy, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "$395" in json.loads(result.stdout)["answer"]
    new = (index_copy / ACTIVE).resolve()
    assert new != old and (new / STAMP).exists()


def test_an_unusable_index_folder_is_one_clear_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be")
    result = cli(["ask", QUESTION], blocker, monkeypatch)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output
    assert str(blocker) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_two_ingests_at_once_are_serialised_by_the_lock(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "ingest"],
            cwd=ROOT,
            env=env_for(index_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = []
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, out
        outputs.append(out)
    states = sorted("built" if "index built" in o else "up to date" for o in outputs)
    assert states == ["built", "up to date"], outputs  # the second waited, then found it built
    assert len(builds(index_dir)) == 1
    assert (index_dir / ACTIVE).resolve().name in builds(index_dir)


# --- the feedback store --------------------------------------------------------------------------
WRITER = textwrap.dedent(
    """
    import sys
    from assistant.feedback import Feedback, FeedbackStore
    store = FeedbackStore(sys.argv[1])
    n = 0
    while True:
        n += 1
        store.add(Feedback(rating="up", question=f"q{n}", answer="a" * 2000,
                           citations=[{"n": 1, "quote": "x" * 500}], guide_version="v",
                           comment=f"c{n}"))
        print(n, flush=True)
    """
)


def test_the_feedback_store_survives_a_kill_mid_write(tmp_path: Path) -> None:
    db = tmp_path / "data" / "feedback.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed = 0
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while committed < 300:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "the writer died"
            committed = int(line)
            assert time.monotonic() < deadline
        proc.send_signal(signal.SIGKILL)  # while it is writing row 301 or later
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, question, comment, citations FROM feedback").fetchall()
    conn.close()
    assert len(rows) >= committed  # every row reported committed is there
    for row_id, question, comment, citations in rows:
        assert (question, comment) == (f"q{row_id}", f"c{row_id}")
        assert json.loads(citations) == [{"n": 1, "quote": "x" * 500}]
    from assistant.feedback import Feedback, FeedbackStore

    store = FeedbackStore(db)  # and the store keeps working
    store.add(Feedback("down", "after", "a", [], "v"))
    assert store.count() == len(rows) + 1


# --- a model server that goes away mid-answer ----------------------------------------------------
def dying_model_server():  # type: ignore[no-untyped-def]
    """An OpenAI-compatible server that streams two tokens, then drops the connection."""
    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    def chunk(text: str) -> bytes:
        data = {
            "id": "x",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "m",
            "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}],
        }
        return f"data: {json.dumps(data)}\n\n".encode()

    async def completions(request):  # type: ignore[no-untyped-def]
        async def body():  # type: ignore[no-untyped-def]
            yield chunk("The CKA costs ")
            yield chunk("$395 [1]")
            raise ConnectionResetError("the model server went away")

        return StreamingResponse(body(), media_type="text/event-stream")

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])


def test_a_model_server_that_dies_mid_answer_falls_back(
    real_index_dir: Path, live_server: Any
) -> None:
    pytest.importorskip("langchain_openai")
    from assistant.core import Assistant

    server = live_server(dying_model_server())
    assistant = Assistant.from_settings(
        index_dir=real_index_dir, backend="openai", openai_base_url=f"{server.url}/v1"
    )
    events = list(assistant.stream(QUESTION))
    kind, answer = events[-1]
    assert kind == "answer"
    assert answer.sources and "$395" in " ".join(s.quote for s in answer.sources)
    # Either the partial draft was verified, or the extractive answer came back with a notice.
    assert answer.generation.fallback is True or answer.generation.generated_survived is True
    if answer.generation.fallback:
        assert answer.notices
