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
from assistant.tuning import GenerationSettings


def rewrite_prompt(
    question: str, history: list[dict[str, str]], generation: GenerationSettings
) -> Prompt:
    """The prompt asking for `question` as a standalone question: the last llm_rewrite_turns
    turns, each cut to llm_rewrite_turn_chars characters (the answers are long and cited)."""
    chars = generation.llm_rewrite_turn_chars
    turns = "\n".join(
        phrases.LLM_REWRITE_TURN.format(
            role=m["role"].capitalize(), content=" ".join(m["content"].split())[:chars]
        )
        for m in history[-generation.llm_rewrite_turns :]
    )
    return Prompt(
        phrases.LLM_REWRITE_SYSTEM,
        phrases.LLM_REWRITE_USER.format(history=turns, question=question),
        phrases.LLM_REWRITE_CUE,
    )


def rewrite(
    backend: Backend,
    question: str,
    history: list[dict[str, str]],
    generation: GenerationSettings,
) -> Rewrite:
    """Ask the model for the follow-up `question` as a standalone question, within
    llm_rewrite_budget_s seconds.

    Returns the rewritten question or None, the time taken and why it is None (not yet used).
    A rewrite is kept only if it arrived within the budget, is one line of 2 to
    llm_rewrite_max_words words, differs from the question and shares a content word with the
    conversation (a tiny model's ramble shares nothing or runs past the budget).
    """
    budget_s = generation.llm_rewrite_budget_s
    start = time.monotonic()
    deadline = start + budget_s
    text = ""

    def result(rewritten: str | None, reason: str) -> Rewrite:
        ms = round((time.monotonic() - start) * 1000, 1)
        return Rewrite(rewritten=rewritten, ms=ms, reason=reason)

    try:
        for piece in backend.stream(rewrite_prompt(question, history, generation), deadline):
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
        not 2 <= len(words) <= generation.llm_rewrite_max_words
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
    record = rewrite(backend, answer.question, turns, asker.settings.generation)
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


__all__ = ["follow_up", "rewrite", "rewrite_prompt"]
