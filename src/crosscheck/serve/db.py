"""Database connections for serving: read-only SQLite, kept open and reused across requests.

Reading goes through ``file:...?mode=ro`` connections, so no request can write whatever its
SQL; the only writer is ``crosscheck run`` (or the ingest endpoint, which takes the same
writer lock). WAL mode lets pages be read while a run writes.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crosscheck.errors import StoreError
from crosscheck.store import LATEST, open_store, schema_version

_BUSY_TIMEOUT_S = 5.0
# Reads through a memory map rather than a read() call per page: a full-text search walks
# thousands of pages, a third faster mapped. Read-only, so the map is never written through.
_MMAP_BYTES = 1 << 30


def read_only(path: Path) -> sqlite3.Connection:
    # as_uri() percent-encodes the path, so "?" or "#" in a folder name cannot add URI
    # parameters; check_same_thread is off because connections are pooled and a pooled one
    # may be used by the event loop and by a worker thread in turn (never both at once).
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES:d}")
    return conn


class ReadPool:
    """Read-only connections reused across requests, and the database's change token.

    Opening a connection per request cost more than the page it served: SQLite parses the
    whole schema on a connection's first query (1-2 ms with the full-text index), and each
    fresh connection starts with an empty page cache. A kept connection stays current: in
    autocommit mode every statement reads the latest committed state (WAL), and SQLite
    re-reads its cache and schema by itself when another connection has committed.
    """

    def __init__(self, path: Path, keep: int = 8) -> None:
        self.path = path
        self.keep = keep
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._watch: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None  # (device, inode) the connections read
        self._generation = 0  # counts resets: a connection out during one is not kept

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._idle.pop() if self._idle else None
            generation = self._generation
        if conn is None:
            conn = read_only(self.path)
        try:
            yield conn
        finally:
            with self._lock:
                if generation == self._generation and len(self._idle) < self.keep:
                    self._idle.append(conn)
                    conn = None
            if conn is not None:
                conn.close()

    def token(self) -> tuple[int, int, int]:
        """A value that changes whenever the database's content may have changed.

        ``PRAGMA data_version`` on a connection that never writes changes whenever any other
        connection (this process's ingest, or another ``crosscheck run``) commits: it is
        SQLite's own change counter, read from the WAL index, so it costs microseconds. A
        database file replaced by another (a new inode) also counts, and drops the kept
        connections, which would go on reading the old file."""
        stat = os.stat(self.path)
        file = (stat.st_dev, stat.st_ino)
        with self._lock:
            if file != self._file:
                self._reset(file)
            assert self._watch is not None
            version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        return file[0], file[1], version

    def _reset(self, file: tuple[int, int] | None) -> None:
        for conn in [*self._idle, *([self._watch] if self._watch else [])]:
            conn.close()
        self._idle, self._file = [], file
        self._generation += 1
        self._watch = read_only(self.path) if file is not None else None

    def close(self) -> None:
        with self._lock:
            self._reset(None)


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
