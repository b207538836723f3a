"""Labelled questions about the guide: where its scope ends, and where its answers are.

Many out-of-scope questions use only the guide's words and land near a guide sentence ("Are most
MLOps jobs remote?", "How should I format my resume?"), so no relevance threshold separates
them from answerable ones. ``corpus/scope-examples.jsonl`` holds questions about this guide,
each labelled answerable or not, one JSON object a line: ``{"question": ..., "answerable":
true|false, "facts": [...]}`` (facts: guide words a right answer contains, for answerable ones).

- The nearest-question check: a new question's *margin* is the mean cosine to its k nearest
  answerable examples minus the mean cosine to its k nearest out-of-scope ones; below
  ``settings.scope_margin`` it is refused. An out-of-scope example that asks all the question
  asks and more is not among them: "How much do MLOps engineers make in California?" is out of
  scope for its California, which "How much do MLOps engineers make?" does not ask. k and the
  margin are chosen by bench/calibrate_refusal.py, which also writes the file.
- Recall: when an answerable example is at least ``settings.recall_similarity`` close to the
  question, the guide lines holding its facts join the answer (bench/calibrate_recall.py). The
  answer still quotes only the guide, and each line carries its citation.

The guide itself adds in-scope examples (``guide_questions``): "What is Kubeflow?" for each
named item ("- Kubeflow: End-to-end ML pipelines on Kubernetes."), "How much does the CKA cost?"
for each priced one, and "What does the guide say about Soft Skills?" for each section, so a
plain question about something the guide describes never finds only out-of-scope neighbours.

The labelled examples describe one guide: relabel them (or remove the file) when the guide
changes. All vectors are computed once and cached beside the index (``index/scope/``), keyed by
the questions and the embedding model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant import phrases
from assistant.errors import CorpusError
from assistant.scope import stem
from assistant.text import tokenize

if TYPE_CHECKING:
    from assistant.embeddings import Embedder
    from assistant.schema import Section
    from assistant.settings import Settings

CACHE_DIR = "scope"
#: A named list item: "Kubeflow: ...", "Terraform/Pulumi: ...", "CKA ($395): ...".
_NAMED_ITEM = re.compile(r"^(?P<names>[^:]{2,60}?)\s*(?:\((?P<price>\$[\d,]+)\))?:\s")


def guide_questions(sections: Iterable[Section]) -> list[str]:
    """In-scope questions the guide answers by its structure alone (see the module's text)."""
    questions = []
    for section in sections:
        if section.units:  # a bare heading ("FAQs") answers nothing
            questions.append(f"What does the guide say about {section.title.rstrip('?:')}?")
        for unit in section.units:
            m = _NAMED_ITEM.match(unit.text) if unit.kind == "item" else None
            if m is None:
                continue
            names = [name.strip() for name in m["names"].split("/")]
            names += re.findall(r"\(([A-Z]{2,})\)", m["names"])  # "... Administrator (CKA)"
            for name in names:
                questions.append(f"What is {name}?")
                if m["price"]:
                    questions.append(f"How much does {name} cost?")
    return list(dict.fromkeys(questions))


def words(question: str) -> frozenset[str]:
    """The question's content words, stemmed: what `asks_more` compares."""
    return frozenset(stem(token) for token in tokenize(question))


def asks_more(example: frozenset[str], question: frozenset[str]) -> bool:
    """Whether an example asks all that the question asks, and more."""
    return question < example


def question_key(question: str) -> str:
    """A question as compared for sameness: its letters and digits, in lower case (evaluation
    questions and examples must differ by more than case and punctuation)."""
    return re.sub(r"[^a-z0-9]+", " ", question.lower()).strip()


@dataclass(frozen=True)
class Scope:
    margin: float  # mean cosine to the nearest answerable examples minus to out-of-scope ones
    nearest_out_of_scope: str  # the closest out-of-scope example, for diagnostics


@dataclass(frozen=True)
class Examples:
    questions: list[str]
    answerable: np.ndarray  # bool, one per question
    vectors: np.ndarray  # L2-normalised, one row per question
    facts: list[tuple[str, ...]]  # guide words a right answer contains; () when not labelled
    recallable: np.ndarray  # bool: answerable and with facts
    words: list[frozenset[str]]  # each question's content words (``words``)

    def answered(self, vector: np.ndarray) -> tuple[int, float] | None:
        """(index, cosine) of the nearest answerable example whose facts are known."""
        if not self.recallable.any():
            return None
        sims = np.where(self.recallable, self.vectors @ vector, -1.0)
        best = int(np.argmax(sims))
        return best, float(sims[best])

    def scope(self, vector: np.ndarray, k: int, question: str) -> Scope:
        sims = self.vectors @ vector
        asked = words(question)
        outside = np.flatnonzero(~self.answerable)
        outside = outside[np.argsort(-sims[outside], kind="stable")]
        nearest = [i for i in outside if not asks_more(self.words[i], asked)][:k] or outside[:k]
        margin = _top_mean(sims[self.answerable], k) - float(np.mean(sims[nearest]))
        return Scope(round(margin, 4), self.questions[nearest[0]])


def _top_mean(sims: np.ndarray, k: int) -> float:
    return float(np.mean(np.sort(sims)[::-1][:k]))


def read_examples(path: Path) -> tuple[list[str], list[bool], list[tuple[str, ...]]]:
    """The labelled questions of `path`, their labels and facts; raises CorpusError naming the
    first bad line."""
    questions, labels, facts = [], [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(phrases.EXAMPLES_BROKEN.format(path=path, reason=exc)) from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            question, answerable = row["question"], row["answerable"]
            known = row.get("facts", [])
            if not isinstance(question, str) or not isinstance(answerable, bool):
                raise TypeError("question must be text and answerable true or false")
            if not isinstance(known, list) or not all(isinstance(f, str) for f in known):
                raise TypeError("facts must be a list of texts")
        except (ValueError, KeyError, TypeError) as exc:
            reason = f"line {number}: {exc}"
            raise CorpusError(phrases.EXAMPLES_BROKEN.format(path=path, reason=reason)) from exc
        questions.append(question)
        labels.append(answerable)
        facts.append(tuple(known))
    if all(labels) or not any(labels):
        reason = "it needs questions of both kinds"
        raise CorpusError(phrases.EXAMPLES_BROKEN.format(path=path, reason=reason))
    return questions, labels, facts


def load_examples(
    settings: Settings, embedder: Embedder, sections: Iterable[Section] = ()
) -> Examples | None:
    """The labelled questions and those of `sections` (``guide_questions``) with their vectors
    (cached), or None when the check is off."""
    path = settings.scope_examples_path
    if path is None:
        return None
    if not path.is_file():
        raise CorpusError(phrases.EXAMPLES_BROKEN.format(path=path, reason="no such file"))
    questions, labels, facts = read_examples(path)
    derived = guide_questions(sections)
    questions, labels = questions + derived, labels + [True] * len(derived)
    facts += [()] * len(derived)
    model = os.path.basename(settings.embedding_model.rstrip("/"))
    content = json.dumps([questions, labels, model]).encode()
    key = hashlib.sha256(content).hexdigest()[:12]
    cache = settings.index_dir / CACHE_DIR / f"examples-{key}.npy"
    vectors = None
    if cache.is_file():
        try:
            vectors = np.load(cache)
        except (OSError, ValueError):
            vectors = None  # a damaged cache is recomputed
        if vectors is not None and vectors.shape[0] != len(questions):
            vectors = None
    if vectors is None:
        vectors = np.asarray(embedder.embed_documents(questions), dtype=np.float32)
        _write(cache, vectors)
    answerable = np.array(labels, dtype=bool)
    recallable = answerable & np.array([bool(f) for f in facts], dtype=bool)
    return Examples(
        questions, answerable, vectors, facts, recallable, [words(q) for q in questions]
    )


def _write(cache: Path, vectors: np.ndarray) -> None:
    """Write atomically, and drop the vectors of earlier versions of the file."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f".{uuid.uuid4().hex[:8]}.npy")
        np.save(partial, vectors)
        os.replace(partial, cache)
        for old in cache.parent.glob("examples-*.npy"):
            if old != cache:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only index folder: the vectors are recomputed by each process
