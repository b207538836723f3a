"""Calibrate the answer-composition weights on the training sets; report the dev sets.

    python bench/calibrate_answers.py --train eval/train/*.jsonl --dev eval/dev/*.jsonl

The weights that score a guide sentence for a question (settings: answer.section_weight,
answer.lexical_weight, answer.title_weight, answer.rank_decay, retrieval.answer_sections,
retrieval.unit_ranking_weight, answer.reference_factor, answer.definition_weight) are searched
one at a time from the
current settings (coordinate ascent, two rounds), keeping a change only when it raises the
share of answerable training questions whose answer holds all their expected facts, and does
not refuse more of them. Then the chosen and the current settings are both measured on
the dev sets. Test sets are never read here.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from assistant import Assistant
from assistant.embeddings import get_embedder
from assistant.evaluation.metrics import missing_facts
from assistant.evaluation.questions import EvalQuestion, load_questions
from assistant.settings import Settings

GRID: dict[str, list[Any]] = {
    "answer.section_weight": [0.3, 0.4, 0.5, 0.6],
    "answer.lexical_weight": [0.05, 0.15, 0.25, 0.35],
    "answer.title_weight": [0.15, 0.3, 0.45],
    "answer.rank_decay": [0.0, 0.04, 0.07, 0.12],
    "retrieval.answer_sections": [3, 4, 5],
    "retrieval.unit_ranking_weight": [1.0, 2.0, 3.0, 4.0],
    "answer.reference_factor": [1.0, 0.8, 0.6, 0.4],
    "answer.definition_weight": [0.0, 0.1, 0.2],
}


def current(settings: Settings, name: str) -> Any:
    """The value of a setting named group.field (as in GRID)."""
    group, field = name.split(".")
    return getattr(getattr(settings, group), field)


def answerable(paths: list[Path]) -> list[EvalQuestion]:
    out = []
    for path in paths:
        questions, _ = load_questions(path)
        out += [q for q in questions if q.answerable and q.expected_facts]
    return out


def score(settings: Settings, questions: list[EvalQuestion], embedder: Any) -> tuple[float, float]:
    """(share with every expected fact in the answer, share refused) over `questions`."""
    assistant = Assistant(settings, embedder=embedder).load()
    full = refused = 0
    for q in questions:
        answer = assistant.ask(q.question, list(q.history) or None)
        refused += answer.refused
        full += not missing_facts(q.expected_facts, answer.text)
    return full / len(questions), refused / len(questions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", nargs="+", type=Path, required=True)
    parser.add_argument("--dev", nargs="+", type=Path, default=[])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    base = Settings()
    embedder = get_embedder(base)
    train = answerable(args.train)
    chosen = {name: current(base, name) for name in GRID}
    best = score(base, train, embedder)
    print(f"{len(train)} answerable training questions; current {chosen}: {best}")
    for _ in range(args.rounds):
        for name, values in GRID.items():
            for value in values:
                if value == chosen[name]:
                    continue
                trial = {**chosen, name: value}
                start = time.perf_counter()
                got = score(base.updated(trial), train, embedder)
                print(
                    f"  {name}={value}: facts {got[0]:.3f} refused {got[1]:.3f}"
                    f" ({time.perf_counter() - start:.0f} s)"
                )
                if got[0] > best[0] and got[1] <= best[1]:
                    chosen, best = trial, got
        print(f"after a round: {chosen}: {best}")
    report = {"train": {"questions": len(train), "chosen": chosen, "facts": best[0]}}
    for path in args.dev:
        dev = answerable([path])
        report[path.stem] = {
            "current": score(base, dev, embedder),
            "chosen": score(base.updated(chosen), dev, embedder),
        }
        print(path.stem, report[path.stem])
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
