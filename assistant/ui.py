"""The chat page (Gradio Blocks): streamed answers, citations that open, feedback, the contents.

The conversation is kept as data in a ``gr.State`` (one dict per turn: the raw question and the
answer's JSON) and the chat display is rendered from it, so user text is always shown escaped
(a question holding HTML is displayed as text) and the history sent to the Assistant is the
plain text, not the display markup. Each citation is a collapsed message titled "[n] section
path" that opens to show the quote.

The Gradio API endpoint ``/chat`` (``api_name="chat"``, for gradio_client callers) takes
``message`` and ``history`` and returns the answer JSON, the same as ``POST /api/ask``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant import phrases
from assistant.errors import AssistantError
from assistant.feedback import Feedback, FeedbackStore, Rating
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.server import AssistantHolder

Turn = dict[str, Any]  # {"question": str, "answer": Answer dict | None, "text": str}
Messages = list[dict[str, Any]]

# Narrow screens: let the chat take the screen height and the buttons wrap.
THEME_CSS = """
#chat { min-height: 320px; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
  #chat { height: 62vh !important; }
}
"""


def escape(text: str) -> str:
    """Show text as text: HTML is escaped, so it is displayed and never run."""
    return html.escape(text, quote=False)


#: Characters that Markdown reads as markup.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def as_typed(text: str) -> str:
    """What the asker typed, shown exactly as typed: neither HTML nor Markdown ("![p](url)"
    would be an image the browser fetches; "<http://…>" a live link)."""
    return _MARKDOWN.sub(r"\\\1", escape(text))


def turn_messages(turn: Turn) -> Messages:
    """How one turn is displayed: the question, the answer, one collapsed message per citation."""
    out: Messages = [{"role": "user", "content": as_typed(turn["question"])}]
    answer = turn.get("answer")
    text = escape(turn.get("text", "")) or "…"
    for notice in (answer or {}).get("notices", []):
        text += f"\n\n*{escape(notice)}*"
    out.append({"role": "assistant", "content": text})
    for c in (answer or {}).get("citations", []):
        out.append(
            {
                "role": "assistant",
                "content": f"> {escape(c['quote'])}\n\n*{escape(c['section'])}*",
                "metadata": {"title": f"[{c['n']}] {escape(c['section'])}", "status": "done"},
            }
        )
    return out


def render(turns: list[Turn]) -> Messages:
    return [m for turn in turns for m in turn_messages(turn)]


def turn_at(turns: list[Turn], index: int) -> int | None:
    """The turn that holds display message `index`."""
    seen = 0
    for i, turn in enumerate(turns):
        seen += len(turn_messages(turn))
        if index < seen:
            return i
    return None


def history_of(turns: list[Turn]) -> list[dict[str, str]]:
    history: list[dict[str, str]] = []
    for turn in turns:
        if not turn.get("answer"):
            continue
        history.append({"role": "user", "content": turn["question"]})
        history.append({"role": "assistant", "content": turn["answer"]["answer"]})
    return history


def build_ui(holder: AssistantHolder, store: FeedbackStore, settings: Settings) -> gr.Blocks:
    def take_question(text: str, turns: list[Turn]) -> tuple[Any, Messages, str, list[Turn]]:
        turns = [*turns, {"question": text or "", "text": "", "answer": None}]
        return gr.update(value=""), render(turns), text or "", turns

    def respond(question: str, turns: list[Turn]) -> Iterator[tuple[Messages, list[Turn]]]:
        turns = list(turns)
        turn = dict(turns[-1])
        turns[-1] = turn
        try:
            a = holder.wait()
            for kind, value in a.stream(question, history_of(turns[:-1])):
                if kind == "delta":
                    turn["text"] += value
                    yield render(turns), turns
                elif kind == "answer":
                    turn["answer"] = value.to_dict()
                    turn["text"] = value.text
        except AssistantError as exc:  # a bad question, or the index is not loaded
            turn["text"] = str(exc)
        yield render(turns), turns

    def on_like(turns: list[Turn], data: gr.LikeData) -> tuple[list[Turn], Any, Any]:
        index = data.index if isinstance(data.index, int) else data.index[0]
        i = turn_at(turns, index)
        if i is None or not turns[i].get("answer"):
            return (
                turns,
                gr.update(visible=False),
                gr.update(value=phrases.FEEDBACK_NOTHING_TO_RATE),
            )
        if data.liked not in (True, False):  # the thumb was clicked again: take the rating back
            if turns[i].get("feedback_id"):
                store.delete(turns[i]["feedback_id"])
            turns = [*turns[:i], {**turns[i], "feedback_id": None}, *turns[i + 1 :]]
            return turns, gr.update(visible=False), gr.update(value="")
        rating: Rating = "up" if data.liked is True else "down"
        turn = dict(turns[i])
        answer = turn["answer"]
        if turn.get("feedback_id"):
            store.set_rating(turn["feedback_id"], rating)
        else:
            turn["feedback_id"] = store.add(
                Feedback(
                    rating=rating,
                    question=turn["question"],
                    answer=answer["answer"],
                    citations=answer["citations"],
                    guide_version=answer["guide_version"],
                    channel="ui",
                )
            )
        turns = [*turns[:i], turn, *turns[i + 1 :]]
        return turns, gr.update(visible=True), gr.update(value=phrases.FEEDBACK_THANKS)

    def send_comment(comment: str, turns: list[Turn]) -> tuple[Any, Any, Any]:
        rated = [t for t in turns if t.get("feedback_id")]
        text = (comment or "").strip()[: settings.max_comment_chars]
        if rated and text:
            store.set_comment(rated[-1]["feedback_id"], text)
            return gr.update(value=""), gr.update(visible=False), phrases.FEEDBACK_COMMENT_SAVED
        return gr.update(), gr.update(), ""

    def chat(message: str, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Answer `message` about the guide; `history` is a list of {"role", "content"} turns.
        Returns the answer JSON with its citations (the same as POST /api/ask)."""
        try:
            return holder.wait().ask(message, history or None).to_dict()
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc

    with gr.Blocks(title=phrases.APP_TITLE, analytics_enabled=False) as blocks:
        gr.Markdown(f"# {phrases.APP_TITLE}\n{phrases.APP_DESCRIPTION}")
        turns = gr.State([])
        pending = gr.State("")
        chatbot = gr.Chatbot(
            elem_id="chat",
            label="Conversation",
            height="60vh",
            layout="bubble",
            feedback_options=("Like", "Dislike"),
            buttons=["copy"],
            sanitize_html=True,
            placeholder=phrases.APP_DESCRIPTION,
            examples=[{"text": q} for q in phrases.EXAMPLE_QUESTIONS],
        )
        question = gr.Textbox(
            elem_id="question",
            show_label=False,
            placeholder=phrases.CHAT_PLACEHOLDER,
            max_lines=6,
            submit_btn="Ask",
            autofocus=True,
        )
        with gr.Row():
            toc = gr.Button(phrases.COVERAGE_QUESTION, elem_id="toc", size="sm", min_width=120)
            clear = gr.Button("Clear chat", elem_id="clear", size="sm", min_width=120)
        notice = gr.Markdown(elem_id="feedback-notice")
        with gr.Row(visible=False, elem_id="comment-row") as comment_row:
            comment = gr.Textbox(
                label="Comment (optional)", elem_id="comment", scale=4, max_lines=4, min_width=200
            )
            send = gr.Button("Send comment", elem_id="send-comment", scale=1, min_width=120)

        def ask_chain(trigger: Any, inputs: list[Any]) -> None:
            trigger(
                take_question,
                inputs,
                [question, chatbot, pending, turns],
                queue=False,
                api_visibility="private",
            ).then(
                respond,
                [pending, turns],
                [chatbot, turns],
                api_visibility="private",
                concurrency_limit=4,
                show_progress="minimal",
            )

        ask_chain(question.submit, [question, turns])
        ask_chain(toc.click, [toc, turns])

        def example(
            turns_: list[Turn], data: gr.SelectData
        ) -> tuple[Any, Messages, str, list[Turn]]:
            value = data.value["text"] if isinstance(data.value, dict) else str(data.value)
            return take_question(value, turns_)

        chatbot.example_select(
            example,
            [turns],
            [question, chatbot, pending, turns],
            queue=False,
            api_visibility="private",
        ).then(respond, [pending, turns], [chatbot, turns], api_visibility="private")

        chatbot.like(on_like, [turns], [turns, comment_row, notice], api_visibility="private")
        send.click(
            send_comment, [comment, turns], [comment, comment_row, notice], api_visibility="private"
        )
        comment.submit(
            send_comment, [comment, turns], [comment, comment_row, notice], api_visibility="private"
        )
        clear.click(
            lambda: ([], [], "", gr.update(visible=False)),
            None,
            [chatbot, turns, notice, comment_row],
            queue=False,
            api_visibility="private",
        )
        chatbot.clear(lambda: ([], ""), None, [turns, notice], api_visibility="private")
        gr.api(chat, api_name="chat", concurrency_limit=4)
    blocks.queue(default_concurrency_limit=4)
    return blocks


__all__ = ["THEME_CSS", "build_ui", "escape", "history_of", "render", "turn_at"]
