"""Write a scored run to a folder: answers.jsonl, metrics.json, results.csv, report.md,
report.html — and, for several configurations, compare.md and compare.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from assistant.evaluation import html
from assistant.evaluation.aggregate import LOWER_IS_BETTER, METRIC_NAMES, fmt
from assistant.evaluation.metrics import HIT_AT
from assistant.evaluation.questions import expectation
from assistant.evaluation.run import EvalRun

CSV_SCORES = (
    "refused",
    "verdict",
    *(f"hit@{k}" for k in HIT_AT),
    "mrr",
    "citation_precision",
    "citation_recall",
    "fact_recall",
    "quote_fidelity",
    "groundedness",
    "answer_words",
    "latency_ms",
    "reference_cosine",
    "reference_rougeL",
    "generated_survived",
)


def write_run(run: EvalRun, out: Path, source: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "answers.jsonl").open("w", encoding="utf-8") as handle:
        for answer in run.answers:
            handle.write(json.dumps(answer, ensure_ascii=False) + "\n")
    (out / "metrics.json").write_text(json.dumps(metrics_document(run, source), indent=2) + "\n")
    with (out / "results.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answerable", *CSV_SCORES, "reasons"])
        for q, a in zip(run.questions, run.answers, strict=True):
            s = a["scores"]
            cells = ["" if s.get(k) is None else s[k] for k in CSV_SCORES]
            writer.writerow([q.id, q.question, q.answerable, *cells, "; ".join(s["reasons"])])
    (out / "report.md").write_text(markdown(run, source), encoding="utf-8")
    (out / "report.html").write_text(html.page(run, source), encoding="utf-8")


def metrics_document(run: EvalRun, source: str = "") -> dict[str, Any]:
    return {
        "name": run.name,
        "questions_file": source,
        "overrides": run.overrides,
        "metrics": run.metrics,
        "counts": run.counts,
        "by_section": run.sections,
        "invalid_rows": [str(e) for e in run.row_errors],
        "failing": [q.id for q, _ in run.failing],
    }


def _md_cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(run: EvalRun, source: str = "") -> str:
    title = f"Evaluation{f' — {run.name}' if run.name else ''}"
    lines = [f"# {title}", ""]
    if source:
        lines += [
            f"Questions: `{source}` ({len(run.questions)} evaluated, "
            f"{len(run.row_errors)} invalid rows).",
            "",
        ]
    if run.overrides:
        lines += ["Settings: " + ", ".join(f"`{k}={v}`" for k, v in run.overrides.items()), ""]
    lines += ["| metric | value | over |", "|---|---:|---:|"]
    for name in METRIC_NAMES:
        lines.append(f"| {name} | {fmt(run.metrics[name], name)} | {run.counts[name]} |")
    lines += [
        "",
        "Definitions: docs/evaluation.md.",
        "",
        "## By section",
        "",
        "| section | questions | pass rate | fact recall | hit@3 |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in run.sections.values():
        lines.append(
            f"| {_md_cell(row['heading'])} | {row['questions']} | {fmt(row['pass_rate'])} "
            f"| {fmt(row['fact_recall'])} | {fmt(row['hit@3'])} |"
        )
    if run.row_errors:
        lines += ["", "## Invalid rows", ""] + [f"- {e}" for e in run.row_errors]
    lines += ["", f"## Failing questions ({len(run.failing)})", ""]
    for q, a in run.failing:
        lines += [
            f"### {q.id}: {_md_cell(q.question)}",
            "",
            *(f"- **why**: {r}" for r in a["scores"]["reasons"]),
            f"- **expected**: {_md_cell(expectation(q))}",
            f"- **answer**: {_md_cell(a.get('answer', ''))}",
            "",
        ]
    return "\n".join(lines) + "\n"


# --- compare ---------------------------------------------------------------------------------


def comparison(runs: list[EvalRun]) -> dict[str, Any]:
    """Metrics side by side, deltas against the first configuration, changed verdicts."""
    base = runs[0]
    table: dict[str, dict[str, Any]] = {}
    for name in METRIC_NAMES:
        row: dict[str, Any] = {"values": {r.name: r.metrics[name] for r in runs}, "deltas": {}}
        for r in runs[1:]:
            old, new = base.metrics[name], r.metrics[name]
            row["deltas"][r.name] = None if old is None or new is None else new - old
        row["lower_is_better"] = name in LOWER_IS_BETTER
        table[name] = row
    verdicts: dict[str, dict[str, str]] = {}
    texts: dict[str, str] = {}
    for r in runs:
        for q, a in zip(r.questions, r.answers, strict=True):
            verdicts.setdefault(q.id, {})[r.name] = a["scores"]["verdict"]
            texts[q.id] = q.question
    changed = [
        {"id": qid, "question": texts[qid], "verdicts": v}
        for qid, v in verdicts.items()
        if len(set(v.values())) > 1 or len(v) < len(runs)
    ]
    return {
        "baseline": base.name,
        "configs": {r.name: r.overrides for r in runs},
        "metrics": table,
        "changed": changed,
    }


def write_comparison(runs: list[EvalRun], out: Path) -> dict[str, Any]:
    data = comparison(runs)
    out.mkdir(parents=True, exist_ok=True)
    (out / "compare.json").write_text(json.dumps(data, indent=2) + "\n")
    names = [r.name for r in runs]
    head = ["metric", names[0]] + [f"{n} (Δ)" for n in names[1:]]
    lines = [
        "# Comparison",
        "",
        f"Baseline: `{names[0]}`. Δ is the difference to the baseline; "
        "for metrics marked ↓ lower is better.",
        "",
    ]
    for r in runs:
        settings = ", ".join(f"`{k}={v}`" for k, v in r.overrides.items()) or "defaults"
        lines.append(f"- `{r.name}`: {settings} — details in `{r.name}/report.md`")
    lines += ["", "| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name, row in data["metrics"].items():
        cells = [
            f"{name}{' ↓' if row['lower_is_better'] else ''}",
            fmt(row["values"][names[0]], name),
        ]
        for n in names[1:]:
            delta = row["deltas"][n]
            sign = (
                "" if delta is None else f" ({'+' if delta >= 0 else ''}{fmt(float(delta), name)})"
            )
            cells.append(fmt(row["values"][n], name) + sign)
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## Questions whose verdict changed ({len(data['changed'])})", ""]
    if data["changed"]:
        lines += [
            "| id | question | " + " | ".join(names) + " |",
            "|---|---|" + "---|" * len(names),
        ]
        for c in data["changed"]:
            cells = [c["verdicts"].get(n, "–") for n in names]
            lines.append(f"| {c['id']} | {_md_cell(c['question'])} | " + " | ".join(cells) + " |")
    (out / "compare.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data
