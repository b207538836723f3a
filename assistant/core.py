"""The Assistant: the one Python API that the CLI, the chat page and the HTTP API call."""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant import phrases
from assistant.embeddings import Embedder, get_embedder
from assistant.errors import BackendUnavailable, IndexUnavailable
from assistant.extractive import Evidence, compose, score_units, select, title_unit
from assistant.guide import Guide, load_guide
from assistant.index import ensure_index
from assistant.items import (
    Item,
    Terms,
    ask_words,
    content_stems,
    extract_items,
    families,
    mentioned,
    pick,
    said_in,
)
from assistant.policy import CHECKS, Case, Verdict, decide
from assistant.question import Reading, kind_of, read
from assistant.retrieval import Hit, Retriever
from assistant.schema import SEP, Answer, Delta, Final, Section, Source, StreamEvent
from assistant.scope import FRAME_WORDS, Reader, is_prompt, other_roles, reader, stem
from assistant.settings import Settings
from assistant.text import neutral, tokenize, without_domain
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
#: Place labels of the entity recogniser, found reliably in lower-case text ("salary in germany").
_PLACES = frozenset(["GPE", "LOC"])
_MARKERS = re.compile(r"\s*\[\d+(?:,\s*\d+)*\]")


def is_follow_up(question: str, history: list[dict[str, str]]) -> bool:
    if not any(m["role"] == "user" for m in history):
        return False
    return len(question.split()) <= FOLLOW_UP_MAX_WORDS or bool(_FOLLOW_UP.search(question))


def _last_exchange(turns: list[dict[str, str]]) -> str:
    """The last question and the answer it got, citation markers removed."""
    user = [m["content"] for m in turns if m["role"] == "user"][-1:]
    said = [m["content"] for m in turns if m["role"] == "assistant"][-1:]
    return " ".join(user + [_MARKERS.sub("", t.split("\nSources:")[0]) for t in said])


def _said_before(turns: list[dict[str, str]]) -> str:
    """The last answer's text, citation markers removed."""
    said = [m["content"] for m in turns if m["role"] == "assistant"][-1:]
    return _MARKERS.sub("", said[0]) if said else ""


def selection_free_ordinal(reading: Reading) -> bool:
    return reading.selection is None and reading.ordinal is not None


