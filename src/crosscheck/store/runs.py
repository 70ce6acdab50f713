"""Runs, rejected inputs, the clusterer's saved state and small settings (``meta``)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone

from crosscheck.cluster import StateRow
from crosscheck.model import Rejected


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(conn: sqlite3.Connection, inputs: Sequence[str]) -> int:
    """Record a new run; any run still marked running was killed (the caller holds the
    writer lock, so no other run can be alive) and is marked interrupted."""
    conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    cursor = conn.execute("INSERT INTO runs (started, inputs) VALUES (?, ?)",
                          (utc_now(), json.dumps(list(inputs), ensure_ascii=False)))
    return int(cursor.lastrowid or 0)


def finish_run(conn: sqlite3.Connection, run_id: int, counts: Mapping[str, float],
               status: str = "done") -> None:
    conn.execute("UPDATE runs SET finished = ?, counts = ?, status = ? WHERE id = ?",
                 (utc_now(), json.dumps(dict(counts)), status, run_id))


def record_rejected(conn: sqlite3.Connection, run_id: int, rejected: Iterable[Rejected]) -> None:
    """Store each rejected input once: re-running on the same bad input adds no row."""
    conn.executemany("INSERT OR IGNORE INTO rejected (run_id, location, reason) VALUES (?,?,?)",
                     [(run_id, r.location, r.reason) for r in rejected])


def load_cluster_state(conn: sqlite3.Connection) -> list[StateRow]:
    return [(str(k), str(key), str(v)) for k, key, v in conn.execute(
        "SELECT kind, key, value FROM cluster_state ORDER BY kind, key")]


def save_cluster_state(conn: sqlite3.Connection, rows: Iterable[StateRow]) -> None:
    """Upsert the rows; a row whose value is None (a story merged into another) is deleted."""
    rows = list(rows)
    conn.executemany("DELETE FROM cluster_state WHERE kind = ? AND key = ?",
                     [(kind, key) for kind, key, value in rows if value is None])
    conn.executemany("INSERT INTO cluster_state (kind, key, value) VALUES (?,?,?) "
                     "ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value",
                     [row for row in rows if row[2] is not None])


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
