"""The corpus database schema, as an ordered list of migrations.

``PRAGMA user_version`` holds the number of migrations applied. Opening a database applies the
missing ones in order, each in its own transaction together with the new version number, so a
crash mid-upgrade leaves the previous version intact. Never edit a released migration: add one.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from crosscheck.errors import StoreError
from crosscheck.judge.groups import conflict_count
from crosscheck.model import Verdict
from crosscheck.store.codec import from_json


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        # Statement by statement: executescript() would COMMIT the surrounding transaction.
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)
    return apply


# Version 1: ingest, near-duplicates and story clustering.
_V1 = """
CREATE TABLE runs (
    id       INTEGER PRIMARY KEY,
    started  TEXT NOT NULL,
    finished TEXT,
    inputs   TEXT NOT NULL,                -- JSON list of the paths given
    counts   TEXT NOT NULL DEFAULT '{}',   -- JSON: new, copies, stories_new, ... (see corpus.run)
    status   TEXT NOT NULL DEFAULT 'running'
             CHECK (status IN ('running', 'done', 'failed', 'interrupted'))
);
CREATE TABLE stories (
    id              TEXT PRIMARY KEY,      -- content-addressed by the clusterer
    title           TEXT,
    first_published TEXT,
    last_published  TEXT,
    article_count   INTEGER NOT NULL DEFAULT 0,   -- copies included
    copy_count      INTEGER NOT NULL DEFAULT 0,
    source_count    INTEGER NOT NULL DEFAULT 0,   -- distinct sources, copies included
    first_seq       INTEGER NOT NULL,             -- seq of its first article: creation order
    needs_compare   INTEGER NOT NULL DEFAULT 0 CHECK (needs_compare IN (0, 1))
);
CREATE INDEX stories_pending ON stories (first_seq) WHERE needs_compare = 1;
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY,      -- insertion order, the tie-break for "earliest"
    id           TEXT NOT NULL UNIQUE,     -- content id (source, title, text)
    title        TEXT,
    text         TEXT NOT NULL,
    source       TEXT NOT NULL,
    published    TEXT,
    url          TEXT,
    author       TEXT,
    origin       TEXT NOT NULL,
    external_id  TEXT,                     -- the id the input gave it
    story_id     TEXT NOT NULL REFERENCES stories (id) DEFERRABLE INITIALLY DEFERRED,
    duplicate_of TEXT REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    run_id       INTEGER NOT NULL REFERENCES runs (id)
);
CREATE INDEX articles_story ON articles (story_id, seq);
-- A story's summary is kept up to date per batch with index look-ups, never a scan of the
-- story: its dates, whether a source is new to it, and the earliest original's title.
CREATE INDEX articles_story_published ON articles (story_id, published);
CREATE INDEX articles_story_source ON articles (story_id, source);
CREATE INDEX articles_story_title ON articles
    (story_id, duplicate_of IS NOT NULL, published IS NULL, published, seq) WHERE title IS NOT NULL;
