"""The insights report on the real assistant: the gold and held-out dev questions (~600) asked
in-process with the question log on, the report's content gaps, the page in Chromium, and the
export round-tripping through `assistant eval`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from assistant.db import Database
from assistant.feedback import Feedback, FeedbackStore
from assistant.insights import Report, build_report, normalise, period
from assistant.insights_page import embed_questions
from assistant.questionlog import QuestionLog
from assistant.server import create_app
from assistant.settings import Settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ROOT / "eval" / "dev" / "gold.jsonl",
    *sorted((ROOT / "eval" / "dev").glob("heldout*.jsonl")),
]
TOKEN = "owner-token-0123456789"
CHROMIUM = os.environ.get("ASSISTANT_CHROMIUM", "/usr/bin/chromium")


@dataclass
class Filled:
    settings: Settings
    assistant: Any
    asked: int
    report: Report


@pytest.fixture(scope="module")
def filled(real_index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filled]:
    from assistant.core import Assistant

    data = tmp_path_factory.mktemp("insights-data")
    settings = Settings(
        index_dir=real_index_dir, data_dir=data, question_log=True, admin_token=TOKEN,
        rate_limit_per_minute=0,
    )  # fmt: skip
    assistant = Assistant(settings).load()
    db = Database.from_settings(settings)
    log = QuestionLog(db)
    asked = 0
    for path in SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            log.add(assistant.ask(row["question"], row.get("history")))
            asked += 1
    store = FeedbackStore(db)
    store.add(Feedback("down", "How much do MLOps engineers make?", "a", [], "v",
                       comment="Not for Europe"))  # fmt: skip
    store.add(Feedback("up", "Which tools are used for model serving?", "a", [], "v"))
    report = build_report(db, *period(days=1), embed_questions(settings), settings)
    yield Filled(settings, assistant, asked, report)


def test_content_gaps_put_the_refused_questions_together(filled: Filled) -> None:
    report = filled.report
    assert report.total == filled.asked >= 500
    refused = {normalise(d.question) for d in report.distinct if d.outcome == "refused"}
    assert len(refused) >= 100
    seen: list[str] = []
    for gap in report.gaps:
        assert {d.outcome for d in gap.questions} == {"refused"}
        seen += [normalise(d.question) for d in gap.questions]
    # each refused question is in exactly one cluster of refused questions
    assert sorted(seen) == sorted(refused)
    sizes = [g.asked for g in report.gaps]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] >= 5
    # the clusters group by meaning: a gap's questions are nearer one another than to the rest
    embed = embed_questions(filled.settings)
    grouped = [g for g in report.gaps if len(g.questions) >= 2]
    assert sum(len(g.questions) for g in grouped) >= len(refused) / 2
    within, across = [], []
    vectors = [embed([d.question for d in g.questions]) for g in grouped]
    for i, v in enumerate(vectors):
        within.append(float(np.mean(v @ v.T)))
        others = np.vstack([w for j, w in enumerate(vectors) if j != i])
        across.append(float(np.mean(v @ others.T)))
    assert np.mean(within) > np.mean(across) + 0.25
    # each gap cluster is named by one of its questions and says what the guide lacks when known
    assert all(g.name in {d.question for d in g.questions} for g in report.gaps)
    assert any(g.missing for g in report.gaps[:10])


def test_the_topics_and_outcomes_add_up(filled: Filled) -> None:
    report = filled.report
    assert sum(report.outcomes.values()) == report.total
    assert sum(t.asked for t in report.topics) == report.total
    assert report.outcomes["answered"] > report.outcomes["refused"] > 0
    assert report.topics[0].sections  # the most asked topic cites the guide
    assert [f.comment for f in report.rated_down] == ["Not for Europe"]


@pytest.mark.browser
def test_the_insights_page_renders_in_chromium(filled: Filled, live_server: Any) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    app = create_app(filled.settings, filled.assistant, with_ui=False)
    server = live_server(app)
    assert httpx.get(server.url + "/insights", timeout=30).status_code == 401
    report = filled.report
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(
                extra_http_headers={"Authorization": f"Bearer {TOKEN}"},
                viewport={"width": 1100, "height": 900},
            )
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            response = page.goto(server.url + "/insights?days=1", timeout=120_000)
            assert response is not None and response.status == 200
            assert page.locator("#total").inner_text() == str(report.total)
            assert page.locator("svg.chart").count() == 4  # per day, outcomes, topics, gaps
            assert page.locator("svg.chart rect").count() > 20
            assert page.locator("#gaps tr.gap").count() == len(report.gaps)
            first_gap = page.locator("#gaps tr.gap .name").first.inner_text()
            assert first_gap == report.gaps[0].name
            assert "Not for Europe" in page.locator("#rated-down").inner_text()
            box = page.locator("svg.chart").first.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            assert requests == [server.url + "/insights?days=1"]  # nothing else is loaded
            shots = ROOT / "docs" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "insights.png"), full_page=False)
        finally:
            browser.close()


def test_the_export_round_trips_through_assistant_eval(filled: Filled, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "ASSISTANT_INDEX_DIR": str(filled.settings.index_dir),
        "ASSISTANT_DATA_DIR": str(filled.settings.data_dir),
    }
    cases = tmp_path / "cases.jsonl"
    cli = [sys.executable, "-m", "assistant.cli"]
    html = ["--html", str(tmp_path / "r.html")]
    done = subprocess.run(
        [*cli, "insights", "--days", "1", "--export", str(cases), *html],
        env=env, capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in cases.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(filled.report.distinct)
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")

    out = tmp_path / "eval"
    done = subprocess.run(
        [*cli, "eval", str(cases), "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    answers = (out / "answers.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(answers) == len(lines)
    assert (out / "report.html").exists()
    metrics = json.loads((out / "metrics.json").read_text())
    text = json.dumps(metrics)
    assert "refusal_accuracy" in text and "false_refusal_rate" in text
    # The draft labels are the assistant's own outcomes: asked again (without the follow-ups'
    # history, which the log does not keep) it agrees with nearly all of them.
    by_id = {c["id"]: c for c in lines}
    agree = sum(
        json.loads(a)["refused"] == (not by_id[json.loads(a)["id"]]["answerable"]) for a in answers
    )
    assert agree >= 0.95 * len(lines)
