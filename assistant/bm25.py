"""BM25 (the Lucene variant, as bm25s computes it) over a few hundred chunks, in numpy.

The guide's chunks fit a dense document x word matrix of a few hundred KB, so scoring a query is
one column sum; bm25s (sparse matrices) costs ~0.3-2 s of scipy import on every cold start for
the same numbers. ``tests/test_bm25.py`` checks the scores and rankings against bm25s.

    idf(t)    = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
    score(d)  = sum over query tokens t (repeats count) of
                idf(t) * tf(t, d) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))
"""

from __future__ import annotations

from collections import Counter

import numpy as np


class BM25:
    def __init__(self, k1: float = 1.5, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.vocab: dict[str, int] = {}
        self.matrix = np.zeros((0, 0), dtype=np.float32)  # words x documents

    def index(self, corpus_tokens: list[list[str]], show_progress: bool = False) -> None:
        for tokens in corpus_tokens:
            for token in tokens:
                self.vocab.setdefault(token, len(self.vocab))
        n = len(corpus_tokens)
        lengths = np.array([len(t) for t in corpus_tokens], dtype=np.float32)
        avgdl = float(lengths.mean()) if n and lengths.sum() else 1.0
        tf = np.zeros((len(self.vocab), n), dtype=np.float32)
        for d, tokens in enumerate(corpus_tokens):
            for token, count in Counter(tokens).items():
                tf[self.vocab[token], d] = count
        df = (tf > 0).sum(axis=1).astype(np.float32)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = self.k1 * (1 - self.b + self.b * lengths / avgdl)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.matrix = np.where(tf > 0, idf[:, None] * tf / (tf + norm[None, :]), 0.0).astype(
                np.float32
            )

    def scores(self, tokens: list[str]) -> np.ndarray:
        rows = [self.vocab[t] for t in tokens if t in self.vocab]
        if not rows:
            return np.zeros(self.matrix.shape[1], dtype=np.float32)
        return self.matrix[rows].sum(axis=0, dtype=np.float32)

    def retrieve(
        self, queries: list[list[str]], k: int = 10, show_progress: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """(document indices, scores) of the k best documents per query, best first."""
        docs, scores = [], []
        for tokens in queries:
            s = self.scores(tokens)
            # bm25s's own selection (argpartition, then a flipped argsort), so that equal scores
            # come out in the same order as before.
            part = np.argpartition(s, -k)[-k:]
            top = part[np.flip(np.argsort(s[part]))]
            docs.append(top)
            scores.append(s[top])
        return np.array(docs), np.array(scores)


__all__ = ["BM25"]
