"""The chat page (Gradio Blocks): streamed answers, [n] citations that open their quote, feedback
beside each answer, the contents, and a conversation that survives a reload.

The conversation is kept as data in a ``gr.State`` (one dict per turn: the question, the text so
far, the answer's JSON and its rating) and drawn as HTML by ``render_html`` (chat_html.py)
into a ``gr.HTML``: every text is escaped there, so a question holding HTML is displayed as
text, and the history sent to the Assistant is the plain text, not the display markup. Our own
markup (rather than ``gr.Chatbot``) is what lets the page meet its accessibility bar: real
buttons with names, one tab stop per citation, no interactive element inside another, and touch
targets of 44 px.

The page's script (``CHAT_JS``, run once by the ``gr.HTML``) handles what needs no server: a
citation [n] opens its quote; focus and open quotes are kept when the HTML is redrawn; after a
new question the page scrolls to it, so the question and the start of its answer are in view.
What needs the server goes through Gradio events on the same component: ``select`` asks a
question (an example, a suggested section), ``like`` rates an answer or sends a comment.

Across a reload: each drawing carries the conversation as JSON (``data-turns``), which the script
keeps in ``sessionStorage``; on load it is handed back to ``restore``, which checks its shape.
Ratings come back as shown, but not their row ids, so a page can only change its own ratings.

The Gradio API endpoint ``/chat`` (``api_name="chat"``, for gradio_client callers) takes
``message`` and ``history`` and returns the answer JSON, the same as ``POST /api/ask``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant import phrases
from assistant.chat_html import (
    ANSWER_FIELDS,
    Turn,
    escape,
    history_of,
    render_html,
    restore,
)
from assistant.errors import AssistantError
from assistant.feedback import Feedback, FeedbackStore, Rating
from assistant.schema import Delta
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.holder import AssistantHolder

EMPTY_HINT = "Type a question first, or pick one of the examples."
STORAGE_KEY = "mlops-guide-chat"

# Phone first: a one-line header, the conversation, and the question box kept at the bottom of
# the screen. Sizes: text 16 px, quotes and sources 15 px; every control at least 44x44 px and
# a visible focus ring.
THEME_CSS = """
.gradio-container { padding: 0 !important; overflow: clip !important; }
.gradio-container > .main { padding: 0 16px !important; }
#top { align-items: center; gap: 8px; flex-wrap: nowrap; padding: 6px 0; }
#top h1 { font-size: 1.15rem; line-height: 1.3; margin: 0; }
#top button { min-height: 44px; min-width: 44px; flex: 0 0 auto; }
#chat { color: #1b1f24; font-size: 16px; line-height: 1.5; }
#chat .log { display: flex; flex-direction: column; gap: 14px; padding: 4px 0 12px; }
#chat .turn { display: flex; flex-direction: column; gap: 8px; }
#chat .turn:last-child { min-height: calc(100dvh - 150px); }
#chat .user { align-self: flex-end; max-width: 88%; margin: 0; padding: 10px 14px;
  background: #1a56b8; color: #fff; border-radius: 14px 14px 4px 14px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
#chat .bot { align-self: stretch; max-width: 100%; padding: 10px 14px; background: #f2f4f7;
  color: #1b1f24; border-radius: 14px 14px 14px 4px; }
#chat .bot.error { background: #fdecea; color: #7d1a1a; }
#chat .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
#chat .notice { font-style: italic; color: #3d4450; margin: 8px 0 0; }
#chat button { font: inherit; cursor: pointer; }
#chat .cite { display: inline-flex; align-items: center; justify-content: center;
  min-width: 44px; min-height: 44px; margin: -11px -4px; padding: 0 4px; vertical-align: middle;
  border: 0; background: transparent; color: #0b57d0; font-weight: 600; border-radius: 8px; }
#chat .cite[aria-expanded=true] { background: #dbe6fb; }
#chat .sources { margin-top: 10px; border-top: 1px solid #c9d0da; padding-top: 6px;
  font-size: 15px; }
#chat .sources h2 { font-size: 15px; margin: 0; color: #3d4450; font-weight: 600; }
#chat .group h3 { font-size: 15px; font-weight: 600; margin: 0; }
#chat .group a { display: inline-flex; align-items: center; min-height: 44px; color: #0b57d0; }
#chat .group .nums { color: #3d4450; font-weight: 400; }
#chat .group ul { list-style: none; margin: 0; padding: 0; }
#chat blockquote { margin: 4px 0 8px; padding: 2px 0 2px 10px; border-left: 3px solid #1a56b8;
  white-space: pre-wrap; color: #1b1f24; }
