"""The CLI through typer's runner, on the real index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant import phrases
from assistant.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(autouse=True)
def real_index(real_index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(real_index_dir))


def test_ask_json_prints_the_answer_dict() -> None:
    result = runner.invoke(app, ["ask", "How much is the CKA certification?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "$395" in data["answer"]
    assert data["citations"][0]["section"].startswith("MLOps Engineer Certifications")
    assert set(data) >= {"question", "answer", "refused", "citations", "guide_version"}


def test_ask_prints_text_and_sources() -> None:
    result = runner.invoke(app, ["ask", "What is Kubeflow?"])
    assert result.exit_code == 0
    assert "Sources:" in result.stdout and "[1]" in result.stdout


def test_ask_with_a_history_file_follows_up(tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    history.write_text(
        json.dumps([{"role": "user", "content": "Which certifications are listed?"}])
    )
    result = runner.invoke(
        app, ["ask", "How much is the Terraform one?", "--history", str(history)]
    )
    assert result.exit_code == 0
    assert "$70" in result.stdout


@pytest.mark.parametrize("question", ["", "   ", "x" * 5000])
def test_bad_questions_exit_2_with_one_line_and_no_traceback(question: str) -> None:
    result = runner.invoke(app, ["ask", question])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output + result.stderr


def test_a_broken_history_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "h.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["ask", "salary?", "--history", str(bad)])
    assert result.exit_code == 2
    assert "could not read the history file" in result.stderr


def test_chat_keeps_the_conversation() -> None:
    result = runner.invoke(
        app,
        ["chat"],
        input="Which certifications does the guide list?\nHow much is the Terraform one?\n\n",
    )
    assert result.exit_code == 0
    assert result.stdout.count("[1]") >= 2
    assert "$70" in result.stdout.split("you>")[-2]


def test_sections_prints_the_table_of_contents() -> None:
    result = runner.invoke(app, ["sections"])
    assert result.exit_code == 0
    assert "MLOps Engineer Certifications\n  Cloud ML certifications" in result.stdout


def test_ingest_on_an_unchanged_corpus_does_nothing() -> None:
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 0
    assert "up to date" in result.stdout


def test_a_missing_corpus_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path / "nowhere"))
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 2
    assert phrases.MISSING_CORPUS.split("{")[0] in result.stderr


def test_ingest_builds_the_index_and_nothing_of_labelled_questions(tmp_path: Path) -> None:
    cache = Path(tmp_path / "index")
    result = runner.invoke(app, ["ingest"], env={"ASSISTANT_INDEX_DIR": str(cache)})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("index built")
    assert not (cache / "scope").exists()  # no labelled questions are looked up at answer time
