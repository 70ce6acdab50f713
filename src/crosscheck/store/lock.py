"""One writer per database: an advisory lock held for the whole of a ``crosscheck run``.

SQLite already serialises single transactions, but a run keeps state in memory between its
batches (the near-duplicate index, the clusterer), so a second run writing in between would
make that state stale. The lock is ``flock`` on ``<db>.lock``: the kernel releases it when the
process dies, even by SIGKILL, so a crashed run never leaves a stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crosscheck.errors import StoreBusyError, StoreError
from crosscheck.store.connection import MEMORY


@contextmanager
def writer_lock(db_path: str | Path) -> Iterator[None]:
    """Hold the database's writer lock; raise :class:`StoreBusyError` if another process has it."""
    if str(db_path) == MEMORY:
        yield
        return
    lock_path = Path(f"{db_path}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the lock file {lock_path} ({exc.strerror}): check that "
                         f"the database's folder is writable, or give another --db path") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusyError(f"another crosscheck run is writing to {db_path}: wait for it "
                                 f"to finish, or use another --db path") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
