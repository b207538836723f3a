"""The section view: one section of the guide as a plain HTML page, the quoted lines marked.

``GET /sections/{section_id}?quote=…&quote=…`` shows the section's heading path and its own text;
every line that holds one of the given quotes is wrapped in ``<mark>``, so a reader who follows a
citation sees the quoted words in their place. ``GET /sections`` lists every section (the guide's
table of contents, the same as ``/api/sections``) with links to each. The chat page and the widget
link here from each citation's section heading.

A page of its own, not part of the Gradio app: it is small, loads nothing, prints well and can be
opened in a new tab. Every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated
from urllib.parse import quote as url_quote

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

if TYPE_CHECKING:
    from assistant.holder import AssistantHolder
    from assistant.schema import Section

#: The page's only style: readable on a phone, high contrast, a visible focus ring.
STYLE = """
body { font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24;
       background: #fff; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 16px; }
nav a, a { color: #0b57d0; }
a { display: inline-block; min-height: 44px; line-height: 44px; }
a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
h1 { font-size: 1.4rem; line-height: 1.3; margin: .4rem 0 1rem; }
.path { color: #4a5360; font-size: .95rem; margin: 0; }
.text p { margin: 0 0 .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #fff3b0; color: inherit; padding: 2px 0; box-shadow: -4px 0 0 #b58400; }
ol { padding-left: 1.2rem; } li { margin: 0; }
"""

MAX_QUOTES = 50  # a link carries the quotes of one answer's citations of one section


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>",
        status,
    )


def section_url(section_id: str, quotes: Sequence[str] = ()) -> str:
    """The path of the section view of `section_id`, marking `quotes`."""
    query = "&".join("quote=" + url_quote(q, safe="") for q in quotes)
    return f"/sections/{url_quote(section_id)}" + (f"?{query}" if query else "")


def render_section(section: Section, quotes: list[str]) -> str:
    """The section's text, one paragraph per line, lines holding a quote in <mark>."""
    wanted = [" ".join(q.split()) for q in quotes if q.strip()]
    lines = []
    for line in section.text.splitlines():
        if not line.strip():
            continue
        flat = " ".join(line.split())
        # A quote is a sentence of the line or its list item (the bullet marker is not quoted).
        hit = any(q in flat for q in wanted)
        text = html.escape(line.strip())
        lines.append(f"<p><mark>{text}</mark></p>" if hit else f"<p>{text}</p>")
    return "\n".join(lines)


def router(holder: AssistantHolder) -> APIRouter:
    """The section view's routes, for ``create_app`` to include."""
    routes = APIRouter(include_in_schema=False)

    @routes.get("/sections", response_class=HTMLResponse)
    async def contents() -> HTMLResponse:
        a = await run_in_threadpool(holder.wait)
        items = "".join(
            f"<li style='margin-left:{(len(s.path) - 1) * 1.2}rem'>"
            f"<a href='{html.escape(section_url(s.id))}'>"
            f"{html.escape(s.title)}</a></li>"
            for s in a.sections()
        )
        return _page(
            "The guide's contents",
            f"<h1>The MLOps Engineer career guide: contents</h1><ol>{items}</ol>",
        )

    @routes.get("/sections/{section_id:path}", response_class=HTMLResponse)
    async def section(
        section_id: str, quote: Annotated[list[str] | None, Query()] = None
    ) -> HTMLResponse:
        a = await run_in_threadpool(holder.wait)
        found = next((s for s in a.sections() if s.id == section_id), None)
        back = "<nav><a href='/'>Back to the assistant</a> · <a href='/sections'>Contents</a></nav>"
        if found is None:
            return _page(
                "No such section",
                f"{back}<h1>There is no section “{html.escape(section_id)}” in the guide.</h1>",
                404,
            )
        path = " › ".join(found.path[:-1])
        body = (
            f"{back}<p class='path'>{html.escape(path)}</p>"
            f"<h1>{html.escape(found.title)}</h1>"
            f"<div class='text'>{render_section(found, (quote or [])[:MAX_QUOTES])}</div>"
        )
        return _page(found.heading, body)

    return routes


__all__ = ["render_section", "router", "section_url"]
