"""report.html: one self-contained page — inline CSS and SVG charts, no script, no CDN."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from assistant.evaluation.aggregate import METRIC_NAMES, fmt
from assistant.evaluation.questions import expectation

if TYPE_CHECKING:
    from assistant.evaluation.run import EvalRun

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em}
td.n{text-align:right;font-variant-numeric:tabular-nums}details{margin:.6em 0}
summary{cursor:pointer}.why{color:#a00}.muted{color:#666}blockquote{margin:.3em 0 .3em 1em;
padding-left:.6em;border-left:3px solid #ccc;color:#444}svg text{font:12px system-ui,sans-serif}
"""


def _num(value: Any, name: str = "") -> str:
    return escape(fmt(value, name))


def section_chart(rows: list[tuple[str, float | None, int]], width: int = 900) -> str:
    """Horizontal bars, one per section: its pass rate (0-1), labelled with the question count."""
    label_w, bar_w, row_h = 470, width - 470 - 100, 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{row_h * len(rows) + 24}" role="img" aria-label="pass rate per section">'
    ]
    for i, (label, value, n) in enumerate(rows):
        y = i * row_h
        short = label if len(label) <= 62 else label[:60] + "…"
        w = 0 if value is None else round(bar_w * value)
        colour = "#2a7" if (value or 0) >= 0.8 else "#d90" if (value or 0) >= 0.5 else "#c33"
        parts += [
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end"><title>{escape(label)}</title>'
            f"{escape(short)}</text>",
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" fill="#eee"/>',
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" fill="{colour}"/>',
            f'<text x="{label_w + bar_w + 6}" y="{y + 14}">{_num(value)} (n={n})</text>',
        ]
    axis_y = row_h * len(rows) + 16
    for tick in (0, 0.5, 1):
        parts.append(
            f'<text x="{label_w + bar_w * tick}" y="{axis_y}" text-anchor="middle">{tick:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(values: list[float], bins: int = 12, width: int = 640, height: int = 200) -> str:
    """Latency histogram with p50 and p95 marked."""
    if not values:
        return '<p class="muted">No latencies recorded.</p>'
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - lo) / span * bins))] += 1
    left, bottom, plot_w, plot_h = 40, 30, width - 50, height - 40
    top = max(counts)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'role="img" aria-label="latency distribution">'
    ]
    bw = plot_w / bins
    for i, c in enumerate(counts):
        h = plot_h * c / top
        x0 = lo + span * i / bins
        parts.append(
            f'<rect x="{left + i * bw + 1:.1f}" y="{height - bottom - h:.1f}" '
            f'width="{bw - 2:.1f}" height="{h:.1f}" fill="#48c"><title>{x0:.0f}–'
            f"{x0 + span / bins:.0f} ms: {c}</title></rect>"
        )
    ordered = sorted(values)
    for p, colour in ((50, "#333"), (95, "#c33")):
        v = ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
        x = left + plot_w * (v - lo) / span
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="10" y2="{height - bottom}" '
            f'stroke="{colour}" stroke-dasharray="4 3"/><text x="{x + 3:.1f}" y="20" '
            f'fill="{colour}">p{p} ≈ {v:.0f} ms</text>'
        )
    parts += [
        f'<text x="{left}" y="{height - 10}">{lo:.0f} ms</text>',
        f'<text x="{left + plot_w}" y="{height - 10}" text-anchor="end">{hi:.0f} ms</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>',
        f'<text x="{left - 6}" y="{height - bottom - plot_h + 10}" text-anchor="end">{top}</text>',
        "</svg>",
    ]
    return "".join(parts)


def page(run: EvalRun, source: str = "") -> str:
    title = escape(f"Evaluation{f' — {run.name}' if run.name else ''}")
    body = [f"<h1>{title}</h1>"]
    if source:
        body.append(
            f'<p class="muted">Questions: {escape(source)} — {len(run.questions)} evaluated, '
            f"{len(run.row_errors)} invalid rows.</p>"
        )
    body.append("<h2>Metrics</h2><table><tr><th>metric</th><th>value</th><th>over</th></tr>")
    for name in METRIC_NAMES:
        body.append(
            f'<tr><td>{escape(name)}</td><td class="n">{_num(run.metrics[name], name)}</td>'
            f'<td class="n">{run.counts[name]}</td></tr>'
        )
    body.append("</table><p class='muted'>Definitions: docs/evaluation.md.</p>")
    rows = [(r["heading"], r["pass_rate"], r["questions"]) for r in run.sections.values()]
    body += ["<h2>Pass rate per section</h2>", section_chart(rows)]
    latencies = [
        a["scores"]["latency_ms"] for a in run.answers if a["scores"].get("latency_ms") is not None
    ]
    body += ["<h2>Latency distribution</h2>", histogram(latencies)]
    if run.row_errors:
        body.append("<h2>Invalid rows</h2><ul>")
        body += [f"<li>{escape(str(e))}</li>" for e in run.row_errors]
        body.append("</ul>")
    body.append(f"<h2>Failing questions ({len(run.failing)})</h2>")
    for q, a in run.failing:
        reasons = "".join(f'<li class="why">{escape(r)}</li>' for r in a["scores"]["reasons"])
        quotes = "".join(
            f"<blockquote>[{escape(str(c.get('n')))}] {escape(str(c.get('quote', '')))} "
            f"<span class='muted'>— {escape(str(c.get('section', '')))}</span></blockquote>"
            for c in a.get("citations") or []
        )
        body.append(
            f"<details><summary><b>{escape(q.id)}</b>: {escape(q.question)} "
            f"<span class='why'>— {escape('; '.join(a['scores']['reasons']))}</span></summary>"
            f"<ul>{reasons}</ul>"
            f"<p><b>Expected:</b> {escape(expectation(q))}</p>"
            f"<p><b>Answer:</b> {escape(str(a.get('answer', '')))}</p>{quotes}</details>"
        )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_STYLE}</style></head><body>{''.join(body)}</body></html>\n"
    )
