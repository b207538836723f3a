"""Per-question scores and their aggregates, computed without any LLM judge.

Every function here is pure: an answer is the dict of ``Answer.to_dict()`` (or a line of an
answers.jsonl made elsewhere), a question is an ``EvalQuestion``. Definitions, with the reasons
behind each choice, are in docs/evaluation.md; the constants below are part of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from assistant import phrases
from assistant.evaluation.questions import EvalQuestion
from assistant.schema import SEP

#: hit@k is reported for each of these k.
HIT_AT = (1, 3)
#: A sentence is supported by a quote when it is contained in the quote or when at least this
#: share of its content tokens occur in the quote.
SUPPORT_TOKEN_SHARE = 0.6
# fmt: off
_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "do",
    "does", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may",
    "more", "most", "not", "of", "on", "or", "should", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "was", "were", "what",
    "when", "where", "which", "while", "who", "will", "with", "you", "your"
})
# fmt: on
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_MARKER_RUN = re.compile(r"(?:\s*\[\d+(?:\s*,\s*\d+)*\])+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_TOKEN = re.compile(r"\w+")


# --- text helpers ----------------------------------------------------------------------------


def squash(text: str) -> str:
    """Whitespace runs become one space."""
    return " ".join(text.split())


def strip_markers(text: str) -> str:
    """The answer text without its citation markers ("[1]", "[2, 3]")."""
    return squash(_MARKER.sub(" ", text)).replace(" .", ".").replace(" ,", ",")


def _fold(text: str) -> str:
    return squash(text).casefold()


def content_tokens(text: str) -> set[str]:
    return {
        t
        for t in _TOKEN.findall(text.casefold())
        if t not in _STOPWORDS and (len(t) > 1 or t.isdigit())
    }


def _section_key(text: str) -> str:
    text = re.sub(r"\s*>\s*", SEP, text.strip())
    return _fold(text).rstrip(":").strip()


# --- sections --------------------------------------------------------------------------------


class SectionIndex:
    """The guide's sections by id and heading path; resolves the names a question set uses."""

    def __init__(self, sections: Iterable[tuple[str, str]]) -> None:
        self._by_id: dict[str, str] = {}  # id -> heading path
        self._id_of_path: dict[str, str] = {}
        for section_id, path in sections:
            self._by_id[section_id] = path
            self._id_of_path.setdefault(_section_key(path), section_id)

    def resolve(self, name: str) -> list[str]:
        """Ids of the sections a title, heading path or id names (case-insensitive)."""
        return [sid for sid, path in self._by_id.items() if section_matches(name, sid, path)]

    def id_of_path(self, path: str) -> str:
        return self._id_of_path.get(_section_key(path), "")

    def ids(self) -> list[str]:
        return list(self._by_id)

    def path_of(self, section_id: str) -> str:
        return self._by_id.get(section_id, section_id)


def section_matches(expected: str, section_id: str, path: str) -> bool:
    """An expected section names a cited one by its id, its heading path or its own title."""
    key = _section_key(expected)
    if not key:
        return False
    forms = {_section_key(section_id), _section_key(path), _section_key(path.split(">")[-1])}
    return key in forms - {""}


def ranked_sections(
    answer: dict[str, Any], index: SectionIndex | None = None
) -> list[tuple[str, str]]:
    """Distinct (id, heading path) of the cited sections, best citation score first.

    A refusal cites nothing; its ``nearest_sections`` (heading paths, best first) stand in, so
    retrieval is scored apart from the decision to refuse.
    """
    citations = sorted(
        enumerate(answer.get("citations") or []),
        key=lambda ic: (-float(ic[1].get("score") or 0.0), ic[0]),
    )
    ranked: list[tuple[str, str]] = []
    for _, c in citations:
        item = (str(c.get("section_id") or ""), str(c.get("section") or ""))
        if index and not item[0]:
            item = (index.id_of_path(item[1]), item[1])
        if item not in ranked:
            ranked.append(item)
    if not ranked:
        for path in answer.get("nearest_sections") or []:
            item = (index.id_of_path(path) if index else "", str(path))
            if item not in ranked:
                ranked.append(item)
    return ranked