CREATE INDEX articles_duplicate ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE TABLE signatures (
    article_seq INTEGER PRIMARY KEY REFERENCES articles (seq),
    shingles    INTEGER NOT NULL,          -- distinct word shingles in the text
    minhash     BLOB NOT NULL              -- uint32 little-endian MinHash values
);
CREATE TABLE cluster_state (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,                   -- opaque to the store: the clusterer's JSON
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TABLE rejected (
    id       INTEGER PRIMARY KEY,
    run_id   INTEGER NOT NULL REFERENCES runs (id),  -- the run that first saw it
    location TEXT NOT NULL,
    reason   TEXT NOT NULL,
    UNIQUE (location, reason)
);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID
"""

# Version 2: the claim comparison of each story with two or more independent articles.
_V2 = """
ALTER TABLE stories ADD COLUMN conflict_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN claim_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN compared_ids TEXT;   -- JSON list: the articles compared, in order
ALTER TABLE stories ADD COLUMN compared_at TEXT;
CREATE TABLE claims (
    story_id   TEXT NOT NULL REFERENCES stories (id),
    ord        INTEGER NOT NULL,
    id         TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id),
    status     TEXT NOT NULL,
    text       TEXT NOT NULL,
    data       TEXT NOT NULL,              -- the whole Claim as JSON (store.codec)
    PRIMARY KEY (story_id, ord),
    UNIQUE (story_id, id)
) WITHOUT ROWID;
CREATE TABLE quotes (
    story_id   TEXT NOT NULL REFERENCES stories (id),
    ord        INTEGER NOT NULL,
    id         TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id),
    text       TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
) WITHOUT ROWID;
CREATE TABLE alignments (
    story_id TEXT NOT NULL REFERENCES stories (id),
    ord      INTEGER NOT NULL,
    id       TEXT NOT NULL,
    claim_a  TEXT NOT NULL,
    claim_b  TEXT NOT NULL,
    score    REAL NOT NULL,
    data     TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
) WITHOUT ROWID;
CREATE TABLE verdicts (
    story_id TEXT NOT NULL REFERENCES stories (id),
    ord      INTEGER NOT NULL,
    id       TEXT NOT NULL,
    label    TEXT NOT NULL CHECK (label IN ('agree', 'conflict', 'related')),
    slot     TEXT,                         -- the first differing slot of a conflict
    claim_a  TEXT NOT NULL,
    claim_b  TEXT NOT NULL,
    score    REAL NOT NULL,
    reason   TEXT NOT NULL,
    data     TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
) WITHOUT ROWID;
CREATE INDEX verdicts_conflicts ON verdicts (score) WHERE label = 'conflict'
"""

# Version 3: full-text search over the articles' titles and text (SQLite FTS5), for
# ``crosscheck serve``. An external-content index (the text is stored once, in ``articles``),
# kept current by triggers and filled from the existing rows when a database upgrades; and an
# index for listing stories newest first without sorting them all.
_V3 = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', "
    "content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
    "CREATE INDEX stories_newest ON stories "
    "(last_published IS NULL, last_published DESC, first_seq DESC)",
)

# Version 4: where each story id that no longer exists went, so an old id (a bookmark, a note)
# still finds its articles. A story merged into another gets a row in the merge's own
# transaction; ``new_id`` is the story it went into then, which may have merged on since:
# lookups follow the chain to the live story. No foreign key on ``new_id`` for that reason.
# Merges made before this version left no trace: their old ids stay unknown.
_V4 = """
CREATE TABLE story_moves (
    old_id TEXT PRIMARY KEY,               -- never a live story's id (a re-created id loses it)
    new_id TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs (id),  -- the run that moved it: its date
    reason TEXT NOT NULL                   -- 'merge' (the only way a story id disappears)
) WITHOUT ROWID
"""


# Version 5: a story's conflict count is the number of conflicts its report lists, sources that
# give one side the same values counting once (``judge.groups``); it was the number of
# conflicting claim pairs, so "six rifles" in two reports against "14" in a third counted 2.
# Recounted here from the stored verdicts, so an upgraded database lists what a new run would.
def _recount_conflicts(conn: sqlite3.Connection) -> None:
    verdicts: dict[str, list[Verdict]] = defaultdict(list)
    for story_id, data in conn.execute(
            "SELECT story_id, data FROM verdicts WHERE label = 'conflict' ORDER BY story_id, ord"):
        verdicts[story_id].append(from_json(Verdict, data))
    conn.executemany("UPDATE stories SET conflict_count = ? WHERE id = ?",
                     [(conflict_count(found), story_id) for story_id, found in verdicts.items()])


def _statements(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], None]:
    # For statements with ";" inside (trigger bodies), which _script would split apart.
    def apply(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)
    return apply


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, near-duplicates, stories, cluster state, runs", _script(_V1)),
    Migration(2, "claim comparisons per story", _script(_V2)),
    Migration(3, "full-text search over articles; stories newest first", _statements(_V3)),
    Migration(4, "where merged-away story ids went", _script(_V4)),
    Migration(5, "conflicts counted as reports list them", _recount_conflicts),
)
LATEST = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Apply the migrations after the database's version up to ``target``; return the version.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration runs in its
    own ``BEGIN IMMEDIATE`` transaction, so two processes cannot upgrade at once.
    """
    current = schema_version(conn)
    if current > LATEST:
        raise StoreError(f"the database has schema version {current}, newer than this crosscheck "
                         f"knows ({LATEST}): upgrade crosscheck to open it")
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if schema_version(conn) < migration.version:  # another process may have done it
                    migration.apply(conn)
                    conn.execute(f"PRAGMA user_version = {migration.version:d}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            current = migration.version
    return current
