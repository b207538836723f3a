"""Load the guide: every .md/.txt file of the corpus folder becomes a list of sections.

Markdown files mark headings with ``#``; a heading that ends with ``:`` is a lead-in line
("Cloud ML certifications:") and stays in its section's text, in front of its list. Plain-text
files have no marks, so short lines without final punctuation are taken as headings.
Each section is split into units — sentences and list items — that answers quote verbatim.
A ``glossary.json`` beside the files spells out the guide's short forms (assistant/glossary.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant import phrases
from assistant.errors import CorpusError
from assistant.glossary import ALIASES_FILE, GLOSSARY_FILE, load_glossary
from assistant.schema import Section, Unit, UnitKind

SUFFIXES = (".md", ".txt")
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_BULLET = re.compile(r"^\s*[-*•]\s+")
_ENUM = re.compile(r"^\d+\.(?=\S)")  # "1.MLOps Engineers earn" -> "MLOps Engineers earn"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){1,3}$")  # "B.S." does not end a sentence


@dataclass(frozen=True)
class Guide:
    sections: tuple[Section, ...]
    version: str  # short hash of the corpus files (its glossary and aliases too)
    glossary: dict[str, str] = field(default_factory=dict)  # its short forms' meanings
    aliases: dict[str, str] = field(default_factory=dict)  # other names for its names

    def by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    @property
    def text(self) -> str:
        """All section bodies, for verbatim checks of quotes."""
        return "\n".join(s.text for s in self.sections)


def corpus_files(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        raise CorpusError(phrases.MISSING_CORPUS.format(path=corpus_dir))
    files = sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix in SUFFIXES)
    if not files:
        raise CorpusError(phrases.MISSING_CORPUS.format(path=corpus_dir))
    return files


def corpus_hash(corpus_dir: Path) -> str:
    """Hash of the corpus files' names and bytes: the guide's version."""
    digest = hashlib.sha256()
    extra = [corpus_dir / name for name in (GLOSSARY_FILE, ALIASES_FILE)]
    for path in [*corpus_files(corpus_dir), *(p for p in extra if p.is_file())]:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def load_guide(corpus_dir: Path) -> Guide:
    sections: list[Section] = []
    for path in corpus_files(corpus_dir):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CorpusError(
                f"{path.name} is not UTF-8 text ({exc.reason}); save it as UTF-8 and ingest again."
            ) from exc
        blocks = _markdown_blocks(text) if path.suffix == ".md" else _plain_blocks(text)
        sections.extend(_sections(blocks, path.name, start=len(sections)))
    if not sections:
        raise CorpusError(phrases.MISSING_CORPUS.format(path=corpus_dir))
    return Guide(
        tuple(sections),
        corpus_hash(corpus_dir),
        load_glossary(corpus_dir),
        load_glossary(corpus_dir, ALIASES_FILE),
    )


# A block is (level, heading, body lines); level 0 means text before any heading.
Block = tuple[int, str, list[str]]


def _markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = [(0, "", [])]
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            heading = match.group(2)
            body = [heading] if heading.endswith(":") else []
            blocks.append((len(match.group(1)), heading, body))
        elif line.strip():
            blocks[-1][2].append(line.rstrip())
    return blocks


def _is_plain_heading(line: str, following: str) -> bool:
    stripped = line.strip()
    if not stripped or _BULLET.match(line) or len(stripped) > 80 or not following.strip():
        return False
    if stripped.endswith(":"):
        return bool(_BULLET.match(following))
    return not stripped.endswith((".", "!", ",", ";", ")"))


def _plain_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = [(0, "", [])]  # text before the first heading
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _is_plain_heading(line, following):
            heading = line.strip()
            level = 2 if heading.endswith(":") else 1
            blocks.append((level, heading, [heading] if level == 2 else []))
        elif line.strip():
            blocks[-1][2].append(line.rstrip())
    return blocks


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _sections(blocks: Iterable[Block], source: str, start: int) -> list[Section]:
    out: list[Section] = []
    stack: list[tuple[int, str]] = []
    seen: set[str] = set()
    for level, heading, body in blocks:
        if level == 0:
            if not body:
                continue
            level, heading = 1, Path(source).stem.replace("-", " ").title()
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading.rstrip(":").strip()))
        path = tuple(title for _, title in stack)
        section_id = "/".join(_slug(p) for p in path)
        base, k = section_id, 2
        while section_id in seen:
            section_id, k = f"{base}-{k}", k + 1
        seen.add(section_id)
        out.append(
            Section(
                id=section_id,
                path=path,
                text="\n".join(_BULLET.sub("- ", line, count=1) for line in body),
                source=source,
                order=start + len(out),
                units=tuple(_units(body, lead_in=heading.endswith(":"))),
            )
        )
    return out


def _units(body: list[str], lead_in: bool) -> Iterable[Unit]:
    position = 0
    for i, line in enumerate(body):
        pieces: list[tuple[str, UnitKind]]
        if _BULLET.match(line):
            text = _ENUM.sub("", _BULLET.sub("", line, count=1)).strip()
            pieces = [(text, "item")]
        elif i == 0 and lead_in:
            pieces = [(line.strip(), "leadin")]
        else:
            pieces = [(s, "sentence") for s in _sentences(line.strip())]
        for text, kind in pieces:
            if text:
                yield Unit(text=text, kind=kind, position=position)
                position += 1


def _sentences(line: str) -> list[str]:
    out: list[str] = []
    for piece in _SENTENCE_END.split(line):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece.strip())
    return out