#chat .feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; }
#chat .thumb { display: inline-flex; align-items: center; justify-content: center; gap: 4px;
  min-width: 44px; min-height: 44px; border: 1px solid #8a94a3; border-radius: 22px;
  background: #fff; color: #1b1f24; padding: 0 12px; }
#chat .thumb[aria-pressed=true] { background: #1a56b8; border-color: #1a56b8; color: #fff; }
#chat .thanks { margin: 0; color: #1f5130; }
#chat .comment { display: flex; flex-wrap: wrap; gap: 6px; width: 100%; align-items: flex-end; }
#chat .comment label { width: 100%; font-size: 15px; }
#chat .comment textarea { flex: 1 1 200px; min-height: 44px; font: inherit; padding: 8px;
  border: 1px solid #6b7583; border-radius: 8px; }
#chat .send, #chat .ask { min-height: 44px; border-radius: 22px; padding: 0 14px;
  border: 1px solid #1a56b8; background: #fff; color: #1a56b8; text-align: left; }
#chat .examples, #chat .nearest ul { list-style: none; padding: 0; margin: 6px 0 0;
  display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
#chat .intro { margin: 4px 0; color: #3d4450; }
#chat .empty h2 { font-size: 1rem; margin: 12px 0 0; }
#chat .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.form:has(> #question) { position: sticky; bottom: 0; z-index: 5; overflow: visible !important;
  background: var(--body-background-fill); padding: 6px 0 8px; border: 0; }
#question button { min-width: 44px; min-height: 44px; }
#hint p { margin: 0; color: #7d1a1a; }
#chat a:focus-visible, #chat button:focus-visible, #chat textarea:focus-visible,
#top button:focus-visible, #question textarea:focus-visible, #question button:focus-visible,
footer a:focus-visible, footer button:focus-visible {
  outline: 3px solid #0b57d0 !important; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
footer, footer a, footer button, .show-api { color: #3d4450 !important; }
@media (max-width: 640px) {
  .gradio-container > .main { padding: 0 8px !important; }
  #top h1 { font-size: 1rem; }
}
"""

# Runs once when the page loads (gr.HTML's js_on_load: `element`, `trigger`, `watch` are given).
CHAT_JS = """
const KEY = "__KEY__";
const open = new Set();      // ids of quotes the reader opened, kept across redraws
let focused = null;          // id of the control with focus, given back after a redraw
let shown = element.querySelectorAll(".turn").length;

function setOpen(id, on, scroll) {
  const quote = element.querySelector("#" + CSS.escape(id));
  if (!quote) return;
  quote.hidden = !on;
  on ? open.add(id) : open.delete(id);
  element.querySelectorAll('[aria-controls="' + id + '"]').forEach(
    (b) => b.setAttribute("aria-expanded", String(on)));
  if (on && scroll) reveal(quote, false);
}

// Scrolls this page only (scrollIntoView would also scroll a page that frames this one).
function reveal(node, toTop) {
  const box = node.getBoundingClientRect();
  const input = document.querySelector("#question");
  const bottom = input ? input.getBoundingClientRect().top : window.innerHeight;
  if (toTop) window.scrollTo({ top: window.scrollY + box.top - 8 });
  else if (box.bottom > bottom) window.scrollBy({ top: box.bottom - bottom + 8 });
  else if (box.top < 0) window.scrollBy({ top: box.top - 8 });
}

element.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button || !element.contains(button)) return;
  if (button.classList.contains("cite")) {
    const id = button.getAttribute("aria-controls");
    setOpen(id, button.getAttribute("aria-expanded") !== "true", true);
  } else if (button.dataset.ask) {
    trigger("select", { index: 0, value: button.dataset.ask });
  } else if (button.dataset.rating) {
    const again = button.getAttribute("aria-pressed") === "true";
    trigger("like", { index: Number(button.dataset.turn), value: null,
                      liked: again ? null : button.dataset.rating });
  } else if (button.classList.contains("send")) {
    const box = element.querySelector("#t" + button.dataset.turn + "-comment");
    trigger("like", { index: Number(button.dataset.turn), value: box ? box.value : "",
                      liked: button.dataset.rated });
  }
});
element.addEventListener("focusin", (event) => { focused = event.target.id || null; });
element.addEventListener("focusout", (event) => {
  if (event.relatedTarget && !element.contains(event.relatedTarget)) focused = null;
});

