"""Where the index lives: the embedded Chroma folder, or a shared Chroma server for scale-out.

``IndexStore`` is the small interface both implement:

- ``active()``: the location of the served build and the stamp it was built with;
- ``build(stamp, fill)``: build a new location (``fill`` gets a Chroma client to add the
  collections to) and make it the active one only once it is complete;
- ``collections(location, names)``: open a build's collections for reading.

``EmbeddedStore`` is ``settings.index_dir`` (``assistant.index``: a folder per build, the ``active``
symlink swapped atomically). ``ServerStore`` is used when ``settings.chroma_url`` is set: a build's
collections are named ``idx-<stamp key>-<random>-<name>`` on the server, and the active pointer is
the metadata of one tiny collection, ``assistant-active`` (``{"build": ..., "stamp": ...}``),
changed in one request once a build is complete. App processes then hold no index of their own;
see docs/operations.md.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from assistant import phrases
from assistant.errors import IndexUnavailable

if TYPE_CHECKING:
    from assistant.embeddings import Embedder
    from assistant.guide import Guide
    from assistant.schema import Chunk
    from assistant.settings import Settings

ACTIVE_COLLECTION = "assistant-active"
BUILD_PREFIX = "idx-"


class IndexStore(ABC):
    kind: str

    @abstractmethod
    def active(self) -> tuple[Any, dict[str, Any] | None]:
        """(location of the served build or None, the stamp it was built with or None)."""

    @abstractmethod
    def build(self, stamp: dict[str, Any], fill: Callable[[Any, Path], None]) -> Any:
        """Build a new location with `fill(client, scratch_folder)`, then make it active."""

    @abstractmethod
    def collections(self, location: Any, names: list[str]) -> list[Any]:
        """The named collections of the build at `location`, for reading."""


class EmbeddedStore(IndexStore):
    """The index folder of assistant.index (PersistentClient per build folder)."""

    kind = "embedded"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def active(self) -> tuple[Any, dict[str, Any] | None]:
        from assistant.index import read_active

        state = read_active(self.settings.index_dir)
        return state.path, state.stamp

    def build(self, stamp: dict[str, Any], fill: Callable[[Any, Path], None]) -> Any:
        from assistant.index import build_index

        return build_index(self.settings, stamp)  # fills with assistant.index._fill itself

    def collections(self, location: Any, names: list[str]) -> list[Any]:
        from assistant.index import chroma_client

        client = chroma_client(Path(location))
        return [client.get_collection(n, embedding_function=None) for n in names]


class _Prefixed:
    """A Chroma client whose collection names get a build's prefix (what _fill writes to)."""

    def __init__(self, client: Any, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    def get_or_create_collection(self, name: str, **kwargs: Any) -> Any:
        return self.client.get_or_create_collection(f"{self.prefix}{name}", **kwargs)

    def get_collection(self, name: str, **kwargs: Any) -> Any:
        return self.client.get_collection(f"{self.prefix}{name}", **kwargs)


def server_client(url: str) -> Any:
    import chromadb

    parts = urlsplit(url if "://" in url else f"http://{url}")
    ssl = parts.scheme == "https"
    return chromadb.HttpClient(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or (443 if ssl else 8000),
        ssl=ssl,
        settings=chromadb.Settings(anonymized_telemetry=False),
    )


class ServerStore(IndexStore):
    """Collections on a Chroma server (`chroma run`), shared by every app process."""

    kind = "server"

    def __init__(self, settings: Settings) -> None:
        assert settings.chroma_url, "ServerStore needs settings.chroma_url"
        self.settings = settings
        try:
            self.client = server_client(settings.chroma_url)
        except Exception as exc:  # chromadb raises ValueError, or httpx errors, when it is down
            raise unreachable(settings.chroma_url, exc) from exc

    def _pointer(self) -> Any:
        return self.client.get_or_create_collection(
            ACTIVE_COLLECTION, metadata={"build": "", "stamp": ""}, embedding_function=None
        )

    def active(self) -> tuple[Any, dict[str, Any] | None]:
        try:
            meta = self._pointer().metadata or {}
        except Exception as exc:
            raise unreachable(str(self.settings.chroma_url), exc) from exc
        build = str(meta.get("build") or "")
        if not build:
            return None, None
        try:
            stamp = json.loads(str(meta.get("stamp") or ""))
        except ValueError:
            stamp = None
        return build, stamp

    def build(self, stamp: dict[str, Any], fill: Callable[[Any, Path], None]) -> Any:
        from assistant.index import stamp_key

        build = f"{BUILD_PREFIX}{stamp_key(stamp)}-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory(prefix="assistant-build-") as scratch:
            fill(_Prefixed(self.client, f"{build}-"), Path(scratch))  # the snapshot is dropped
        previous, _ = self.active()
        self._pointer().modify(
            metadata={"build": build, "stamp": json.dumps(stamp, sort_keys=True)}
        )
        self._clean(keep={build, previous}, key=stamp_key(stamp))
        return build

    def _clean(self, keep: set[Any], key: str) -> None:
        """Drop builds of other stamps that are neither active nor the previous one (which
        running readers may still use). Builds of this stamp may be in progress elsewhere."""
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if not name.startswith(BUILD_PREFIX) or name.startswith(f"{BUILD_PREFIX}{key}-"):
                continue
            build = name.rsplit("-", 1)[0]
            if build not in keep:
                self.client.delete_collection(name)

    def collections(self, location: Any, names: list[str]) -> list[Any]:
        client = _Prefixed(self.client, f"{location}-")
        return [client.get_collection(n, embedding_function=None) for n in names]


def unreachable(url: str, exc: Exception) -> IndexUnavailable:
    return IndexUnavailable(phrases.CHROMA_UNREACHABLE.format(url=url, reason=exc))


def get_store(settings: Settings) -> IndexStore:
    return ServerStore(settings) if settings.chroma_url else EmbeddedStore(settings)


def ensure_server_index(
    settings: Settings, rebuild: bool = False, embedder: Embedder | None = None
) -> tuple[str, bool]:
    """ensure_index for a Chroma server: (the active build's name, whether it was built now)."""
    from filelock import FileLock

    from assistant.embeddings import ensure_onnx, get_embedder
    from assistant.guide import load_guide
    from assistant.index import _fill, expected_stamp

    store = ServerStore(settings)
    want = expected_stamp(settings)
    build, stamp = store.active()
    if not rebuild and build and stamp == want:
        return build, False
    settings.index_dir.mkdir(parents=True, exist_ok=True)  # the lock and the local ONNX model
    with FileLock(str(settings.index_dir / ".lock")):  # serialises this host's builders
        build, stamp = store.active()
        if not rebuild and build and stamp == want:
            return build, False
        guide = load_guide(settings.corpus_dir)
        if embedder is None:
            ensure_onnx(settings)
        model = embedder or get_embedder(settings)
        return store.build(
            want, lambda client, scratch: _fill(client, guide, settings, model, scratch)
        ), True


def server_collections(
    location: Any, settings: Settings, guide: Guide
) -> tuple[list[Chunk], Any, Any, Any]:
    """(chunks, chunks collection, units, vocab) of a build on the Chroma server, like
    assistant.snapshot.open_collections."""
    from assistant.chunking import chunk_sections
    from assistant.index import CHUNKS, UNITS, VOCAB

    chunks = chunk_sections(guide.sections, settings.chunk_size, settings.chunk_overlap)
    collection, units, vocab = ServerStore(settings).collections(location, [CHUNKS, UNITS, VOCAB])
    return (
        chunks,
        collection,
        units.get(include=["embeddings", "metadatas"]),
        vocab.get(include=["embeddings"]),
    )


__all__ = [
    "ACTIVE_COLLECTION",
    "EmbeddedStore",
    "IndexStore",
    "ServerStore",
    "ensure_server_index",
    "get_store",
    "server_client",
    "server_collections",
]
