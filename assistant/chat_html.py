"""The chat page's conversation drawn as HTML (``render_html``), read back after a reload
(``restore``) and handed to the Assistant as plain-text history (``history_of``). Every text is
escaped here, so a question holding HTML is displayed as text. Used by assistant/ui.py.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from assistant import phrases
from assistant.sections_page import section_url

Turn = dict[str, Any]  # {"question", "text", "answer": answer JSON | None, "rating", ...}

RATED = "Thanks for the feedback."
COMMENT_LABEL = "Add a comment (optional)"
NEAREST_INTRO = "Ask about one of the nearest sections instead:"
NEAREST_QUESTION = "What does the guide say about {title}?"
MAX_RESTORED_TURNS = 50
#: The answer's fields the page draws and keeps; the rest (diagnostics) is not carried around.
ANSWER_FIELDS = ("answer", "refused", "citations", "guide_version", "notices", "nearest_sections")

THUMB = (
    '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"'
    '{flip}><path fill="currentColor" d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3'
    "c0-.4-.2-.8-.5-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2"
    'l3-7c.1-.3.2-.5.2-.8v-2z"/></svg>'
)


def escape(text: str) -> str:
    """Show text as text: HTML is escaped, so it is displayed and never run."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Text for an attribute value in double quotes."""
    return html.escape(text, quote=True)


_MARKER = re.compile(r"\[(\d+)\]")


# --- the conversation as the page draws it -----------------------------------------------------
def _answer_text(i: int, text: str, citations: dict[int, dict[str, Any]]) -> str:
    """The answer's text, escaped, each [n] that has a citation a button that opens its quote."""
    out: list[str] = []
    last = 0
    for k, m in enumerate(_MARKER.finditer(text)):
        n = int(m.group(1))
        out.append(escape(text[last : m.start()]))
        last = m.end()
        c = citations.get(n)
        if c is None:
            out.append(escape(m.group(0)))
            continue
        out.append(
            f'<button type="button" class="cite" id="t{i}-r{k}" aria-expanded="false" '
            f'aria-controls="t{i}-q{n}" aria-label="Source {n}: {attr(c["section"])}">'
            f"[{n}]</button>"
        )
    out.append(escape(text[last:]))
    return "".join(out)


