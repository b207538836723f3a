"""Calibrate the three thresholds of the scope policy on the training sets; report the dev sets.

    python bench/calibrate_refusal.py --train eval/train/*.jsonl --dev eval/dev/*.jsonl

Every question is answered once with the thresholds at 0, which records its relevance, its
coverage, a yes/no ask's property coverage and what the threshold-free checks of
assistant/policy.py decided (an unknown name, a quantity the evidence does not state, …). Three
thresholds then refuse a question when a threshold-free check did, or relevance <
refusal_threshold (and no guide line holds all the ask's words), or (nothing was computed over
items, relevance < coverage_bypass_relevance and) coverage < coverage_threshold, or (nothing was
a yes/no ask's property coverage < property_threshold. The grid search keeps the
thresholds that refuse the most out-of-scope training questions while refusing at most
--max-false (default 3 %) of the answerable ones. Test sets are never read here.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from assistant import Assistant
from assistant.evaluation.questions import load_questions


def observe(assistant: Assistant, paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        questions, _ = load_questions(path)
        for q in questions:
            answer = assistant.ask(q.question, list(q.history) or None)
            d = answer.diagnostics.to_dict() if answer.diagnostics else {}
            rows.append(
                {
                    "set": path.stem,
                    "answerable": q.answerable,
                    "relevance": d.get("relevance", 1.0),
                    "lexical": d.get("lexical", False),
                    "coverage": d.get("coverage", 1.0),
                    "selected": d.get("selected_items", False),
                    # only a yes/no ask has one (None otherwise: the check does not apply)
                    "property": d.get("property_coverage") or 1.0,
                    "fixed": answer.refused,  # refused by a threshold-free check
                }
            )
    return rows


def refused(rows: list[dict], rel: float, cov: float, bypass: float, prop: float) -> np.ndarray:
    return np.array(
        [
            r["fixed"]
            or (r["relevance"] < rel and not r["lexical"])
            or (not r["selected"] and r["relevance"] < bypass and r["coverage"] < cov)
            or r["property"] < prop
            for r in rows
        ]
    )


def rates(
    rows: list[dict], rel: float, cov: float, bypass: float, prop: float = 0.0
) -> tuple[float, float]:
    """(out of scope refused, answerable refused)."""
    out = refused(rows, rel, cov, bypass, prop)
    answerable = np.array([r["answerable"] for r in rows])
    oos = out[~answerable].mean() if (~answerable).any() else float("nan")
    false = out[answerable].mean() if answerable.any() else float("nan")
    return float(oos), float(false)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, nargs="+", required=True)
    parser.add_argument("--dev", type=Path, nargs="*", default=[])
    parser.add_argument("--max-false", type=float, default=0.03)
    args = parser.parse_args()
    assistant = Assistant.from_settings(
        scope={"refusal_threshold": 0.0, "coverage_threshold": 0.0, "property_threshold": 0.0}
    ).load()
    bypass = assistant.settings.scope.coverage_bypass_relevance
    train = observe(assistant, args.train)
    best = None
    for rel in np.arange(0.0, 0.41, 0.01):
        for cov in np.arange(0.0, 0.71, 0.01):
            for prop in np.arange(0.0, 0.61, 0.02):
                oos, false = rates(train, rel, cov, bypass, prop)
                if false <= args.max_false and (best is None or oos > best[0] + 1e-9):
                    best = (oos, false, *(round(float(x), 2) for x in (rel, cov, prop)))
    assert best is not None
    oos, false, rel, cov, prop = best
    print(
        f"train ({len(train)} questions): refusal_threshold {rel}, coverage_threshold {cov}, "
        f"property_threshold {prop}"
    )
    print(f"  out of scope refused {oos:.1%}, answerable refused {false:.1%}")
    print(
        f"  threshold-free checks alone: {rates(train, 0, 0, bypass)[0]:.1%} / "
        f"{rates(train, 0, 0, bypass)[1]:.1%}"
    )
    pooled: list[dict] = []
    for path in args.dev:
        dev = observe(assistant, [path])
        pooled += dev
        d_oos, d_false = rates(dev, rel, cov, bypass, prop)
        print(
            f"dev {path.name} ({len(dev)}): out of scope refused {d_oos:.1%}, "
            f"answerable refused {d_false:.1%}"
        )
    if pooled:
        d_oos, d_false = rates(pooled, rel, cov, bypass, prop)
        print(
            f"dev, all ({len(pooled)}): out of scope refused {d_oos:.1%}, "
            f"answerable refused {d_false:.1%}"
        )
    print(
        json.dumps(
            {
                "scope.refusal_threshold": rel,
                "scope.coverage_threshold": cov,
                "scope.property_threshold": prop,
            }
        )
    )


if __name__ == "__main__":
    main()
