"""Hybrid retrieval: dense (Chroma, cosine) and BM25 over the chunks, fused by reciprocal rank.

Also holds every unit's (sentence / list item) embedding, read once from the index, so answer
sentences are scored without embedding anything at query time but the question.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.chunking import chunk_sections
from assistant.guide import Guide
from assistant.index import CHUNKS, UNITS, VOCAB, broken, chroma_client
from assistant.schema import Section, Unit
from assistant.scope import Vocabulary
from assistant.settings import Settings
from assistant.text import tokenize


@dataclass(frozen=True)
class Hit:
    section_id: str
    score: float  # fused RRF score
    dense: float  # best cosine similarity of the section's chunks (0 if not in dense hits)


class Retriever:
    def __init__(self, settings: Settings, guide: Guide, index_path: Path) -> None:
        import bm25s

        self.settings = settings
        self.guide = guide
        self.sections: dict[str, Section] = guide.by_id()
        self.chunks = chunk_sections(guide.sections, settings.chunk_size, settings.chunk_overlap)
        try:
            client = chroma_client(index_path)
            self._chunks = client.get_collection(CHUNKS, embedding_function=None)
            units = client.get_collection(UNITS, embedding_function=None).get(
                include=["embeddings", "metadatas"]
            )
            vocab = client.get_collection(VOCAB, embedding_function=None).get(
                include=["embeddings"]
            )
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
        self.vocabulary = Vocabulary(
            list(vocab["ids"]), np.asarray(vocab["embeddings"], dtype=np.float32)
        )
        corpus_tokens = [tokenize(c.embed_text) for c in self.chunks]
        self._bm25 = bm25s.BM25()
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

    def search(self, queries: list[tuple[str, np.ndarray, float]]) -> list[Hit]:
        """Fuse dense and BM25 rankings of one or more (text, vector, weight) queries."""
        k, rrf_k = self.settings.top_k, self.settings.rrf_k
        fused: dict[str, float] = defaultdict(float)
        dense_best: dict[str, float] = defaultdict(float)
        section_of = {c.id: c.section_id for c in self.chunks}
        for text, vector, weight in queries:
            dense = self.dense(vector, k)
            for ranking in (dense, self.sparse(text, k)):
                for rank, (chunk_id, _) in enumerate(ranking):
                    fused[chunk_id] += weight / (rrf_k + rank + 1)
            for chunk_id, sim in dense:
                sid = section_of[chunk_id]
                dense_best[sid] = max(dense_best[sid], sim)
        by_section: dict[str, float] = defaultdict(float)
        for chunk_id, score in fused.items():
            sid = section_of[chunk_id]
            by_section[sid] = max(by_section[sid], score)
        ranked = sorted(by_section.items(), key=lambda kv: -kv[1])
        return [Hit(sid, score, dense_best.get(sid, 0.0)) for sid, score in ranked]

    # -- units ----------------------------------------------------------------------------
    def units_of(self, section_id: str) -> list[tuple[Unit, int]]:
        section = self.sections[section_id]
        rows = self._unit_rows.get(section_id, [])
        return list(zip(section.units, rows, strict=True))

    def unit_scores(self, vector: np.ndarray) -> np.ndarray:
        return self.unit_matrix @ vector
