"""Database connections for serving: read-only SQLite, one per request.

Reading goes through ``file:...?mode=ro`` connections, so no request can write whatever its
SQL; the only writer is ``crosscheck run`` (or the ingest endpoint, which takes the same
writer lock). WAL mode lets pages be read while a run writes.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from crosscheck.errors import StoreError
from crosscheck.store import LATEST, open_store, schema_version

_BUSY_TIMEOUT_S = 5.0


def read_only(path: Path) -> sqlite3.Connection:
    # as_uri() percent-encodes the path, so "?" or "#" in a folder name cannot add URI
    # parameters; check_same_thread is off because the threadpool may close it elsewhere.
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


def prepare(path: Path) -> int | None:
    """Check the database before serving; upgrade an older schema (the full-text index of
    migration 3) once, as every crosscheck command does on opening. Returns the version it
    upgraded from, or None when nothing changed."""
    if not path.is_file():
        raise StoreError(f"no database at {path}: create it with "
                         f"`crosscheck run INPUT... --db {path}`")
    conn = read_only(path)
    try:
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a crosscheck database ({exc})") from exc
    finally:
        conn.close()
    if version == LATEST:
        return None
    open_store(path, create=False).close()  # migrates, or says the file is too new
    return version
