"""The Assistant: the one Python API that the CLI, the chat page and the HTTP API call."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant import phrases
from assistant.embeddings import Embedder, get_embedder
from assistant.errors import BackendUnavailable, IndexUnavailable
from assistant.examples import Examples, load_examples
from assistant.extractive import Evidence, compose, score_units, select
from assistant.guide import Guide, load_guide
from assistant.index import ensure_index
from assistant.retrieval import Hit, Retriever
from assistant.schema import Answer, Section, Unit
from assistant.scope import (
    Reader,
    asks_for_number,
    asks_to_compare,
    is_prompt,
    other_roles,
    reader,
    states_comparison,
    states_number,
)
from assistant.settings import Settings
from assistant.text import neutral, tokenize
from assistant.validation import clean_history, clean_question

if TYPE_CHECKING:
    from assistant.backends import Backend

# A follow-up leans on the conversation: short, or pointing back ("it", "that one", "what about").
_FOLLOW_UP = re.compile(
    r"\b(it|its|that|this|those|these|they|them|their|one|ones|the same|what about|how about"
    r"|and|also|else|other|another|more|which of)\b",
    re.IGNORECASE,
)
FOLLOW_UP_MAX_WORDS = 8
CURRENT_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.7
#: A question this close to one the guide merely asks (an interview question) is not answered.
ECHO = 0.85


def is_follow_up(question: str, history: list[dict[str, str]]) -> bool:
    if not any(m["role"] == "user" for m in history):
        return False
    return len(question.split()) <= FOLLOW_UP_MAX_WORDS or bool(_FOLLOW_UP.search(question))


class Assistant:
    """Answers questions about the guide with cited, verbatim quotes, or refuses."""

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, backend: Backend | None = None
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._backend = backend
        self._retriever: Retriever | None = None
        self._guide: Guide | None = None
        self._examples: Examples | None = None
        self._lines: dict[str, tuple[Section, Unit] | None] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, **overrides: Any) -> Assistant:
        return cls(Settings(**overrides))

    # -- loading --------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings)
        return self._embedder

    @property
    def reader(self) -> Reader:
        """Finds what a question names (spaCy, loaded on first use)."""
        return reader(self.settings.reader_model)

    @property
    def backend(self) -> Backend:
        """The generative backend of settings.backend (loaded once per process), or the one
        given to the constructor. Raises BackendUnavailable."""
        if self._backend is None:
            from assistant.backends import get_backend

            return get_backend(self.settings)
        return self._backend

    def load(self, rebuild: bool = False) -> Assistant:
        """Build the index if it is missing or stale, then open it (idempotent)."""
        with self._lock:
            if self._retriever is None or rebuild:
                path, built = ensure_index(self.settings, rebuild, self._embedder)
                guide = load_guide(self.settings.corpus_dir)
                try:
                    self._retriever = Retriever(self.settings, guide, path)
                except IndexUnavailable:
                    if built:
                        raise
                    # A damaged index is rebuilt once, automatically.
                    path, _ = ensure_index(self.settings, True, self._embedder)
                    self._retriever = Retriever(self.settings, guide, path)
                self._guide = guide
                self._examples = load_examples(self.settings, self.embedder, guide.sections)
        return self

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            self.load()
        assert self._retriever is not None
        return self._retriever

    @property
    def examples(self) -> Examples | None:
        """The labelled questions of the nearest-question check, or None when it is off."""
        if self._retriever is None:
            self.load()  # they load with the index
        return self._examples

    @property
    def guide(self) -> Guide:
        if self._guide is None:
            self.load()
        assert self._guide is not None
        return self._guide

    @property
    def guide_version(self) -> str:
        return self.guide.version

    def sections(self) -> list[Section]:
        return list(self.guide.sections)

    # -- answering ------------------------------------------------------------------------
    def ask(self, question: Any, history: Any = None) -> Answer:
        """Answer a question; `history` is [{"role": "user"|"assistant", "content": str}, ...].

        Raises InvalidQuestion (a ValueError) for an empty, over-long or malformed input.
        """
        *_, last = self.stream(question, history)
        return last[1]

    def ask_extractive(self, question: Any, history: Any = None) -> Answer:
        """The embedded default: the guide's own sentences with citations, or a refusal."""
        start = time.perf_counter()
        q = clean_question(question, self.settings)
        turns = clean_history(history, self.settings)
        retriever = self.retriever
        # Retrieval reads the question with misspelt guide words corrected ("kubernets").
        fixed = retriever.vocabulary.correct(q)
        vector = self.embedder.embed_query(neutral(fixed))
        queries: list[tuple[str, np.ndarray, float]] = [(fixed, vector, CURRENT_WEIGHT)]
        if is_follow_up(q, turns):
            previous = [m["content"] for m in turns if m["role"] == "user"][-1]
            context = f"{retriever.vocabulary.correct(previous)} {fixed}"
            queries.append((context, self.embedder.embed_query(neutral(context)), CONTEXT_WEIGHT))
        hits = retriever.search(queries)
        # Units are scored by meaning against the question blended with its context, and by
        # rare words against the question alone ("and in the afternoon?" wants "Afternoon").
        unit_vector = vector if len(queries) == 1 else _mean(vector, queries[1][1])
        scored = score_units(retriever, hits, unit_vector, fixed, self.settings.answer_sections)
        relevance = self.relevance(queries, hits)
        coverage = retriever.vocabulary.coverage(q, self.embedder.embed_documents)
        # Only a question with a word the guide never uses can name something it never mentions.
        names = [] if coverage.word is None else self._unmentioned(q)
        names += other_roles(q, retriever.roles)  # "a data engineer": a job it does not describe
        # A new question is compared with labelled ones (not a follow-up: it reads with its
        # history): "Are most MLOps jobs remote?" sits among the guide's words, and among
        # questions it does not answer.
        scope, examples, raw = None, self.examples, None
        if examples is not None and len(queries) == 1:
            raw = self.embedder.embed_query(q)
            scope = examples.scope(raw, self.settings.scope_neighbours, q)
        outside = scope is not None and scope.margin < self.settings.scope_margin
        mode, evidence = select(
            scored,
            fixed,
            self.settings.max_sentences,
            self.settings.max_list_items,
            retriever.sections,
        )
        # The best section's part of the evidence: what the answer rests on.
        lead = [e.unit.text for e in evidence if e.section is evidence[0].section]
        recalled_from = None
        if not evidence or not self.covers(relevance, coverage.score):
            answer = self._refusal(q, hits)
        elif names and (scope is None or scope.margin < self.settings.scope_names_margin):
            # Unless the question is plainly among answerable ones and names the thing in
            # passing ("I'm an SRE. How does MLOps on-call differ?").
            answer = self._refusal(q, hits, phrases.not_mentioned(names))
        elif asks_for_number(q) and not states_number(q, lead):
            # The question wants a quantity and the best evidence states none.
            answer = self._refusal(q, hits)
        elif asks_to_compare(q) and not states_comparison(lead):
            # The question wants a comparison and the best evidence makes none.
            answer = self._refusal(q, hits)
        elif mode == "sentences" and is_prompt(scored[0].unit.text) and relevance >= ECHO:
            # The guide only asks this (an interview question); it does not answer it.
            answer = self._refusal(q, hits, phrases.ASKED_NOT_ANSWERED)
        elif outside:  # the most specific reason first: the checks above say why
            answer = self._refusal(q, hits)
        else:
            recalled, recalled_from = self._recalled(raw, evidence)
            text, sources = compose(mode, evidence + recalled)
            answer = Answer(q, text, False, sources, self.guide.version)
        answer.extra["diagnostics"] = {
            "relevance": round(relevance, 4),
            "coverage": round(coverage.score, 4),
            "least_covered_word": coverage.word,
            "unknown_names": names,
            "scope_margin": None if scope is None else scope.margin,
            "nearest_out_of_scope": None if scope is None else scope.nearest_out_of_scope,
            "recalled_from": recalled_from,
        }
        answer.latency_ms = (time.perf_counter() - start) * 1000
        return answer

    def _recalled(
        self, vector: np.ndarray | None, evidence: list[Evidence]
    ) -> tuple[list[Evidence], str | None]:
        """The guide lines holding the facts of the nearest labelled answerable question, when
        it is close enough and the evidence lacks them; and that question."""
        examples = self.examples
        found = None if vector is None or examples is None else examples.answered(vector)
        if found is None or found[1] < self.settings.recall_similarity:
            return [], None
        assert examples is not None
        said = " ".join(e.unit.text for e in evidence).lower()
        lines: list[Evidence] = []
        for fact in examples.facts[found[0]]:
            place = self._line_with(fact)
            if place is None or fact.lower() in said:
                continue
            section, unit = place
            lines.append(Evidence(section, unit, evidence[0].score))
            said += " " + unit.text.lower()
        return lines, examples.questions[found[0]] if lines else None

    def _line_with(self, fact: str) -> tuple[Section, Unit] | None:
        """The first guide line (unit) that contains `fact`, ignoring case."""
        if fact not in self._lines:
            self._lines[fact] = next(
                (
                    (section, unit)
                    for section in self.guide.sections
                    for unit in section.units
                    if fact.lower() in unit.text.lower()
                ),
                None,
            )
        return self._lines[fact]

    def _unmentioned(self, question: str) -> list[str]:
        """The places, organisations and products `question` names that the guide never
        mentions ("Germany", "Netflix")."""
        vocabulary = self.retriever.vocabulary
        return [name for name in self.reader.names(question) if vocabulary.unknown(name)]

    def relevance(self, queries: list[tuple[str, np.ndarray, float]], hits: list[Hit]) -> float:
        """How well the guide matches the question, 0-1: the best unit or chunk cosine."""
        retriever = self.retriever
        best = max(
            [float(np.max(retriever.unit_scores(v))) for _, v, _ in queries if retriever.unit_keys]
            + [h.dense for h in hits[:1]]
            + [0.0]
        )
        return best

    def covers(self, relevance: float, coverage: float) -> bool:
        """The calibrated decision: is the question within the guide?"""
        s = self.settings
        if relevance < s.refusal_threshold:
            return False
        return coverage >= s.coverage_threshold or relevance >= s.coverage_bypass_relevance

    def _refusal(self, question: str, hits: list[Hit], reason: str = phrases.NOT_COVERED) -> Answer:
        nearest = [self.retriever.sections[h.section_id].heading for h in hits[:3]]
        text = reason
        if nearest:
            text += " " + phrases.NEAREST_SECTIONS.format(sections="; ".join(nearest))
        return Answer(question, text, True, [], self.guide.version, nearest_sections=nearest)

    def stream(self, question: Any, history: Any = None) -> Iterator[tuple[str, Any]]:
        """Yield ("delta", text piece) events, then ("answer", the final Answer).

        With a generative backend the deltas are the model's draft; the final Answer holds
        the verified text, which replaces the draft.
        """
        answer = self.ask_extractive(question, history)
        if self.settings.backend != "extractive" and not answer.refused:
            from assistant.backends import generate

            turns = clean_history(history, self.settings)
            if self.settings.llm_rewrite_budget_s > 0 and is_follow_up(answer.question, turns):
                answer = self._rewritten(answer, turns)
            yield from generate(self, answer, turns)
            return
        for piece in re.findall(r"\S+\s*|\s+", answer.text):
            yield "delta", piece
        yield "answer", answer

    def _rewritten(self, answer: Answer, turns: list[dict[str, str]]) -> Answer:
        """The answer to the follow-up as the model rewrote it, when the rewrite came within
        the budget and the guide answers it at least as closely; else `answer` (the
        extractive follow-up rule).
        Either way answer.extra["rewrite"] records what happened."""
        from assistant.backends import rewrite

        try:
            backend = self.backend
        except BackendUnavailable:
            return answer  # generate() reports it
        record = rewrite(backend, answer.question, turns, self.settings.llm_rewrite_budget_s)
        chosen = answer
        if record["rewritten"]:
            standalone = self.ask_extractive(record["rewritten"])
            relevance = _relevance(standalone), _relevance(answer)
            if standalone.refused:
                record["reason"] = "the guide does not answer the rewritten question"
            elif relevance[0] < relevance[1]:
                record["reason"] = "the follow-up rule matched the guide better"
            else:
                standalone.question = answer.question
                standalone.latency_ms += answer.latency_ms + record["ms"]
                chosen = standalone
        record["used"] = chosen is not answer
        chosen.extra["rewrite"] = record
        return chosen


def _relevance(answer: Answer) -> float:
    return float(answer.extra.get("diagnostics", {}).get("relevance", 0.0))


def _mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    v = a + b
    return v / (np.linalg.norm(v) or 1.0)


__all__ = ["Assistant", "is_follow_up", "tokenize"]
