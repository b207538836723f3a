"""Typed data passed between the stages: sections, chunks, sources (citations), answers, the
answer's JSON shape and the events of an answer's stream."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

SEP = " > "

#: What a unit of a section is: a sentence, a list item, or the line that leads into a list.
UnitKind = Literal["sentence", "item", "leadin"]


@dataclass(frozen=True)
class Unit:
    """One sentence or list item of a section: the smallest thing an answer quotes."""

    text: str  # verbatim guide text (bullet marker and leading enumerator removed)
    kind: UnitKind
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
class Evidence:
    """A unit an answer may quote, with how well it answers the question."""

    section: Section
    unit: Unit
    score: float


#: How an answer's quotes are put together: a list (lead line, then items) or sentences.
Mode = Literal["list", "sentences"]
#: An answer's mode and the evidence it quotes, in answer order.
Composed = tuple[Mode, list[Evidence]]


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
    #: How the question was read and decided (set by the extractive answer).
    diagnostics: Diagnostics | None = None
    #: How a generative backend rewrote a follow-up (only when it tried).
    rewrite: Rewrite | None = None
    #: What a generative backend did with the answer (only with one).
    generation: Generation | None = None

    def to_dict(self) -> dict[str, Any]:
        """The answer's JSON (``AnswerJSON``): empty optional fields left out; the generation
        report's fields stand at the top level (``fallback``, ``draft``, …)."""
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
        if self.diagnostics is not None:
            data["diagnostics"] = self.diagnostics
        if self.rewrite is not None:
            data["rewrite"] = self.rewrite
        if self.generation is not None:
            data.update(self.generation.model_dump(exclude_unset=True))
        # Through the model, so what every interface returns is the shape /docs describes.
        return AnswerJSON.model_validate(data).model_dump(exclude_unset=True)


class CitationJSON(BaseModel):
    """One citation in the answer's JSON: `[n]` in the answer text is `citations[n-1]`."""

    n: int = Field(description="The number [n] used in the answer text.")
    section: str = Field(description="The guide's heading path, joined with ' > '.")
    section_id: str
    quote: str = Field(description="The guide's words, verbatim.")
    score: float


class Diagnostics(BaseModel):
    """How the question was read and decided (the answer's ``diagnostics``): for reading the
    logs and calibrating, not for display. A field is present only when it was set: the guide's
    contents carry the first six, with no ``ask_relevance``, ``lexical`` or the names."""

    model_config = ConfigDict(extra="allow")
    outcome: Literal["answer", "caveat", "refuse"] | None = Field(
        None, description="What the scope policy decided."
    )
    reason: str | None = Field(
        None, description="The policy's check that decided ('grounded' when none objected)."
    )
    kind: str | None = Field(None, description="The kind of answer the question asks for.")
    ask: str | None = Field(None, description="What the question asks, without the context.")
    relevance: float | None = Field(
        None, description="Best cosine of the guide to the question (with a follow-up's context)."
    )
    ask_relevance: float | None = Field(None, description="The same for the question's own words.")
    lexical: bool | None = Field(
        None, description="Every content word of the ask stands in one guide line."
    )
    coverage: float | None = Field(
        None, description="Weakest meaning-match of an ask word the guide does not use."
    )
    least_covered_word: str | None = Field(None, description="That word (null: none).")
    property_coverage: float | None = Field(
        None,
        description="Of a yes/no ask, or of the thing a what-is ask names: the weakest match "
        "in the evidence of its nouns (and a yes/no ask's adjectives) the guide does not use "
        "(1.0: none).",
    )
    property_word: str | None = Field(None, description="That word (null: none).")
    unknown_names: list[str] | None = Field(
        None, description="What the ask names that the guide never does (other jobs included)."
    )
    context_unknown: list[str] | None = Field(
        None, description="The same, in what the asker says of themself."
    )
    selected_items: bool | None = Field(
        None, description="The answer is computed over the guide's items."
    )

    def to_dict(self) -> dict[str, Any]:
        """The fields that were set, in this order (the answer's JSON ``diagnostics``)."""
        return self.model_dump(exclude_unset=True)


