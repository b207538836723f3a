"""Scale-out: the index on a real Chroma server (`chroma run` on loopback), shared by app processes.

A contract test runs over both stores (embedded folder, Chroma server): build, find it current,
answer with verbatim citations, rebuild and keep answering. Then the end-to-end case: `assistant
ingest` into the server, and two `assistant serve` processes, each with an empty index folder of
its own, answering through the server at the same time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from conftest import free_port, stop

from assistant.core import Assistant
from assistant.index import ensure_index
from assistant.settings import Settings
from assistant.store import ACTIVE_COLLECTION, get_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "How much is the CKA certification?"
GUIDE = " ".join((ROOT / "corpus" / "mlops-engineer-career-guide.md").read_text().split())


def wait_for(url: str, proc: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, log.read_text()[-3000:]
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{url} did not answer in {seconds:.0f} s"
        time.sleep(0.3)


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server on a free loopback port, killed at the end."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if chroma is None:
        pytest.skip("the chroma CLI (chromadb package) is not installed")
    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = folder / "chroma.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                chroma,
                "run",
                "--path",
                str(folder / "data"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/api/v2/heartbeat", proc, log, 60)
        yield url
    finally:
        stop(proc)


@pytest.fixture(params=["embedded", "server"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = request.getfixturevalue("chroma_url") if request.param == "server" else None
    return Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", chroma_url=url)


def test_the_store_contract(store_settings: Settings) -> None:
    store = get_store(store_settings)
    assert store.kind == ("server" if store_settings.chroma_url else "embedded")
    first, built = ensure_index(store_settings)
    assert built
    again, built = ensure_index(store_settings)
    assert (again, built) == (first, False)
    location, stamp = store.active()
    assert location == first and stamp is not None and stamp["guide_version"]

    answer = Assistant(store_settings).ask(QUESTION)
    assert "$395" in answer.text and answer.sources
    assert all(" ".join(s.quote.split()) in GUIDE for s in answer.sources)

    second, built = ensure_index(store_settings, rebuild=True)
    assert built and second != first and store.active()[0] == second
    assert store.collections(second, ["chunks"])[0].count() > 0
    assert "$395" in Assistant(store_settings).ask(QUESTION).text
    if store_settings.chroma_url:
        # No index folder on the app's side: only the lock and the local ONNX model.
        assert not list(store_settings.index_dir.glob("build-*"))
        client = store.client  # type: ignore[attr-defined]
        names_on_server = {c.name for c in client.list_collections()}
        assert ACTIVE_COLLECTION in names_on_server
        assert {f"{second}-chunks", f"{second}-units", f"{second}-vocab"} <= names_on_server


def test_two_app_processes_answer_through_one_chroma_server(
    chroma_url: str, tmp_path: Path
) -> None:
    base = {
        **os.environ,
        "ASSISTANT_CHROMA_URL": chroma_url,
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
    }
    ingest = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest"],
        cwd=ROOT,
        env={**base, "ASSISTANT_INDEX_DIR": str(tmp_path / "ingest")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ingest.returncode == 0, ingest.stderr
    procs: list[subprocess.Popen[bytes]] = []
    urls = []
    try:
        for n in range(2):
            port = free_port()
            log = tmp_path / f"app{n}.log"
            env = {
                **base,
                "ASSISTANT_INDEX_DIR": str(tmp_path / f"app{n}" / "index"),  # empty
                "ASSISTANT_DATA_DIR": str(tmp_path / f"app{n}" / "data"),
            }
            with log.open("w") as out:
                procs.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
                        cwd=ROOT,
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
            urls.append(f"http://127.0.0.1:{port}")
        for n, (url, proc) in enumerate(zip(urls, procs, strict=True)):
            wait_for(f"{url}/healthz", proc, tmp_path / f"app{n}.log", 240)

        def ask(url: str) -> httpx.Response:
            return httpx.post(f"{url}/api/ask", json={"question": QUESTION}, timeout=60)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(ask, urls * 4))
        assert [a.status_code for a in answers] == [200] * 8
        assert all("$395" in a.json()["answer"] for a in answers)
        versions = {httpx.get(f"{u}/healthz", timeout=10).json()["guide_version"] for u in urls}
        assert len(versions) == 1
        for n, url in enumerate(urls):
            assert 'store="server"' in httpx.get(f"{url}/metrics", timeout=10).text
            assert not list((tmp_path / f"app{n}" / "index").glob("build-*"))
    finally:
        for proc in procs:
            stop(proc)


def test_an_unreachable_chroma_server_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from assistant import phrases
    from assistant.cli import app

    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", url)
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    result = CliRunner().invoke(app, ["ask", QUESTION])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: The Chroma server at " + url)
    assert phrases.CHROMA_UNREACHABLE.split("{")[-1].split("}")[-1][:20] in result.stderr
    assert "Traceback" not in result.output
