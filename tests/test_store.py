"""The corpus database: migrations, errors, the record codec, stories and the writer lock."""
from __future__ import annotations

import math
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from crosscheck.errors import StoreBusyError, StoreError, StoryNotFoundError
from crosscheck.model import (Alignment, Article, Claim, DateRef, Difference, Entity, Quantity,
                              Quote, Report, Speaker, Verdict)
from crosscheck.store import LATEST, MIGRATIONS, migrate, open_store, transaction, writer_lock
from crosscheck.store.articles import ArticleRow, insert_articles, move_family, story_articles
from crosscheck.store.codec import from_json, to_json
from crosscheck.store.comparisons import (clear_compare_flag, load_comparison, save_comparison,
                                         top_conflicts)
from crosscheck.store.runs import (load_cluster_state, record_rejected, save_cluster_state,
                                  start_run)
from crosscheck.store.stories import (StoryQuery, find_story, list_stories, pending_stories,
                                      refresh_stories)


def _article(n: int, source: str = "wire", published: str | None = None) -> Article:
    return Article.create(f"Text number {n} about the event.", title=f"Title {n}", source=source,
                          published=published, origin=f"test:{n}")


def _add(conn: sqlite3.Connection, rows: list[tuple[int, Article, str, str | None]],
         gained: set[str] | None = None) -> set[str]:
    with transaction(conn):
        run = start_run(conn, ["test"])
        insert_articles(conn, [ArticleRow(seq, a, story, dup, run) for seq, a, story, dup in rows])
        stories = {story for _, _, story, _ in rows}
        return refresh_stories(conn, stories, stories if gained is None else gained,
                               since_seq=min(seq for seq, _, _, _ in rows))


def test_new_database_has_the_latest_schema() -> None:
    conn = open_store(":memory:")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST == len(MIGRATIONS)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "articles", "signatures", "stories", "cluster_state", "claims", "quotes",
            "alignments", "verdicts", "rejected", "meta", "story_moves"} <= tables


