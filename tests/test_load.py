"""A bounded load test on loopback: `assistant serve` with the real assistant, 2,000 requests from
16 concurrent clients. Zero errors, and the server's resident memory grows less than 10 % from
the end of the first thousand requests to the end of the last. Prints the figures.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from conftest import free_port, stop, wait_healthy

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 2000
CONCURRENCY = 16
QUESTIONS = [
    "What skills does an MLOps engineer need?",
    "What cloud ML certifications are there?",
    "Which tools are used for model serving?",
    "How much is the CKA certification?",
    "What is Kubeflow?",
    "What does an MLOps engineer do in the morning?",
    "How do I become an MLOps engineer?",
    "What is the salary of an MLOps engineer?",
    "What are common interview questions?",
    "How do I bake sourdough bread?",
    "What portfolio projects should I build?",
    "What are the challenges of the job?",
]
FOLLOW_UP = [{"role": "user", "content": "Which certifications does the guide list?"}]


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def test_2000_requests_16_at_a_time_no_errors_and_flat_memory(
    real_index_dir: Path, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_INDEX_DIR": str(real_index_dir),
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
        "ASSISTANT_ANSWER_LOG": "false",
    }
    log = (tmp_path / "server.log").open("w")
    argv = [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)]
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url, tmp_path / "server.log")

        latencies: list[float] = [0.0] * REQUESTS
        errors: list[str] = []
        done = 0
        done_lock = threading.Lock()
        rss: dict[str, int] = {"start": rss_bytes(proc.pid)}
        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)

        with httpx.Client(base_url=url, timeout=120, limits=limits) as client:

            def one(i: int) -> None:
                nonlocal done
                body: dict[str, object] = {"question": QUESTIONS[i % len(QUESTIONS)]}
                if i % 7 == 0:
                    body = {"question": "How much is the Terraform one?", "history": FOLLOW_UP}
                start = time.perf_counter()
                try:
                    if i % 5 == 0:
                        with client.stream("POST", "/api/ask/stream", json=body) as r:
                            text = r.read().decode()
                        ok = r.status_code == 200 and "event: answer" in text
                        ok = ok and "event: error" not in text
                    else:
                        r = client.post("/api/ask", json=body)
                        ok = r.status_code == 200 and bool(r.json()["answer"])
                    if not ok:
                        errors.append(f"{i}: HTTP {r.status_code} {r.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{i}: {type(exc).__name__} {exc}")
                latencies[i] = time.perf_counter() - start
                with done_lock:
                    done += 1
                    if done == REQUESTS // 2:
                        rss["first_half"] = rss_bytes(proc.pid)

            began = time.perf_counter()
            with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
                list(pool.map(one, range(REQUESTS)))
            elapsed = time.perf_counter() - began
        rss["end"] = rss_bytes(proc.pid)
        assert proc.poll() is None, "the server died under load"
        assert httpx.get(url + "/healthz", timeout=10).status_code == 200

        ordered = sorted(latencies)
        p50 = statistics.median(ordered)
        p95 = ordered[int(0.95 * len(ordered)) - 1]
        growth = (rss["end"] - rss["first_half"]) / rss["first_half"]
        print(
            f"\nload: {REQUESTS} requests, {CONCURRENCY} concurrent, {elapsed:.1f} s "
            f"({REQUESTS / elapsed:.1f} req/s); latency p50 {p50 * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms; errors {len(errors)}; "
            f"server RSS start {rss['start'] / 2**20:.0f} MiB, after 1000 "
            f"{rss['first_half'] / 2**20:.0f} MiB, after 2000 {rss['end'] / 2**20:.0f} MiB "
            f"(growth {growth * 100:+.1f} %)"
        )
        assert errors == [], errors[:5]
        assert growth < 0.10
        metrics = httpx.get(url + "/metrics", timeout=10).text
        assert 'route="/api/ask",status="200"' in metrics and 'status="500"' not in metrics
    finally:
        stop(proc)
        log.close()
