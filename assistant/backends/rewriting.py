"""A follow-up rewritten by the model as a standalone question, within a time budget.

`rewrite` asks the model; `follow_up` answers the rewritten question extractively and keeps that
answer when the guide answers it at least as closely as the extractive follow-up rule's
(otherwise the rule's answer stands). Either way the answer's `rewrite` records what happened.
"""

from __future__ import annotations

import time

from assistant import phrases
from assistant.backends.base import Backend, Prompt, Rewriting
from assistant.errors import BackendUnavailable
from assistant.schema import Answer, Rewrite
from assistant.text import tokenize

#: Turns of the conversation shown to the model when it rewrites a follow-up.
REWRITE_TURNS = 4
#: Characters of an assistant turn shown to the model (its answers are long and cited).
REWRITE_TURN_CHARS = 240
#: A rewrite longer than this many words is not one question.
REWRITE_MAX_WORDS = 40


def rewrite_prompt(question: str, history: list[dict[str, str]]) -> Prompt:
    turns = "\n".join(
        phrases.LLM_REWRITE_TURN.format(
            role=m["role"].capitalize(), content=" ".join(m["content"].split())[:REWRITE_TURN_CHARS]
        )
        for m in history[-REWRITE_TURNS:]
    )
    return Prompt(
        phrases.LLM_REWRITE_SYSTEM,
        phrases.LLM_REWRITE_USER.format(history=turns, question=question),
        phrases.LLM_REWRITE_CUE,
    )


def rewrite(
    backend: Backend, question: str, history: list[dict[str, str]], budget_s: float
) -> Rewrite:
    """Ask the model for the follow-up `question` as a standalone question, within `budget_s`.

    Returns the rewritten question or None, the time taken and why it is None (not yet used).
    A rewrite is kept only if it arrived within the budget, is one line of 2 to
    REWRITE_MAX_WORDS words, differs from the question and shares a content word with the
    conversation (a tiny model's ramble shares nothing or runs past the budget).
    """
    start = time.monotonic()
    deadline = start + budget_s
    text = ""

    def result(rewritten: str | None, reason: str) -> Rewrite:
        ms = round((time.monotonic() - start) * 1000, 1)
        return Rewrite(rewritten=rewritten, ms=ms, reason=reason)

    try:
        for piece in backend.stream(rewrite_prompt(question, history), deadline):
            text += piece
            if "\n" in text.strip():
                break
    except Exception as exc:  # noqa: BLE001 - a failed rewrite falls back, it never fails
        return result(None, f"the model failed ({type(exc).__name__})")
    if time.monotonic() > deadline:
        return result(None, f"over the {budget_s:g} s budget")
    line = (text.strip().splitlines() or [""])[0].strip().strip("\"'` ")
    said = set(tokenize(" ".join([question, *(m["content"] for m in history)])))
    words = line.split()
    if (
        not 2 <= len(words) <= REWRITE_MAX_WORDS
        or line.lower() == question.strip().lower()
        or not set(tokenize(line)) & said
        or any(not c.isprintable() for c in line)
    ):
        return result(None, "not a standalone question")
    return result(line, "rewritten")


def follow_up(asker: Rewriting, answer: Answer, turns: list[dict[str, str]]) -> Answer:
    """The answer to the follow-up as the model rewrote it, when the rewrite came within
    the budget and the guide answers it at least as closely; else `answer` (the
    extractive follow-up rule).
    Either way the answer's `rewrite` records what happened."""
    try:
        backend = asker.backend
    except BackendUnavailable:
        return answer  # generate() reports it
    budget_s = asker.settings.generation.llm_rewrite_budget_s
    record = rewrite(backend, answer.question, turns, budget_s)
    chosen = answer
    if record.rewritten:
        standalone = asker.ask_extractive(record.rewritten)
        relevance = _relevance(standalone), _relevance(answer)
        if standalone.refused:
            record.reason = "the guide does not answer the rewritten question"
        elif relevance[0] < relevance[1]:
            record.reason = "the follow-up rule matched the guide better"
        else:
            standalone.question = answer.question
            standalone.latency_ms += answer.latency_ms + record.ms
            chosen = standalone
    record.used = chosen is not answer
    chosen.rewrite = record
    return chosen


def _relevance(answer: Answer) -> float:
    """How closely the guide matches the question itself (a follow-up's own words, not the
    last exchange it also reads with)."""
    d = answer.diagnostics
    if d is None:
        return 0.0
    return float(d.ask_relevance if d.ask_relevance is not None else d.relevance or 0.0)


__all__ = ["REWRITE_MAX_WORDS", "follow_up", "rewrite", "rewrite_prompt"]