def test_file_database_uses_wal(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "c.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_upgrade_from_version_1_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    assert migrate(old, target=1) == 1
    old.execute("PRAGMA foreign_keys = ON")
    _add(old, [(1, _article(1), "story_a", None), (2, _article(2, "other"), "story_a", None)])
    old.close()

    conn = open_store(path)  # applies the later migrations
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    [story] = list_stories(conn)
    assert (story.id, story.articles, story.sources, story.conflicts) == ("story_a", 2, 2, 0)
    assert story.needs_compare and load_comparison(conn, "story_a") is None
    assert conn.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0] == 0


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = open_store(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this crosscheck knows.*upgrade"):
        open_store(path)


@pytest.mark.parametrize("setup, message", [
    (lambda p: p.write_bytes(b"this is not a database file at all" * 100),
     "not a crosscheck database"),
    (lambda p: p.mkdir(), "is a directory"),
])
def test_bad_database_paths(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.db"
    setup(path)
    with pytest.raises(StoreError, match=message):
        open_store(path)


def test_missing_folder_and_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder .* does not exist"):
        open_store(tmp_path / "no" / "such" / "c.db")
    with pytest.raises(StoreError, match="no database at .*crosscheck run"):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with writer_lock(path):
        with pytest.raises(StoreBusyError, match="another crosscheck run"):
            with writer_lock(path):
                pass
    with writer_lock(path):  # released when the first one ends
        pass


def test_codec_round_trips_nested_records() -> None:
    speaker = Speaker("Pete Hegseth", "pete hegseth", role="Defense Secretary", mention="he",
                      start=3, end=5)
    claim = Claim(id="clm_1", article_id="art_1", sentence_id="snt_1", text="More than 60 died",
                  start=0, end=17, statement="More than 60 died", speaker=speaker,
                  entities=(Entity("Kyiv", "GPE", "kyiv", 30, 34),),
                  quantities=(Quantity("more than 60", 0, 12, 60.0, math.inf, "people", "count",
                                       low_inclusive=False),),
                  dates=(DateRef("Wednesday", 40, 49, "weekday", "Wednesday"),),
                  negated=True, quotes=("a quote",), terms=("die",))
    assert from_json(Claim, to_json(claim)) == claim
    verdict = Verdict("vrd_1", "aln_1", "clm_1", "clm_2", "conflict", 0.9,
                      (Difference("number", "6", "14", (1, 2), None),), "six vs 14")
    assert from_json(Verdict, to_json(verdict)) == verdict


def _tiny_report(a: Article, b: Article) -> Report:
    ca = Claim("clm_a", a.id, "snt_a", "Six rifles", 0, 10, "Six rifles",
               quantities=(Quantity("Six", 0, 3, 6.0, 6.0, "rifle", "count"),), terms=("rifle",),
               headline=True)
    cb = Claim("clm_b", b.id, "snt_b", "14 rifles", 0, 9, "14 rifles")
    alignment = Alignment.create(ca.id, cb.id, 0.9, 0.5, (), 0.8)
    verdict = Verdict.create(alignment, "conflict", 0.8, (Difference("number", "6", "14"),))
    return Report((a, b), (ca, cb), (alignment,), (verdict,), (),
                  {ca.id: "contradicted", cb.id: "contradicted"},
                  (Quote("qt_1", a.id, "Six rifles", 0, 10),))


def test_comparison_is_stored_and_rebuilt() -> None:
    conn = open_store(":memory:")
    a, b = _article(1, "A", "2011-11-11"), _article(2, "B", "2011-11-12")
    _add(conn, [(1, a, "story_x", None), (2, b, "story_x", None)])
    assert pending_stories(conn) == ["story_x"]
    report = _tiny_report(a, b)
    with transaction(conn):
        save_comparison(conn, "story_x", report, "2026-01-01T00:00:00+00:00")
    assert pending_stories(conn) == []
    assert load_comparison(conn, "story_x") == report
    # The web pages' outline: each claim's words, place and statement only, no alignments.
    outline = load_comparison(conn, "story_x", outline=True)
    assert outline is not None
    assert outline == replace(report, alignments=(), claims=tuple(
        Claim(c.id, c.article_id, c.sentence_id, c.text, c.start, c.end, c.statement,
              headline=c.headline) for c in report.claims))
    [(story_id, verdict, claim_a, claim_b)] = top_conflicts(conn)
    assert (story_id, verdict, claim_a.text, claim_b.text) == ("story_x", report.verdicts[0],
                                                               "Six rifles", "14 rifles")
    [story] = list_stories(conn)
    assert (story.conflicts, story.claims, story.needs_compare) == (1, 2, False)
    # A split left the story one independent article: its old comparison goes.
    with transaction(conn):
        clear_compare_flag(conn, "story_x")
    assert load_comparison(conn, "story_x") is None and top_conflicts(conn) == []
    [story] = list_stories(conn)
    assert (story.conflicts, story.claims, story.needs_compare) == (0, 0, False)


def test_upgrade_recounts_conflicts_as_reports_list_them(tmp_path: Path) -> None:
    """Before version 5 a story counted conflicting pairs: two reports giving "six" against a
    third giving "14" made 2; reports list 1, and the upgraded count says 1."""
    path = tmp_path / "v4.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, target=4)
    old.execute("PRAGMA foreign_keys = ON")
    a, b, c = _article(1, "A"), _article(2, "B"), _article(3, "C")
    _add(old, [(1, a, "story_x", None), (2, b, "story_x", None), (3, c, "story_x", None),
               (4, _article(4), "story_calm", None), (5, _article(5), "story_calm", None)])
    report = _tiny_report(a, c)
    six_in_b = replace(report.claims[0], id="clm_b6", article_id=b.id)
    second = replace(report.verdicts[0], id="vrd_second", claim_a=six_in_b.id)
    with transaction(old):
        save_comparison(old, "story_x", replace(report, claims=(*report.claims, six_in_b),
                                                verdicts=(*report.verdicts, second)),
                        "2026-01-01T00:00:00+00:00")
        old.execute("UPDATE stories SET conflict_count = 2 WHERE id = 'story_x'")  # as v4 did
    old.close()
    conn = open_store(path)
    assert {s.id: s.conflicts for s in list_stories(conn)} == {"story_x": 1, "story_calm": 0}


def test_a_story_merged_into_another_is_deleted_with_its_comparison() -> None:
    conn = open_store(":memory:")
    a, b, c = _article(1, "A"), _article(2, "B"), _article(3, "C")
    _add(conn, [(1, a, "story_x", None), (2, b, "story_x", None), (3, c, "story_y", None)])
    with transaction(conn):
        save_comparison(conn, "story_x", _tiny_report(a, b), "2026-01-01T00:00:00+00:00")
        save_cluster_state(conn, [("story", "story_x", "{}"), ("story", "story_y", "{}")])
    with transaction(conn):  # the clusterer merged story_x into story_y
        moved = move_family(conn, a.id, "story_y") | move_family(conn, b.id, "story_y")
        save_cluster_state(conn, [("story", "story_x", None), ("story", "story_y", "{}")])
        refresh_stories(conn, moved, set(), since_seq=4, recount=moved, must_compare=moved)
    [story] = list_stories(conn)
    assert (story.id, story.articles, story.needs_compare) == ("story_y", 3, True)
    assert load_comparison(conn, "story_x") is None and top_conflicts(conn) == []
    assert load_cluster_state(conn) == [("story", "story_y", "{}")]


def test_story_summaries_flags_and_listing() -> None:
    conn = open_store(":memory:")
    created = _add(conn, [(1, _article(1, "A", "2011-11-12"), "story_aa1", None),
                          (2, _article(2, "B", "2011-11-11"), "story_aa1", None),
                          (3, _article(3, "B"), "story_aa1", _article(1, "A").id),
                          (4, _article(4, "C"), "story_ab2", None)])
    assert created == {"story_aa1", "story_ab2"}
    big, small = list_stories(conn)
    assert (big.id, big.articles, big.copies, big.sources) == ("story_aa1", 3, 1, 2)
    assert (big.first_published, big.last_published) == ("2011-11-11", "2011-11-12")
    assert big.title == "Title 2"  # the earliest original's title
    assert big.needs_compare and not small.needs_compare  # one independent article: nothing to compare
    assert [s.id for s in list_stories(conn, StoryQuery(min_sources=2))] == ["story_aa1"]
    assert [s.id for s in list_stories(conn, StoryQuery(search="title 4"))] == ["story_ab2"]
    assert [s.id for s in list_stories(conn, StoryQuery(sort="title", limit=1))] == ["story_aa1"]
    assert [a.source for a in story_articles(conn, "story_aa1", independent=True)] == ["A", "B"]


def test_story_counts_grow_batch_by_batch() -> None:
    conn = open_store(":memory:")
    _add(conn, [(1, _article(1, "A", "2011-11-12"), "story_s", None)])
    assert _add(conn, [(2, _article(2, "A", "2011-11-10"), "story_s", None),
                       (3, _article(3, "B"), "story_s", _article(2, "A").id)]) == set()
    [story] = list_stories(conn)
    assert (story.articles, story.copies, story.sources) == (3, 1, 2)
    assert (story.first_published, story.last_published, story.title) == \
        ("2011-11-10", "2011-11-12", "Title 2")


def test_find_story_by_prefix() -> None:
    conn = open_store(":memory:")
    _add(conn, [(1, _article(1), "story_aa1", None), (2, _article(2), "story_ab2", None)])
    assert find_story(conn, "aa") == "story_aa1"
    assert find_story(conn, "story_ab2") == "story_ab2"
    with pytest.raises(StoryNotFoundError, match="several story ids.*story_aa1, story_ab2"):
        find_story(conn, "a")
    with pytest.raises(StoryNotFoundError, match="no story id starts with 'zz'"):
        find_story(conn, "zz")


def test_rejected_inputs_are_recorded_once() -> None:
    from crosscheck.model import Rejected

    conn = open_store(":memory:")
    bad = [Rejected("a.txt", "empty file"), Rejected("b.jsonl:3", "not valid JSON")]
    for _ in range(2):
        with transaction(conn):
            record_rejected(conn, start_run(conn, ["x"]), bad)
    rows = conn.execute("SELECT location, reason, run_id FROM rejected ORDER BY id").fetchall()
    assert rows == [("a.txt", "empty file", 1), ("b.jsonl:3", "not valid JSON", 1)]


def test_foreign_keys_are_enforced() -> None:
    conn = open_store(":memory:")
    with pytest.raises(sqlite3.IntegrityError):
        _add(conn, [(1, _article(1), "story_a", "art_missing")])
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
