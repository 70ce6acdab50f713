"""Opening the corpus database: SQLite in WAL mode with foreign keys, migrated to the latest
schema, and explicit transactions.

Connections are in autocommit mode and every write goes through :func:`transaction`
(``BEGIN IMMEDIATE``): the write lock is taken up front, so a transaction never fails half way
because another connection started writing, and each batch commits as one unit.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crosscheck.errors import StoreError
from crosscheck.store.migrations import migrate

MEMORY = ":memory:"
DEFAULT_PATH = "crosscheck.db"
_BUSY_TIMEOUT_MS = 10_000


def open_store(path: str | Path = DEFAULT_PATH, *, create: bool = True) -> sqlite3.Connection:
    """Open (or, with ``create``, make) the database at ``path`` and migrate it.

    ``":memory:"`` gives a private in-memory database (tests). Raises :class:`StoreError`
    with what to do when the file cannot be opened, is not a database, or is too new.
    """
    where = str(path)
    if where != MEMORY:
        _check_path(Path(where), create)
    try:
        conn = sqlite3.connect(where, isolation_level=None, check_same_thread=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database {where} ({exc}): check that its folder "
                         f"exists and is writable, or give another --db path") from exc
    try:
        _configure(conn, where)
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(_database_problem(where, exc)) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _check_path(path: Path, create: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a directory: give the database file's path, "
                         f"e.g. {path / DEFAULT_PATH}")
    if not path.exists() and not create:
        raise StoreError(f"no database at {path}: create it with "
                         f"`crosscheck run INPUT... --db {path}`")
    if not path.exists() and not path.parent.is_dir():
        raise StoreError(f"cannot create the database {path}: the folder {path.parent} "
                         f"does not exist; create it or give another --db path")


def _configure(conn: sqlite3.Connection, where: str) -> None:
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS:d}")
    conn.execute("PRAGMA foreign_keys = ON")
    if where != MEMORY:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"cannot use write-ahead logging for {where} (journal mode "
                             f"{mode}): put the database on a local file system")
        # NORMAL is durable across process crashes in WAL mode (only an OS crash or power
        # loss can lose the last commits, never corrupt the file); FULL would fsync every batch.
        conn.execute("PRAGMA synchronous = NORMAL")


def _database_problem(where: str, exc: sqlite3.DatabaseError) -> str:
    message = str(exc)
    if "not a database" in message:
        return f"{where} is not a crosscheck database ({message}): give another --db path"
    if "readonly" in message or "read-only" in message:
        return (f"cannot write to the database {where} ({message}): check the permissions "
                f"of the file and its folder, or give another --db path")
    if "unable to open" in message:
        return (f"cannot open the database {where} ({message}): check that its folder exists "
                f"and is writable, or give another --db path")
    return f"database error in {where}: {message}"


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        # Inside the try: a deferred foreign key fails at COMMIT, which leaves the
        # transaction open; it must be rolled back like any other failure.
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
