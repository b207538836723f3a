"""The package stays readable in pieces: no function of assistant/ is longer than 60 lines and
no module longer than 400 (docstrings and comments count), so each reads on a screen or two."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "assistant"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400

MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_is_longer_than_60_lines(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_name(path)}: split into named helpers: {long}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_longer_than_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines; split it"
