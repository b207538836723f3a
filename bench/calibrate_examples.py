"""Calibrate the nearest-question check and write its labelled questions.

    python bench/calibrate_examples.py SET.jsonl ... [--write corpus/scope-examples.jsonl
                                                      --exclude EVAL.jsonl ...]

Each SET is a file of labelled questions about the guide (eval/calibration.jsonl and the
held-out sets A and B). Every question is answered with the check off; then, for each set in
turn, its questions are checked against the examples of the *other* sets only (leave one set
out), so the rates below are those of questions the examples have never seen. The search picks
k (examples of each kind compared) and the margin that refuse the most out-of-scope questions
while at most MAX_FALSE_REFUSALS of the answerable ones are refused in all (the check and the
other refusal rules together). Follow-ups (questions with history) are not checked and are not
examples. With --write, all sets' questions become the examples file (see assistant/examples.py),
except those of the evaluation sets given to --exclude, which measure the check.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from assistant import Assistant

# The rates are already measured on unseen questions, so the cap sits just under the 5 % bar.
MAX_FALSE_REFUSALS = 0.04
NEIGHBOURS = (1, 2, 3, 4, 5)
MARGINS = np.round(np.arange(-0.15, 0.051, 0.01), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--write", type=Path, help="write the examples file here")
    parser.add_argument(
        "--exclude",
        type=Path,
        nargs="*",
        default=[],
        help="evaluation sets: their questions never become examples",
    )
    args = parser.parse_args()
    assistant = Assistant.from_settings(scope_examples="")
    rows = []
    for group, path in enumerate(args.sets):
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((group, row, assistant.ask(row["question"], row.get("history"))))
    group = np.array([g for g, _, _ in rows])
    answerable = np.array([r.get("answerable", True) for _, r, _ in rows])
    refused = np.array([a.refused for _, _, a in rows])
    checked = np.array([not r.get("history") for _, r, _ in rows])
    vectors = assistant.embedder.embed_documents([r["question"] for _, r, _ in rows])
    sims = vectors @ vectors.T
    print(f"questions: {len(rows)} ({answerable.sum()} answerable) in {len(args.sets)} sets")
    print(
        f"other rules alone: out-of-scope refused {refused[~answerable].mean():.1%}, "
        f"answerable refused {refused[answerable].mean():.1%}"
    )
    best = None
    for k in NEIGHBOURS:
        margins = leave_one_set_out(sims, group, answerable, checked, k)
        for cut in MARGINS:
            out = refused | (checked & (margins < cut))
            false, caught = out[answerable].mean(), out[~answerable].mean()
            if false <= MAX_FALSE_REFUSALS:
                key = (caught, -false, -cut)
                if best is None or key > best[0]:
                    best = (key, k, float(cut), caught, false, margins)
        print(
            f"  k={k}: "
            + "  ".join(
                f"{cut:+.2f}->{(refused | (checked & (margins < cut)))[~answerable].mean():.0%}/"
                f"{(refused | (checked & (margins < cut)))[answerable].mean():.0%}"
                for cut in MARGINS[::2]
            )
        )
    assert best is not None, "no margin meets the cap"
    _, k, cut, caught, false, margins = best
    print(f"scope_neighbours={k} scope_margin={cut}")
    print(f"out-of-scope refused: {caught:.1%}  answerable refused: {false:.1%} (each set unseen)")
    for g, path in enumerate(args.sets):
        out = (refused | (checked & (margins < cut)))[group == g]
        a = answerable[group == g]
        print(f"  {path}: out-of-scope {out[~a].mean():.1%}, answerable {out[a].mean():.1%}")
    if args.write:
        excluded = {
            json.loads(line)["question"].strip().lower()
            for path in args.exclude
            for line in path.read_text().splitlines()
            if line.strip()
        }
        lines = [
            json.dumps({"question": r["question"], "answerable": r.get("answerable", True)})
            for _, r, _ in rows
            if not r.get("history") and r["question"].strip().lower() not in excluded
        ]
        args.write.write_text("\n".join(lines) + "\n")
        print(f"wrote {len(lines)} examples to {args.write}")


def leave_one_set_out(sims, group, answerable, checked, k):  # type: ignore[no-untyped-def]
    """Each question's margin against the examples of the other sets."""
    margins = np.zeros(len(group))
    for i in range(len(group)):
        pool = (group != group[i]) & checked
        inside = np.sort(sims[i, pool & answerable])[::-1][:k]
        outside = np.sort(sims[i, pool & ~answerable])[::-1][:k]
        margins[i] = inside.mean() - outside.mean()
    return margins


if __name__ == "__main__":
    main()
