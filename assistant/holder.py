"""The one Assistant of a server process: built in a background thread when the app starts, so
the server answers /healthz (503 "loading") at once; requests wait for it up to
``settings.startup_wait_seconds``, then get ``NotReady`` (503).

The server and its pages (the chat page, the section view) hold this, never the other way round.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from assistant import lexicon, phrases
from assistant.errors import AssistantError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.core import Assistant

log = logging.getLogger(__name__)
console = logging.getLogger("uvicorn.error")  # shown next to uvicorn's own start-up lines


class NotReady(AssistantError):
    """The Assistant is still loading, or failed to load."""


def build_assistant(settings: Settings) -> Assistant:
    """The real Assistant: open (or build) the index and warm up the embedding model."""
    from assistant.core import Assistant

    assistant = Assistant.from_settings(**settings.model_dump())
    load = getattr(assistant, "load", None)
    if callable(load):
        load()
    assistant.ask(phrases.EXAMPLE_QUESTIONS[0])  # loads the embedding model before the first user
    assistant.reader.load()  # and spaCy (~2 s), which the CLI loads only when a question needs it
    lexicon.load()  # and WordNet (~3 s), likewise
    return assistant


class AssistantHolder:
    """Holds the one Assistant of the process; builds it in a background thread on start()."""

    def __init__(
        self,
        settings: Settings,
        assistant: Assistant | None = None,
        factory: Callable[[Settings], Assistant] = build_assistant,
        wrap: Callable[[Any], Any] | None = None,
    ) -> None:
        self.settings = settings
        self._wrap = wrap or (lambda a: a)
        self._assistant = self._wrap(assistant) if assistant is not None else None
        self._factory = factory
        self._error: str | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        if assistant is not None:
            self._ready.set()

    def start(self) -> None:
        if self._ready.is_set() or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._load, name="assistant-loader", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        start = time.perf_counter()
        console.info("Loading the guide's index and the embedding model...")
        try:
            self._assistant = self._wrap(self._factory(self.settings))
            console.info(
                "Ready in %.1f s: guide version %s, %d sections.",
                time.perf_counter() - start,
                self._assistant.guide_version,
                len(self._assistant.sections()),
            )
        except AssistantError as exc:
            self._error = str(exc)
            console.error("The assistant could not start: %s", exc)
        except Exception as exc:  # reported by /healthz, not raised into a worker thread
            self._error = f"{type(exc).__name__}: {exc}"
            log.exception("The assistant could not start")
        finally:
            self._ready.set()

    @property
    def status(self) -> Literal["loading", "ok", "error"]:
        if not self._ready.is_set():
            return "loading"
        return "error" if self._error else "ok"

    def get(self, timeout: float | None = 0) -> Assistant:
        if not self._ready.wait(timeout):
            raise NotReady(phrases.LOADING)
        if self._error is not None or self._assistant is None:
            raise NotReady(phrases.LOAD_FAILED.format(reason=self._error))
        return self._assistant

    def wait(self) -> Assistant:
        return self.get(self.settings.startup_wait_seconds)


__all__ = ["AssistantHolder", "NotReady", "build_assistant"]