def _nothing(case: Case) -> Verdict | None:
    """No evidence at all: nothing to answer with."""
    return Verdict("refuse", "no_evidence", phrases.NOT_COVERED, cite_nearest=False)


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
        self._families: list[tuple[Section, list[Section]]] = []
        self._terms: Terms | None = None
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
                self.items = extract_items(guide.sections)
                self._families = families(list(guide.sections))
                self._terms = Terms(guide.sections)
        return self

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            self.load()
        assert self._retriever is not None
        return self._retriever

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

    # -- answering ------------------------------------------------------------------------
    def ask(self, question: Any, history: Any = None) -> Answer:
        """Answer a question; `history` is [{"role": "user"|"assistant", "content": str}, ...].

        Raises InvalidQuestion (a ValueError) for an empty, over-long or malformed input.
        """
        *_, last = self.stream(question, history)
        assert isinstance(last, Final)
        return last.answer

    def ask_extractive(self, question: Any, history: Any = None) -> Answer:
        """The embedded default: the guide's own sentences with citations, or a refusal."""
        start = time.perf_counter()
        q = clean_question(question, self.settings)
        turns = clean_history(history, self.settings)
        reading = read(q)
        if reading.kind == "amount" and self._names_money_item(reading.ask):
            reading = dataclasses.replace(reading, kind="other")  # "infrastructure cost?"
        if reading.kind == "contents":
            answer = self._contents(q)
            answer.extra["diagnostics"] = {
                "outcome": "answer", "reason": "contents", "kind": reading.kind,
                "ask": reading.ask, "relevance": 1.0, "coverage": 1.0,
            }  # fmt: skip
        else:
            answer = self._answer(reading, turns)
        answer.latency_ms = (time.perf_counter() - start) * 1000
        return answer

    def _answer(self, reading: Reading, turns: list[dict[str, str]]) -> Answer:
        retriever = self.retriever
        s = self.settings
        # Retrieval reads the ask with misspelt guide words corrected ("kubernets").
        ask = retriever.vocabulary.correct(reading.ask)
        vector = self.embedder.embed_query(neutral(ask))
        Query = tuple[str, np.ndarray, float]
        own: list[Query] = [(ask, vector, s.ask_weight)]
        if reading.parts:
            # Each sentence of a many-sentence ask is a query of its own too, sharing the ask's
            # weight: two questions in one text match either's answer less than each alone.
            texts = [retriever.vocabulary.correct(p) for p in reading.parts]
            vectors = self.embedder.embed_documents([neutral(t) for t in texts])
            own += [(t, v, s.ask_weight / len(texts)) for t, v in zip(texts, vectors, strict=True)]
        leaning: list[Query] = []  # what the ask leans on: the last exchange, or the asker
        follow_up = is_follow_up(reading.ask, turns)
        if follow_up:
            # A follow-up reads with the last exchange: the question and the answer it got.
            context = retriever.vocabulary.correct(_last_exchange(turns))
            leaning.append((context, self.embedder.embed_query(neutral(context)), s.context_weight))
        lexical_text = ask  # the words a guide line is matched on, besides its meaning
        if reading.context and len(tokenize(reading.ask)) < s.short_ask_words:
            # A short ask after a long self-description ("what should I do?") leans on it; an
            # ask with no topic of its own ("What does the guide suggest?", "which one?") takes
            # its topic from what was said before it, at the ask's own weight.
            about = retriever.vocabulary.correct(reading.context)
            topicless = not [w for w in tokenize(without_domain(ask)) if w not in FRAME_WORDS]
            weight = s.ask_weight if topicless else s.asker_weight
            leaning.append((about, self.embedder.embed_query(neutral(about)), weight))
            if topicless:
                lexical_text = f"{ask} {about}"
        hits = retriever.search(own + leaning)
        unit_vector = _mean(vector, leaning[0][1]) if leaning else vector
        scored = score_units(retriever, hits, unit_vector, lexical_text, s.answer_sections)
        relevance = self.relevance(own + leaning[:1] if follow_up else own, hits)
        ask_relevance = self.relevance(own, hits) if follow_up else relevance

        computed = self._next_to_last(reading, turns) or (
            self._from_items(reading, turns, hits) if self.items else None
        )
        selected = computed is not None
        if computed is not None:
            mode, evidence, label = computed
        else:
            (mode, evidence), label = self._from_units(reading, scored, ask), ""
            said_before = _said_before(turns) if follow_up else ""
            asked = content_stems(reading.ask)
            repeated = [
                e.unit.text in said_before and not asked & content_stems(e.unit.text)
                for e in scored
            ]
            if mode == "sentences" and any(e.unit.text in said_before for e in evidence):
                # "what about the afternoon?": what the last answer quoted is not news, unless
                # the follow-up asks about it by name ("ok and infrastructure cost?").
                fresh = [e for e, again in zip(scored, repeated, strict=True) if not again]
                mode_new, evidence_new = self._from_units(reading, fresh, ask)
                if evidence_new:
                    mode, evidence = mode_new, evidence_new
        lexical = self.terms.together(ask_words(reading.ask))
        said = [e.unit.text for e in evidence] + [e.section.heading for e in evidence]
        coverage = retriever.vocabulary.coverage(reading.ask, self.embedder.embed_documents, said)
        unknown = self._ungrounded(reading.names, reading.ask)
        case = Case(
            reading=reading,
            relevance=relevance,
            lexical=lexical,
            coverage=coverage.score,
            coverage_word=coverage.word,
            unknown_names=unknown,
            unsaid_names=[n for n in reading.names if n not in unknown and not said_in(n, said)]
            if evidence
            else [],
            context_unknown=self._ungrounded(reading.context_names, reading.context),
            other_roles=[
                r for r in other_roles(reading.ask, retriever.roles) if not self._item_named(r)
            ],
            evidence=[e.unit.text for e in evidence if e.section is evidence[0].section]
            if evidence
            else [],
            top_is_prompt=bool(scored) and is_prompt(scored[0].unit.text) and mode != "list",
            selected=selected,
            settings={
                "refusal_threshold": s.refusal_threshold,
                "coverage_threshold": s.coverage_threshold,
                "coverage_bypass_relevance": s.coverage_bypass_relevance,
                "echo_similarity": s.echo_similarity,
            },
        )
        verdict = decide(case) if evidence else decide(case, (*CHECKS[:1], _nothing))
        if verdict.outcome == "refuse":
            answer = self._refusal(reading.text, hits, verdict, evidence)
        else:
            text, sources = compose(mode, evidence)
            if label:
                text = f"{label}\n{text}" if mode == "list" else f"{label} {text}"
            if verdict.outcome == "caveat":
                text = f"{verdict.message}\n{text}"
            answer = Answer(reading.text, text, False, sources, self.guide.version)
            answer.caveat = verdict.message or None
        answer.extra["diagnostics"] = {
            "outcome": verdict.outcome,
            "reason": verdict.reason,
            "kind": reading.kind,
            "ask": reading.ask,
            "relevance": round(relevance, 4),
            "ask_relevance": round(ask_relevance, 4),
            "lexical": lexical,
            "coverage": round(coverage.score, 4),
            "least_covered_word": coverage.word,
            "unknown_names": case.unknown_names + case.other_roles,
            "context_unknown": case.context_unknown,
            "selected_items": selected,
        }
        return answer

    def _from_units(
        self, reading: Reading, scored: list[Evidence], ask: str
    ) -> tuple[str, list[Evidence]]:
        s = self.settings
        sections = self.retriever.sections
        if reading.kind == "path" and scored:
            path = self._path_answer(reading, scored)
            if path is not None:
                return path
        if reading.kind == "person" and scored:
            # A person's section opens with the name ("Taylor Rupe"): read it from the start.
            best = scored[0]
            units = best.section.units[: s.max_sentences]
            return "sentences", [Evidence(best.section, u, best.score) for u in units]
        return select(scored, ask, s, sections)

    def _path_answer(
        self, reading: Reading, scored: list[Evidence]
    ) -> tuple[str, list[Evidence]] | None:
        """The path into the career: the family of sub-sections (steps) the best evidence
        belongs to, as an overview; or its n-th step for "what should I learn first"."""
        families = {p.path: (p, c) for p, c in self._families}
        for ev in scored:
            found = families.get(ev.section.path[:-1]) or families.get(ev.section.path)
            if found is None:
                continue
            parent, children = found
            if reading.ordinal is not None:
                index = reading.ordinal[0]
                if -len(children) <= index < len(children):
                    child = children[index]
                    body = [Evidence(child, u, ev.score) for u in child.units]
                    return "list", [Evidence(child, title_unit(child), ev.score), *body]
            lead = [Evidence(parent, u, ev.score) for u in parent.units[:1]]
            for child in children[: self.settings.max_list_items]:
                lead.append(Evidence(child, title_unit(child), ev.score))
                lead.append(Evidence(child, child.units[0], ev.score))
            return "list", lead
        return None

    def _from_items(
        self, reading: Reading, turns: list[dict[str, str]], hits: list[Hit]
    ) -> tuple[str, list[Evidence], str] | None:
        """An answer computed over the guide's items: those the last answer named when the
        question points back at them, else the list the question is about; None when the
        question selects nothing among items."""
        pool: list[Item] = []
        last = [m["content"] for m in turns if m["role"] == "assistant"]
        if last and reading.refers_back:
            # The items the last answer quoted; or, when it was not ours (paraphrased), those
            # it names ("Cloud and Kubernetes certifications…" names no Kubernetes tool).
            said = _MARKERS.sub("", last[-1])
            pool = [i for i in self.items if i.unit.text in said] or mentioned(self.items, said)
            # An item the follow-up names itself ("the Terraform one") is what it means.
            named = mentioned(self.items, reading.ask) + self._named_in(reading.names)
            if named:
                # Among the last answer's items first ("the kubernetes one" after the
                # certifications is the CKA, not the tool), else what it names.
                asked = content_stems(reading.ask)
                pool = (
                    [i for i in pool if i in named]
                    or [i for i in pool if asked & content_stems(i.text)]
                    or named
                )
        if not pool and (reading.selection is not None or reading.ordinal is not None):
            if reading.kind == "path" or (reading.ordinal and reading.ordinal[1]):
                return None  # "the second step", "what should I learn first": the steps
            if selection_free_ordinal(reading) and not self._names_items(reading):
                return None  # "the first thing she does in the morning" picks no item
            pool = self._items_about(reading, hits)
        if not pool:
            return None
        picked = pick(pool, reading, refers_back=bool(last) and reading.refers_back)
        if picked is None:
            return None
        label, chosen = picked
        evidence: list[Evidence] = []
        for item in chosen[: self.settings.max_list_items]:
            evidence.append(Evidence(item.section, item.unit, 1.0))
            if item.unit.kind == "leadin":  # a sub-section: its lines follow its name
                evidence += [Evidence(item.section, u, 1.0) for u in item.section.units]
        mode = "list" if len(chosen) > 1 or chosen[0].unit.kind == "leadin" else "sentences"
        return mode, evidence, label

    def _next_to_last(
        self, reading: Reading, turns: list[dict[str, str]]
    ) -> tuple[str, list[Evidence], str] | None:
        """ "What's the step after that one?": the sub-section (or list item) next to the one
        the last answer was about, when it was about exactly one."""
        said = _said_before(turns)
        if not reading.relative or not said:
            return None
        for _, children in self._families:
            named = [i for i, c in enumerate(children) if c.title in said]
            if len(named) == 1:
                k = named[0] + reading.relative
                if not 0 <= k < len(children):
                    return None
                child = children[k]
                body = [Evidence(child, u, 1.0) for u in child.units]
                return "list", [Evidence(child, title_unit(child), 1.0), *body], ""
        named_items = mentioned(self.items, said)
        if len(named_items) == 1:
            item = named_items[0]
            siblings = [
                i for i in self.items if i.section.id == item.section.id and i.group == item.group
            ]
            k = siblings.index(item) + reading.relative
            if 0 <= k < len(siblings):
                return "sentences", [Evidence(siblings[k].section, siblings[k].unit, 1.0)], ""
        return None

    def _names_money_item(self, ask: str) -> bool:
        """Does the ask name an item of the guide whose name holds a money word ("Infrastructure
        cost: Cost per prediction…")? Then it asks about that item, not for an amount."""
        return any(
            " " in i.name and kind_of(i.name) == "amount" for i in mentioned(self.items, ask)
        )

    def _names_items(self, reading: Reading) -> bool:
        """Does the word after the ordinal name items ("the third certification", "one")?"""
        noun = stem(reading.ordinal_noun)
        if noun in {"", "one", "item", "option", "entry"}:
            return True
        return any(noun in content_stems(f"{i.group} {i.section.heading}") for i in self.items)

    def _item_named(self, phrase: str) -> bool:
        """Is a job-title-like phrase the name of an item ("the aws architect one" is the AWS
        Solutions Architect Professional certification, not another job)?"""
        words = set(ask_words(phrase))
        return any(words <= set(ask_words(i.name)) for i in self.items if i.description)

    def _named_in(self, names: tuple[str, ...]) -> list[Item]:
        """Items whose name holds a name the question typed ("Terraform" in "HashiCorp
        Terraform Associate" and in "Terraform/Pulumi")."""
        out = []
        for name in names:
            pattern = re.compile(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)")
            out += [i for i in self.items if i.description and pattern.search(i.name.lower())]
        return out

    def _items_about(self, reading: Reading, hits: list[Hit]) -> list[Item]:
        """The items of the list the question is about, or of all the lists of its parent
        when it names the parent and not the list ("the cheapest certification")."""
        lists: dict[str, list[Item]] = {}
        for item in self.items:
            if item.unit.kind == "item":
                lists.setdefault(item.section.id, []).append(item)
        ask = content_stems(reading.ask)
        for hit in hits[: self.settings.answer_sections]:
            if hit.section_id not in lists:
                continue
            section = self.retriever.sections[hit.section_id]
            parent = section.path[:-1]
            siblings = [g for g in lists.values() if g[0].section.path[:-1] == parent]
            parent_words = content_stems(" ".join(parent))
            own = content_stems(section.title) - parent_words
            if len(siblings) > 1 and not ask & own and ask & parent_words:
                return [i for g in siblings for i in g]
            return lists[hit.section_id]
        return []

    def relevance(self, queries: list[tuple[str, np.ndarray, float]], hits: list[Hit]) -> float:
        """How well the guide matches the question, 0-1: the best unit or chunk cosine."""
        retriever = self.retriever
        best = max(
            [float(np.max(retriever.unit_scores(v))) for _, v, _ in queries if retriever.unit_keys]
            + [h.dense for h in hits[:1]]
            + [0.0]
        )
        return best

    def _ungrounded(self, names: tuple[str, ...], text: str) -> list[str]:
        """What `text` names that the guide never names: the typed names no guide line holds
        together ("CKAD", "AWS DevOps Engineer Professional"), and places the entity recogniser
        finds in lower-case text ("germany"; only when a word is unknown, as it loads spaCy)."""
        if not text:
            return []
        terms, vocabulary = self.terms, self.retriever.vocabulary
        out = [n for n in names if not terms.grounded(n)]
        # Lower-case words are ordinary words, matched by spelling and meaning (coverage);
        # only places are names in lower case too ("salary in germany").
        if vocabulary.unknown(text):
            for name in self.reader.places(text):
                if not terms.grounded(name) and name.lower() not in " ".join(out).lower():
                    out.append(name)
        return list(dict.fromkeys(out))

    def _refusal(
        self, question: str, hits: list[Hit], verdict: Verdict, evidence: list[Evidence]
    ) -> Answer:
        nearest = [self.retriever.sections[h.section_id].heading for h in hits[:3]]
        text, sources = verdict.message, list[Source]()
        if verdict.cite_nearest and evidence:
            said, sources = compose("sentences", evidence[: self.settings.refusal_quotes])
            text += f" {phrases.NEAREST_SAID} {said}"
        elif nearest:
            text += " " + phrases.NEAREST_SECTIONS.format(sections="; ".join(nearest))
        answer = Answer(question, text, True, sources, self.guide.version, nearest_sections=nearest)
        return answer

    def _contents(self, question: str) -> Answer:
        """What the guide covers: its sections and their sub-sections, each title quoted."""
        lines, sources = [phrases.CONTENTS_INTRO], list[Source]()
        for section in self.guide.sections:
            if not section.units and not any(
                s.path[:-1] == section.path for s in self.guide.sections
            ):
                continue  # a bare heading ("Salary by State"): nothing to read there
            n = len(sources) + 1
            sources.append(Source(n, section.id, SEP.join(section.path), section.title, 1.0))
            lines.append("  " * (len(section.path) - 1) + f"- {section.title} [{n}]")
        return Answer(question, "\n".join(lines), False, sources, self.guide.version)

    def stream(self, question: Any, history: Any = None) -> Iterator[StreamEvent]:
        """Yield Delta events (pieces of text), then one Final event (the Answer).

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
            yield Delta("delta", piece)
        yield Final("answer", answer)

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
    """How closely the guide matches the question itself (a follow-up's own words, not the
    last exchange it also reads with)."""
    diagnostics = answer.extra.get("diagnostics", {})
    return float(diagnostics.get("ask_relevance", diagnostics.get("relevance", 0.0)))


def _mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    v = a + b
    return v / (np.linalg.norm(v) or 1.0)


__all__ = ["Assistant", "is_follow_up", "tokenize"]
