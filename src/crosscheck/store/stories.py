"""Stories in the corpus database: their summary rows, listing, filtering and lookup by id
(an id merged away since leads to the live story: :mod:`crosscheck.store.moves`)."""
from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from crosscheck.errors import StoryNotFoundError
from crosscheck.store.comparisons import delete_comparison
from crosscheck.store.moves import StoryMove, follow_moves

SortKey = Literal["articles", "sources", "conflicts", "time", "title"]
SORT_KEYS: tuple[SortKey, ...] = ("articles", "sources", "conflicts", "time", "title")
_ORDER: dict[SortKey, str] = {
    # Every ordering ends on first_seq so that ties come out the same way every time.
    "articles": "article_count DESC, source_count DESC, first_seq",
    "sources": "source_count DESC, article_count DESC, first_seq",
    "conflicts": "conflict_count DESC, article_count DESC, first_seq",
    "time": "last_published IS NULL, last_published DESC, first_seq DESC",
    "title": "title IS NULL, title COLLATE NOCASE, first_seq",
}
STORY_PREFIX = "story_"
_COLUMNS = ("id, title, article_count, copy_count, source_count, conflict_count, claim_count, "
            "first_published, last_published, needs_compare, compared_at")


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    title: str | None
    articles: int  # copies included
    copies: int
    sources: int
    conflicts: int
    claims: int
    first_published: str | None
    last_published: str | None
    needs_compare: bool
    compared_at: str | None

    @property
    def independent(self) -> int:
        return self.articles - self.copies


@dataclass(frozen=True, slots=True)
class StoryQuery:
    sort: SortKey = "articles"
    min_articles: int = 0
    min_sources: int = 0
    search: str | None = None
    limit: int | None = None


def refresh_stories(conn: sqlite3.Connection, story_ids: Collection[str],
                    gained_independent: Collection[str], since_seq: int,
                    recount: Collection[str] = (), must_compare: Collection[str] = ()) -> set[str]:
    """Bring the summary rows of ``story_ids`` up to date after a batch of articles (those
    with ``seq >= since_seq``) was inserted; return the stories that are new.

    An existing story's counts grow by the batch's rows and its dates and title come from
    index look-ups, so a batch costs the same in a story of ten articles or of ten thousand.
    Stories in ``recount`` (whose copies were re-pointed) are counted again in full.

    A story in ``gained_independent`` that now has two or more independent articles is
    flagged for comparison, in the caller's transaction, so a crash between assigning an
    article and comparing its story leaves the flag set for the next run. Stories in
    ``must_compare`` (split or merged ones) are flagged whatever their size: one left with a
    single independent article must lose its old comparison. A story left with no articles
    (merged into another) is deleted with its comparison.
    """
    created: set[str] = set()
    for story_id in sorted(story_ids):
        # Only a move (split or merge) can empty a story: the others just gained articles.
        if story_id in must_compare and _scalar(
                conn, "SELECT NOT EXISTS (SELECT 1 FROM articles WHERE story_id = ?)", story_id):
            delete_comparison(conn, story_id)
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            continue
        old = conn.execute("SELECT article_count, copy_count, source_count FROM stories "
                           "WHERE id = ?", (story_id,)).fetchone()
        if old is None or story_id in recount:
            count, copies, sources = conn.execute(
                "SELECT COUNT(*), COUNT(duplicate_of), COUNT(DISTINCT source) FROM articles "
                "WHERE story_id = ?", (story_id,)).fetchone()
        else:
            added, added_copies = conn.execute(
                "SELECT COUNT(*), COUNT(duplicate_of) FROM articles "
                "WHERE story_id = ? AND seq >= ?", (story_id, since_seq)).fetchone()
            new_sources = conn.execute(
                "SELECT COUNT(DISTINCT source) FROM articles a WHERE story_id = ? AND seq >= ? "
                "AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.story_id = a.story_id "
                "AND b.source = a.source AND b.seq < ?)",
                (story_id, since_seq, since_seq)).fetchone()[0]
            count, copies, sources = old[0] + added, old[1] + added_copies, old[2] + new_sources
        if old is None:
            created.add(story_id)
        flag = int(story_id in gained_independent and count - copies >= 2
                   or story_id in must_compare)
        conn.execute(
            "INSERT INTO stories (id, title, first_published, last_published, article_count, "
            "copy_count, source_count, first_seq, needs_compare) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
            "first_published = excluded.first_published, "
            "last_published = excluded.last_published, "
            "article_count = excluded.article_count, copy_count = excluded.copy_count, "
            "source_count = excluded.source_count, "
            "needs_compare = MAX(needs_compare, excluded.needs_compare)",
            (story_id, _title(conn, story_id), *_dates(conn, story_id), count, copies, sources,
             _scalar(conn, "SELECT MIN(seq) FROM articles WHERE story_id = ?", story_id), flag))
    return created


def _scalar(conn: sqlite3.Connection, sql: str, *params: object) -> Any:
    return conn.execute(sql, params).fetchone()[0]


