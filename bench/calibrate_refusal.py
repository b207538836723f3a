"""Calibrate refusal on labelled in-scope and out-of-scope questions, and write the examples.

    python bench/calibrate_refusal.py SET.jsonl ... [--dev DEV.jsonl ...]
        [--write corpus/scope-examples.jsonl --exclude EVAL.jsonl ...]

Each SET is a file of questions about the guide labelled answerable or not (the Makefile's
LABELLED). Every question is answered once with refusal's thresholds and the nearest-question
check off, recording its relevance and coverage and whether a
threshold-free check refused it (a name the guide never mentions, a quantity or comparison the
evidence does not state, an interview question). Then the search picks, together:

- the thresholds: refusal_threshold (relevance), coverage_threshold, coverage_bypass_relevance;
- the nearest-question check: scope_neighbours (k) and scope_margin. Each set's questions are
  checked against the examples of the *other* sets only (and never against the same question
  asked in another set), so their margins are those of questions the examples have never seen;

for the most out-of-scope refusals while at most MAX_FALSE_REFUSALS of the answerable questions
are refused in all. It prints the trade-off and the chosen values; the defaults in
assistant/settings.py are set from this output (see README, "How refusal is calibrated").
Follow-ups (questions with history) are not checked by the nearest-question rule and are not
examples. The --dev sets (gold and held-out C) take part in the search as questions only: they
are checked against all the SETs' examples, as at run time, and never become examples. With
--write, all SETs' questions become the examples file (assistant/examples.py), except those
asked in a --dev set or in the evaluation sets given to --exclude, which measure the result.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import numpy as np

from assistant import Assistant
from assistant.examples import asks_more, guide_questions, question_key, words

# Well below the 5 % bar: the thresholds are fitted on these very questions (the margins are
# not), and plain everyday questions ("how much does an mlops engineer earn") sit closest to
# the out-of-scope variants every question writer adds ("... in London?"); at 3-4 % the search
# spends the allowance on exactly those (see README, "How refusal is calibrated").
MAX_FALSE_REFUSALS = 0.02
CAPS = (0.02, 0.03, 0.04, 0.05, 0.08, 0.10)
GRID = np.round(np.arange(0.06, 0.96, 0.02), 2)
RELEVANCE = GRID[GRID <= 0.34]
COVERAGE = GRID[(GRID >= 0.30) & (GRID <= 0.60)]
BYPASS = np.array([0.95])
NEIGHBOURS = (1, 2, 3, 4, 5)
MARGINS = np.round(np.arange(-0.20, 0.051, 0.01), 2)
NAMES_MARGINS = (0.0, 0.05, 0.1, 0.15, 0.2, 1.0)  # 1.0: every such name refuses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument(
        "--dev", type=Path, nargs="*", default=[], help="sets scored but never examples"
    )
    parser.add_argument("--write", type=Path, help="write the examples file here")
    parser.add_argument(
        "--exclude",
        type=Path,
        nargs="*",
        default=[],
        help="evaluation sets: their questions never become examples",
    )
    args = parser.parse_args()
    assistant = Assistant.from_settings(
        refusal_threshold=0.0,
        coverage_threshold=0.0,
        coverage_bypass_relevance=0.0,
        scope_examples="",
    )
    rows, group, feats = [], [], []
    everything = [*args.sets, *args.dev]
    for g, path in enumerate(everything):
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                answer = assistant.ask(row["question"], row.get("history"))
                d = answer.extra["diagnostics"]
                rows.append(row)
                group.append(g)
                named = bool(d["unknown_names"])
                feats.append((d["relevance"], d["coverage"], answer.refused and not named, named))
    group_ = np.array(group)
    answerable = np.array([r.get("answerable", True) for r in rows])
    rel, cov, other, named = (np.array(c) for c in zip(*feats, strict=True))
    checked = np.array([not r.get("history") for r in rows])
    vectors = assistant.embedder.embed_documents([r["question"] for r in rows])
    sims = vectors @ vectors.T
    # The guide's own in-scope questions are examples in every fold (assistant/examples.py).
    derived = assistant.embedder.embed_documents(guide_questions(assistant.sections()))
    derived_sims = vectors @ derived.T
    keys = np.array([question_key(r["question"]) for r in rows])
    asked = [words(r["question"]) for r in rows]
    examples = checked & (group_ < len(args.sets))
    margins = {
        k: leave_one_set_out(sims, derived_sims, group_, keys, asked, answerable, examples, k)
        for k in NEIGHBOURS
    }
    print(f"questions: {len(rows)} ({answerable.sum()} answerable) in {len(everything)} sets")
    fixed = other | named
    print(
        f"threshold-free checks alone: out-of-scope refused {fixed[~answerable].mean():.1%}, "
        f"answerable refused {fixed[answerable].mean():.1%}"
    )
    results = []
    for t1, t2, t3 in itertools.product(RELEVANCE, COVERAGE, BYPASS):
        rule = other | (rel < t1) | ((cov < t2) & (rel < t3))
        results.append((rule | named, (float(t1), float(t2), float(t3), 0, None, None)))
        for k, names_cut in itertools.product(NEIGHBOURS, NAMES_MARGINS):
            # A name the guide never mentions refuses unless the margin is at least names_cut;
            # follow-ups are never checked, so their names always count.
            by_name = named & (~checked | (margins[k] < names_cut))
            outside = checked[:, None] & (margins[k][:, None] < MARGINS[None, :])
            refused = (rule | by_name)[:, None] | outside  # one column per margin
            for j, cut in enumerate(MARGINS):
                params = (float(t1), float(t2), float(t3), k, float(cut), float(names_cut))
                results.append((refused[:, j], params))
    print("max answerable refused -> out-of-scope refused: thresholds, check (k, margin, names)")
    best = None
    for cap in CAPS:
        found = search(results, answerable, cap, with_check=True)
        alone = search(results, answerable, cap, with_check=False)
        if found is not None and alone is not None:
            print(
                f"  {cap:4.0%} -> {found[1]:5.1%} {found[3]}   "
                f"(thresholds alone: {alone[1]:5.1%} {alone[3][:3]})"
            )
        if cap == MAX_FALSE_REFUSALS:
            best = found
    assert best is not None, "nothing meets the cap"
    for k in NEIGHBOURS:  # the best of each k under the cap: how much k matters
        of_k = [(refused, p) for refused, p in results if p[3] == k]
        found = search(of_k, answerable, MAX_FALSE_REFUSALS, with_check=True)
        if found is not None:
            print(f"  k={k}: out of scope {found[1]:.1%}, answerable {found[0]:.1%} {found[3]}")
    best = middle_relevance(results, answerable, best)
    false, caught, refused, (t1, t2, t3, k, cut, names_cut) = best
    print(
        f"refusal_threshold={t1} coverage_threshold={t2} coverage_bypass_relevance={t3} "
        f"scope_neighbours={k} scope_margin={cut} scope_names_margin={names_cut}"
    )
    print(f"out-of-scope refused: {caught:.1%}  answerable refused: {false:.1%}")
    for g, path in enumerate(everything):
        a, out = answerable[group_ == g], refused[group_ == g]
        print(f"  {path}: out-of-scope {out[~a].mean():.1%}, answerable {out[a].mean():.1%}")
    if args.write:
        excluded = {
            question_key(json.loads(line)["question"])
            for path in [*args.dev, *args.exclude]
            for line in path.read_text().splitlines()
            if line.strip()
        }
        lines = [
            json.dumps(
                {
                    "question": r["question"],
                    "answerable": r.get("answerable", True),
                    "facts": r.get("expected_facts", []),
                }
            )
            for r, g in zip(rows, group_, strict=True)
            if g < len(args.sets)
            and not r.get("history")
            and question_key(r["question"]) not in excluded
        ]
        args.write.write_text("\n".join(lines) + "\n")
        print(f"wrote {len(lines)} examples to {args.write}")


def search(results, answerable, cap, with_check):  # type: ignore[no-untyped-def]
    """(false refusal, out-of-scope refusal, refused, params) of the best rule under `cap`:
    most out-of-scope refused, then fewest answerable refused, then the widest thresholds."""
    best = None
    for refused, params in results:
        if (params[3] > 0) != with_check:
            continue
        false = float(refused[answerable].mean())
        if false > cap:
            continue
        caught = float(refused[~answerable].mean())
        key = (
            caught,
            -false,
            -params[0],
            -params[1],
            params[2],
            -(params[4] or 0.0),
            params[5] or 1.0,
        )
        if best is None or key > best[0]:
            best = (key, (false, caught, refused, params))
    return None if best is None else best[1]


def middle_relevance(results, answerable, best):  # type: ignore[no-untyped-def]
    """The same rule with the relevance threshold in the middle of the range that gives the
    same rates: the search breaks ties towards the lowest, which leaves no room either way."""
    false, caught, _, params = best
    same = [
        (p[0], refused)
        for refused, p in results
        if p[1:] == params[1:]
        and float(refused[answerable].mean()) == false
        and float(refused[~answerable].mean()) == caught
    ]
    same.sort(key=lambda item: item[0])
    t1, refused = same[len(same) // 2]
    return false, caught, refused, (t1, *params[1:])


def leave_one_set_out(sims, derived_sims, group, keys, asked, answerable, examples, k):  # type: ignore[no-untyped-def]
    """Each question's margin against the examples of the other sets and the guide's own,
    without the same question asked in another set (as the evaluation sets' questions are never
    examples): the margins are those of questions the examples have never seen. As at run time
    (Examples.scope), out-of-scope examples that ask all the question asks and more are skipped."""
    margins = np.zeros(len(group))
    for i in range(len(group)):
        pool = (group != group[i]) & examples & (keys != keys[i])
        candidates = np.concatenate([sims[i, pool & answerable], derived_sims[i]])
        inside = np.sort(candidates)[::-1][:k]
        outside = np.flatnonzero(pool & ~answerable)
        outside = outside[np.argsort(-sims[i, outside], kind="stable")]
        nearest = [j for j in outside if not asks_more(asked[j], asked[i])][:k] or outside[:k]
        margins[i] = inside.mean() - sims[i, nearest].mean()
    return margins


if __name__ == "__main__":
    main()
