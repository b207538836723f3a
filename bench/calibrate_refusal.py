"""Calibrate the refusal rule on labelled in-scope and out-of-scope questions.

    python bench/calibrate_refusal.py [eval/calibration.jsonl]

Answers every question with refusal switched off, records its relevance and coverage, then
searches the thresholds (refusal_threshold, coverage_threshold, coverage_bypass_relevance)
for the rule that refuses the most out-of-scope questions while refusing at most 5 % of the
answerable ones. Prints the chosen values and the rates they give; the defaults in
assistant/settings.py are set from this output (see README, "How refusal is calibrated").
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import numpy as np

from assistant import Assistant

# Below the 5 % bar, as the rate rises on unseen questions (with the first, 93-question set a
# 5 % cap gave 11.5 % false refusals on the gold set). The set now has 183 questions (101
# answerable, many colloquial); the threshold-free checks alone refuse 2 % of them.
MAX_FALSE_REFUSALS = 0.03


def main(path: str = "eval/calibration.jsonl") -> None:
    rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    # The nearest-question check is calibrated after, on top of these thresholds
    # (bench/calibrate_examples.py).
    assistant = Assistant.from_settings(
        refusal_threshold=0.0,
        coverage_threshold=0.0,
        coverage_bypass_relevance=0.0,
        scope_examples="",
    )
    feats = []
    for row in rows:
        answer = assistant.ask(row["question"], row.get("history"))
        d = answer.extra["diagnostics"]
        # Refused with thresholds off: the guide only asks it, names something it never
        # mentions, or wants a quantity the evidence does not state.
        echo = answer.refused
        feats.append((row.get("answerable", True), d["relevance"], d["coverage"], echo))
    ans = np.array([f[0] for f in feats])
    rel = np.array([f[1] for f in feats])
    cov = np.array([f[2] for f in feats])
    echo = np.array([f[3] for f in feats])
    print("max answerable refused -> out-of-scope refused (thresholds)")
    for cap in (0.0, 0.02, 0.03, 0.04, 0.05, 0.08, 0.10, 0.15):
        found = search(ans, rel, cov, echo, cap)
        if found is None:
            print(f"  {cap:4.0%} -> unreachable: the threshold-free checks refuse more")
        else:
            print(f"  {cap:4.0%} -> {found[4]:5.1%}  {tuple(float(t) for t in found[1:4])}")
    best = search(ans, rel, cov, echo, MAX_FALSE_REFUSALS)
    assert best is not None, "no thresholds meet the cap"
    _, t1, t2, t3, refusal, false_refusal = best
    print(f"questions: {len(rows)} ({int(ans.sum())} answerable, {int((~ans).sum())} not)")
    print(f"refusal_threshold={t1} coverage_threshold={t2} coverage_bypass_relevance={t3}")
    print(f"out-of-scope refused: {refusal:.1%}  answerable refused: {false_refusal:.1%}")


def search(ans, rel, cov, echo, cap):  # type: ignore[no-untyped-def]
    best = None
    grid = np.round(np.arange(0.10, 0.96, 0.01), 2)
    for t1, t2, t3 in itertools.product(
        grid[grid <= 0.6], grid[(grid >= 0.3) & (grid <= 0.8)], grid[grid >= 0.7]
    ):
        covered = (rel >= t1) & ((cov >= t2) | (rel >= t3)) & ~echo
        false_refusal = float(np.mean(~covered[ans]))
        refusal = float(np.mean(~covered[~ans]))
        if false_refusal > cap:
            continue
        # Most out-of-scope refusals; then fewest false refusals; then the widest margins.
        key = (refusal, -false_refusal, -t1, -t2, t3)
        if best is None or key > best[0]:
            best = (key, t1, t2, t3, refusal, false_refusal)
    return best


if __name__ == "__main__":
    main(*sys.argv[1:])
