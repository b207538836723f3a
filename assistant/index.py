"""Ingest: guide → sections → chunks, units and vocabulary → embedded into a stamped build.

``ensure_index`` builds only when the stamp (guide hash, model, chunking, schema) differs from the
active build's, so an unchanged corpus re-embeds nothing (and does not even load the model).
Where a build lives and how it is swapped in atomically (an index folder, or a Chroma server) is
``assistant.store``'s; the read snapshot written beside the Chroma data is ``assistant.snapshot``'s.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock

from assistant import phrases
from assistant.chunking import CHUNKER_VERSION, chunk_sections
from assistant.errors import IndexUnavailable
from assistant.glossary import glossed
from assistant.guide import Guide, corpus_hash, load_guide
from assistant.settings import Settings
from assistant.snapshot import write_snapshot
from assistant.store import (
    ACTIVE,
    CHUNKS,
    STAMP,
    UNITS,
    VOCAB,
    IndexState,
    IndexStore,
    chroma_client,
    get_store,
    read_active,
    stamp_key,
)
from assistant.text import neutral
from assistant.vocabulary import guide_words

if TYPE_CHECKING:
    from assistant.embeddings import Embedder

SCHEMA_VERSION = 7  # bump when what is stored (or how words are tokenised) changes
# 6: the embedding model is exported to ONNX beside the index (assistant.embeddings.ensure_onnx)
# 7: a build also holds a read snapshot of its vectors (assistant.snapshot)


def expected_stamp(settings: Settings, guide_version: str | None = None) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "guide_version": guide_version or corpus_hash(settings.corpus_dir),
        "embedding_model": os.path.basename(settings.embedding_model.rstrip("/")),
        "chunk_size": settings.chunking.chunk_size,
        "chunk_overlap": settings.chunking.chunk_overlap,
        "chunker_version": CHUNKER_VERSION,
    }


def unit_embed_text(heading: str, text: str) -> str:
    return neutral(f"{heading}: {text}")


def ensure_index(
    settings: Settings, rebuild: bool = False, embedder: Embedder | None = None
) -> tuple[Path, bool]:
    """Return (location of the current build, whether it was built now).

    The location is a folder, or with ``settings.chroma_url`` the build's name on the Chroma
    server (assistant.store).
    """
    store = get_store(settings)
    want = expected_stamp(settings)
    location, stamp = store.active()
    if not rebuild and location is not None and stamp == want:
        return location, False
    settings.index_dir.mkdir(parents=True, exist_ok=True)  # the lock and the local ONNX model
    with FileLock(str(settings.index_dir / ".lock")):  # serialises this host's builders
        location, stamp = store.active()  # another process may have built it meanwhile
        if not rebuild and location is not None and stamp == want:
            return location, False
        return build_index(settings, want, embedder, store), True


def build_index(
    settings: Settings,
    stamp: dict[str, Any],
    embedder: Embedder | None = None,
    store: IndexStore | None = None,
) -> Path:
    from assistant.embeddings import ensure_onnx, get_embedder

    guide = load_guide(settings.corpus_dir)
    if embedder is None:
        ensure_onnx(settings)  # the fast query-time runtime; the build then embeds with it too
    model = embedder or get_embedder(settings)
    store = store or get_store(settings)
    return store.build(stamp, lambda client, folder: _fill(client, guide, settings, model, folder))


def _fill(client, guide: Guide, settings: Settings, embedder, target: Path) -> None:
    chunks = chunk_sections(
        guide.sections, settings.chunking.chunk_size, settings.chunking.chunk_overlap
    )
    space = {"hnsw": {"space": "cosine"}}
    collection = client.get_or_create_collection(
        CHUNKS, configuration=space, embedding_function=None
    )
    chunk_vectors = embedder.embed_documents(  # a short form with its meaning (glossary.py)
        [neutral(glossed(c.embed_text, guide.glossary)) for c in chunks]
    )
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
    unit_vectors = embedder.embed_documents(
        [unit_embed_text(s.heading, glossed(u.text, guide.glossary)) for s, u in units]
    )
    if units:
        collection.add(
            ids=unit_ids,
            embeddings=unit_vectors,
            documents=[u.text for _, u in units],
            metadatas=unit_metadatas,
        )
    words = guide_words(
        [f"{s.heading}\n{s.text}" for s in guide.sections] + [*guide.glossary.values()]
    )
    collection = client.get_or_create_collection(
        VOCAB, configuration=space, embedding_function=None
    )
    word_vectors = embedder.embed_documents(words)
    collection.add(ids=words, embeddings=word_vectors)
    # The same vectors, read without Chroma at query time (assistant.snapshot).
    write_snapshot(
        target, chunks, chunk_vectors, unit_ids, unit_metadatas, unit_vectors, words, word_vectors
    )


def broken(path: Path | None, reason: str) -> IndexUnavailable:
    return IndexUnavailable(phrases.INDEX_BROKEN.format(path=path, reason=reason))


__all__ = [
    # What a build is, and building it.
    "SCHEMA_VERSION",
    "broken",
    "build_index",
    "ensure_index",
    "expected_stamp",
    "unit_embed_text",
    # The store's layout, named here too since ingest is where one looks for it.
    "ACTIVE",
    "CHUNKS",
    "STAMP",
    "UNITS",
    "VOCAB",
    "IndexState",
    "chroma_client",
    "read_active",
    "stamp_key",
]
