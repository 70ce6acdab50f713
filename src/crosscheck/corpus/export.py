"""``crosscheck export``: articles, stories or verdicts of a corpus as JSON Lines or CSV.

Rows are streamed from the database in a fixed order (articles by insertion, stories by
creation, verdicts by story then report order), so the same database exports the same bytes.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from typing import Any, Literal, TextIO

from crosscheck.errors import ConfigError

What = Literal["articles", "stories", "verdicts"]
WHATS: tuple[What, ...] = ("articles", "stories", "verdicts")
FORMATS = ("jsonl", "csv")

_QUERIES: dict[What, str] = {
    "articles": (
        "SELECT id, external_id, title, source, published, url, author, origin, "
        "story_id AS story, duplicate_of, text FROM articles ORDER BY seq"),
    "stories": (
        "SELECT id, title, article_count AS articles, copy_count AS copies, "
        "source_count AS sources, conflict_count AS conflicts, claim_count AS claims, "
        "first_published, last_published, needs_compare, compared_at "
        "FROM stories ORDER BY first_seq"),
    "verdicts": (
        "SELECT v.story_id AS story, v.id, v.label, v.slot, v.score, v.reason, "
        "v.claim_a, v.claim_b, a.article_id AS article_a, b.article_id AS article_b, "
        "a.text AS text_a, b.text AS text_b, v.data "
        "FROM verdicts v JOIN stories s ON s.id = v.story_id "
        "JOIN claims a ON a.story_id = v.story_id AND a.id = v.claim_a "
        "JOIN claims b ON b.story_id = v.story_id AND b.id = v.claim_b "
        "ORDER BY s.first_seq, v.ord"),
}


def _rows(conn: sqlite3.Connection, what: What) -> tuple[list[str], Iterator[dict[str, Any]]]:
    cursor = conn.execute(_QUERIES[what])
    names = [d[0] for d in cursor.description]
    if what == "verdicts":  # the differences, from the stored record, instead of the raw JSON
        names = names[:-1] + ["differences"]

    def rows() -> Iterator[dict[str, Any]]:
        for values in cursor:
            row = dict(zip(names, values))
            if what == "verdicts":
                row["differences"] = json.loads(values[-1])["differences"]
            elif what == "stories":
                row["needs_compare"] = bool(row["needs_compare"])
            yield row

    return names, rows()


def export(conn: sqlite3.Connection, out: TextIO, what: What = "articles",
           fmt: str = "jsonl") -> int:
    """Write every row of ``what`` to ``out``; return how many were written."""
    names, rows = _rows(conn, what)
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            if "differences" in row:  # a nested list: one JSON cell
                row["differences"] = json.dumps(row["differences"], ensure_ascii=False)
            writer.writerow(row)
            count += 1
    else:
        raise ConfigError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return count