class Rewrite(BaseModel):
    """A follow-up rewritten by a generative backend's model as a standalone question, within
    its time budget (the answer's ``rewrite``)."""

    rewritten: str | None = Field(
        description="The standalone question the model wrote; null when none was kept."
    )
    ms: float = Field(description="Milliseconds the rewrite took.")
    reason: str = Field(
        description="Why the rewrite was kept or not: 'rewritten', 'over the 2 s budget', 'not a "
        "standalone question', or why the follow-up rule's evidence was kept instead."
    )
    used: bool = Field(
        False, description="The answer's evidence was chosen for the rewritten question."
    )


class RemovedSentence(BaseModel):
    """A sentence of the model's draft that verification removed."""

    sentence: str
    reason: str


class LLMTiming(BaseModel):
    """How the model's draft was timed (the answer's ``llm``); a field is there when measured."""

    first_token_ms: float | None = None
    generation_ms: float | None = None
    pieces: int | None = None
    pieces_per_s: float | None = None
    stopped: str | None = Field(None, description="Why the draft was cut short, if it was.")


class Generation(BaseModel):
    """What a generative backend did with the answer. Its fields stand at the top level of the
    answer's JSON, as they always have (``generated_survived``, ``fallback``, …)."""

    generated_survived: bool = Field(
        description="Some of the model's draft survived verification and is the answer."
    )
    fallback: bool = Field(
        description="The answer is the extractive one: nothing of the draft survived, or the "
        "backend failed (a notice says which)."
    )
    removed: list[RemovedSentence] = Field(
        default_factory=list, description="The draft's sentences verification removed."
    )
    draft: str | None = Field(None, description="The model's draft, as it was streamed.")
    llm: LLMTiming | None = None


class AnswerJSON(BaseModel):
    """The answer's JSON: what `Answer.to_dict()`, `assistant ask --json`, `POST /api/ask` and
    the stream's `answer` event return. ``diagnostics`` says how the question was read and
    decided (docs/asking.md); ``rewrite`` and the generation fields are there only with a
    generative backend (docs/generative.md)."""

    model_config = ConfigDict(extra="forbid")
    question: str
    answer: str = Field(description="The answer text; [n] refers to citations[n-1].")
    refused: bool = Field(description="True when the guide does not cover the question.")
    citations: list[CitationJSON]
    guide_version: str
    latency_ms: float
    backend: str
    nearest_sections: list[str] | None = Field(None, description="Only when refused.")
    notices: list[str] | None = None
    caveat: str | None = Field(
        None,
        description="Only when what the asker said of themself is beyond the guide "
        "(the answer stands, with this caveat).",
    )
    diagnostics: Diagnostics | None = Field(
        None, description="How the question was read and decided (the extractive answer)."
    )
    rewrite: Rewrite | None = Field(
        None, description="How the model rewrote a follow-up (a generative backend only)."
    )
    generated_survived: bool | None = Field(
        None, description="A generative backend only: some of the model's draft is the answer."
    )
    fallback: bool | None = Field(
        None, description="A generative backend only: the answer is the extractive one."
    )
    removed: list[RemovedSentence] | None = Field(
        None, description="A generative backend only: the draft's sentences verification removed."
    )
    draft: str | None = Field(None, description="A generative backend only: the model's draft.")
    llm: LLMTiming | None = Field(
        None, description="A generative backend only: how the draft was timed."
    )


class Delta(NamedTuple):
    """A piece of the answer's text as it is written (a generative backend's draft)."""

    kind: Literal["delta"]
    text: str


class Final(NamedTuple):
    """The finished answer: always the last event of a stream."""

    kind: Literal["answer"]
    answer: Answer


#: What ``Assistant.stream`` yields. Each is still a ``(kind, value)`` pair, so code that unpacks
#: ``for kind, value in stream`` reads it unchanged.
StreamEvent = Delta | Final
