"""The exceptions the Python API raises. Each message is one sentence saying what to do."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: something the user or operator can fix, with a message saying how."""


class InvalidQuestion(AssistantError, ValueError):
    """The question or the history is not acceptable (empty, too long, malformed, junk bytes)."""


class CorpusError(AssistantError):
    """The guide's folder is missing or holds no readable .md/.txt file."""


class IndexUnavailable(AssistantError):
    """The index is missing, corrupt or stale and could not be rebuilt."""


class BackendUnavailable(AssistantError):
    """An answer backend cannot run (missing optional extra, unreachable model server)."""


__all__ = [
    "AssistantError",
    "BackendUnavailable",
    "CorpusError",
    "IndexUnavailable",
    "InvalidQuestion",
]