def _matches_any(expected: Sequence[str], section: tuple[str, str]) -> bool:
    return any(section_matches(e, *section) for e in expected)


def hit_at(expected: Sequence[str], ranked: Sequence[tuple[str, str]], k: int) -> float:
    return float(any(_matches_any(expected, s) for s in ranked[:k]))


def reciprocal_rank(expected: Sequence[str], ranked: Sequence[tuple[str, str]]) -> float:
    for rank, section in enumerate(ranked, start=1):
        if _matches_any(expected, section):
            return 1.0 / rank
    return 0.0


def citation_precision(expected: Sequence[str], cited: Sequence[tuple[str, str]]) -> float | None:
    """Share of the distinct cited sections that are expected; None when nothing is cited."""
    if not cited:
        return None
    return sum(_matches_any(expected, s) for s in cited) / len(cited)


def citation_recall(expected: Sequence[str], cited: Sequence[tuple[str, str]]) -> float:
    """Share of the expected sections that at least one citation comes from."""
    return sum(any(section_matches(e, *s) for s in cited) for e in expected) / len(expected)


# --- facts, quotes, grounding ----------------------------------------------------------------


def missing_facts(facts: Sequence[str], answer_text: str) -> list[str]:
    """Expected facts not in the answer (case- and whitespace-insensitive, markers removed)."""
    text = _fold(strip_markers(answer_text))
    return [f for f in facts if _fold(f) not in text]


class GuideTexts:
    """The texts a quote must be verbatim in: the corpus files and the guide's section bodies."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = [t for t in texts if t]
        self._squashed = [squash(t) for t in self._texts]

    def contains(self, quote: str) -> bool:
        """Verbatim: an exact substring, or one once whitespace runs are made single spaces."""
        if not quote.strip():
            return False
        if any(quote in t for t in self._texts):
            return True
        q = squash(quote)
        return any(q in t for t in self._squashed)


@dataclass(frozen=True)
class Sentence:
    text: str  # without markers
    markers: tuple[int, ...]


def answer_sentences(answer_text: str) -> list[Sentence]:
    """Sentences and list items of an answer, each with the citation markers that close its
    claim: the text from the previous marker run (or line start) up to the next marker run is
    one claim, and every sentence in it carries that run's markers. Text after a line's last
    marker run carries none."""
    sentences: list[Sentence] = []
    for line in answer_text.splitlines():
        line = _BULLET.sub("", line)
        start = 0
        claims: list[tuple[str, tuple[int, ...]]] = []
        for run in _MARKER_RUN.finditer(line):
            markers = tuple(int(n) for g in _MARKER.findall(run.group(0)) for n in g.split(","))
            claims.append((line[start : run.start()], markers))
            start = run.end()
        claims.append((line[start:], ()))
        for text, markers in claims:
            for piece in _SENTENCE_END.split(text.strip()):
                if content_tokens(piece):
                    sentences.append(Sentence(squash(piece), markers))
    return sentences


def supports(quote: str, sentence: str) -> bool:
    """A quote supports a sentence it contains, or one most of whose content tokens it has."""
    claim = _fold(sentence).strip(" .;:!?\"'")
    if claim and claim in _fold(quote):
        return True
    tokens = content_tokens(sentence)
    return bool(tokens) and len(tokens & content_tokens(quote)) / len(tokens) >= SUPPORT_TOKEN_SHARE


def unsupported_sentences(answer_text: str, quotes: dict[int, str]) -> tuple[int, list[str]]:
    """How many sentences the answer has, and those no cited quote of theirs supports."""
    sentences = answer_sentences(answer_text)
    bad = [
        s.text
        for s in sentences
        if not any(n in quotes and supports(quotes[n], s.text) for n in s.markers)
    ]
    return len(sentences), bad


# --- similarity ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rouge() -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)


def rouge_l(answer_text: str, reference: str) -> float:
    """ROUGE-L F-measure (stemmed) of the answer without markers against the reference."""
    return float(_rouge().score(reference, strip_markers(answer_text))["rougeL"].fmeasure)


def cosines(embedder: Any, answers: Sequence[str], references: Sequence[str]) -> list[float]:
    """Cosine of each answer (markers removed) with its reference, from one embedding batch."""
    if not answers:
        return []
    vectors = np.asarray(
        embedder.embed_documents([strip_markers(a) for a in answers] + list(references))
    )
    a, r = vectors[: len(answers)], vectors[len(answers) :]
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(r, axis=1)
    return [float(x) for x in np.sum(a * r, axis=1) / np.where(norms == 0, 1.0, norms)]


# --- one question ----------------------------------------------------------------------------


def is_refused(answer: dict[str, Any]) -> bool:
    """The answer's ``refused`` flag; answers made elsewhere without one are read by the phrase."""
    if "refused" in answer:
        return bool(answer["refused"])
    return phrases.NOT_COVERED.casefold() in str(answer.get("answer", "")).casefold()


