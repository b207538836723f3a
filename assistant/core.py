"""The Assistant: the one Python API that the CLI, the chat page and the HTTP API call."""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.asking import is_bare, main_ask
from assistant.attributes import items_asked
from assistant.conversation import in_conversation, is_follow_up, said_before, with_antecedent
from assistant.defining import definitions
from assistant.dictionary import read_unaccented
from assistant.durations import timed_elsewhere
from assistant.embeddings import Embedder, get_embedder
from assistant.employers import other_kind
from assistant.errors import IndexUnavailable
from assistant.extractive import compose, score_units
from assistant.grounding import other_people, property_words, ungrounded, unnamed_kind, unsaid
from assistant.guide import Guide, load_guide
from assistant.index import ensure_index
from assistant.items import Item, extract_items, families, names_money_item, thing_names
from assistant.lexicon import is_plain_adverb
from assistant.listing import answer_part
from assistant.name_lists import wants_names_of
from assistant.names import not_examples, typed_names, without_examples
from assistant.policy import CHECKS, THRESHOLDS, Case, Verdict, decide
from assistant.queries import Queries, build_queries, whole_message
from assistant.question import Reading, read
from assistant.remedies import handlers
from assistant.replies import contents, nothing, refusal
from assistant.retrieval import Hit, Retriever
from assistant.schema import Answer, Delta, Diagnostics, Final, Section, StreamEvent
from assistant.scope import Reader, audience, is_prompt, jobs_become, other_roles, reader, suited
from assistant.selection import Choice, Selector
from assistant.settings import Settings
from assistant.stating import in_earnings_sense
from assistant.terms import Terms, ask_words, content_stems
from assistant.text import tokenize, without_set_aside
from assistant.unstated import unnamed_member
from assistant.validation import clean_history, clean_question
from assistant.vocabulary import Coverage, is_evaluative, weakest, without_money

