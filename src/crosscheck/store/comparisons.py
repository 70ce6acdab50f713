"""A story's claim comparison in the database, and the ``Report`` rebuilt from it.

The columns that listings filter and sort on (label, slot, score, status, text) are real
columns; each whole record is also kept as JSON (:mod:`crosscheck.store.codec`) so the
report renderers get back exactly the records ``compare_articles`` produced.
"""
from __future__ import annotations

import json
import sqlite3
from typing import TypeVar

from crosscheck.clean import page_text
from crosscheck.judge.groups import conflict_count
from crosscheck.model import Alignment, Claim, Quote, Report, Status, Verdict
from crosscheck.store.articles import articles_by_id
from crosscheck.store.codec import from_json, to_json

T = TypeVar("T")
_TABLES = ("claims", "quotes", "alignments", "verdicts")


def save_comparison(conn: sqlite3.Connection, story_id: str, report: Report,
                    compared_at: str) -> None:
    """Replace the story's stored comparison with ``report`` and clear its flag.

    Call inside a transaction: the rows and the cleared flag must commit together.
    """
    for table in _TABLES:
        conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO claims (story_id, ord, id, article_id, status, text, data) "
        "VALUES (?,?,?,?,?,?,?)",
        [(story_id, i, c.id, c.article_id, report.statuses.get(c.id, "unique"), c.text,
          to_json(c)) for i, c in enumerate(report.claims)])
    conn.executemany(
        "INSERT INTO quotes (story_id, ord, id, article_id, text, data) VALUES (?,?,?,?,?,?)",
        [(story_id, i, q.id, q.article_id, q.text, to_json(q))
         for i, q in enumerate(report.quotes)])
    conn.executemany(
        "INSERT INTO alignments (story_id, ord, id, claim_a, claim_b, score, data) "
        "VALUES (?,?,?,?,?,?,?)",
        [(story_id, i, a.id, a.claim_a, a.claim_b, a.score, to_json(a))
         for i, a in enumerate(report.alignments)])
    conn.executemany(
        "INSERT INTO verdicts (story_id, ord, id, label, slot, claim_a, claim_b, score, reason, "
        "data) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(story_id, i, v.id, v.label, v.slot, v.claim_a, v.claim_b, v.score, v.reason,
          to_json(v)) for i, v in enumerate(report.verdicts)])
    conflicts = conflict_count(report.verdicts)  # as reports list them: one per group
    conn.execute(
        "UPDATE stories SET conflict_count = ?, claim_count = ?, compared_ids = ?, "
        "compared_at = ?, needs_compare = 0 WHERE id = ?",
        (conflicts, len(report.claims), json.dumps([a.id for a in report.articles]),
         compared_at, story_id))


def clear_compare_flag(conn: sqlite3.Connection, story_id: str) -> None:
    """For a story left with fewer than two independent articles (its originals became
    copies, or a split took them): nothing to compare, and an earlier comparison is gone."""
    delete_comparison(conn, story_id)
    conn.execute("UPDATE stories SET needs_compare = 0, conflict_count = 0, claim_count = 0, "
                 "compared_ids = NULL, compared_at = NULL WHERE id = ?", (story_id,))


def delete_comparison(conn: sqlite3.Connection, story_id: str) -> None:
    """Delete the story's stored claims, quotes, alignments and verdicts."""
    for table in _TABLES:
        conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))


def load_comparison(conn: sqlite3.Connection, story_id: str, *,
                    outline: bool = False) -> Report | None:
    """The stored comparison as a ``Report``; None when the story was never compared.

    ``outline``: what the web pages show, at a third of the cost: each claim with only its
    words, place and statement (no entities, quantities, dates or terms, which are the bulk of
    its JSON), and no alignments (the verdicts carry the claim pairs). The story page is
    rendered from a fresh load on every request, so this is most of its time."""
    row = conn.execute("SELECT compared_ids FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None or row[0] is None:
        return None
    articles = articles_by_id(conn, json.loads(row[0]))
    claims, statuses = [], {}
    for claim, status in (_outline_claims(conn, story_id) if outline
                          else _claims(conn, story_id)):
        claims.append(claim)
        statuses[claim.id] = _status(status)
    return Report(articles=tuple(articles), claims=tuple(claims),
                  alignments=() if outline else tuple(_records(conn, "alignments", Alignment,
                                                               story_id)),
                  verdicts=tuple(_records(conn, "verdicts", Verdict, story_id)),
                  statuses=statuses,
                  quotes=tuple(_records(conn, "quotes", Quote, story_id)),
                  # a pure function of the stored text: found again, not stored
                  set_aside=tuple(s for a in articles for s in page_text(a.text, a.id, a.title)))


def _claims(conn: sqlite3.Connection, story_id: str) -> list[tuple[Claim, str]]:
    return [(from_json(Claim, data), status) for status, data in conn.execute(
        "SELECT status, data FROM claims WHERE story_id = ? ORDER BY ord", (story_id,))]


def _outline_claims(conn: sqlite3.Connection, story_id: str) -> list[tuple[Claim, str]]:
    # json_extract reads the few fields in SQLite's C parser; the rest keep their defaults.
    rows = conn.execute(
        "SELECT id, article_id, json_extract(data, '$.sentence_id'), text, "
        "json_extract(data, '$.start'), json_extract(data, '$.end'), "
        "json_extract(data, '$.statement'), json_extract(data, '$.headline'), status "
        "FROM claims WHERE story_id = ? ORDER BY ord", (story_id,))
    return [(Claim(cid, article, sentence, text, start, end, statement,
                   headline=bool(headline)), status)
            for cid, article, sentence, text, start, end, statement, headline, status in rows]


def _status(value: str) -> Status:
    if value == "corroborated" or value == "contradicted" or value == "unique":
        return value
    raise ValueError(f"unknown claim status {value!r} in the database")


def _records(conn: sqlite3.Connection, table: str, cls: type[T], story_id: str) -> list[T]:
    return [from_json(cls, data) for (data,) in conn.execute(
        f"SELECT data FROM {table} WHERE story_id = ? ORDER BY ord", (story_id,))]


def top_conflicts(conn: sqlite3.Connection, limit: int = 20) -> list[tuple[str, Verdict, Claim,
                                                                          Claim]]:
    """The strongest conflicts across all stories: (story id, verdict, claim A, claim B)."""
    rows = conn.execute(
        "SELECT v.story_id, v.data, a.data, b.data FROM verdicts v "
        "JOIN stories s ON s.id = v.story_id "
        "JOIN claims a ON a.story_id = v.story_id AND a.id = v.claim_a "
        "JOIN claims b ON b.story_id = v.story_id AND b.id = v.claim_b "
        "WHERE v.label = 'conflict' "
        "ORDER BY v.score DESC, s.last_published IS NULL, s.last_published DESC, v.story_id, v.ord "
        "LIMIT ?", (limit,))
    return [(story_id, from_json(Verdict, v), from_json(Claim, a), from_json(Claim, b))
            for story_id, v, a, b in rows]
