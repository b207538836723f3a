"""Hybrid retrieval: dense (Chroma, cosine) and BM25 over the chunks, fused by reciprocal rank.

A third, section-level ranking joins the fusion: sections by their best unit (sentence / list
item) cosine, which finds the one line that answers a question a long chunk dilutes. Sections
without a body (a bare heading such as "Salary by State") hold nothing to quote and are never
returned.

Also holds every unit's (sentence / list item) embedding, read once from the index, so answer
sentences are scored without embedding anything at query time but the question.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from assistant.bm25 import BM25
from assistant.foreign import in_english
from assistant.guide import Guide
from assistant.index import broken
from assistant.lexicon import opening_verbs
from assistant.names import ampersand_initials, written_as_names
from assistant.queries import title_words
from assistant.roles import as_titled, holders, roles
from assistant.schema import Section, Unit
from assistant.settings import Settings
from assistant.snapshot import open_collections
from assistant.text import STOPWORDS, tokenize
from assistant.vocabulary import Vocabulary, stem

#: A line's label is the few words before its colon ("Total Time: …", "On-call burden: …").
LABEL_MAX_WORDS = 4


@dataclass(frozen=True)
class Hit:
    section_id: str
    score: float  # fused RRF score
    dense: float  # best cosine similarity of the section's chunks (0 if not in dense hits)


def _content_stems(text: str) -> list[str]:
    """The stems of a text's words but its function words, in order."""
    return [stem(w) for w in tokenize(text) if w not in STOPWORDS]


def _line_pairs(guide: Guide) -> list[tuple[str, frozenset[tuple[str, str]]]]:
    """Each line's section and its pairs of content words side by side, by stem."""
    return [
        (s.id, frozenset(pairwise(stems)))
        for s in guide.sections
        for u in s.units
        if len(stems := _content_stems(u.text)) > 1
    ]


