"""Generative answer backends: a local model drafts, verification keeps what the guide supports.

`generate` is called by `Assistant.stream` with the extractive answer, whose sources (numbered
verbatim quotes) become the prompt's numbered sources. It yields a `Delta` per piece while the
model drafts, then one `Final` answer: the verified draft, or, when nothing of it is
supported or the backend fails, the extractive answer marked as a fallback with a notice.
It never raises and never waits longer than `settings.generation.llm_timeout_s` for the model.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import Any

from assistant import phrases
from assistant.backends.base import Backend, Drafting, Prompt
from assistant.backends.verify import verify
from assistant.errors import BackendUnavailable
from assistant.schema import (
    Answer,
    Delta,
    Final,
    Generation,
    LLMTiming,
    RemovedSentence,
    Rewrite,
    Source,
    StreamEvent,
)
from assistant.settings import Settings
from assistant.text import tokenize

_NUMBERING = re.compile(r"^(?:[-*]|\d+[.)]|\[\d+\])\s*")


def build_prompt(question: str, sources: list[Source]) -> Prompt:
    lines = "\n".join(phrases.LLM_SOURCE_LINE.format(n=s.n, quote=s.quote) for s in sources)
    return Prompt(
        phrases.LLM_SYSTEM_PROMPT,
        phrases.LLM_USER_PROMPT.format(sources=lines, question=question),
    )


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


_backends: dict[tuple[Any, ...], Backend] = {}
_backends_lock = threading.Lock()


def get_backend(settings: Settings) -> Backend:
    """The process-wide backend for these settings (a local model is loaded once)."""
    if settings.backend == "llamacpp":
        key: tuple[Any, ...] = (
            "llamacpp",
            settings.model_path,
            settings.models_dir,
            settings.generation.llm_n_ctx,
            settings.generation.llm_n_threads,
        )
    elif settings.backend == "openai":
        key = ("openai", settings.openai_base_url, settings.openai_model, settings.openai_api_key)
    else:
        raise BackendUnavailable(f"The {settings.backend} backend does not generate text.")
    with _backends_lock:
        if key not in _backends:
            if settings.backend == "llamacpp":
                from assistant.backends.llamacpp import LlamaCppBackend

                _backends[key] = LlamaCppBackend(settings)
            else:
                from assistant.backends.openai import OpenAIBackend

                _backends[key] = OpenAIBackend(settings)
        return _backends[key]


def _looping(draft: str) -> bool:
    """A small model that repeats a finished line will go on repeating it: stop it there."""
    lines = [" ".join(line.split()).lower() for line in draft.splitlines()[:-1]]
    lines = [_NUMBERING.sub("", line) for line in lines if line.strip()]
    return len(lines) > 1 and lines[-1] in lines[:-1]


def _fallback(
    answer: Answer,
    backend: str,
    notice: str,
    draft: str | None = None,
    timing: dict[str, Any] | None = None,
    removed: list[RemovedSentence] | None = None,
) -> Answer:
    """The extractive `answer`, marked as the fallback of `backend` with `notice`."""
    answer.backend = backend
    answer.notices.append(notice)
    answer.generation = Generation(generated_survived=False, fallback=True, removed=removed or [])
    if draft is not None:
        answer.generation.draft = draft
    if timing is not None:
        answer.generation.llm = LLMTiming.model_validate(timing)
    return answer


def generate(
    assistant: Drafting, answer: Answer, history: list[dict[str, str]]
) -> Iterator[StreamEvent]:
    """Stream the model's draft, then yield the verified answer (see the module docstring)."""
    settings = assistant.settings
    name = settings.backend
    start = time.perf_counter()
    deadline = time.monotonic() + settings.generation.llm_timeout_s
    pieces: list[str] = []
    timing: dict[str, Any] = {}
    # A follow-up the model rewrote is asked of the model (and verified) as the standalone question.
    done = answer.rewrite
    asked = done.rewritten if done and done.used and done.rewritten else answer.question
    try:
        backend = assistant.backend
        prompt = build_prompt(asked, answer.sources)
        for piece in backend.stream(prompt, deadline):
            if not pieces:
                timing["first_token_ms"] = round((time.perf_counter() - start) * 1000, 1)
            pieces.append(piece)
            yield Delta("delta", piece)
            if "\n" in piece and _looping("".join(pieces)):
                timing["stopped"] = "repeated line"
                break
    except BackendUnavailable as exc:
        yield Final("answer", _fallback(answer, name, str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - a broken backend must never break an answer
        notice = phrases.LLM_MODEL_FAILED.format(reason=f"{type(exc).__name__}: {exc}"[:200])
        yield Final("answer", _fallback(answer, name, notice, draft="".join(pieces)))
        return
    took = time.perf_counter() - start
    timing["generation_ms"] = round(took * 1000, 1)
    timing["pieces"] = len(pieces)
    if len(pieces) > 1 and "first_token_ms" in timing:
        after_first = took - timing["first_token_ms"] / 1000
        timing["pieces_per_s"] = round((len(pieces) - 1) / after_first, 2) if after_first else None
    draft = "".join(pieces)
    timed_out = time.monotonic() >= deadline
    try:
        checked = verify(
            draft,
            answer.sources,
            asked,
            assistant.embedder,
            settings.generation.verify_lexical_threshold,
            settings.generation.verify_cosine_threshold,
        )
    except Exception as exc:  # noqa: BLE001
        notice = phrases.LLM_MODEL_FAILED.format(reason=f"{type(exc).__name__}: {exc}"[:200])
        yield Final("answer", _fallback(answer, name, notice, draft=draft, timing=timing))
        return
    removed = [RemovedSentence(**r.to_dict()) for r in checked.removed]
    if not checked.kept:
        notice = (
            phrases.LLM_TIMED_OUT.format(seconds=settings.generation.llm_timeout_s)
            if timed_out
            else phrases.LLM_NOTHING_SUPPORTED
        )
        answer = _fallback(answer, name, notice, draft=draft, timing=timing, removed=removed)
        answer.latency_ms += took * 1000
        yield Final("answer", answer)
        return
    notices = []
    if timed_out:
        notices.append(phrases.LLM_TIMED_OUT.format(seconds=settings.generation.llm_timeout_s))
    if removed:
        notices.append(phrases.LLM_SOME_REMOVED.format(count=len(removed)))
    final = Answer(
        question=answer.question,
        text=checked.text,
        refused=False,
        sources=checked.sources,
        guide_version=answer.guide_version,
        latency_ms=answer.latency_ms + took * 1000,
        backend=name,
        notices=notices,
        diagnostics=answer.diagnostics,
        rewrite=answer.rewrite,
        generation=Generation(
            generated_survived=True,
            fallback=False,
            removed=removed,
            draft=draft,
            llm=LLMTiming.model_validate(timing),
        ),
    )
    yield Final("answer", final)


__all__ = ["Backend", "Drafting", "Prompt", "build_prompt", "generate", "get_backend", "rewrite"]