def score_answer(
    question: EvalQuestion,
    answer: dict[str, Any],
    guide: GuideTexts,
    index: SectionIndex | None = None,
) -> dict[str, Any]:
    """All scores of one answer (reference cosine is added in a batch by ``add_cosines``)."""
    text = str(answer.get("answer") or "")
    refused = is_refused(answer)
    citations = answer.get("citations") or []
    scores: dict[str, Any] = {"refused": refused, "refusal_correct": refused != question.answerable}

    expected = question.expected_sections
    if expected:
        ranked = ranked_sections(answer, index)
        for k in HIT_AT:
            scores[f"hit@{k}"] = hit_at(expected, ranked, k)
        scores["mrr"] = reciprocal_rank(expected, ranked)
        if question.answerable:
            cited = ranked if citations else []
            scores["citation_precision"] = citation_precision(expected, cited)
            scores["citation_recall"] = citation_recall(expected, cited)

    if question.expected_facts:
        missing = missing_facts(question.expected_facts, text)
        scores["fact_recall"] = 1 - len(missing) / len(question.expected_facts)
        scores["missing_facts"] = missing

    quotes = [str(c.get("quote") or "") for c in citations]
    bad_quotes = [q for q in quotes if not guide.contains(q)]
    scores["quotes"] = len(quotes)
    scores["bad_quotes"] = bad_quotes
    scores["quote_fidelity"] = 1 - len(bad_quotes) / len(quotes) if quotes else None

    if not refused:
        by_n = {int(c["n"]): str(c.get("quote") or "") for c in citations if "n" in c}
        count, unsupported = unsupported_sentences(text, by_n)
        scores["sentences"] = count
        scores["unsupported_sentences"] = unsupported
        scores["groundedness"] = 1 - len(unsupported) / count if count else None

    plain = strip_markers(text)
    scores["answer_words"] = len(plain.split())
    scores["answer_chars"] = len(plain)
    scores["latency_ms"] = _number(answer.get("latency_ms"))
    if question.reference_answer:
        scores["reference_rougeL"] = rouge_l(text, question.reference_answer)
    if isinstance(answer.get("generated_survived"), bool):
        scores["generated_survived"] = answer["generated_survived"]
    if answer.get("error"):
        scores["error"] = str(answer["error"])
    scores["reasons"] = failure_reasons(question, scores)
    scores["verdict"] = "fail" if scores["reasons"] else "pass"
    return scores


def failure_reasons(question: EvalQuestion, s: dict[str, Any]) -> list[str]:
    """Why a question fails; none means it passes (see docs/evaluation.md, "Verdict")."""
    reasons = [f"error: {s['error']}"] if s.get("error") else []
    if not question.answerable:
        if not s["refused"]:
            reasons.append("answered a question the guide does not cover")
        return reasons
    if s["refused"]:
        return [*reasons, "refused a question the guide answers"]
    if s.get("missing_facts"):
        reasons.append("missing facts: " + "; ".join(s["missing_facts"]))
    if s.get("citation_recall") == 0:
        reasons.append("cites none of the expected sections")
    if s["bad_quotes"]:
        reasons.append(f"{len(s['bad_quotes'])} quote(s) not verbatim in the guide")
    if s.get("unsupported_sentences"):
        reasons.append(
            f"{len(s['unsupported_sentences'])} sentence(s) without a citation "
            "whose quote supports them"
        )
    return reasons


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None