class Retriever:
    def __init__(self, settings: Settings, guide: Guide, index_path: Path) -> None:
        self.settings = settings
        self.guide = guide
        self.sections: dict[str, Section] = guide.by_id()
        #: The titles of the guide's parts ("Model Serving") and its short heads: a line's
        #: label ("Total Time: 4-6 years") or a short line itself ("Gain DevOps Experience"),
        #: for follow-ups that name one.
        heads = {u.text.split(":")[0] for s in self.sections.values() for u in s.units}
        labels = {h for h in heads if len(h.split()) <= LABEL_MAX_WORDS}
        self.titles = title_words(sorted({s.path[-1] for s in self.sections.values()} | labels))
        try:
            # The build's vector snapshot when it has one (no Chroma import), else Chroma.
            self.chunks, self._chunks, units, vocab = open_collections(index_path, settings, guide)
        except Exception as exc:  # Chroma raises many types for a damaged store
            raise broken(index_path, f"{type(exc).__name__}: {exc}") from exc
        by_key = {
            (m["section_id"], int(m["position"])): np.asarray(e, dtype=np.float32)
            for m, e in zip(units["metadatas"], units["embeddings"], strict=True)
        }
        self.unit_keys: list[tuple[str, int]] = [
            (s.id, u.position) for s in guide.sections for u in s.units
        ]
        missing = [k for k in self.unit_keys if k not in by_key]
        if missing or self._chunks.count() != len(self.chunks):
            raise broken(index_path, "it does not match the guide")
        self.unit_matrix = (
            np.stack([by_key[k] for k in self.unit_keys])
            if self.unit_keys
            else np.zeros((0, 384), dtype=np.float32)
        )
        self._unit_rows: dict[str, list[int]] = defaultdict(list)
        for row, (section_id, _) in enumerate(self.unit_keys):
            self._unit_rows[section_id].append(row)
        lines = [text for s in guide.sections for text in (s.title, *(u.text for u in s.units))]
        self.vocabulary = Vocabulary(
            list(vocab["ids"]),
            np.asarray(vocab["embeddings"], dtype=np.float32),
            settings.retrieval,
            names=written_as_names(lines),
            initials=ampersand_initials(lines),
            verbs=opening_verbs(
                [[u.text for u in s.units if u.kind == "item"] for s in guide.sections], lines
            ),
        )
        #: The job titles the guide names ("data scientist"), for the refusal of other jobs.
        titles = roles("\n".join(f"{s.heading}\n{s.text}" for s in guide.sections))
        self.roles = set(titles)
        self._fields = holders(titles)  # "mlops": "engineer", for "the MLOps *guy*"
        corpus_tokens = [tokenize(c.embed_text) for c in self.chunks]
        # Inverse document frequency of each word over the sections (heading + body).
        docs = [set(tokenize(f"{s.heading} {s.text}")) for s in guide.sections]
        df = Counter(w for d in docs for w in d)
        self.idf: dict[str, float] = {w: math.log(1 + len(docs) / n) for w, n in df.items()}
        stem_docs = [{stem(w) for w in d} for d in docs]
        stem_df = Counter(w for d in stem_docs for w in d)
        self.stem_idf = {w: math.log(1 + len(docs) / n) for w, n in stem_df.items()}
        self._answerable = {s.id for s in guide.sections if s.units}
        self._pairs = _line_pairs(guide)  # for `phrased`
        self._bm25 = BM25()  # bm25s's scores and order, without its ~1 s scipy import
        self._bm25.index(corpus_tokens, show_progress=False)

    # -- retrieval ------------------------------------------------------------------------
    def dense(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        result = self._chunks.query(
            query_embeddings=[vector.tolist()], n_results=min(k, len(self.chunks))
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def sparse(self, text: str, k: int) -> list[tuple[str, float]]:
        tokens = tokenize(text)
        if not tokens:
            return []
        docs, scores = self._bm25.retrieve(
            [tokens], k=min(k, len(self.chunks)), show_progress=False
        )
        return [
            (self.chunks[int(d)].id, float(s))
            for d, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]

    def spell_out(self, text: str) -> str:
        """The text as it is read (Vocabulary.spell_out), a job's holder by its title ("an MLOps
        *guy*": "an MLOps engineer"; roles.as_titled), by its English sentences when it has one
        and others in another language (foreign.in_english)."""
        vocabulary = self.vocabulary
        text = in_english(text, lambda w: w in vocabulary.exact or stem(w) in vocabulary.stems)
        return as_titled(vocabulary.spell_out(text), self._fields)

    def phrased(self, hits: list[Hit], text: str, vector: np.ndarray, n: int) -> list[Hit]:
        """The `n` best hits, then each other section with the one line that has two content
        words of the ask side by side ("ML specific *concerns*": "… with ML-specific concerns:
        …"), which a long section's chunk and a small model's cosine can rank low; its
        cosine is its best line's."""
        words = _content_stems(text)
        top = hits[:n]
        found: set[str] = set()
        for pair in set(pairwise(words)):
            holding = [sid for sid, held in self._pairs if pair in held]
            found |= set(holding) if len(holding) == 1 else set()
        found -= {h.section_id for h in top}
        if found:
            cosines = self.unit_scores(vector)
            for sid in sorted(found):
                rows = self._unit_rows[sid]
                top.append(Hit(sid, 0.0, float(max(cosines[r] for r in rows))))
        return top

    def stem_idf_weight(self, stems: set[str]) -> float:
        """How telling a set of word stems is (see vocabulary.stem): the sum of their IDFs."""
        return sum(self.stem_idf.get(w, 0.0) for w in stems)

    def unit_ranking(self, vector: np.ndarray) -> list[tuple[str, float]]:
        """Sections by the best cosine of one of their units."""
        cosines = self.unit_scores(vector)
        best: dict[str, float] = {}
        for row, (sid, _) in enumerate(self.unit_keys):
            best[sid] = max(best.get(sid, -1.0), float(cosines[row]))
        return sorted(best.items(), key=lambda kv: -kv[1])

    def search(self, queries: list[tuple[str, np.ndarray, float]]) -> list[Hit]:
        """Fuse dense and BM25 chunk rankings, and the unit and title section rankings, of one
        or more (text, vector, weight) queries; best section first."""
        k, rrf_k = self.settings.retrieval.top_k, self.settings.retrieval.rrf_k
        fused: dict[str, float] = defaultdict(float)
        dense_best: dict[str, float] = defaultdict(float)
        section_of = {c.id: c.section_id for c in self.chunks}
        by_section: dict[str, float] = defaultdict(float)
        for text, vector, weight in queries:
            everything = self.dense(vector, len(self.chunks))
            dense = everything[:k]
            for ranking in (dense, self.sparse(text, k)):
                for rank, (chunk_id, _) in enumerate(ranking):
                    fused[chunk_id] += weight / (rrf_k + rank + 1)
            for chunk_id, sim in everything:
                sid = section_of[chunk_id]
                dense_best[sid] = max(dense_best[sid], sim)
            for rank, (sid, _) in enumerate(self.unit_ranking(vector)[:k]):
                by_section[sid] += (
                    self.settings.retrieval.unit_ranking_weight * weight / (rrf_k + rank + 1)
                )
        chunk_part: dict[str, float] = defaultdict(float)
        for chunk_id, score in fused.items():
            sid = section_of[chunk_id]
            chunk_part[sid] = max(chunk_part[sid], score)
        for sid, score in chunk_part.items():
            by_section[sid] += score
        ranked = sorted(
            ((sid, score) for sid, score in by_section.items() if sid in self._answerable),
            key=lambda kv: -kv[1],
        )
        return [Hit(sid, score, dense_best.get(sid, 0.0)) for sid, score in ranked]

    # -- units ----------------------------------------------------------------------------
    def units_of(self, section_id: str) -> list[tuple[Unit, int]]:
        section = self.sections[section_id]
        rows = self._unit_rows.get(section_id, [])
        return list(zip(section.units, rows, strict=True))

    def unit_scores(self, vector: np.ndarray) -> np.ndarray:
        return self.unit_matrix @ vector
