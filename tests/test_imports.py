"""Nothing heavy is imported before it is needed: `import assistant` and `assistant --help` load
no model runtime, vector store or web framework, and answering on the CLI loads no torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

#: Packages that cost seconds or hundreds of MB to import.
HEAVY = {
    "torch",
    "sentence_transformers",
    "transformers",
    "sklearn",
    "chromadb",
    "onnxruntime",
    "gradio",
    "fastapi",
    "uvicorn",
    "bm25s",
    "scipy",
    "langchain_core",
    "llama_cpp",
    "spacy",
    "thinc",
}

PROBE = """
import json, sys
{body}
print("\\n@@" + json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
"""


def imported_after(body: str, **env: str) -> set[str]:
    """The top-level packages imported by running `body` in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1", **env},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return set(json.loads(proc.stdout.rsplit("@@", 1)[1]))


def test_import_assistant_loads_nothing_heavy() -> None:
    assert imported_after("import assistant, assistant.cli") & HEAVY == set()


def test_assistant_help_loads_nothing_heavy() -> None:
    body = """
sys.argv = ["assistant", "--help"]
from assistant.cli import main
try:
    main()
except SystemExit:
    pass
"""
    assert imported_after(body) & HEAVY == set()


@pytest.mark.slow
def test_a_cli_answer_loads_no_torch_and_no_web_framework(real_index_dir: Path) -> None:
    body = """
sys.argv = ["assistant", "ask", "How much is the CKA certification?", "--json"]
from assistant.cli import main
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
"""
    loaded = imported_after(body, ASSISTANT_INDEX_DIR=str(real_index_dir))
    assert loaded & {"torch", "sentence_transformers", "transformers", "gradio", "fastapi"} == set()
    assert "onnxruntime" in loaded


@pytest.mark.slow
def test_spacy_loads_only_for_a_question_with_a_word_the_guide_lacks_and_without_torch(
    real_index_dir: Path,
) -> None:
    ask = """
from assistant import Assistant
a = Assistant.from_settings()
a.ask({question!r})
"""
    env = {"ASSISTANT_INDEX_DIR": str(real_index_dir)}
    assert "spacy" not in imported_after(ask.format(question="How much is the CKA?"), **env)
    loaded = imported_after(ask.format(question="What do they earn in Germany?"), **env)
    assert "spacy" in loaded and "torch" not in loaded
    # torch stays importable afterwards (an ingest in the same process needs it).
    later = ask.format(question="What do they earn in Germany?") + "import torch"
    assert "torch" in imported_after(later, **env)