def _dates(conn: sqlite3.Connection, story_id: str) -> tuple[str | None, str | None]:
    # Two queries: SQLite answers a lone MIN or MAX from the index, not both in one query.
    return (_scalar(conn, "SELECT MIN(published) FROM articles WHERE story_id = ?", story_id),
            _scalar(conn, "SELECT MAX(published) FROM articles WHERE story_id = ?", story_id))


def _title(conn: sqlite3.Connection, story_id: str) -> str | None:
    # The earliest original's title: the first report names the event best; later ones
    # tend to lead with the newest development.
    row = conn.execute(
        "SELECT title FROM articles WHERE story_id = ? AND title IS NOT NULL "
        "ORDER BY duplicate_of IS NOT NULL, published IS NULL, published, seq LIMIT 1",
        (story_id,)).fetchone()
    if row is not None:
        return str(row[0])
    row = conn.execute("SELECT text FROM articles WHERE story_id = ? ORDER BY seq LIMIT 1",
                       (story_id,)).fetchone()
    return _headline_from_text(str(row[0])) if row is not None else None


def _headline_from_text(text: str, limit: int = 80) -> str:
    first = " ".join(text.split("\n", 1)[0].split())
    return first if len(first) <= limit else first[:limit - 1].rstrip() + "…"


def pending_stories(conn: sqlite3.Connection) -> list[str]:
    """Stories flagged for comparison, oldest first."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM stories WHERE needs_compare = 1 ORDER BY first_seq")]


def list_stories(conn: sqlite3.Connection, query: StoryQuery = StoryQuery()) -> list[StorySummary]:
    where, params = ["article_count >= ?", "source_count >= ?"], [query.min_articles,
                                                                  query.min_sources]
    if query.search:
        pattern = "%" + _escape_like(query.search) + "%"
        where.append("(title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM articles a WHERE "
                     "a.story_id = stories.id AND a.title LIKE ? ESCAPE '\\'))")
        params += [pattern, pattern]
    sql = (f"SELECT {_COLUMNS} FROM stories WHERE {' AND '.join(where)} "
           f"ORDER BY {_ORDER[query.sort]}")
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return [_summary(row) for row in conn.execute(sql, params)]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _summary(row: Sequence[Any]) -> StorySummary:
    (sid, title, articles, copies, sources, conflicts, claims, first, last, pending,
     compared_at) = row
    return StorySummary(sid, title, articles, copies, sources, conflicts, claims, first, last,
                        bool(pending), compared_at)


def story_summary(conn: sqlite3.Connection, story_id: str) -> StorySummary:
    row = conn.execute(f"SELECT {_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise StoryNotFoundError(f"no story {story_id}: list them with `crosscheck stories`")
    return _summary(row)


@dataclass(frozen=True, slots=True)
class FoundStory:
    """A live story; ``move``: how the id asked for, merged away since, led to it."""

    id: str
    move: StoryMove | None = None


def find_story(conn: sqlite3.Connection, prefix: str) -> str:
    """The id of the live story ``prefix`` names (see :func:`resolve_story`)."""
    return resolve_story(conn, prefix).id


def resolve_story(conn: sqlite3.Connection, prefix: str) -> FoundStory:
    """The one story whose id starts with ``prefix`` (with or without "story_"); failing
    that, the live story that the one merged-away id starting with ``prefix`` went into.

    Live ids are matched first, just as before merges were recorded, so an id or prefix that
    names a live story keeps naming it; old ids only answer what used to be "not found"."""
    text = prefix.strip()
    if not text:
        raise StoryNotFoundError("give a story id (or the start of one): "
                                 "list them with `crosscheck stories`")
    full = text if text.startswith(STORY_PREFIX) else STORY_PREFIX + text
    if _is_live(conn, full):
        return FoundStory(full)
    live = _starting_with(conn, "SELECT id FROM stories WHERE id LIKE ? ESCAPE '\\' "
                                "ORDER BY id LIMIT 6", full)
    if live:
        return FoundStory(_only(live, text))
    old = _starting_with(conn, "SELECT old_id FROM story_moves WHERE old_id LIKE ? "
                               "ESCAPE '\\' ORDER BY old_id LIMIT 6", full)
    if not old:
        raise StoryNotFoundError(f"no story id starts with {text!r}: list the stories with "
                                 f"`crosscheck stories`")
    move = follow_moves(conn, _only(old, text))
    if move is None or not _is_live(conn, move.new_id):
        # Only a run committing between these reads, or a damaged chain, ends here.
        raise StoryNotFoundError(f"story {old[0]} was merged into a story that no longer "
                                 f"exists: list the stories with `crosscheck stories`")
    return FoundStory(move.new_id, move)


def _is_live(conn: sqlite3.Connection, story_id: str) -> bool:
    return conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None


def _starting_with(conn: sqlite3.Connection, sql: str, full: str) -> list[str]:
    return [str(r[0]) for r in conn.execute(sql, (_escape_like(full) + "%",))]


def _only(matches: list[str], text: str) -> str:
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        raise StoryNotFoundError(f"{text!r} is the start of several story ids ({shown}): "
                                 f"give more of the id")
    return matches[0]