watch("value", () => {
  open.forEach((id) => element.querySelector("#" + CSS.escape(id)) ? setOpen(id, true)
                                                                    : open.delete(id));
  const turns = element.querySelectorAll(".turn");
  if (turns.length > shown) {
    // A new question: bring it to the top, so it and the start of its answer are in view.
    reveal(turns[turns.length - 1], true);
  }
  shown = turns.length;
  const again = focused && element.querySelector("#" + CSS.escape(focused));
  if (again && (document.activeElement === document.body || !document.activeElement)) {
    again.focus({ preventScroll: true });
  }
  const log = element.querySelector(".log");
  try { if (log) sessionStorage.setItem(KEY, log.dataset.turns || "[]"); } catch (e) { }
});
""".replace("__KEY__", STORAGE_KEY)

RESTORE_JS = f"""() => {{
  try {{ return sessionStorage.getItem("{STORAGE_KEY}") || ""; }} catch (e) {{ return ""; }}
}}"""


def _hint(text: str = "") -> str:
    return f'<p role="status">{escape(text)}</p>'


def _take_question(text: str, turns: list[Turn]) -> tuple[Any, Any, str, Any, str]:
    """A question asked (typed, an example, the contents): the box emptied, the question drawn
    with no answer yet, and handed on (`pending`) to `respond`."""
    if not (text or "").strip():  # an empty submit only hints
        return gr.skip(), gr.skip(), "", gr.skip(), _hint(EMPTY_HINT)
    turns = [*turns, {"question": text, "text": "", "answer": None}]
    return gr.update(value=""), render_html(turns), text, turns, _hint()


def _respond(
    holder: AssistantHolder, question: str, turns: list[Turn]
) -> Iterator[tuple[Any, Any]]:
    """The last turn's answer, drawn as it streams."""
    if not question:
        yield gr.skip(), gr.skip()
        return
    turns = list(turns)
    turn = dict(turns[-1])
    turns[-1] = turn
    try:
        a = holder.wait()
        for event in a.stream(question, history_of(turns[:-1])):
            if isinstance(event, Delta):
                turn["text"] += event.text
                yield render_html(turns), turns
            else:
                answer = event.answer.to_dict()
                turn["answer"] = {k: answer[k] for k in ANSWER_FIELDS if k in answer}
                turn["text"] = event.answer.text
    except AssistantError as exc:  # a bad question, or the index is not loaded
        turn["text"] = str(exc)
        turn["error"] = True
    yield render_html(turns), turns


def _feedback_row(turn: Turn, rating: Rating, comment: str | None) -> Feedback:
    answer = turn["answer"]
    return Feedback(
        rating=rating,
        question=turn["question"],
        answer=answer["answer"],
        citations=answer.get("citations", []),
        guide_version=answer.get("guide_version", ""),
        comment=comment,
        channel="ui",
    )


def _rate(
    store: FeedbackStore, max_comment_chars: int, turns: list[Turn], data: gr.LikeData
) -> tuple[Any, Any]:
    """A thumb (liked: "up", "down", or None to take the rating back) or, when `value` is
    text, a comment on the rated answer."""
    i = data.index if isinstance(data.index, int) else -1
    if not 0 <= i < len(turns) or not turns[i].get("answer"):
        return gr.skip(), gr.skip()
    turn = dict(turns[i])
    rating: Rating | None = "up" if data.liked == "up" else "down" if data.liked == "down" else None
    if isinstance(data.value, str):  # a comment on the rated answer
        text = data.value.strip()[:max_comment_chars]
        if turn.get("feedback_id") and text:
            store.set_comment(turn["feedback_id"], text)
        elif rating and text:  # rated before a reload: the row id stayed on the server
            turn["feedback_id"] = store.add(_feedback_row(turn, rating, text))
        else:
            return gr.skip(), gr.skip()
        turn["comment_saved"] = True
    elif rating is None:  # the pressed thumb again: take the rating back
        if turn.get("feedback_id"):
            store.delete(turn["feedback_id"])
        turn.update(feedback_id=None, rating=None, comment_saved=False)
    else:
        if turn.get("feedback_id"):
            store.set_rating(turn["feedback_id"], rating)
        else:
            turn["feedback_id"] = store.add(_feedback_row(turn, rating, None))
        turn["rating"] = rating
    turns = [*turns[:i], turn, *turns[i + 1 :]]
    return render_html(turns), turns


