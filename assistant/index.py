"""The persisted, stamped Chroma index.

Layout of ``settings.index_dir``::

    active -> build-<stamp>-<random>     a symlink, swapped atomically by os.replace
    build-<stamp>-<random>/
        chroma.sqlite3 ...               Chroma PersistentClient data: "chunks", "units", "vocab"
        snapshot.npz, snapshot.json      the same vectors, read without Chroma (assistant.snapshot)
        stamp.json                       what built it; written last: a build without it is partial
    onnx/<model>-<key>/model.onnx        the embedding model for onnxruntime (assistant.embeddings)
    .lock                                serialises concurrent builds

A build always goes to a new folder; only a finished build is swapped in, so a crash (or
SIGKILL) mid-build leaves the previous index serving. An unchanged corpus with unchanged
chunking and model re-embeds nothing (and does not even load the model).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock

from assistant import phrases
from assistant.chunking import CHUNKER_VERSION, chunk_sections
from assistant.errors import IndexUnavailable
from assistant.guide import Guide, corpus_hash, load_guide
from assistant.scope import guide_words
from assistant.settings import Settings
from assistant.text import neutral

if TYPE_CHECKING:
    from assistant.embeddings import Embedder

ACTIVE = "active"
STAMP = "stamp.json"
SCHEMA_VERSION = 7  # bump when what is stored (or how words are tokenised) changes
# 6: the embedding model is exported to ONNX beside the index (assistant.embeddings.ensure_onnx)
# 7: a build also holds a read snapshot of its vectors (assistant.snapshot)
CHUNKS = "chunks"
UNITS = "units"
VOCAB = "vocab"


def expected_stamp(settings: Settings, guide_version: str | None = None) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "guide_version": guide_version or corpus_hash(settings.corpus_dir),
        "embedding_model": os.path.basename(settings.embedding_model.rstrip("/")),
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "chunker_version": CHUNKER_VERSION,
    }


def stamp_key(stamp: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(stamp, sort_keys=True).encode()).hexdigest()[:12]


def unit_embed_text(heading: str, text: str) -> str:
    return neutral(f"{heading}: {text}")


def chroma_client(path: Path):
    import chromadb

    return chromadb.PersistentClient(
        path=str(path),
        settings=chromadb.Settings(anonymized_telemetry=False, allow_reset=False),
    )


@dataclass
class IndexState:
    path: Path | None
    stamp: dict[str, Any] | None


def read_active(index_dir: Path) -> IndexState:
    link = index_dir / ACTIVE
    if not link.exists():
        return IndexState(None, None)
    target = link.resolve()
    try:
        stamp = json.loads((target / STAMP).read_text())
    except (OSError, ValueError):
        return IndexState(target, None)
    return IndexState(target, stamp)


def ensure_index(
    settings: Settings, rebuild: bool = False, embedder: Embedder | None = None
) -> tuple[Path, bool]:
    """Return (path of the current build, whether it was built now).

    With ``settings.chroma_url`` the build lives on a Chroma server and its location is the
    build's name there (assistant.store).
    """
    if settings.chroma_url:
        from assistant.store import ensure_server_index

        return ensure_server_index(settings, rebuild, embedder)  # type: ignore[return-value]
    want = expected_stamp(settings)
    state = read_active(settings.index_dir)
    if not rebuild and state.stamp == want and state.path is not None:
        return state.path, False
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(settings.index_dir / ".lock")):
        state = read_active(settings.index_dir)  # another process may have built it meanwhile
        if not rebuild and state.stamp == want and state.path is not None:
            return state.path, False
        return build_index(settings, want, embedder), True


def build_index(
    settings: Settings, stamp: dict[str, Any], embedder: Embedder | None = None
) -> Path:
    from assistant.embeddings import ensure_onnx, get_embedder

    guide = load_guide(settings.corpus_dir)
    if embedder is None:
        ensure_onnx(settings)  # the fast query-time runtime; the build then embeds with it too
    index_dir = settings.index_dir
    target = index_dir / f"build-{stamp_key(stamp)}-{uuid.uuid4().hex[:8]}"
    target.mkdir(parents=True)
    embedder = embedder or get_embedder(settings)
    client = chroma_client(target)
    _fill(client, guide, settings, embedder, target)
    (target / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True))
    previous = read_active(index_dir).path
    _swap(index_dir, target)
    _clean(index_dir, keep={target, previous})
    return target


def _fill(client, guide: Guide, settings: Settings, embedder, target: Path) -> None:
    from assistant.snapshot import write_snapshot

    chunks = chunk_sections(guide.sections, settings.chunk_size, settings.chunk_overlap)
    space = {"hnsw": {"space": "cosine"}}
    collection = client.get_or_create_collection(
        CHUNKS, configuration=space, embedding_function=None
    )
    chunk_vectors = embedder.embed_documents([neutral(c.embed_text) for c in chunks])
    collection.add(
        ids=[c.id for c in chunks],
        embeddings=chunk_vectors,
        documents=[c.text for c in chunks],
        metadatas=[
            {"section_id": c.section_id, "heading": c.heading, "order": c.order} for c in chunks
        ],
    )
    units = [(s, u) for s in guide.sections for u in s.units]
    collection = client.get_or_create_collection(
        UNITS, configuration=space, embedding_function=None
    )
    unit_ids = [f"{s.id}@{u.position}" for s, u in units]
    unit_metadatas = [
        {"section_id": s.id, "position": u.position, "kind": u.kind} for s, u in units
    ]
    unit_vectors = embedder.embed_documents([unit_embed_text(s.heading, u.text) for s, u in units])
    if units:
        collection.add(
            ids=unit_ids,
            embeddings=unit_vectors,
            documents=[u.text for _, u in units],
            metadatas=unit_metadatas,
        )
    words = guide_words([f"{s.heading}\n{s.text}" for s in guide.sections])
    collection = client.get_or_create_collection(
        VOCAB, configuration=space, embedding_function=None
    )
    word_vectors = embedder.embed_documents(words)
    collection.add(ids=words, embeddings=word_vectors)
    # The same vectors, read without Chroma at query time (assistant.snapshot).
    write_snapshot(
        target, chunks, chunk_vectors, unit_ids, unit_metadatas, unit_vectors, words, word_vectors
    )


def _swap(index_dir: Path, target: Path) -> None:
    tmp_link = index_dir / f".active-{uuid.uuid4().hex[:8]}"
    os.symlink(target.name, tmp_link)
    os.replace(tmp_link, index_dir / ACTIVE)  # atomic on POSIX


def _clean(index_dir: Path, keep: set[Path | None]) -> None:
    """Remove older builds and partial ones; the previous build stays for running readers."""
    kept = {p.resolve() for p in keep if p is not None}
    for path in index_dir.glob("build-*"):
        if path.resolve() not in kept:
            shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(".active-*"):
        path.unlink(missing_ok=True)


def broken(path: Path | None, reason: str) -> IndexUnavailable:
    return IndexUnavailable(phrases.INDEX_BROKEN.format(path=path, reason=reason))
