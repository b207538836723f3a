"""The documentation stays true to the code: the settings table is the one the code generates,
the README stays short enough to be read as the door, every relative link leads to a file, and
no page points at a tracker's issue numbers or a work round instead of saying what it means. Every
module of the package has a docstring, and its __all__ names only what it defines or imports."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.settings import GROUPS, PROJECT_ROOT, Settings, env_name, settings_table

README = PROJECT_ROOT / "README.md"
CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"
DOCS = sorted((PROJECT_ROOT / "docs").glob("*.md"))
SETTINGS_DOC = PROJECT_ROOT / "docs" / "settings.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"

README_MAX_BYTES = 10_240

#: [text](target) and ![alt](target), and reference definitions `[label]: target`.
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]"  # the text, which may hold one level of brackets
    r"\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"  # (target "optional title")
)
_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")

_WORK_NOTES = re.compile(r"\bissues?\s*#?\s*\d+|\bthis round\b", re.IGNORECASE)


def _pages() -> list[Path]:
    return [README, CHANGELOG, *DOCS]


def _links(text: str) -> list[str]:
    prose = _CODE_SPAN.sub("", _FENCE.sub("", text))
    return _INLINE_LINK.findall(prose) + _REFERENCE.findall(prose)


def test_settings_doc_holds_the_generated_table() -> None:
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, "markers missing in docs/settings.md"
    between = text.split(START, 1)[1].split(END, 1)[0]
    assert between.strip("\n") == settings_table().strip("\n"), (
        "docs/settings.md is out of date: regenerate the table between the markers with the "
        "command that page gives"
    )


def test_settings_table_has_every_field_in_order() -> None:
    rows = [line for line in settings_table().splitlines() if line.startswith("| `ASSISTANT_")]
    names = [row.split("`")[1] for row in rows]
    top = [env_name(None, name) for name in Settings.model_fields if name not in GROUPS]
    nested = [env_name(g, name) for g, model in GROUPS.items() for name in model.model_fields]
    assert names == top + nested
    table = settings_table()
    assert str(PROJECT_ROOT) not in table, "a default shows a path of this machine"
    assert "| `ASSISTANT_CORPUS_DIR` | `corpus` |" in table
    assert "| `ASSISTANT_EMBEDDING_MODEL` | `the packaged all-MiniLM-L6-v2` |" in table


def test_readme_is_short() -> None:
    size = len(README.read_bytes())
    assert size <= README_MAX_BYTES, f"README.md is {size} bytes; the limit is {README_MAX_BYTES}"


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix())
def test_relative_links_lead_to_files(page: Path) -> None:
    broken = []
    for target in _links(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("#"):
            continue  # a URL (http:, mailto:, …) or an anchor on the same page
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.name}: links to missing files: {broken}"


def test_the_link_reader_finds_links() -> None:
    text = 'See [a](docs/a.md#x), ![b](b.png "t") and `[c](not-a-link.md)`.\n\n[d]: d.md\n'
    assert _links(text) == ["docs/a.md#x", "b.png", "d.md"]


CODE = sorted((PROJECT_ROOT / "assistant").rglob("*.py"))


@pytest.mark.parametrize(
    "page",
    [README, CHANGELOG, *DOCS, *CODE],
    ids=lambda p: p.relative_to(PROJECT_ROOT).as_posix(),
)
def test_no_work_notes(page: Path) -> None:
    """Say what a change is, not which ticket or round it came from."""
    hits = [m.group(0) for m in _WORK_NOTES.finditer(page.read_text(encoding="utf-8"))]
    assert not hits, f"{page.name}: {hits}"


# ---- the code documents itself ----------------------------------------------------------------
MODULES = sorted((PROJECT_ROOT / "assistant").rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_every_module_says_what_it_is_for(path: Path) -> None:
    docstring = ast.get_docstring(_tree(path))
    assert docstring and len(docstring.split()) >= 5, f"{path.name} has no module docstring"


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If):  # if TYPE_CHECKING: imports
            names |= _top_level_names(ast.Module(body=node.body, type_ignores=[]))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _exported(tree: ast.Module) -> list[str] | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return list(ast.literal_eval(node.value))
    return None


EXPORTING = [p for p in MODULES if _exported(_tree(p)) is not None]


@pytest.mark.parametrize("path", EXPORTING, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_what_a_module_exports_it_defines(path: Path) -> None:
    tree = _tree(path)
    names = _exported(tree) or []
    assert len(names) == len(set(names)), "a name is listed twice"
    assert set(names) <= _top_level_names(tree)
