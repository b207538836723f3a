"""The command line: a thin layer over the Python API.

Errors the user can fix print one sentence on stderr and exit with status 2 (no traceback).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from assistant import phrases
from assistant.errors import AssistantError
from assistant.schema import Delta
from assistant.settings import Settings

app = typer.Typer(
    help="Ask the MLOps Engineer career guide. Every answer cites the guide verbatim.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn the assistant's own errors into one line on stderr and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AssistantError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        except OSError as exc:  # a folder that is a file, no permission, a full disk
            typer.echo(f"error: {phrases.OS_ERROR.format(error=exc)}", err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def make_assistant(**overrides: Any):
    from assistant.core import Assistant

    return Assistant(Settings(**{k: v for k, v in overrides.items() if v is not None}))


def render(answer: Any) -> str:
    """An answer for the terminal: the text, then its numbered sources."""
    lines = [answer.text]
    if answer.sources:
        lines.append("")
        lines.append("Sources:")
        for s in answer.sources:
            lines.append(f'  [{s.n}] {s.section}: "{s.quote}"')
    for notice in answer.notices:
        lines.append(f"({notice})")
    return "\n".join(lines)


class BackendName(StrEnum):
    extractive = "extractive"
    llamacpp = "llamacpp"
    openai = "openai"


BACKEND_OPTION = typer.Option(
    help="Answer backend (ASSISTANT_BACKEND); llamacpp and openai need the llm extra."
)


def answer_streaming(assistant: Any, question: str, turns: Any, quiet: bool = False) -> Any:
    """Ask; a generative backend's draft streams to stderr, the verified answer is returned."""
    answer = None
    drafting = assistant.settings.backend != "extractive" and not quiet
    for event in assistant.stream(question, turns):
        if isinstance(event, Delta):
            if drafting:
                typer.echo(event.text, err=True, nl=False)
        else:
            answer = event.answer
    if drafting:
        typer.echo("\n", err=True)
    return answer


@app.command()
@friendly
def ingest(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild even if unchanged.")] = False,
) -> None:
    """Build the index from the corpus (does nothing when the corpus is unchanged)."""
    from assistant.index import ensure_index

    settings = Settings()
    start = time.perf_counter()
    path, built = ensure_index(settings, rebuild=rebuild)
    took = time.perf_counter() - start
    state = "built" if built else "up to date"
    typer.echo(f"index {state}: {path} ({took:.1f} s)")


@app.command()
@friendly
def ask(
    question: Annotated[str, typer.Argument(help="Your question, in plain language.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    history: Annotated[
        Path | None,
        typer.Option(help="JSON file with earlier turns: [{role, content}, ...]."),
    ] = None,
    backend: Annotated[BackendName | None, BACKEND_OPTION] = None,
) -> None:
    """Answer one question."""
    turns = None
    if history is not None:
        try:
            turns = json.loads(history.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            typer.echo(f"error: could not read the history file {history} ({exc}).", err=True)
            raise typer.Exit(2) from None
    answer = answer_streaming(
        make_assistant(backend=backend and backend.value), question, turns, quiet=as_json
    )
    if as_json:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render(answer))


@app.command()
@friendly
def chat(backend: Annotated[BackendName | None, BACKEND_OPTION] = None) -> None:
    """A terminal chat that keeps the conversation (empty line or Ctrl-D to quit)."""
    from assistant.errors import InvalidQuestion

    assistant = make_assistant(backend=backend and backend.value)
    assistant.load()
    history: list[dict[str, str]] = []
    typer.echo("Ask about the MLOps Engineer career guide. An empty line quits.")
    while True:
        try:
            question = input("you> ")
        except EOFError:
            break
        if not question.strip():
            break
        try:
            answer = answer_streaming(
                assistant, question, history[-assistant.settings.limits.max_history_turns + 2 :]
            )
        except InvalidQuestion as exc:
            typer.echo(f"error: {exc}", err=True)
            continue
        typer.echo(render(answer) + "\n")
        history += [
            {"role": "user", "content": answer.question},
            {"role": "assistant", "content": answer.text},
        ]


@app.command()
@friendly
def sections() -> None:
    """The guide's table of contents."""
    from assistant.guide import load_guide

    for section in load_guide(Settings().corpus_dir).sections:
        typer.echo("  " * (len(section.path) - 1) + section.path[-1])


@app.command()
@friendly
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (ASSISTANT_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind (ASSISTANT_PORT).")] = None,
) -> None:
    """Serve the chat page at /, the HTTP API (/docs) and the widget (/widget.js)."""
    from assistant.server import run

    run(Settings(), host=host, port=port)


@app.command("eval")
@friendly
def evaluate(
    questions: Annotated[Path, typer.Argument(help="Question set, .jsonl or .csv.")],
    out: Annotated[Path | None, typer.Option(help="Output folder (default: data/eval).")] = None,
    answers: Annotated[
        Path | None, typer.Option(help="Score this answers.jsonl instead of asking.")
    ] = None,
    config: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME=KEY=VALUE,...", help="Settings to run; twice+ to compare."),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(metavar="METRIC=VALUE", help="Exit 1 if the metric is below VALUE."),
    ] = None,
    fail_over: Annotated[
        list[str] | None,
        typer.Option(metavar="METRIC=VALUE", help="Exit 1 if the metric is above VALUE."),
    ] = None,
) -> None:
    """Score the assistant on a question set and write a report (see docs/evaluation.md).

    Exit status: 0 ok, 1 a --fail-under/--fail-over gate failed, 2 bad input.
    """
    from assistant.evaluation import main as run_eval

    code = run_eval(
        questions,
        out,
        answers_path=answers,
        configs=config or [],
        fail_under=fail_under or [],
        fail_over=fail_over or [],
    )
    raise typer.Exit(code)


@app.command()
@friendly
def insights(
    days: Annotated[
        int | None, typer.Option(min=1, help="The last DAYS days up to now (default 30).")
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First day (UTC), YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last day (UTC), YYYY-MM-DD.")
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(help="Write the period's distinct questions as `assistant eval` cases."),
    ] = None,
    html: Annotated[Path | None, typer.Option(help="Write the report as an HTML page.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """What people asked in a period and where the guide falls short (the question log,
    ASSISTANT_QUESTION_LOG=on), from the database the settings name."""
    from assistant.db import Database
    from assistant.insights import build_report, export_cases, period, render_text
    from assistant.insights_page import embed_questions, render_html

    settings = Settings()
    start, end = period(days, since and since.date(), until and until.date())
    report = build_report(
        Database.from_settings(settings),
        start,
        end,
        embed_questions(settings),
        settings,
    )
    if export is not None:
        n = export_cases(report, export)
        typer.echo(f"{n} cases written to {export} (draft labels: confirm before use)", err=True)
    if html is not None:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_html(report), encoding="utf-8")
        typer.echo(f"report written to {html}", err=True)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif export is None and html is None:
        typer.echo(render_text(report))


def main() -> None:
    app(prog_name="assistant")


if __name__ == "__main__":  # pragma: no cover
    main()
