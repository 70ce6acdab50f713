"""Articles and their MinHash signatures in the corpus database."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from crosscheck.model import Article

_CHUNK = 500  # ids per "IN (...)" query: far below SQLite's variable limit
_ARTICLE_COLUMNS = "id, text, title, source, published, url, author, origin, external_id"


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as stored: where it sits in insertion order, its story and its original."""

    seq: int
    article: Article
    story_id: str
    duplicate_of: str | None
    run_id: int


@dataclass(frozen=True, slots=True)
class SignatureRow:
    seq: int
    shingles: int
    minhash: bytes


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """What the near-duplicate index needs of a stored article."""

    seq: int
    id: str
    published: str | None
    root_seq: int  # its own seq when it is an original
    shingles: int
    minhash: bytes


def next_seq(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0])


def known_ids(conn: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    """The ids among ``ids`` that are already stored."""
    wanted = list(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(row[0] for row in conn.execute(
            f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
    return found


def insert_articles(conn: sqlite3.Connection, rows: Sequence[ArticleRow]) -> None:
    conn.executemany(
        "INSERT INTO articles (seq, id, title, text, source, published, url, author, origin, "
        "external_id, story_id, duplicate_of, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(r.seq, r.article.id, r.article.title, r.article.text, r.article.source,
          r.article.published, r.article.url, r.article.author, r.article.origin,
          r.article.external_id, r.story_id, r.duplicate_of, r.run_id) for r in rows])


def insert_signatures(conn: sqlite3.Connection, rows: Sequence[SignatureRow]) -> None:
    conn.executemany("INSERT INTO signatures (article_seq, shingles, minhash) VALUES (?,?,?)",
                     [(r.seq, r.shingles, r.minhash) for r in rows])


def relink_family(conn: sqlite3.Connection, old_root: str, new_root: str) -> None:
    """Make ``new_root`` the original of ``old_root`` and of every copy of it."""
    conn.execute("UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ? OR id = ?",
                 (new_root, old_root, old_root))


def story_of(conn: sqlite3.Connection, article_id: str) -> str:
    row = conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise KeyError(f"article {article_id} is not stored")
    return str(row[0])


def move_family(conn: sqlite3.Connection, article_id: str, story_id: str) -> set[str]:
    """Move a stored article, its original and every copy of that original to ``story_id``
    (a family never spans two stories); return the stories they left and joined."""
    root_row = conn.execute("SELECT COALESCE(duplicate_of, id) FROM articles WHERE id = ?",
                            (article_id,)).fetchone()
    if root_row is None:
        raise KeyError(f"article {article_id} is not stored")
    root = str(root_row[0])
    left = {str(r[0]) for r in conn.execute(
        "SELECT DISTINCT story_id FROM articles WHERE id = ? OR duplicate_of = ?", (root, root))}
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ? OR duplicate_of = ?",
                 (story_id, root, root))
    return left | {story_id}


def text_of(conn: sqlite3.Connection, seq: int) -> str:
    row = conn.execute("SELECT text FROM articles WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        raise KeyError(f"no article with seq {seq}")
    return str(row[0])


def iter_indexed(conn: sqlite3.Connection) -> Iterator[IndexedArticle]:
    """Every stored signature with what the index needs, in insertion order."""
    rows = conn.execute(
        "SELECT a.seq, a.id, a.published, COALESCE(o.seq, a.seq), s.shingles, s.minhash "
        "FROM signatures s JOIN articles a ON a.seq = s.article_seq "
        "LEFT JOIN articles o ON o.id = a.duplicate_of ORDER BY a.seq")
    for seq, article_id, published, root_seq, shingles, minhash in rows:
        yield IndexedArticle(seq, article_id, published, root_seq, shingles, minhash)


def article_from_row(row: Sequence[object]) -> Article:
    """An :class:`Article` from the columns listed in ``_ARTICLE_COLUMNS``, in that order."""
    (article_id, text, title, source, published, url, author, origin, external_id) = row
    return Article(id=str(article_id), text=str(text), title=_opt(title), source=str(source),
                   published=_opt(published), url=_opt(url), author=_opt(author),
                   origin=str(origin), external_id=_opt(external_id))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def story_articles(conn: sqlite3.Connection, story_id: str,
                   *, independent: bool | None = None) -> list[Article]:
    """The story's articles in insertion order: all, only originals (``independent=True``)
    or only copies (``False``)."""
    where = {None: "", True: " AND duplicate_of IS NULL", False: " AND duplicate_of IS NOT NULL"}
    rows = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story_id = ?"
                        f"{where[independent]} ORDER BY seq", (story_id,))
    return [article_from_row(row) for row in rows]


def articles_by_id(conn: sqlite3.Connection, ids: Sequence[str]) -> list[Article]:
    """The stored articles with these ids, in the order of ``ids`` (missing ones left out)."""
    found: dict[str, Article] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})",
                                chunk):
            article = article_from_row(row)
            found[article.id] = article
    return [found[i] for i in ids if i in found]


def copies_of_story(conn: sqlite3.Connection, story_id: str) -> list[tuple[Article, str]]:
    """The story's copies, each with the id of the original it copies, in insertion order."""
    rows = conn.execute(f"SELECT {_ARTICLE_COLUMNS}, duplicate_of FROM articles "
                        "WHERE story_id = ? AND duplicate_of IS NOT NULL ORDER BY seq",
                        (story_id,))
    return [(article_from_row(row[:-1]), str(row[-1])) for row in rows]
