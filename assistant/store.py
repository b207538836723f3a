"""Where the index lives: the embedded Chroma folder, or a shared Chroma server for scale-out.

``IndexStore`` is the small interface both implement:

- ``active()``: the location of the served build and the stamp it was built with;
- ``build(stamp, fill)``: build a new location (``fill`` gets a Chroma client to add the
  collections to) and make it the active one only once it is complete;
- ``collections(location, names)``: open a build's collections for reading.

``EmbeddedStore`` is ``settings.index_dir``: a folder per build, the ``active`` symlink swapped
atomically::

    active -> build-<stamp>-<random>     a symlink, swapped atomically by os.replace
    build-<stamp>-<random>/
        chroma.sqlite3 ...               Chroma PersistentClient data: "chunks", "units", "vocab"
        snapshot.npz, snapshot.json      the same vectors, read without Chroma (assistant.snapshot)
        stamp.json                       what built it; written last: a build without it is partial
    onnx/<model>-<key>/model.onnx        the embedding model for onnxruntime (assistant.embeddings)
    .lock                                serialises concurrent builds

A build always goes to a new folder; only a finished build is swapped in, so a crash (or
SIGKILL) mid-build leaves the previous index serving.

``ServerStore`` is used when ``settings.chroma_url`` is set: a build's collections are named
``idx-<stamp key>-<random>-<name>`` on the server, and the active pointer is the metadata of one
tiny collection, ``assistant-active`` (``{"build": ..., "stamp": ...}``), changed in one request
once a build is complete. App processes then hold no index of their own; see
docs/operations.md.

What goes into a build, and when to build, is ``assistant.index``'s; reading a build is
``assistant.snapshot``'s. This module imports neither.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from assistant import phrases
from assistant.errors import IndexUnavailable

if TYPE_CHECKING:
    from assistant.settings import Settings

ACTIVE = "active"
STAMP = "stamp.json"
CHUNKS = "chunks"
UNITS = "units"
VOCAB = "vocab"
ACTIVE_COLLECTION = "assistant-active"
BUILD_PREFIX = "idx-"


def stamp_key(stamp: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(stamp, sort_keys=True).encode()).hexdigest()[:12]


def chroma_client(path: Path) -> Any:
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
    """The index folder (a PersistentClient per build folder, the ``active`` symlink)."""

    kind = "embedded"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def active(self) -> tuple[Any, dict[str, Any] | None]:
        state = read_active(self.settings.index_dir)
        return state.path, state.stamp

    def build(self, stamp: dict[str, Any], fill: Callable[[Any, Path], None]) -> Any:
        index_dir = self.settings.index_dir
        target = index_dir / f"build-{stamp_key(stamp)}-{uuid.uuid4().hex[:8]}"
        target.mkdir(parents=True)
        fill(chroma_client(target), target)
        (target / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True))
        previous = read_active(index_dir).path
        _swap(index_dir, target)
        _clean(index_dir, keep={target, previous})
        return target

    def collections(self, location: Any, names: list[str]) -> list[Any]:
        client = chroma_client(Path(location))
        return [client.get_collection(n, embedding_function=None) for n in names]


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


__all__ = [
    "ACTIVE",
    "ACTIVE_COLLECTION",
    "CHUNKS",
    "STAMP",
    "UNITS",
    "VOCAB",
    "EmbeddedStore",
    "IndexState",
    "IndexStore",
    "ServerStore",
    "chroma_client",
    "get_store",
    "read_active",
    "server_client",
    "stamp_key",
]
