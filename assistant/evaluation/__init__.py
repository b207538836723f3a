"""Batch evaluation: score a question set offline, compare configurations, gate CI on scores.

``main`` is what ``assistant eval`` calls; the pieces are importable for tests and notebooks:
questions (reading the question set), metrics (pure scoring), run (asking and aggregating),
report and html (the output files). Definitions of every metric: docs/evaluation.md.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evaluation.questions import (
    EvalQuestion,
    QuestionsFileError,
    RowError,
    load_answers,
    load_questions,
)
from assistant.evaluation.run import Answerer, AnswererFactory, EvalRun, GuideContext

__all__ = [
    "EXIT_GATE",
    "EXIT_INPUT",
    "EXIT_OK",
    "Answerer",
    "AnswererFactory",
    "EvalQuestion",
    "EvalRun",
    "GuideContext",
    "RowError",
    "load_questions",
    "main",
]

EXIT_OK = 0
EXIT_GATE = 1  # a --fail-under / --fail-over threshold was not met
EXIT_INPUT = 2  # bad option, unreadable file, or malformed rows (the rest is still evaluated)


def _say(message: str, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


def _assistant_factory(overrides: dict[str, Any]) -> Answerer:
    from assistant import Assistant
    from assistant.settings import nest

    return Assistant.from_settings(**nest(overrides)).load()


class _InputError(Exception):
    """A bad option or an unreadable input: said on stderr, and the exit code is EXIT_INPUT."""


@dataclass
class _Plan:
    """What a run is asked to do, its options read and checked."""

    under: list[tuple[str, float]]
    over: list[tuple[str, float]]
    named: list[tuple[str, dict[str, str]]]  # the --config runs: (name, setting overrides)
    out: Path
    questions: list[EvalQuestion]
    row_errors: list[RowError]
    context: GuideContext


def main(
    questions_path: Path,
    out: Path | None = None,
    *,
    answers_path: Path | None = None,
    configs: Sequence[str] = (),
    fail_under: Sequence[str] = (),
    fail_over: Sequence[str] = (),
    base_overrides: dict[str, Any] | None = None,
    answerer_factory: AnswererFactory | None = None,
    context: GuideContext | None = None,
    progress: bool = True,
) -> int:
    """Run ``assistant eval``; returns the exit code (EXIT_OK, EXIT_GATE or EXIT_INPUT).

    ``out`` defaults to the ``eval`` folder in the settings' data folder.
    """
    from assistant.evaluation import report

    base = dict(base_overrides or {})
    try:
        plan = _plan(
            questions_path, out, answers_path, configs, fail_under, fail_over, base, context
        )
        plan.questions, plan.row_errors = _valid_rows(questions_path, plan)
        runs: list[EvalRun] = []
        for name, overrides in plan.named or [("", {})]:
            result = _run_one(
                name,
                overrides,
                plan,
                questions_path,
                answers_path,
                base,
                answerer_factory,
                progress,
            )
            target = plan.out / name if name else plan.out
            report.write_run(result, target, str(questions_path))
            runs.append(result)
            _say(_summary(result, target))
    except _InputError as exc:
        _say(f"Error: {exc}", err=True)
        return EXIT_INPUT
    return _finish(runs, plan)


def _plan(
    questions_path: Path,
    out: Path | None,
    answers_path: Path | None,
    configs: Sequence[str],
    fail_under: Sequence[str],
    fail_over: Sequence[str],
    base: dict[str, Any],
    context: GuideContext | None,
) -> _Plan:
    """The options read and checked, the questions loaded; raises _InputError."""
    from pydantic import ValidationError

    from assistant.errors import AssistantError
    from assistant.evaluation import run
    from assistant.settings import Settings, nest, setting_names

    try:
        under = [run.parse_threshold(t) for t in fail_under]
        over = [run.parse_threshold(t) for t in fail_over]
        named = [run.parse_config(c, setting_names()) for c in configs]
        if answers_path is not None and named:
            raise ValueError(
                "--answers scores answers already made; it cannot be combined with --config"
            )
        names = [n for n, _ in named]
        for n in names:
            if not re.fullmatch(r"[\w.-]+", n) or names.count(n) > 1:
                raise ValueError(
                    f"--config name {n!r} must be unique and made of letters, digits, . _ -"
                )
        for _, overrides in named:
            Settings(**nest({**base, **overrides}))
        settings = Settings(**nest(base))
        out = out or settings.data_dir / "eval"
        questions, row_errors = load_questions(questions_path)
        if context is None:
            context = run.guide_context(settings)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise _InputError(f"invalid setting ({problems}).") from exc
    except (ValueError, QuestionsFileError, AssistantError) as exc:
        raise _InputError(str(exc)) from exc
    return _Plan(under, over, named, out, questions, row_errors, context)


def _valid_rows(questions_path: Path, plan: _Plan) -> tuple[list[EvalQuestion], list[RowError]]:
    """The questions whose expected sections are the guide's, and every row error, each said;
    raises _InputError when no question is left."""
    from assistant.evaluation import run

    questions, unknown = run.validate_sections(plan.questions, plan.context.index)
    row_errors = sorted([*plan.row_errors, *unknown], key=lambda e: e.line)
    for error in row_errors:
        _say(f"{questions_path.name} {error}; row skipped.", err=True)
    if not questions:
        raise _InputError(f"{questions_path.name} has no valid question to evaluate.")
    return questions, row_errors


def _run_one(
    name: str,
    overrides: dict[str, str],
    plan: _Plan,
    questions_path: Path,
    answers_path: Path | None,
    base: dict[str, Any],
    answerer_factory: AnswererFactory | None,
    progress: bool,
) -> EvalRun:
    """One configuration scored: the answers read from `answers_path`, or asked now."""
    from assistant.errors import AssistantError
    from assistant.evaluation import run

    errors = list(plan.row_errors)
    if answers_path is not None:
        try:
            loaded, answer_errors = load_answers(answers_path)
        except QuestionsFileError as exc:
            raise _InputError(str(exc)) from exc
        kept, answers, missing = run.match_answers(plan.questions, loaded, answers_path.name)
        for error in [*answer_errors, *missing]:
            _say(f"{error}; skipped.", err=True)
        errors += answer_errors + missing
    else:
        try:
            answerer = (answerer_factory or _assistant_factory)({**base, **overrides})
        except AssistantError as exc:
            raise _InputError(str(exc)) from exc
        kept, answers = plan.questions, run.ask_all(answerer, plan.questions, progress, name)
    return run.score(name, kept, answers, plan.context, errors, overrides)


def _finish(runs: list[EvalRun], plan: _Plan) -> int:
    """The comparison of several configurations, the gates, and the exit code."""
    from assistant.evaluation import report, run

    if len(runs) > 1:
        report.write_comparison(runs, plan.out)
        _say(f"Comparison of {len(runs)} configurations: {plan.out / 'compare.md'}")
    failures = [f for r in runs for f in run.check_gates(r, plan.under, plan.over)]
    for failure in failures:
        _say(f"Gate failed: {failure}", err=True)
    if any(r.row_errors for r in runs):
        _say("Error: some rows were not evaluated (see above); fix them and run again.", err=True)
        return EXIT_INPUT
    return EXIT_GATE if failures else EXIT_OK


def _summary(r: EvalRun, target: Path) -> str:
    from assistant.evaluation.aggregate import fmt

    keys = (
        "pass_rate",
        "fact_recall",
        "hit@3",
        "mrr",
        "quote_fidelity",
        "groundedness",
        "refusal_accuracy",
        "false_refusal_rate",
        "latency_p95_ms",
    )
    shown = ", ".join(f"{k} {fmt(r.metrics[k], k)}" for k in keys)
    label = f"[{r.name}] " if r.name else ""
    return f"{label}{len(r.questions)} questions: {shown}. Report: {target / 'report.md'}"
