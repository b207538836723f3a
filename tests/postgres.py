"""A real PostgreSQL server for the tests: Debian's postgresql 15, started in a temporary folder on
a free loopback port by initdb and pg_ctl, and stopped at the end.

PostgreSQL refuses to run as root; under root (CI, this machine) initdb and pg_ctl run as the
``postgres`` user the Debian package creates, through ``runuser``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import free_port

PG_BIN = Path(os.environ.get("ASSISTANT_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
USER = "assistant"


def _run(command: list[str], as_user: list[str]) -> None:
    done = subprocess.run(as_user + command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server; yields the SQLAlchemy URL of its `postgres` database."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL is not installed ({PG_BIN}/initdb); `make postgresql`")
    folder = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()
    pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data)]
    _run(
        [str(PG_BIN / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8",
         "--locale=C"],
        as_user,
    )  # fmt: skip
    # -F: no fsync (a test server), the socket in our folder, TCP only on loopback.
    options = f"-F -h 127.0.0.1 -p {port} -k {folder}"
    _run(
        [*pg_ctl, "-o", options, "-l", str(folder / "server.log"), "-w", "-t", "60", "start"],
        as_user,
    )
    try:
        yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_user + [*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A fresh, empty database on the server; its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"
