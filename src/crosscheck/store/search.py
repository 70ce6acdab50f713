"""Finding stories and articles: full-text search (FTS5, migration 3) and the filters of the
web UI's story list (has conflicts, source, date range), with paging.

Every value reaches SQLite as a bound parameter; the user's search words are turned into an
FTS5 expression of quoted terms, so FTS5 operators and syntax in the input are only words.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from crosscheck.store.stories import _COLUMNS, _ORDER, SortKey, StorySummary, _summary

_TERM = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16  # longer queries are cut: each term is one more index look-up
# Marks around the matched words of a snippet: private-use characters that article text never
# needs, so a renderer can escape the snippet first and highlight the marked runs after.
MARK_START, MARK_END = "\ue000", "\ue001"


def fts_query(text: str) -> str | None:
    """An FTS5 expression matching articles that contain every word of ``text`` (the last
    as a prefix, for search-as-you-type); None when ``text`` has no word at all."""
    terms = _TERM.findall(text)[:MAX_TERMS]
    if not terms:
        return None
    quoted = [f'"{term}"' for term in terms]  # \w+ holds no quote: nothing to escape
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What the story list shows; dates are ``YYYY-MM-DD`` and compare with the day of the
    stories' first and last publication (a story overlapping the range is kept)."""

    search: str | None = None
    conflicts_only: bool = False
    source: str | None = None
    since: str | None = None
    until: str | None = None
    sort: SortKey = "time"


def _where(spec: StoryFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    match = fts_query(spec.search) if spec.search else None
    if match is not None:
        clauses.append("id IN (SELECT a.story_id FROM articles_fts f JOIN articles a "
                       "ON a.seq = f.rowid WHERE articles_fts MATCH ?)")
        params.append(match)
    if spec.conflicts_only:
        clauses.append("conflict_count > 0")
    if spec.source:
        clauses.append("EXISTS (SELECT 1 FROM articles a WHERE a.story_id = stories.id "
                       "AND a.source = ?)")
        params.append(spec.source)
    if spec.since:
        clauses.append("substr(last_published, 1, 10) >= ?")
        params.append(spec.since)
    if spec.until:
        clauses.append("substr(first_published, 1, 10) <= ?")
        params.append(spec.until)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def find_stories(conn: sqlite3.Connection, spec: StoryFilter, limit: int,
                 offset: int = 0) -> tuple[int, list[StorySummary]]:
    """(how many stories match in all, the page of them from ``offset``)."""
    where, params = _where(spec)
    if spec.search and fts_query(spec.search):
        # A search can match thousands of articles: match once, then count and page the
        # stories found (a separate count ran the full-text match twice, 40% more time).
        rows = conn.execute(f"WITH found AS MATERIALIZED (SELECT * FROM stories{where}) "
                            f"SELECT {_COLUMNS}, (SELECT COUNT(*) FROM found) FROM found "
                            f"ORDER BY {_ORDER[spec.sort]} LIMIT ? OFFSET ?",
                            [*params, limit, offset]).fetchall()
        if rows or offset == 0:
            return (int(rows[0][-1]) if rows else 0), [_summary(row[:-1]) for row in rows]
    total = int(conn.execute(f"SELECT COUNT(*) FROM stories{where}", params).fetchone()[0])
    rows = conn.execute(f"SELECT {_COLUMNS} FROM stories{where} ORDER BY {_ORDER[spec.sort]} "
                        "LIMIT ? OFFSET ?", [*params, limit, offset])
    return total, [_summary(row) for row in rows]


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: str
    story_id: str
    title: str | None
    source: str
    published: str | None
    snippet: str  # matched words between MARK_START and MARK_END


def search_articles(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[ArticleHit]:
    """The articles best matching ``text`` (FTS5 rank), each with a snippet of its text."""
    match = fts_query(text)
    if match is None:
        return []
    rows = conn.execute(
        "SELECT a.id, a.story_id, a.title, a.source, a.published, "
        "snippet(articles_fts, -1, ?, ?, '…', 16) FROM articles_fts f "
        "JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? "
        "ORDER BY f.rank, a.seq LIMIT ?", (MARK_START, MARK_END, match, limit))
    return [ArticleHit(str(i), str(s), t, str(src), p, str(snip))
            for i, s, t, src, p, snip in rows]


def article_row(conn: sqlite3.Connection, article_id: str) -> tuple[str, str | None] | None:
    """(story id, id of the original it copies) of a stored article; None if not stored."""
    row = conn.execute("SELECT story_id, duplicate_of FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    return None if row is None else (str(row[0]), None if row[1] is None else str(row[1]))
