"""The openai backend: any OpenAI-compatible chat endpoint (llama.cpp server, Ollama, vLLM).

Uses LangChain's ChatOpenAI; connection errors, timeouts and malformed replies become
BackendUnavailable with a sentence naming the server.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from assistant import phrases
from assistant.backends.base import Backend, Prompt
from assistant.errors import BackendUnavailable
from assistant.settings import Settings


class OpenAIBackend(Backend):
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._model: Any = None

    def _client(self) -> Any:
        if self._model is None:
            try:
                from langchain_openai import ChatOpenAI
            except ImportError as exc:
                raise BackendUnavailable(
                    phrases.LLM_EXTRA_MISSING.format(backend="openai")
                ) from exc
            s = self.settings
            self._model = ChatOpenAI(
                model=s.openai_model,
                base_url=s.openai_base_url,
                api_key=s.openai_api_key or "not-needed",
                timeout=s.generation.llm_timeout_s,
                max_retries=0,
                max_tokens=s.generation.llm_max_tokens,
                # LangChain sends max_completion_tokens; most local servers read max_tokens.
                extra_body={"max_tokens": s.generation.llm_max_tokens},
                temperature=s.generation.llm_temperature,
                streaming=True,
                stream_chunk_timeout=s.generation.llm_timeout_s,
                stop_sequences=list(phrases.LLM_STOP),
            )
        return self._model

    def _down(self, reason: str) -> BackendUnavailable:
        return BackendUnavailable(
            phrases.LLM_SERVER_DOWN.format(url=self.settings.openai_base_url, reason=reason)
        )

    def stream(self, prompt: Prompt, deadline: float) -> Iterator[str]:
        model = self._client()
        messages = [("system", prompt.system), ("human", prompt.user)]
        try:
            import openai
        except ImportError as exc:  # pragma: no cover - langchain-openai depends on it
            raise BackendUnavailable(phrases.LLM_EXTRA_MISSING.format(backend="openai")) from exc
        chunks = model.stream(messages)
        try:
            for chunk in chunks:
                content = chunk.content
                if not isinstance(content, str):
                    raise self._down("its reply was not text")
                if content:
                    yield content
                if time.monotonic() >= deadline:
                    break
        except openai.APITimeoutError as exc:
            raise self._down(
                f"no reply within {self.settings.generation.llm_timeout_s:g} s"
            ) from exc
        except openai.APIConnectionError as exc:
            raise self._down("connection failed") from exc
        except openai.APIStatusError as exc:
            raise self._down(f"HTTP {exc.status_code}") from exc
        except (openai.OpenAIError, ValueError, KeyError, TypeError) as exc:
            raise self._down(f"malformed reply: {type(exc).__name__}") from exc
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
