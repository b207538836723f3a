"""A read snapshot of a build's vectors, for answering without importing Chroma.

The guide is small (a few hundred chunks, units and words), so an exact cosine search over all
chunk vectors with numpy takes microseconds, where importing chromadb alone takes seconds and
each Chroma query milliseconds. A build writes, next to its Chroma data and before its
``stamp.json``::

    snapshot.npz     chunk / unit / vocab vectors (float32, L2-normalised) and their ids
    snapshot.json    the chunks (id, section, heading, text, order) and the units' metadata

so the snapshot is as current as the build it sits in (a build without ``stamp.json`` is never
served). ``open_collections`` returns objects with the small part of the Chroma collection API
the Retriever uses (``query``, ``get``, ``count``), from the snapshot when the build has one and
the store is the embedded one, and from the store's Chroma collections otherwise
(``assistant.store``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.chunking import chunk_sections
from assistant.schema import Chunk
from assistant.store import CHUNKS, UNITS, VOCAB, EmbeddedStore, IndexStore, ServerStore

if TYPE_CHECKING:
    from assistant.guide import Guide
    from assistant.settings import Settings

VECTORS = "snapshot.npz"
RECORDS = "snapshot.json"
CHROMA_DB = "chroma.sqlite3"
SQLITE_MAGIC = b"SQLite format 3\x00"


def write_snapshot(
    target: Path,
    chunks: list[Chunk],
    chunk_vectors: np.ndarray,
    unit_ids: list[str],
    unit_metadatas: list[dict[str, Any]],
    unit_vectors: np.ndarray,
    words: list[str],
    word_vectors: np.ndarray,
) -> None:
    np.savez(
        target / VECTORS,
        chunks=np.asarray(chunk_vectors, dtype=np.float32),
        units=np.asarray(unit_vectors, dtype=np.float32),
        vocab=np.asarray(word_vectors, dtype=np.float32),
    )
    records = {
        "chunks": [
            {
                "id": c.id,
                "section_id": c.section_id,
                "heading": c.heading,
                "text": c.text,
                "order": c.order,
            }
            for c in chunks
        ],
        "units": {"ids": unit_ids, "metadatas": unit_metadatas},
        "vocab": {"ids": words},
    }
    (target / RECORDS).write_text(json.dumps(records, ensure_ascii=False))


class SnapshotCollection:
    """One collection of the snapshot, answering like a Chroma collection (cosine space)."""

    def __init__(
        self,
        ids: list[str],
        vectors: np.ndarray,
        metadatas: list[dict[str, Any]] | None = None,
        documents: list[str] | None = None,
    ) -> None:
        self.ids = ids
        self.vectors = vectors
        self.metadatas = metadatas
        self.documents = documents

    def count(self) -> int:
        return len(self.ids)

    def get(self, include: list[str] | None = None) -> dict[str, Any]:
        include = include or ["metadatas", "documents"]
        out: dict[str, Any] = {"ids": list(self.ids)}
        if "embeddings" in include:
            out["embeddings"] = self.vectors
        if "metadatas" in include:
            out["metadatas"] = self.metadatas
        if "documents" in include:
            out["documents"] = self.documents
        return out

    def query(self, query_embeddings: Any, n_results: int = 10) -> dict[str, Any]:
        """Exact nearest neighbours by cosine distance (1 - cosine), nearest first."""
        queries = np.asarray(query_embeddings, dtype=np.float32).reshape(-1, self.vectors.shape[1])
        sims = queries @ self.vectors.T
        k = min(n_results, len(self.ids))
        ids, distances = [], []
        for row in sims:
            top = np.argsort(-row, kind="stable")[:k]
            ids.append([self.ids[i] for i in top])
            distances.append([float(1.0 - row[i]) for i in top])
        return {"ids": ids, "distances": distances}


def has_snapshot(path: Path) -> bool:
    return (path / VECTORS).is_file() and (path / RECORDS).is_file()


def open_collections(
    path: Path, settings: Settings, guide: Guide
) -> tuple[list[Chunk], Any, Any, Any]:
    """(chunks, chunks collection, units, vocab) of the build at `path`; the units and vocab are
    what ``collection.get(include=["embeddings", ...])`` returns."""
    if getattr(settings, "chroma_url", None):  # the build is on a Chroma server
        return _from_chroma(ServerStore(settings), path, settings, guide)
    if has_snapshot(path):
        # The snapshot serves alone, but a build whose Chroma store is damaged is still broken
        # (it is rebuilt): a cheap look at the database's header, not an import of Chroma.
        with open(path / CHROMA_DB, "rb") as db:
            if db.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise ValueError(f"{CHROMA_DB} is not an SQLite database")
        records = json.loads((path / RECORDS).read_text())
        with np.load(path / VECTORS) as vectors:
            chunk_vectors, unit_vectors, word_vectors = (
                vectors["chunks"],
                vectors["units"],
                vectors["vocab"],
            )
        chunks = [Chunk(**c) for c in records["chunks"]]
        collection = SnapshotCollection(
            [c.id for c in chunks], chunk_vectors, documents=[c.text for c in chunks]
        )
        units = {
            "ids": records["units"]["ids"],
            "metadatas": records["units"]["metadatas"],
            "embeddings": unit_vectors,
        }
        vocab = {"ids": records["vocab"]["ids"], "embeddings": word_vectors}
        return chunks, collection, units, vocab
    return _from_chroma(EmbeddedStore(settings), path, settings, guide)


def _from_chroma(
    store: IndexStore, location: Any, settings: Settings, guide: Guide
) -> tuple[list[Chunk], Any, Any, Any]:
    """What ``open_collections`` returns, read from the store's Chroma collections."""
    chunks = chunk_sections(
        guide.sections, settings.chunking.chunk_size, settings.chunking.chunk_overlap
    )
    collection, units, vocab = store.collections(location, [CHUNKS, UNITS, VOCAB])
    return (
        chunks,
        collection,
        units.get(include=["embeddings", "metadatas"]),
        vocab.get(include=["embeddings"]),
    )
