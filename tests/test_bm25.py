"""The numpy BM25 gives bm25s's scores and rankings (ties included) on the guide's chunks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.bm25 import BM25
from assistant.chunking import chunk_sections
from assistant.guide import load_guide
from assistant.settings import PROJECT_ROOT, Settings
from assistant.text import tokenize

bm25s = pytest.importorskip("bm25s")


def test_scores_and_rankings_match_bm25s_on_the_guide() -> None:
    settings = Settings()
    guide = load_guide(settings.corpus_dir)
    chunks = chunk_sections(
        guide.sections, settings.chunking.chunk_size, settings.chunking.chunk_overlap
    )
    corpus = [tokenize(c.embed_text) for c in chunks]
    reference = bm25s.BM25()
    reference.index(corpus, show_progress=False)
    ours = BM25()
    ours.index(corpus)
    questions = [
        json.loads(line)["question"]
        for name in ("dev/gold.jsonl", "train/calibration.jsonl")
        for line in (PROJECT_ROOT / "eval" / name).read_text().splitlines()
        if line.strip()
    ]
    compared = 0
    for question in questions:
        tokens = tokenize(question)
        if not tokens:
            continue
        np.testing.assert_allclose(ours.scores(tokens), reference.get_scores(tokens), atol=1e-5)
        for k in (6, len(chunks)):
            a_docs, a_scores = reference.retrieve([tokens], k=k, show_progress=False)
            b_docs, b_scores = ours.retrieve([tokens], k=k)
            want = [int(d) for d, s in zip(a_docs[0], a_scores[0], strict=True) if s > 0]
            got = [int(d) for d, s in zip(b_docs[0], b_scores[0], strict=True) if s > 0]
            assert got == want, question
        compared += 1
    assert compared > 100


def test_unknown_words_score_nothing() -> None:
    bm25 = BM25()
    bm25.index([["kubernetes", "serving"], ["terraform"]])
    assert bm25.scores(["sourdough"]).tolist() == [0.0, 0.0]
    assert bm25.scores(["terraform"])[1] > 0 == bm25.scores(["terraform"])[0]
