"""Typed data passed between the stages: sections, chunks, sources (citations) and answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEP = " > "


@dataclass(frozen=True)
class Unit:
    """One sentence or list item of a section: the smallest thing an answer quotes."""

    text: str  # verbatim guide text (bullet marker and leading enumerator removed)
    kind: str  # "sentence" | "item" | "leadin"
    position: int  # order within the section


@dataclass(frozen=True)
class Section:
    id: str  # stable slug of the heading path, unique in the corpus
    path: tuple[
        str, ...
    ]  # heading path, e.g. ("MLOps Engineer Certifications", "Cloud ML certifications")
    text: str  # the section's own body text (lead-in line included), verbatim lines
    source: str  # corpus file name
    order: int  # position in the corpus
    units: tuple[Unit, ...] = ()

    @property
    def heading(self) -> str:
        return SEP.join(self.path)

    @property
    def title(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class Chunk:
    id: str
    section_id: str
    heading: str  # heading path joined with " > "
    text: str  # chunk body (verbatim section text)
    order: int

    @property
    def embed_text(self) -> str:
        """What is embedded and searched: the heading path, then the body."""
        return f"{self.heading}\n\n{self.text}".strip()


@dataclass(frozen=True)
class Source:
    """A citation: [n] in the answer text refers to this quote of the guide."""

    n: int
    section_id: str
    section: str  # heading path
    quote: str  # verbatim guide text
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "section": self.section,
            "section_id": self.section_id,
            "quote": self.quote,
            "score": round(self.score, 4),
        }


@dataclass
class Answer:
    question: str
    text: str
    refused: bool
    sources: list[Source]
    guide_version: str
    latency_ms: float = 0.0
    nearest_sections: list[str] = field(default_factory=list)
    backend: str = "extractive"
    notices: list[str] = field(default_factory=list)
    #: What the asker said of themself that the guide does not address (answered all the same).
    caveat: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.text,
            "refused": self.refused,
            "citations": [s.to_dict() for s in self.sources],
            "guide_version": self.guide_version,
            "latency_ms": round(self.latency_ms, 1),
            "backend": self.backend,
        }
        if self.nearest_sections:
            data["nearest_sections"] = list(self.nearest_sections)
        if self.notices:
            data["notices"] = list(self.notices)
        if self.caveat:
            data["caveat"] = self.caveat
        data.update(self.extra)
        return data
