"""The owner's page, ``GET /insights``: the insights report as HTML with inline SVG charts.

It exists only when ``ASSISTANT_ADMIN_TOKEN`` is set (404 otherwise) and asks for that token
(401 without it or with another): as the password of HTTP Basic authentication, so a browser asks
for it, or as ``Authorization: Bearer <token>``. The comparison is ``hmac.compare_digest``, so the
time it takes says nothing of how much of a guess was right. Everything is drawn on the server;
the page loads nothing else (no script, no CDN). ``/insights/cases.jsonl`` is the period's export
for ``assistant eval``.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from assistant.db import Database
from assistant.insights import Cluster, Embed, Report, build_report, case_lines, period
from assistant.questionlog import OUTCOMES
from assistant.settings import Settings

COLOURS = {"answered": "#2e7d32", "caveat": "#f9a825", "refused": "#c62828"}
LABELS = {"answered": "answered", "caveat": "with a caveat", "refused": "refused"}
Days = Annotated[int | None, Query(ge=1, le=3650)]
CHALLENGE = {"WWW-Authenticate": 'Basic realm="assistant insights", charset="UTF-8"'}


def _given_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]  # any user name; the password is the token
    return None


def check_token(request: Request, settings: Settings) -> None:
    """Raise 404 when no admin token is configured, 401 when the request does not carry it."""
    if settings.admin_token is None or not settings.admin_token.get_secret_value():
        raise HTTPException(404, "There is no page /insights.")
    given = _given_token(request)
    expected = settings.admin_token.get_secret_value().encode("utf-8")
    if given is None or not hmac.compare_digest(given.encode("utf-8", "replace"), expected):
        raise HTTPException(
            401,
            "The insights page needs the admin token (ASSISTANT_ADMIN_TOKEN).",
            headers=CHALLENGE,
        )


# --- charts ---------------------------------------------------------------------------------
def _per_day_chart(report: Report) -> str:
    days = report.per_day
    width, height, pad = 720, 200, 30
    top: int = max((sum(c.values()) for _, c in days), default=0) or 1
    step = (width - pad) / max(len(days), 1)
    bars = []
    for i, (day, counts) in enumerate(days):
        x, y = pad + i * step, float(height - pad)
        for outcome in OUTCOMES:
            h = (height - 2 * pad) * counts[outcome] / top
            if h:
                bars.append(
                    f'<rect x="{x:.1f}" y="{y - h:.1f}" width="{max(step - 2, 1):.1f}" '
                    f'height="{h:.1f}" fill="{COLOURS[outcome]}"><title>{day}: '
                    f"{counts[outcome]} {LABELS[outcome]}</title></rect>"
                )
                y -= h
    ticks = [(0, days[0][0]), (len(days) - 1, days[-1][0])] if days else []
    labels = "".join(
        f'<text x="{pad + i * step:.1f}" y="{height - 8}" font-size="11">{d:%d %b}</text>'
        for i, d in ticks
    )
    return (
        f'<svg class="chart" role="img" aria-label="Questions per day" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<text x="0" y="{pad - 8}" font-size="11">{top}</text>'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width}" y2="{height - pad}" stroke="#999"/>'
        f"{''.join(bars)}{labels}</svg>"
    )


def _share_chart(report: Report) -> str:
    width, x, parts = 720, 0.0, []
    for outcome in OUTCOMES:
        w = width * report.share(outcome)
        if w:
            parts.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="28" '
                f'fill="{COLOURS[outcome]}"><title>{LABELS[outcome]}: '
                f"{report.share(outcome):.0%}</title></rect>"
            )
            if w > 90:
                parts.append(
                    f'<text x="{x + 6:.1f}" y="19" fill="#fff" font-size="13">'
                    f"{LABELS[outcome]} {report.share(outcome):.0%}</text>"
                )
        x += w
    return (
        f'<svg class="chart" role="img" aria-label="Share of outcomes" width="{width}" '
        f'height="28" viewBox="0 0 {width} 28">{"".join(parts)}</svg>'
    )


def _bar_list(clusters: list[Cluster], label: str, colour: str) -> str:
    if not clusters:
        return "<p>None in this period.</p>"
    width, row, text_w = 720, 22, 420
    top = max(c.asked for c in clusters)
    rows = []
    for i, c in enumerate(clusters):
        y = i * row
        w = (width - text_w - 40) * c.asked / top
        name = c.name if len(c.name) <= 70 else c.name[:67] + "…"
        rows.append(
            f'<text x="0" y="{y + 15}" font-size="12">{escape(name)}</text>'
            f'<rect x="{text_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{colour}">'
            f"<title>{c.asked} questions</title></rect>"
            f'<text x="{text_w + w + 4:.1f}" y="{y + 15}" font-size="12">{c.asked}</text>'
        )
    height = row * len(clusters)
    return (
        f'<svg class="chart" role="img" aria-label="{escape(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">{"".join(rows)}</svg>'
    )


def _cluster_table(clusters: list[Cluster], cls: str, gap: bool) -> str:
    rows = []
    for c in clusters:
        others = "".join(
            f"<li>{escape(d.question)}</li>" for d in c.questions if d.question != c.name
        )
        sections = ", ".join(escape(s) for s, _ in c.sections[:3]) or "—"
        extra = ", ".join(escape(m) for m, _ in c.missing[:5]) or "—" if gap else sections
        rows.append(
            f'<tr class="{cls}"><td class="asked">{c.asked}</td><td><b class="name">'
            f"{escape(c.name)}</b>"
            + (f"<details><summary>{len(c.questions)} questions</summary><ul>{others}</ul>"
               "</details>" if others else "")
            + f"</td><td>{extra}</td>" + (f"<td>{sections}</td>" if gap else "") + "</tr>"
        )  # fmt: skip
    head = (
        "<tr><th>asked</th><th>cluster (its most central question)</th><th>what the guide "
        "lacks</th><th>nearest sections</th></tr>"
        if gap
        else "<tr><th>asked</th><th>topic (its most central question)</th><th>sections</th></tr>"
    )
    return f"<table>{head}{''.join(rows)}</table>"


def render_html(report: Report, shown: int = 15) -> str:
    down = "".join(
        f"<tr><td>{escape(f.created_at)}</td><td>{escape(f.question)}</td>"
        f"<td>{escape(f.answer[:300])}</td><td>{escape(f.comment or '—')}</td></tr>"
        for f in report.rated_down
    )
    reasons = ", ".join(f"{escape(r)} {n}" for r, n in report.reasons) or "none"
    shares = " · ".join(
        f'<span style="color:{COLOURS[o]}">■</span> {LABELS[o]} {report.outcomes[o]} '
        f"({report.share(o):.0%})"
        for o in OUTCOMES
    )
    gaps = report.gaps[:shown]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>What people ask — insights</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222 }}
table {{ border-collapse: collapse; width: 100% }}
th, td {{ text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #ddd }}
td.asked {{ text-align: right; width: 3rem }}
svg.chart {{ display: block; margin: .5rem 0 1rem; max-width: 100% }}
</style></head><body>
<h1>What people ask</h1>
<p id="period">{report.since:%Y-%m-%d %H:%M} to {report.until:%Y-%m-%d %H:%M} UTC:
<b id="total">{report.total}</b> questions, {len(report.distinct)} distinct.
Feedback: {report.ratings["up"]} up, {report.ratings["down"]} down.
<a href="/insights/cases.jsonl?since={report.since:%Y-%m-%d}&amp;until={report.until:%Y-%m-%d}"
>Export as evaluation cases</a></p>
<h2>Questions per day</h2>{_per_day_chart(report)}
<h2>Outcomes</h2>{_share_chart(report)}<p id="shares">{shares}</p>
<p>Refused, by reason: {reasons}</p>
<h2>Most asked topics</h2>
{_bar_list(report.topics[:shown], "Most asked topics", "#1565c0")}
<section id="topics">{_cluster_table(report.topics[:shown], "topic", gap=False)}</section>
<h2>Content gaps</h2>
<p>Refused questions grouped by meaning, largest first: what visitors ask that the guide does
not answer ({len(report.gaps)} groups).</p>
{_bar_list(gaps, "Content gaps", COLOURS["refused"])}
<section id="gaps">{_cluster_table(report.gaps, "gap", gap=True)}</section>
<h2>Rated down</h2>
<table id="rated-down"><tr><th>when</th><th>question</th><th>answer</th><th>comment</th></tr>
{down or '<tr><td colspan="4">None in this period.</td></tr>'}</table>
</body></html>"""


