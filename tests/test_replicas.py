"""Two `assistant serve` processes on loopback share one real PostgreSQL (tests/postgres.py):
both write feedback and questions to it, and /insights on either shows both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from conftest import free_port, stop, wait_healthy
from postgres import new_database, postgres_server

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "replica-owner-token-42"
QUESTIONS = ["How much is the CKA certification?", "How much does the CKAD exam cost?"]


def test_two_replicas_write_to_one_postgresql_and_insights_shows_both(
    real_index_dir: Path, tmp_path: Path
) -> None:
    with postgres_server() as server_url:
        url = new_database(server_url)
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "ASSISTANT_INDEX_DIR": str(real_index_dir),  # the built index, read by both
            "ASSISTANT_DATABASE_URL": url,
            "ASSISTANT_QUESTION_LOG": "on",
            "ASSISTANT_ADMIN_TOKEN": TOKEN,
            "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
        }
        procs, urls, logs = [], [], []
        try:
            for n in range(2):
                port, log = free_port(), tmp_path / f"app{n}.log"
                with log.open("w") as out:
                    procs.append(
                        subprocess.Popen(
                            [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
                            cwd=ROOT,
                            env={**env, "ASSISTANT_DATA_DIR": str(tmp_path / f"app{n}")},
                            stdout=out,
                            stderr=subprocess.STDOUT,
                        )
                    )
                urls.append(f"http://127.0.0.1:{port}")
                logs.append(log)
            for proc, base, log in zip(procs, urls, logs, strict=True):
                wait_healthy(proc, base, log, timeout=300)

            for base, question in zip(urls, QUESTIONS, strict=True):
                answer = httpx.post(f"{base}/api/ask", json={"question": question}, timeout=60)
                assert answer.status_code == 200
                body = answer.json()
                feedback = {
                    "rating": "down",
                    "question": question,
                    "answer": body["answer"],
                    "citations": body["citations"],
                    "comment": f"comment from {base}",
                }
                assert (
                    httpx.post(f"{base}/api/feedback", json=feedback, timeout=30).status_code == 201
                )

            auth = {"Authorization": f"Bearer {TOKEN}"}
            for base in urls:
                page = httpx.get(f"{base}/insights?days=1", headers=auth, timeout=120)
                assert page.status_code == 200, page.text[:500]
                assert '<b id="total">2</b>' in page.text
                for question, other in zip(QUESTIONS, urls, strict=True):
                    assert question in page.text
                    assert f"comment from {other}" in page.text
                assert httpx.get(f"{base}/insights", timeout=30).status_code == 401
            # neither replica wrote a local SQLite file: the store is the shared server
            assert not list(tmp_path.rglob("*.sqlite3"))
        finally:
            for proc in procs:
                stop(proc)
