"""The embedding runtimes: the ONNX export gives the same vectors as sentence-transformers, and
the settings pick the runtime without loading anything."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import (
    DIM,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    ensure_onnx,
    get_embedder,
    onnx_path,
)
from assistant.settings import Settings

SAMPLES = [
    "How much is the CKA certification?",
    "MLOps Engineers earn $120,000-$185,000 depending on experience and company.",
    "kubernetes",
    "What about the soft ones?",
    "Café, naïve façade — «quotes» and emoji 🚀 survive tokenisation.",
    "Model Serving: Seldon Core and KServe for Kubernetes-native serving. " * 40,  # > 256 tokens
]


def test_the_torch_runtime_is_sentence_transformers_and_loads_nothing(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path, embedding_runtime="torch")
    assert isinstance(get_embedder(settings), SentenceTransformerEmbedder)
    # get_embedder shares one instance per process (other tests may have used it); a new one
    # loads its model on first use only.
    assert SentenceTransformerEmbedder(settings.embedding_model)._model is None


def test_auto_uses_the_export_when_it_is_there_and_torch_otherwise(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path, embedding_runtime="auto")
    assert isinstance(get_embedder(settings), SentenceTransformerEmbedder)
    path = onnx_path(settings)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not read until the first embedding")
    embedder = get_embedder(settings)
    assert isinstance(embedder, OnnxEmbedder) and embedder.onnx_path == path
    assert embedder._session is None


def test_the_export_is_keyed_on_the_model_and_lives_beside_the_index(tmp_path: Path) -> None:
    a = onnx_path(Settings(index_dir=tmp_path))
    b = onnx_path(Settings(index_dir=tmp_path, embedding_model=str(tmp_path / "other-model")))
    assert a.is_relative_to(tmp_path) and b.is_relative_to(tmp_path) and a != b
    assert a == onnx_path(Settings(index_dir=tmp_path))


def test_no_texts_give_an_empty_matrix(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path)
    for embedder in (
        SentenceTransformerEmbedder(settings.embedding_model),
        OnnxEmbedder(onnx_path(settings), settings.embedding_model),
    ):
        out = embedder.embed_documents([])
        assert out.shape == (0, DIM) and out.dtype == np.float32


@pytest.mark.slow
def test_the_onnx_export_gives_the_same_vectors_as_sentence_transformers(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path, embedding_runtime="onnx")
    path = ensure_onnx(settings)
    assert path is not None and path.exists() and path == onnx_path(settings)
    onnx = get_embedder(settings)
    assert isinstance(onnx, OnnxEmbedder)
    reference = SentenceTransformerEmbedder(settings.embedding_model).embed_documents(SAMPLES)
    got = onnx.embed_documents(SAMPLES)  # batched, sorted by length, returned in order
    assert got.shape == reference.shape == (len(SAMPLES), DIM) and got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(got * reference, axis=1)
    assert cosines.min() > 0.999, cosines
    one = onnx.embed_query(SAMPLES[0])
    assert one.shape == (DIM,) and float(one @ reference[0]) > 0.999
    # Single words are remembered (coverage embeds them for every question); sentences are not.
    words = onnx.embed_documents(["kubernetes", "sourdough"])
    assert set(onnx._words) >= {"kubernetes", "sourdough"} and SAMPLES[0] not in onnx._words
    np.testing.assert_allclose(onnx.embed_documents(["sourdough", "kubernetes"]), words[::-1])
    assert float(words[0] @ reference[2]) > 0.999
    # A second call finds the export and does not redo it.
    assert ensure_onnx(settings) == path and path.stat().st_mtime == path.stat().st_mtime