def _on_select(turns: list[Turn], data: gr.SelectData) -> tuple[Any, Any, str, Any, str]:
    return _take_question(str(data.value or ""), turns)


def _on_load(saved: str) -> tuple[Any, Any]:
    turns = restore(saved)
    return (render_html(turns), turns) if turns else (gr.skip(), gr.skip())


@dataclass
class _Page:
    """The page's components."""

    toc: Any
    clear: Any
    turns: Any
    pending: Any
    saved: Any
    chatbox: Any
    question: Any
    hint: Any


def _page() -> _Page:
    """The page's layout: a one-line header, the conversation, the question box."""
    with gr.Row(elem_id="top"):
        gr.HTML(f"<h1>{escape(phrases.APP_TITLE)}</h1>", elem_id="title", js_on_load=None)
        toc = gr.Button("Contents", elem_id="toc", size="sm", scale=0, min_width=44)
        clear = gr.Button("New chat", elem_id="clear", size="sm", scale=0, min_width=44)
    turns = gr.State([])
    pending = gr.State("")
    saved = gr.Textbox(visible=False)
    chatbox = gr.HTML(
        render_html([]),
        elem_id="chat",
        js_on_load=CHAT_JS,
        apply_default_css=False,
    )
    question = gr.Textbox(
        elem_id="question",
        show_label=False,
        label="Your question",
        placeholder=phrases.CHAT_PLACEHOLDER,
        max_lines=6,
        submit_btn="Ask",
        autofocus=True,
    )
    hint = gr.HTML(_hint(), elem_id="hint", js_on_load=None)
    return _Page(toc, clear, turns, pending, saved, chatbox, question, hint)


def _wire(blocks: gr.Blocks, page: _Page, respond: Any, on_rate: Any) -> None:
    """The page's events: a question asked (typed, the contents, an example or a suggested
    section) is drawn at once, then answered by `respond`; a rating; a new chat; a reload."""
    asked = [page.question, page.chatbox, page.pending, page.turns, page.hint]

    def then_respond(event: Any) -> None:
        event.then(
            respond,
            [page.pending, page.turns],
            [page.chatbox, page.turns],
            api_visibility="private",
            concurrency_limit=4,
            show_progress="hidden",
        )

    for trigger, fn, inputs in (
        (page.question.submit, _take_question, [page.question, page.turns]),
        (page.toc.click, lambda t: _take_question(phrases.COVERAGE_QUESTION, t), [page.turns]),
        (page.chatbox.select, _on_select, [page.turns]),
    ):
        then_respond(trigger(fn, inputs, asked, queue=False, api_visibility="private"))
    page.chatbox.like(on_rate, [page.turns], [page.chatbox, page.turns], api_visibility="private")
    page.clear.click(
        lambda: (render_html([]), [], _hint()),
        None,
        [page.chatbox, page.turns, page.hint],
        queue=False,
        api_visibility="private",
    )
    blocks.load(
        _on_load, [page.saved], [page.chatbox, page.turns], js=RESTORE_JS, api_visibility="private"
    )


def build_ui(holder: AssistantHolder, store: FeedbackStore, settings: Settings) -> gr.Blocks:
    def respond(question: str, turns: list[Turn]) -> Iterator[tuple[Any, Any]]:
        yield from _respond(holder, question, turns)

    def on_rate(turns: list[Turn], data: gr.LikeData) -> tuple[Any, Any]:
        return _rate(store, settings.limits.max_comment_chars, turns, data)

    def chat(message: str, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Answer `message` about the guide; `history` is a list of {"role", "content"} turns.
        Returns the answer JSON with its citations (the same as POST /api/ask)."""
        try:
            return holder.wait().ask(message, history or None).to_dict()
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc

    with gr.Blocks(title=phrases.APP_TITLE, analytics_enabled=False) as blocks:
        _wire(blocks, _page(), respond, on_rate)
        gr.api(chat, api_name="chat", concurrency_limit=4)
    blocks.queue(default_concurrency_limit=4)
    return blocks


__all__ = [
    "THEME_CSS",
    "build_ui",
    "escape",
    "history_of",
    "render_html",
    "restore",
]