def _sources(i: int, citations: list[dict[str, Any]]) -> str:
    """The citations grouped by section: one heading (a link to the section view with the quoted
    lines marked) and, under it, each quote, hidden until its [n] opens it."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in citations:
        groups.setdefault(c["section"], []).append(c)
    parts = ['<div class="sources"><h2>Sources</h2>']
    for section, cites in groups.items():
        section_id = cites[0].get("section_id") or ""
        nums = ", ".join(f"[{c['n']}]" for c in cites)
        title = escape(section)
        if section_id:
            href = attr(section_url(section_id, [c["quote"] for c in cites]))
            title = f'<a href="{href}" target="_blank" rel="noopener">{title}</a>'
        quotes = "".join(
            f'<li id="t{i}-q{c["n"]}" hidden><blockquote>'
            f'<span class="sr-only">[{c["n"]}] </span>{escape(c["quote"])}</blockquote></li>'
            for c in cites
        )
        parts.append(
            f'<section class="group"><h3>{title} <span class="nums">{nums}</span></h3>'
            f"<ul>{quotes}</ul></section>"
        )
    parts.append("</div>")
    return "".join(parts)


def _feedback(i: int, turn: Turn) -> str:
    rating = turn.get("rating")
    buttons = "".join(
        f'<button type="button" class="thumb" id="t{i}-{value}" data-turn="{i}" '
        f'data-rating="{value}" aria-pressed="{"true" if rating == value else "false"}" '
        f'aria-label="{label}">{THUMB.format(flip=flip)}</button>'
        for value, label, flip in (
            ("up", "Helpful", ""),
            ("down", "Not helpful", ' style="transform: rotate(180deg)"'),
        )
    )
    out = f'<div class="feedback" role="group" aria-label="Rate this answer">{buttons}'
    if rating:
        out += f'<p class="thanks">{RATED}'
        if turn.get("comment_saved"):
            out += f" {phrases.FEEDBACK_COMMENT_SAVED}</p>"
        else:
            out += (
                f'</p><div class="comment"><label for="t{i}-comment">{COMMENT_LABEL}</label>'
                f'<textarea id="t{i}-comment" rows="2" maxlength="2000"></textarea>'
                f'<button type="button" class="send" id="t{i}-send" data-turn="{i}" '
                f'data-rated="{rating}">Send comment</button></div>'
            )
    return out + "</div>"


def _nearest(i: int, sections: list[str]) -> str:
    items = "".join(
        f'<li><button type="button" class="ask" id="t{i}-n{k}" '
        f'data-ask="{attr(NEAREST_QUESTION.format(title=s.split(" > ")[-1]))}">'
        f"{escape(s)}</button></li>"
        for k, s in enumerate(sections)
    )
    return f'<div class="nearest"><p class="intro">{NEAREST_INTRO}</p><ul>{items}</ul></div>'


def turn_html(i: int, turn: Turn) -> str:
    answer = turn.get("answer")
    out = f'<article class="turn" id="turn-{i}" aria-label="Question {i + 1}">'
    out += f'<p class="user">{escape(turn["question"])}</p>'
    cls = "bot error" if turn.get("error") else "bot"
    if answer is None:
        text = escape(turn.get("text", "")) or '<span aria-label="Answering">…</span>'
        return out + f'<div class="{cls}"><p class="text">{text}</p></div></article>'
    citations = {int(c["n"]): c for c in answer.get("citations", [])}
    out += f'<div class="{cls}"><p class="text">{_answer_text(i, answer["answer"], citations)}</p>'
    for notice in answer.get("notices", []):
        out += f'<p class="notice">{escape(notice)}</p>'
    if answer.get("refused") and answer.get("nearest_sections"):
        out += _nearest(i, answer["nearest_sections"])
    if citations:
        out += _sources(i, answer["citations"])
    return out + _feedback(i, turn) + "</div></article>"


def _stored(turns: list[Turn]) -> list[Turn]:
    """What the page keeps in sessionStorage: the turns without their feedback row ids."""
    return [{k: v for k, v in t.items() if k != "feedback_id"} for t in turns if t.get("answer")]


def render_html(turns: list[Turn]) -> str:
    """The whole conversation (or, before the first question, the examples) as HTML."""
    data = attr(json.dumps(_stored(turns), ensure_ascii=False))
    if not turns:
        examples = "".join(
            f'<li><button type="button" class="ask" id="ex{k}" data-ask="{attr(q)}">'
            f"{escape(q)}</button></li>"
            for k, q in enumerate(phrases.EXAMPLE_QUESTIONS)
        )
        body = (
            f'<div class="empty"><p class="intro">{escape(phrases.APP_DESCRIPTION)}</p>'
            f'<h2>Try asking</h2><ul class="examples">{examples}</ul></div>'
        )
    else:
        body = "".join(turn_html(i, t) for i, t in enumerate(turns))
    return f'<div class="log" data-turns="{data}">{body}</div>'


def restore(saved: str) -> list[Turn]:
    """The turns a page kept in sessionStorage, if they have the shape the page wrote; anything
    else is dropped (it came from the browser, so it is checked like any input)."""
    try:
        data = json.loads(saved) if saved else []
    except ValueError:
        return []
    turns: list[Turn] = []
    for t in data if isinstance(data, list) else []:
        answer = t.get("answer") if isinstance(t, dict) else None
        if not (
            isinstance(t.get("question"), str)
            and isinstance(answer, dict)
            and isinstance(answer.get("answer"), str)
            and all(
                isinstance(c, dict)
                and isinstance(c.get("n"), int)
                and all(isinstance(c.get(k), str) for k in ("section", "quote"))
                for c in answer.get("citations", [])
            )
        ):
            continue
        turns.append(
            {
                "question": t["question"],
                "text": answer["answer"],
                "answer": {k: answer[k] for k in ANSWER_FIELDS if k in answer},
                "rating": t.get("rating") if t.get("rating") in ("up", "down") else None,
                "comment_saved": t.get("comment_saved") is True,
                "error": False,
            }
        )
    return turns[-MAX_RESTORED_TURNS:]


def history_of(turns: list[Turn]) -> list[dict[str, str]]:
    history: list[dict[str, str]] = []
    for turn in turns:
        if not turn.get("answer"):
            continue
        history.append({"role": "user", "content": turn["question"]})
        history.append({"role": "assistant", "content": turn["answer"]["answer"]})
    return history


__all__ = [
    "ANSWER_FIELDS",
    "Turn",
    "attr",
    "escape",
    "history_of",
    "render_html",
    "restore",
    "turn_html",
]
