"""Sentence embeddings from the packaged all-MiniLM-L6-v2, loaded lazily and once per process.

Vectors are L2-normalised float32 rows, so a dot product is the cosine similarity.

Two runtimes behind one interface (``settings.embedding_runtime``):

- **onnx**: the same model exported once, at ingest, to ``<index_dir>/onnx/<model>-<key>/
  model.onnx`` (the transformer, mean pooling and normalisation in one graph), run with
  onnxruntime and the model's own fast tokenizer (``tokenizer.json``). Importing it costs a
  fraction of a second and ~100 MB, where torch + sentence-transformers cost seconds and ~450 MB;
  ``tests/test_embeddings.py`` checks that both give the same vectors.
- **torch**: sentence-transformers, as the model was trained.

``auto`` (the default) uses the exported model when it is there, and sentence-transformers
otherwise (an index built before the export existed, or without the ``onnx`` package).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import uuid
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from assistant.settings import Settings

log = logging.getLogger(__name__)

DIM = 384
MAX_TOKENS = 256  # the packaged model's max_seq_length (sentence_bert_config.json)
BATCH = 32
#: Most single-word vectors the onnx embedder remembers (~1.5 KB each). Coverage embeds the
#: question's words the guide does not use, and these repeat across questions; whole questions
#: are not remembered.
WORD_MEMO = 10_000
#: Bump when the exported graph changes (inputs, outputs, pooling), so old exports are redone.
ONNX_EXPORT_VERSION = 1
ONNX_FILE = "model.onnx"


class Embedder(Protocol):
    name: str

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU; the model is read from a local folder, never a hub."""

    runtime = "torch"

    def __init__(self, model: str) -> None:
        self.name = os.path.basename(model.rstrip("/")) or model
        self._model_path = model
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                _offline()
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
                self._model = SentenceTransformer(self._model_path, device="cpu")
        return self._model

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vectors = self._load().encode(
            texts, batch_size=BATCH, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class OnnxEmbedder:
    """The exported model on onnxruntime, tokenised by the model's tokenizer.json."""

    runtime = "onnx"

    def __init__(self, onnx_path: Path, model: str, threads: int | None = None) -> None:
        self.name = os.path.basename(model.rstrip("/")) or model
        self.onnx_path = Path(onnx_path)
        self._tokenizer_path = Path(model) / "tokenizer.json"
        # One thread per run: a query is ~10 tokens, and on this 2-core machine under load (or
        # with concurrent requests) 2 intra-op threads per run measured 2x slower, not faster.
        self._threads = threads or 1
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._words: dict[str, np.ndarray] = {}

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
                tokenizer.enable_truncation(MAX_TOKENS)
                tokenizer.enable_padding()
                options = ort.SessionOptions()
                options.intra_op_num_threads = self._threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                self._session = ort.InferenceSession(
                    str(self.onnx_path), options, providers=["CPUExecutionProvider"]
                )
                self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def _run(self, texts: list[str]) -> np.ndarray:
        session, tokenizer = self._load()
        encoded = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        feed = {
            "input_ids": ids,
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        return np.asarray(session.run(None, feed)[0], dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo = []
        for i, text in enumerate(texts):
            known = self._words.get(text)
            if known is None:
                todo.append(i)
            else:
                out[i] = known
        # Batches of similar length pad little (as sentence-transformers does).
        order = sorted(todo, key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._run([texts[i] for i in rows])
        for i in todo:
            if len(self._words) < WORD_MEMO and texts[i].isalpha():
                self._words[texts[i]] = out[i].copy()
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._run([text])[0]


# --- the exported model --------------------------------------------------------------------------
def onnx_path(settings: Settings) -> Path:
    """Where the settings' model is (or would be) exported: beside the index, keyed on the
    model's files and the export version, so a different model gets its own export."""
    model = Path(settings.embedding_model)
    h = hashlib.sha256(f"{model.resolve()}|{ONNX_EXPORT_VERSION}".encode())
    for name in ("config.json", "model.safetensors", "pytorch_model.bin", "tokenizer.json"):
        try:
            st = (model / name).stat()
        except OSError:
            continue
        h.update(f"|{name}:{st.st_size}:{int(st.st_mtime)}".encode())
    folder = f"{model.name or 'model'}-{h.hexdigest()[:12]}"
    return settings.index_dir / "onnx" / folder / ONNX_FILE


def onnx_runtime_available() -> bool:
    from importlib.util import find_spec

    return find_spec("onnxruntime") is not None and find_spec("tokenizers") is not None


def export_onnx(model: str, target: Path) -> Path:
    """Export the sentence-transformers model (transformer + mean pooling + normalisation) to
    ONNX at `target`, atomically. Needs torch, transformers and the `onnx` package."""
    _offline()
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    transformer = AutoModel.from_pretrained(model, attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    import warnings

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled(transformer),
            (sample, sample, torch.zeros_like(sample)),
            str(tmp),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "sentence_embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
    os.replace(tmp, target)
    return target


def ensure_onnx(settings: Settings) -> Path | None:
    """Export the model for the onnx runtime if the settings want it and it is missing; the
    path of the export, or None (torch runtime, or the export is impossible here)."""
    if settings.embedding_runtime == "torch" or not onnx_runtime_available():
        return None
    path = onnx_path(settings)
    if path.exists():
        return path
    from filelock import FileLock

    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path.parent / ".lock")):
        if path.exists():
            return path
        try:
            return export_onnx(settings.embedding_model, path)
        except Exception as exc:  # e.g. the `onnx` package is missing: torch serves instead
            if settings.embedding_runtime == "onnx":
                raise
            log.warning("Could not export the embedding model to ONNX (%s); using torch.", exc)
            return None


@lru_cache(maxsize=4)
def _torch(model: str) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(model)


@lru_cache(maxsize=4)
def _onnx(path: Path, model: str) -> OnnxEmbedder:
    return OnnxEmbedder(path, model)


def get_embedder(settings: Settings) -> Embedder:
    """The process-wide embedder for the settings' model and runtime (loaded on first use)."""
    if settings.embedding_runtime != "torch" and onnx_runtime_available():
        path = onnx_path(settings)
        if not path.exists() and settings.embedding_runtime == "onnx":
            path = ensure_onnx(settings) or path
        if path.exists():
            return _onnx(path, settings.embedding_model)
    return _torch(settings.embedding_model)


__all__ = [
    "Embedder",
    "OnnxEmbedder",
    "SentenceTransformerEmbedder",
    "ensure_onnx",
    "export_onnx",
    "get_embedder",
    "onnx_path",
]
