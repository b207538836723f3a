"""Alembic's environment: migrations run on the connection the store hands over
(``assistant.db.Database.migrate``), or, from the ``alembic`` command line, on the database the
settings name (``ASSISTANT_DATABASE_URL``, else the SQLite file in the data folder)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from assistant.db.models import metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from assistant.db import Database
        from assistant.settings import Settings

        with Database.from_settings(Settings()).engine.begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection: Connection) -> None:
    # render_as_batch: SQLite alters a table by copying it, which batch mode does for us.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
