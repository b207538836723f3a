"""Nothing heavy is imported before it is needed: `import assistant` and `assistant --help` load
no model runtime, vector store or web framework, and answering on the CLI loads no torch. And the
package's modules import one another one way: no import cycles."""

from __future__ import annotations

import ast
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
    # a yes/no ask with a word the guide lacks is tagged ("expire"), which loads spaCy
    loaded = imported_after(ask.format(question="Does the CKA certification expire?"), **env)
    assert "spacy" in loaded and "torch" not in loaded
    # torch stays importable afterwards (an ingest in the same process needs it).
    later = ask.format(question="Does the CKA certification expire?") + "import torch"
    assert "torch" in imported_after(later, **env)


# ---- no import cycles -----------------------------------------------------------------------
PACKAGE = PROJECT_ROOT / "assistant"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Which assistant modules each assistant module imports: every import statement counts,
    at the top, inside a function (deferred) or under TYPE_CHECKING, since each is a dependency a
    reader has to follow. `from pkg import name` is an edge to the submodule when `name` is one.
    (The database migrations are scripts Alembic loads by path, not modules of the package.)"""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {known(a.name) for a in node.names if a.name.startswith("assistant")}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from ..y import z
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, *([node.module] if node.module else [])])
                if base.startswith("assistant"):
                    targets |= {known(f"{base}.{a.name}") or known(base) for a in node.names}
        graph[name] = {t for t in targets if t and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


def test_no_import_cycles_among_assistant_modules() -> None:
    graph = import_graph()
    assert "assistant.core" in graph and graph["assistant.core"]  # the graph is really read
    assert [{m: sorted(graph[m] & set(c)) for m in c} for c in cycles(graph)] == [], (
        "modules that import each other (directly or through others)"
    )


def test_the_cycle_check_counts_deferred_imports_and_finds_cycles() -> None:
    # The CLI imports the server only inside the command that serves (a deferred import).
    assert "assistant.server" in import_graph()["assistant.cli"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
