"""What every generative backend is: a `Backend` that streams a draft for a `Prompt`, and
`Drafting` and `Rewriting`, the little `generate` and `follow_up` need of whoever asks (the
Assistant, in practice).

The backends' own modules (llamacpp, openai) import only this, so the package can load them lazily
without the import running back into itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from assistant import phrases

if TYPE_CHECKING:
    from assistant.embeddings import Embedder
    from assistant.schema import Answer
    from assistant.settings import Settings


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str
    cue: str = phrases.LLM_ANSWER_CUE

    @property
    def completion(self) -> str:
        """The prompt as plain text, for a base model without a chat template."""
        return phrases.LLM_COMPLETION_PROMPT.format(
            system=self.system, user=self.user, cue=self.cue
        )


class Backend(ABC):
    """Drafts an answer to a prompt, piece by piece."""

    name: str

    @abstractmethod
    def stream(self, prompt: Prompt, deadline: float) -> Iterator[str]:
        """Yield text pieces until done or `deadline` (time.monotonic()) has passed.

        Raises BackendUnavailable with a user-facing sentence when the model cannot answer.
        """


class Drafting(Protocol):
    """What `generate` uses of the asker: its settings, its backend (which may raise
    BackendUnavailable) and the embedder that verification compares sentences with.
    `assistant.core.Assistant` is one; naming it here instead keeps the import one way."""

    @property
    def settings(self) -> Settings: ...

    @property
    def backend(self) -> Backend: ...

    @property
    def embedder(self) -> Embedder: ...


class Rewriting(Drafting, Protocol):
    """What `follow_up` also uses of the asker: its extractive answer to a question."""

    def ask_extractive(self, question: Any, history: Any = None) -> Answer: ...


__all__ = ["Backend", "Drafting", "Prompt", "Rewriting"]
