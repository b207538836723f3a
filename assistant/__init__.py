"""A chat assistant that answers questions about the MLOps Engineer career guide.

Every claim in an answer cites the guide's section and quotes it verbatim; questions the guide
does not cover are refused. Importing this package loads no model and touches no disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.errors import (
    AssistantError,
    BackendUnavailable,
    CorpusError,
    IndexUnavailable,
    InvalidQuestion,
)
from assistant.schema import Answer, Source
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.core import Assistant

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "BackendUnavailable",
    "CorpusError",
    "IndexUnavailable",
    "InvalidQuestion",
    "Settings",
    "Source",
]


def __getattr__(name: str) -> Any:
    if name == "Assistant":
        from assistant.core import Assistant

        return Assistant
    raise AttributeError(name)
