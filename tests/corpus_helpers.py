"""Helpers for the corpus-mode tests: corpora built from ../shared/data, and a canonical dump
of a database for comparing two of them."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from crosscheck.cluster.terms import Vector

from tests.conftest import SHARED

DATA = SHARED / "data"
METER = DATA / "meter" / "cluster" / "articles.jsonl"
ECBPLUS = DATA / "ecbplus" / "articles.jsonl"
# Columns that record when or in which run something happened: they differ between a killed
# run followed by a re-run and one uninterrupted run, by design.
VOLATILE = {"run_id", "compared_at"}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        pytest.skip(f"the evaluation data is not at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def canonical_dump(db: Path | sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but ``runs``, every column but the volatile ones, rows sorted."""
    conn = sqlite3.connect(db) if isinstance(db, Path) else db
    skip_tables = {"runs"}
    skip_columns = VOLATILE
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name") if r[0] not in skip_tables]
        dump = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                       if r[1] not in skip_columns]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            dump[table] = sorted(rows, key=repr)
        dump["user_version"] = [conn.execute("PRAGMA user_version").fetchone()]
        return dump
    finally:
        if isinstance(db, Path):
            conn.close()


def event_vectors(names: list[str], count: int) -> list[Vector]:
    """``count`` unit term vectors of one event: a rehab story's words, and ``names`` (the
    people and places that tell one such event from another), each with its own detail."""
    shared = {"rehab": 1.0, "actress": 0.8, "treatment": 0.7}
    vectors = []
    for i in range(count):
        weights = {**shared, **{"@" + n: 1.2 for n in names}, f"detail{i}": 0.3}
        norm = sum(w * w for w in weights.values()) ** 0.5
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors
