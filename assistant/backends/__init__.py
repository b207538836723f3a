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
from dataclasses import dataclass, field
from typing import Any

from assistant import phrases
from assistant.backends.base import Backend, Drafting, Prompt, Rewriting
from assistant.backends.rewriting import follow_up, rewrite, rewrite_prompt
from assistant.backends.verify import Verified, verify
from assistant.errors import BackendUnavailable
from assistant.schema import (
    Answer,
    Delta,
    Final,
    Generation,
    LLMTiming,
    RemovedSentence,
    Source,
    StreamEvent,
)
from assistant.settings import Settings

_NUMBERING = re.compile(r"^(?:[-*]|\d+[.)]|\[\d+\])\s*")


def build_prompt(question: str, sources: list[Source]) -> Prompt:
    lines = "\n".join(phrases.LLM_SOURCE_LINE.format(n=s.n, quote=s.quote) for s in sources)
    return Prompt(
        phrases.LLM_SYSTEM_PROMPT,
        phrases.LLM_USER_PROMPT.format(sources=lines, question=question),
    )


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


@dataclass
class _Draft:
    """The model's draft as it streams in, and how it was timed (the answer's ``llm``)."""

    start: float  # time.perf_counter() when generation began
    pieces: list[str] = field(default_factory=list)
    timing: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def stream(self, backend: Backend, prompt: Prompt, deadline: float) -> Iterator[Delta]:
        """Yield the model's pieces as they come; stop early at a repeated line."""
        for piece in backend.stream(prompt, deadline):
            if not self.pieces:
                self.timing["first_token_ms"] = round((time.perf_counter() - self.start) * 1000, 1)
            self.pieces.append(piece)
            yield Delta("delta", piece)
            if "\n" in piece and _looping(self.text):
                self.timing["stopped"] = "repeated line"
                break

    def finish(self) -> float:
        """Record the generation's time and pace; return the seconds it took."""
        took = time.perf_counter() - self.start
        self.timing["generation_ms"] = round(took * 1000, 1)
        self.timing["pieces"] = len(self.pieces)
        if len(self.pieces) > 1 and "first_token_ms" in self.timing:
            after_first = took - self.timing["first_token_ms"] / 1000
            pace = round((len(self.pieces) - 1) / after_first, 2) if after_first else None
            self.timing["pieces_per_s"] = pace
        return took


def _failed(exc: Exception) -> str:
    """The notice of a model or verification that raised."""
    return phrases.LLM_MODEL_FAILED.format(reason=f"{type(exc).__name__}: {exc}"[:200])


def _asked(answer: Answer) -> str:
    """The question the model answers: a follow-up the model rewrote is asked (and verified)
    as the standalone question."""
    done = answer.rewrite
    return done.rewritten if done and done.used and done.rewritten else answer.question


def generate(
    assistant: Drafting, answer: Answer, history: list[dict[str, str]]
) -> Iterator[StreamEvent]:
    """Stream the model's draft, then yield the verified answer (see the module docstring)."""
    settings = assistant.settings
    name = settings.backend
    draft = _Draft(time.perf_counter())
    deadline = time.monotonic() + settings.generation.llm_timeout_s
    asked = _asked(answer)
    try:
        prompt = build_prompt(asked, answer.sources)
        yield from draft.stream(assistant.backend, prompt, deadline)
    except BackendUnavailable as exc:
        yield Final("answer", _fallback(answer, name, str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - a broken backend must never break an answer
        yield Final("answer", _fallback(answer, name, _failed(exc), draft=draft.text))
        return
    took = draft.finish()
    timed_out = time.monotonic() >= deadline
    try:
        checked = verify(
            draft.text,
            answer.sources,
            asked,
            assistant.embedder,
            settings.generation.verify_lexical_threshold,
            settings.generation.verify_cosine_threshold,
        )
    except Exception as exc:  # noqa: BLE001
        fallback = _fallback(answer, name, _failed(exc), draft=draft.text, timing=draft.timing)
        yield Final("answer", fallback)
        return
    timeout_s = settings.generation.llm_timeout_s if timed_out else None
    yield Final("answer", _verified(answer, checked, draft, took, name, timeout_s))


def _verified(
    answer: Answer,
    checked: Verified,
    draft: _Draft,
    took: float,
    name: str,
    timeout_s: float | None,
) -> Answer:
    """The answer from what verification kept of the draft, or, when it kept nothing, the
    extractive `answer` as the fallback. `timeout_s` is set when the draft ran out of time."""
    removed = [RemovedSentence(**r.to_dict()) for r in checked.removed]
    if not checked.kept:
        notice = (
            phrases.LLM_TIMED_OUT.format(seconds=timeout_s)
            if timeout_s is not None
            else phrases.LLM_NOTHING_SUPPORTED
        )
        fallback = _fallback(
            answer, name, notice, draft=draft.text, timing=draft.timing, removed=removed
        )
        fallback.latency_ms += took * 1000
        return fallback
    notices = []
    if timeout_s is not None:
        notices.append(phrases.LLM_TIMED_OUT.format(seconds=timeout_s))
    if removed:
        notices.append(phrases.LLM_SOME_REMOVED.format(count=len(removed)))
    return Answer(
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
            draft=draft.text,
            llm=LLMTiming.model_validate(draft.timing),
        ),
    )


__all__ = [
    "Backend",
    "Drafting",
    "Prompt",
    "Rewriting",
    "build_prompt",
    "follow_up",
    "generate",
    "get_backend",
    "rewrite",
    "rewrite_prompt",
]
