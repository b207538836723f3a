"""The one database of the assistant: feedback and the question log, on SQLite or PostgreSQL.

``Database(url)`` opens it lazily and migrates it to the newest schema (Alembic, the scripts in
``migrations/``) on first use, once per process. By default the database is the SQLite file
``<data_dir>/<feedback_db>`` in WAL mode (readers never block the writer, and every committed row
survives a killed process); ``ASSISTANT_DATABASE_URL=postgresql+psycopg://user@host/db`` moves it
to a PostgreSQL server that several replicas share.

Errors never carry the statement's parameters (``hide_parameters``): a logged database error
must not repeat a visitor's question. SQLite connections are opened per use (NullPool), as the
store did before SQLAlchemy: nothing stays open between requests, so the -wal file is folded back
when the last user closes. For PostgreSQL the engine keeps a small pool, checked before use so a
restarted server is survived.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:
    from assistant.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Key of the PostgreSQL advisory lock held while migrating: replicas that start together
#: migrate one after the other instead of racing to create the same tables.
_MIGRATION_LOCK = 0x61737374  # "asst"
#: Alembic's migration context is module-global: one migration at a time in a process.
_MIGRATING = threading.Lock()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path)}"


def database_url(settings: Settings) -> str:
    """The configured database: ASSISTANT_DATABASE_URL, else the SQLite file in the data folder."""
    if settings.database_url:
        return settings.database_url.get_secret_value()
    return sqlite_url(settings.data_dir / settings.feedback_db)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Database:
    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(database_url(settings))

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def engine(self) -> Engine:
        """The engine, with the schema migrated to the newest revision (first use only)."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    engine = self._create()
                    migrate(engine)
                    self._engine = engine
        return self._engine

    def _create(self) -> Engine:
        if self.is_sqlite:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                self.url, poolclass=NullPool, connect_args={"timeout": 10}, hide_parameters=True
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(
            self.url, pool_size=5, max_overflow=5, pool_pre_ping=True, hide_parameters=True
        )

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def __repr__(self) -> str:
        return f"Database({self.url.render_as_string(hide_password=True)!r})"


def migrate(engine: Engine, attempts: int = 5) -> None:
    """Bring the schema to the newest revision. On PostgreSQL an advisory lock makes concurrent
    starters wait for each other; SQLite has no such lock, so a starter that lost the race (its
    CREATE TABLE met the other's table) tries again and then finds the schema current."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    for attempt in range(attempts):
        try:
            with _MIGRATING, engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    lock = text("SELECT pg_advisory_xact_lock(:k)")
                    connection.execute(lock, {"k": _MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            return
        except DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


__all__ = ["MIGRATIONS", "Database", "database_url", "migrate", "sqlite_url"]
