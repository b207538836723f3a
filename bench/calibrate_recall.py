"""Calibrate recall: when do the facts of a close labelled question join the answer?

    python bench/calibrate_recall.py SET.jsonl ...

Each SET is a labelled question file (the sets bench/calibrate_refusal.py reads). Every
answerable question with expected facts is answered with recall off; then, for each
similarity threshold, the guide lines holding the facts of its nearest answerable question in
the *other* sets (as assistant.core does with the examples file) are added when that question
is at least that close. Prints, per threshold, the share of questions whose answer has all its
facts and how many answers got a line added; picks the threshold with the most facts while at
most MAX_CHANGED of the answers change (a line added to a right answer is noise for its reader).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from assistant import Assistant
from assistant.examples import question_key

MAX_NOISE = 0.03
THRESHOLDS = np.round(np.arange(0.60, 0.981, 0.02), 2)


def main(*paths: str) -> None:
    assistant = Assistant.from_settings(recall_similarity=2.0)  # recall off
    rows = []
    for group, path in enumerate(paths):
        for line in Path(path).read_text().splitlines():
            row = json.loads(line) if line.strip() else None
            if row and row.get("answerable", True) and row.get("expected_facts"):
                answer = assistant.ask(row["question"], row.get("history"))
                rows.append((group, row, answer))
    pool = [(g, r) for g, r, _ in rows if not r.get("history")]
    vectors = assistant.embedder.embed_documents([r["question"] for _, r in pool])
    answered = [a for _, _, a in rows if not a.refused]
    print(f"questions with facts: {len(rows)} ({len(answered)} answered) in {len(paths)} sets")
    # Each question's nearest example: of the other sets only, never the same question asked
    # again there. It does not depend on the threshold.
    keys = [question_key(r["question"]) for _, r in pool]
    nearest: dict[int, tuple[int, float]] = {}
    for i, (group, row, answer) in enumerate(rows):
        if not answer.refused and not row.get("history"):
            sims = vectors @ assistant.embedder.embed_query(row["question"])
            key = question_key(row["question"])
            sims[[g == group or k == key for (g, _), k in zip(pool, keys, strict=True)]] = -1.0
            j = int(np.argmax(sims))
            nearest[i] = (j, float(sims[j]))
    best = None
    for threshold in (*THRESHOLDS, 2.0):
        right = changed = noise = 0
        for i, (_, row, answer) in enumerate(rows):
            if answer.refused:
                continue
            text = answer.text.lower()
            complete = all(f.lower() in text for f in row["expected_facts"])
            if i in nearest:
                j, similarity = nearest[i]
                if similarity >= threshold:
                    added = [
                        place[1].text.lower()
                        for fact in pool[j][1]["expected_facts"]
                        if (place := assistant._line_with(fact)) and fact.lower() not in text
                    ]
                    changed += bool(added)
                    # a line that holds none of this question's facts is noise to its reader
                    noise += any(
                        not any(f.lower() in line for f in row["expected_facts"]) for line in added
                    ) or (bool(added) and complete)
                    text += " ".join(added)
            right += all(f.lower() in text for f in row["expected_facts"])
        share, changed_share = right / len(rows), changed / len(answered)
        noise_share = noise / len(answered)
        label = "off" if threshold > 1 else f"{threshold:.2f}"
        print(
            f"  {label}: facts {share:.1%}, answers changed {changed_share:.1%} "
            f"(noise {noise_share:.1%})"
        )
        if noise_share <= MAX_NOISE and (best is None or share > best[1]):
            best = (threshold, share, changed_share, noise_share)
    assert best is not None
    print(
        f"recall_similarity={best[0]}: facts {best[1]:.1%}, answers changed {best[2]:.1%} "
        f"(noise {best[3]:.1%})"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