if TYPE_CHECKING:
    from assistant.backends import Backend


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
        self.items: list[Item] = []
        self.things: frozenset[str] = frozenset()  # their one-word names (items.thing_names)
        self._selector: Selector | None = None
        self._terms: Terms | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, **overrides: Any) -> Assistant:
        return cls(Settings(**overrides))

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
        """The backend of settings.backend (loaded once), or the one given. BackendUnavailable."""
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
                self.items = extract_items(guide.sections)
                self.things = thing_names(self.items)
                self._selector = Selector(
                    self.items,
                    families(list(guide.sections)),
                    self._retriever.sections,
                    self.settings,
                )
                self._terms = Terms(guide.sections, guide.glossary, guide.aliases)
        return self

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            self.load()
        assert self._retriever is not None
        return self._retriever

    @property
    def selector(self) -> Selector:
        """The selections over the guide's items and sub-sections (assistant/selection.py)."""
        if self._selector is None:
            self.load()
        assert self._selector is not None
        return self._selector

    @property
    def terms(self) -> Terms:
        if self._terms is None:
            self.load()
        assert self._terms is not None
        return self._terms

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

    def ask(self, question: Any, history: Any = None) -> Answer:
        """Answer a question; `history` is [{"role": "user"|"assistant", "content": str}, ...].
        Raises InvalidQuestion (a ValueError) for an empty, over-long or malformed input."""
        *_, last = self.stream(question, history)
        assert isinstance(last, Final)
        return last.answer

    def ask_extractive(self, question: Any, history: Any = None) -> Answer:
        """The embedded default: the guide's own sentences with citations, or a refusal."""
        start = time.perf_counter()
        asked = clean_question(question, self.settings)
        turns = clean_history(history, self.settings)
        q = self.retriever.spell_out(read_unaccented(asked))  # "técnicas", "k8s"
        share = self.settings.answer.common_word_share  # "those two" after naming them
        topic = functools.partial(self.reader.names_topic, words=self.retriever.vocabulary.exact)
        reading = read(q, topic, self.things)  # "On-call. How bad?": a topic first
        reading = dataclasses.replace(reading, names=self.terms.as_written(reading.names))
        reading = reading if turns else with_antecedent(reading, self.terms, share, self.reader)
        spell, sections = self.retriever.spell_out, self.retriever.sections.values()
        reading = in_conversation(reading, turns, sections, self.settings, spell)
        if reading.kind == "amount" and names_money_item(self.items, reading.ask):
            reading = dataclasses.replace(reading, kind="other")  # "infrastructure cost?"
        if reading.kind == "contents":
            answer = contents(q, self.guide, reading.ask)
        else:
            answer = self._answer(reading, turns)
        answer.question = asked
        answer.latency_ms = (time.perf_counter() - start) * 1000
        return answer

    def _answer(self, reading: Reading, turns: list[dict[str, str]]) -> Answer:
        ask = without_set_aside(reading.searched)
        ask = self.terms.expand(self.retriever.vocabulary.correct(ask), reading.names)
        ask = in_earnings_sense(reading, ask)  # "what do they *make*?"
        vocab, titles = self.retriever.vocabulary, self.retriever.titles
        queries = build_queries(reading, turns, ask, self.embedder, vocab, self.settings, titles)
        hits = self.retriever.search(queries.own + queries.leaning)
        follow_up = queries.follow_up
        relevance = self.relevance(queries.judged(), hits)
        if relevance < self.settings.scope.refusal_threshold:  # far alone: the whole message?
            whole = whole_message(reading, queries, self.embedder, vocab, self.settings)
            relevance = self.relevance(queries.judged() + whole, hits)
        ask_relevance = self.relevance(queries.own, hits) if follow_up else relevance
        choice = self._choose(reading, turns, hits, queries, ask)
        if follow_up and is_bare(reading.ask):  # "renewal?": of what the last answer named
            reading = dataclasses.replace(reading, refers_back=True)
        case, coverage = self._case(reading, choice, relevance)
        evidence = choice.evidence
        verdict = decide(case) if evidence else decide(case, (*CHECKS[:1], nothing))
        answer = self._compose(reading, hits, verdict, choice)
        answer.diagnostics = Diagnostics(
            outcome=verdict.outcome,
            reason=verdict.reason,
            kind=reading.kind,
            ask=reading.ask,
            relevance=round(case.relevance, 4),
            ask_relevance=round(ask_relevance, 4),
            lexical=case.lexical,
            coverage=round(coverage.score, 4),
            least_covered_word=coverage.word,
            property_coverage=round(case.property_coverage, 4),
            property_word=case.property_word or case.unnamed_kind,
            unknown_names=case.unknown_names + case.other_roles,
            context_unknown=case.context_unknown,
            selected_items=choice.selected,
        )
        return answer

    def _choose(
        self,
        reading: Reading,
        turns: list[dict[str, str]],
        hits: list[Hit],
        queries: Queries,
        ask: str,
    ) -> Choice:
        """The evidence to answer with: computed over the guide's items, or the best units
        (what the last answer already quoted set aside, unless the follow-up names it)."""
        leaning = queries.leaning
        scored = score_units(
            self.retriever,
            hits,
            queries.unit_vector(),
            queries.lexical_text,
            self.settings.retrieval.answer_sections,
            " ".join(text for text, _, _ in leaning),
        )
        selector = self.selector
        computed = selector.computed(reading, turns, hits, bool(self.items))
        if computed is not None:
            mode, evidence, label = computed
            return Choice(mode, selector.with_answers(mode, evidence), label, True, scored)
        mode, evidence = selector.from_units(reading, scored, ask)
        said = said_before(turns) if queries.follow_up else ""
        if mode == "sentences" and any(e.unit.text in said for e in evidence):
            # "what about the afternoon?": what the last answer quoted is not news, unless
            # the follow-up asks about it by name ("ok and infrastructure cost?").
            asked = content_stems(reading.ask)
            fresh = [
                e
                for e in scored
                if not (e.unit.text in said and not asked & content_stems(e.unit.text))
            ]
            mode_new, evidence_new = selector.from_units(reading, fresh, ask)
            if evidence_new:
                mode, evidence = mode_new, evidence_new
        return Choice(mode, selector.with_answers(mode, evidence), "", False, scored)

    def _case(self, reading: Reading, choice: Choice, relevance: float) -> tuple[Case, Coverage]:
        """What the scope policy decides on (assistant/policy.py), and the ask's coverage."""
        retriever, s, evidence = self.retriever, self.settings, choice.evidence
        said = [self.terms.glossed(e.unit.text) for e in evidence]  # "SOC (Standard …)"
        said += [e.section.heading for e in evidence]
        asked = main_ask(without_set_aside(reading.ask))  # nor "… or just *padding*?"
        matches = retriever.vocabulary.matches(asked, self._embed, without_money(asked, said))
        # nor how the asker judges ("those who *love* Azure", "*strange* name"), but a thing
        judged = {w for w in matches if is_evaluative(w)}  # named so ("a permission *error*")
        judged -= self.reader.nouns(asked) if judged else set()
        coverage = weakest(matches, [w for w in matches if not (is_plain_adverb(w) or w in judged)])
        cut_short = retriever.vocabulary.shortens  # "cert": no other language's word
        prop = weakest(matches, property_words(reading, matches, self.reader, cut_short))
        unknown = self._ungrounded(reading.names, reading.ask)
        names = typed_names(reading.ask, retriever.vocabulary.names, reading.names)  # "tecton"
        named = self.selector.named_by_words(reading.ask, retriever.vocabulary)
        names, named = not_examples(names, reading.ask), set(not_examples(named, reading.ask))
        # a step chosen next to the one the ask names ("after DevOps …") leaves it unsaid
        near = evidence and not (choice.selected and reading.relative)
        gone = unsaid(names, unknown, said, self.terms, s.answer.common_word_share) if near else []
        case = Case(
            reading=reading,
            relevance=relevance,
            lexical=self.terms.together(ask_words(reading.ask))
            or self._names_items(reading, named),
            coverage=coverage.score,
            coverage_word=coverage.word,
            unknown_names=unknown,
            # and the guide's path, a job it names beside the role ("become data scientist")
            unsaid_names=jobs_become(reading.ask, retriever.roles) + gone,
            context_unknown=self._ungrounded(reading.context_names, reading.context),
            other_roles=self._other_jobs(reading.ask),
            other_kind=other_kind(reading.text, retriever.sections.values()),
            evidence=answer_part(evidence),
            top_is_prompt=bool(choice.scored)
            and is_prompt(choice.scored[0].unit.text)
            and choice.mode != "list",
            selected=choice.selected,
            **self._items_asked(reading, said, named),
            property_coverage=prop.score,
            property_word=prop.word,
            unnamed_kind=unnamed_kind(asked, matches, self.reader, s.scope.same_word),
            **definitions(reading, answer_part(evidence), retriever.sections.values()),
            unnamed_member=unnamed_member(reading.ask, retriever.sections.values()),
            timed_elsewhere=timed_elsewhere(reading.ask, evidence, retriever.sections.values()),
            settings={name: getattr(s.scope, name) for name in THRESHOLDS},
        )
        return case, coverage

    def _names_items(self, reading: Reading, named: set[str]) -> bool:
        """Does the ask name a step ("the final stage"), the guide's items and no word it never
        uses ("how do they *differ*?"), or the kind of a listing's names ("which *states*")?"""
        unknown = named and self.retriever.vocabulary.unknown(reading.ask)
        items = bool(named) and (not unknown or not set(unknown) & self.reader.nominal(reading.ask))
        listed = (wants_names_of(reading.ask, s) for s in self.retriever.sections.values())
        return items or any(listed) or self.selector.names_step(reading)

    def _compose(
        self, reading: Reading, hits: list[Hit], verdict: Verdict, choice: Choice
    ) -> Answer:
        """The answer's text and citations, as the verdict has it."""
        if verdict.outcome == "refuse":
            return refusal(
                reading.text,
                hits,
                verdict,
                choice.evidence,
                self.retriever.sections,
                self.guide.version,
                self.settings.scope.refusal_quotes,
            )
        mode, label = choice.mode, choice.label
        text, sources = compose(mode, choice.evidence)
        if label:
            text = f"{label}\n{text}" if mode == "list" else f"{label} {text}"
        if verdict.outcome == "caveat":
            text = f"{verdict.message}\n{text}"
        answer = Answer(reading.text, text, False, sources, self.guide.version)
        answer.caveat = verdict.message or None
        return answer

    def relevance(self, queries: list[tuple[str, np.ndarray, float]], hits: list[Hit]) -> float:
        """How well the guide matches the question, 0-1: the best unit or chunk cosine."""
        retriever = self.retriever
        return max(
            [float(np.max(retriever.unit_scores(v))) for _, v, _ in queries if retriever.unit_keys]
            + [h.dense for h in hits[:1]]
            + [0.0]
        )

    def _other_jobs(self, ask: str) -> list[str]:
        """Job titles and people the ask names that the guide does not; not whom it is for."""
        retriever, same_word = self.retriever, self.settings.scope.same_word
        titles = other_roles(ask, retriever.roles, self.selector.item_named)
        people = other_people(ask, retriever.vocabulary, self.reader, self._embed, same_word)
        return titles + [w for w in people if w not in handlers(ask) | audience(ask) | suited(ask)]

    def _items_asked(self, reading: Reading, said: list[str], named: set[str]) -> dict[str, Any]:
        """The Case's `compared` and `unsaid_attribute` (assistant/attributes.py)."""
        s, vocabulary = self.settings.scope, self.retriever.vocabulary
        # not what it sets aside ("besides X") nor gives as an example ("places like Google")
        ask, names = without_set_aside(reading.ask), not_examples(reading.names, reading.ask)
        reading = dataclasses.replace(reading, ask=without_examples(ask), names=names)
        args = (self.selector, vocabulary, self.reader, self._embed, s.property_threshold)
        return items_asked(reading, said, named, *args, s.same_word)

    def _ungrounded(self, names: tuple[str, ...], text: str) -> list[str]:
        """What `text` names that the guide never names (assistant/attributes.py)."""
        vocabulary, coverage = self.retriever.vocabulary, self.settings.scope.term_coverage
        found = ungrounded(names, text, self.terms, vocabulary, self._embed, coverage)
        return found + vocabulary.nouns_of_verbs(text)

    def _embed(self, words: list[str]) -> Any:
        return self.embedder.embed_documents(words)

    def stream(self, question: Any, history: Any = None) -> Iterator[StreamEvent]:
        """Yield Delta events (pieces of text), then one Final event (the Answer). With a
        generative backend the deltas are the model's draft; the final Answer holds the verified
        text, which replaces the draft."""
        answer = self.ask_extractive(question, history)
        if self.settings.backend != "extractive" and not answer.refused:
            from assistant.backends import follow_up, generate

            turns = clean_history(history, self.settings)
            if self.settings.generation.llm_rewrite_budget_s > 0 and is_follow_up(
                answer.question, turns, self.settings.retrieval.follow_up_max_words
            ):
                answer = follow_up(self, answer, turns)
            yield from generate(self, answer, turns)
            return
        for piece in re.findall(r"\S+\s*|\s+", answer.text):
            yield Delta("delta", piece)
        yield Final("answer", answer)


__all__ = ["Assistant", "is_follow_up", "tokenize"]