def insights_router(settings: Settings, db: Database, embed: Callable[[], Embed]) -> APIRouter:
    """The /insights routes; `embed` gives the function that embeds questions (loaded lazily)."""

    def guard(request: Request) -> None:
        check_token(request, settings)

    # A router-wide dependency runs before the query is validated: a request without the token
    # learns nothing, not even that the page exists.
    router = APIRouter(dependencies=[Depends(guard)])

    def report_for(days: int | None, since: date | None, until: date | None) -> Report:
        start, end = period(days, since, until)
        return build_report(db, start, end, embed(), settings)

    @router.get("/insights", include_in_schema=False)
    def insights(
        days: Days = None, since: date | None = None, until: date | None = None
    ) -> Response:
        report = report_for(days, since, until)
        return HTMLResponse(render_html(report), headers={"Cache-Control": "no-store"})

    @router.get("/insights/cases.jsonl", include_in_schema=False)
    def cases(days: Days = None, since: date | None = None, until: date | None = None) -> Response:
        return Response(
            "".join(case_lines(report_for(days, since, until))),
            media_type="application/jsonl",
            headers={
                "Content-Disposition": 'attachment; filename="cases.jsonl"',
                "Cache-Control": "no-store",
            },
        )

    return router


def embed_questions(settings: Settings) -> Embed:
    """Embed with the assistant's own MiniLM (the ONNX export when the index has it)."""
    from assistant.embeddings import get_embedder

    return get_embedder(settings).embed_documents


__all__ = ["check_token", "embed_questions", "insights_router", "render_html"]
