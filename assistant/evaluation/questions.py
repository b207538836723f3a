"""Read an evaluation question set (JSONL or CSV) and an answers file made elsewhere.

A malformed row never stops the run: it becomes a ``RowError`` naming its line, and every other
row is still evaluated. Field reference: docs/evaluation.md.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = (
    "id",
    "question",
    "history",
    "answerable",
    "expected_sections",
    "expected_facts",
    "reference_answer",
)
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    line: int  # line of the questions file the row starts on
    answerable: bool = True
    history: tuple[dict[str, str], ...] = ()
    expected_sections: tuple[str, ...] = ()
    expected_facts: tuple[str, ...] = ()
    reference_answer: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown fields, kept for the report


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def expectation(q: EvalQuestion) -> str:
    """What a question expects, in one line for a report's failing questions."""
    if not q.answerable:
        return "a refusal (the guide does not cover this)"
    parts = []
    if q.expected_facts:
        parts.append("facts: " + "; ".join(q.expected_facts))
    if q.expected_sections:
        parts.append("sections: " + ", ".join(q.expected_sections))
    if q.reference_answer:
        parts.append("reference: " + q.reference_answer)
    return " — ".join(parts) or "an answer"


class QuestionsFileError(Exception):
    """The questions or answers file cannot be read at all (missing, wrong format)."""


def load_questions(path: Path) -> tuple[list[EvalQuestion], list[RowError]]:
    """Valid questions in file order, and one error per malformed row."""
    if not path.is_file():
        raise QuestionsFileError(f"No questions file at {path}; pass a .jsonl or .csv file.")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        rows = _jsonl_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        raise QuestionsFileError(
            f"{path.name}: unknown format {suffix or '(no suffix)'}; use .jsonl or .csv."
        )
    questions: list[EvalQuestion] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if isinstance(row, RowError):
            errors.append(row)
            continue
        try:
            question = parse_row(row, line)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if question.id in seen:
            errors.append(
                RowError(line, f"duplicate id {question.id!r} (first on line {seen[question.id]})")
            )
            continue
        seen[question.id] = line
        questions.append(question)
    return questions, errors


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                yield number, RowError(number, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(row, dict):
                yield number, RowError(number, "a row must be a JSON object")
                continue
            yield number, row


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return
        header = [name.strip() for name in header]
        if "question" not in header:
            raise QuestionsFileError(
                f"{path.name}: the CSV header has no 'question' column "
                f"(found: {', '.join(header)})."
            )
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                yield line, RowError(line, f"{len(cells)} cells but the header has {len(header)}")
                continue
            yield (
                line,
                {name: cell for name, cell in zip(header, cells, strict=False) if cell != ""},
            )


def parse_row(row: dict[str, Any], line: int) -> EvalQuestion:
    """One question from a decoded row; ValueError says what is wrong with it."""
    qid = row.get("id")
    if qid is None or str(qid).strip() == "":
        raise ValueError("missing 'id'")
    question = row.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError("'question' must be a non-empty string")
    reference = row.get("reference_answer")
    if reference is not None and not isinstance(reference, str):
        raise ValueError("'reference_answer' must be a string")
    return EvalQuestion(
        id=str(qid).strip(),
        question=question,
        line=line,
        answerable=_boolean(row.get("answerable", True)),
        history=_history(row.get("history")),
        expected_sections=_strings(row.get("expected_sections"), "expected_sections"),
        expected_facts=_strings(row.get("expected_facts"), "expected_facts"),
        reference_answer=reference or None,
        extra={k: v for k, v in row.items() if k not in FIELDS},
    )


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"'answerable' must be true or false, not {value!r}")


def _decode(value: Any, name: str) -> Any:
    """CSV cells carry lists as JSON text; JSONL rows carry them as JSON already."""
    if isinstance(value, str) and value.strip().startswith(("[", "{")):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"'{name}' is not valid JSON ({exc.msg})") from exc
    return value


def _strings(value: Any, name: str) -> tuple[str, ...]:
    value = _decode(value, name)
    if value is None:
        return ()
    if isinstance(value, str):  # CSV convenience: "a | b | c"
        return tuple(part.strip() for part in value.split("|") if part.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v for v in value if v.strip())
    raise ValueError(f"'{name}' must be a list of strings")


def _history(value: Any) -> tuple[dict[str, str], ...]:
    value = _decode(value, "history")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError("'history' must be a list of {role, content} objects")
    turns = []
    for i, turn in enumerate(value, start=1):
        if (
            not isinstance(turn, dict)
            or turn.get("role") not in ("user", "assistant")
            or not isinstance(turn.get("content"), str)
        ):
            raise ValueError(
                f'\'history\' item {i} must be {{"role": "user"|"assistant", "content": text}}'
            )
        turns.append({"role": turn["role"], "content": turn["content"]})
    return tuple(turns)


def load_answers(path: Path) -> tuple[dict[str, dict[str, Any]], list[RowError]]:
    """An answers.jsonl made elsewhere, keyed by question id (or by question text without id)."""
    if not path.is_file():
        raise QuestionsFileError(f"No answers file at {path}; pass an answers.jsonl.")
    answers: dict[str, dict[str, Any]] = {}
    errors: list[RowError] = []
    for line, row in _jsonl_rows(path):
        if isinstance(row, RowError):
            errors.append(RowError(line, f"{path.name}: {row.message}"))
            continue
        key = row.get("id")
        key = str(key).strip() if key is not None else row.get("question")
        if not isinstance(key, str) or not key or not isinstance(row.get("answer", ""), str):
            errors.append(
                RowError(line, f"{path.name}: an answer needs an 'id' (or 'question') and text")
            )
            continue
        answers[key] = row
    return answers, errors
