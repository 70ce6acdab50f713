"""Story ids merged away: the run records where each went, in the merge's transaction, and
the store, the command line, the pages and the API lead an old id to the live story."""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from crosscheck.cli import main
from crosscheck.cluster import StoryClusterer
from crosscheck.corpus.run import RunOptions, run_corpus
from crosscheck.errors import StoreError, StoryNotFoundError
from crosscheck.model import Article
from crosscheck.store import LATEST, migrate, open_store, transaction
from crosscheck.store.moves import follow_moves, record_moves
from crosscheck.store.runs import start_run
from crosscheck.store.stories import find_story, list_stories, resolve_story
from tests.corpus_helpers import canonical_dump, write_jsonl
from tests.serve_helpers import Story, fixture_stories, write_stories
from tests.test_cluster_merge import REID
from tests.test_serve_api import client_for

MERGED = re.compile(r"story (story_\w+) was merged into (story_\w+) on \d{4}-\d{2}-\d{2}")


def _reid(folder: Path) -> Path:
    """Reports of one event that open two stories, merged once they look alike (see
    test_cluster_merge): the first story goes into the second."""
    return write_jsonl(folder / "reid.jsonl", [{"id": f"reid-{i}", "text": text,
                                                "source": f"source{i}.example"}
                                               for i, text in enumerate(REID)])


def _run(db: Path, corpus: Path, batch_size: int = 500) -> sqlite3.Connection:
    conn = open_store(db)
    run_corpus(conn, [str(corpus)], options=RunOptions(compare=False, batch_size=batch_size))
    return conn


def _moves(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return conn.execute("SELECT old_id, new_id, reason FROM story_moves ORDER BY old_id").fetchall()


def test_the_clusterer_reports_each_merge_once() -> None:
    articles = [Article.create(text) for text in REID]
    clusterer = StoryClusterer()
    placed = clusterer.assign(articles)
    assert clusterer.take_merges() == {placed[0]: placed[1]}
    assert clusterer.take_merges() == {}


def test_a_merge_in_a_run_records_where_the_story_went(tmp_path: Path) -> None:
    corpus = _reid(tmp_path)
    conn = _run(tmp_path / "one.db", corpus)
    [(old, new, reason)] = _moves(conn)
    assert reason == "merge" and old != new
    assert [s.id for s in list_stories(conn)] == [new]  # the listing shows live stories only
    found = resolve_story(conn, old)
    assert found.id == new and find_story(conn, old[len("story_"):]) == new
    assert found.move is not None and MERGED.fullmatch(found.move.describe()).groups() == (old, new)
    # Batching does not change what is recorded: a batch of one stores the first story before
    # it is merged, one batch of all never does; both keep the merge.
    batched = _run(tmp_path / "batched.db", corpus, batch_size=1)
    assert _moves(batched) == [(old, new, "merge")]
    # Running the same input again changes nothing.
    before = canonical_dump(conn)
    run_corpus(conn, [str(corpus)], options=RunOptions(compare=False))
    assert canonical_dump(conn) == before


def _story_db(ids: list[str]) -> tuple[sqlite3.Connection, int]:
    """An in-memory store with one live story per id, and a run to record moves under."""
    conn = open_store(":memory:")
    write_stories(conn, [Story(sid, [Article.create(f"Text of {sid}.", source=sid)])
                         for sid in ids])
    with transaction(conn):
        return conn, start_run(conn, ["moves"])


def _record(conn: sqlite3.Connection, run: int, merged: dict[str, str],
            live: tuple[str, ...] = ()) -> None:
    with transaction(conn):
        record_moves(conn, run, merged, live)


def test_a_chain_of_merges_leads_to_the_live_story() -> None:
    conn, run = _story_db(["story_c3"])
    _record(conn, run, {"story_a1": "story_b2"})
    _record(conn, run, {"story_b2": "story_c3"})
    found = resolve_story(conn, "a1")
    assert found.id == "story_c3" and found.move is not None
    assert [(h.old_id, h.new_id) for h in found.move.hops] == [("story_a1", "story_b2"),
                                                              ("story_b2", "story_c3")]
    assert re.fullmatch(r"story story_a1 was merged into story_b2 on \S+, then into story_c3 "
                        r"on \S+", found.move.describe())
    assert find_story(conn, "story_b2") == "story_c3"


def test_an_id_that_comes_back_is_not_shadowed_by_its_old_move() -> None:
    conn, run = _story_db(["story_b2"])
    _record(conn, run, {"story_x9": "story_a1", "story_a1": "story_b2"})
    assert find_story(conn, "story_a1") == "story_b2"
    # A split re-creates story_a1: its old row goes in the same transaction.
    write_stories(conn, [Story("story_a1", [Article.create("Back again.", source="z")])])
    _record(conn, run, {}, live=("story_a1",))
    assert resolve_story(conn, "story_a1").move is None and follow_moves(conn, "story_a1") is None
    assert find_story(conn, "story_x9") == "story_a1"  # the chain now ends at the live id
    # Merged again later: the old id's row is replaced, not doubled.
    _record(conn, run, {"story_a1": "story_b2"})
    assert conn.execute("SELECT new_id FROM story_moves WHERE old_id = 'story_a1'").fetchall() \
        == [("story_b2",)]


def test_live_ids_come_first_and_unknown_ids_are_still_not_found() -> None:
    conn, run = _story_db(["story_aa1", "story_ab2"])
    _record(conn, run, {"story_aa0": "story_ab2", "story_ac3": "story_ab2",
                        "story_ac4": "story_ab2"})
    assert find_story(conn, "aa") == "story_aa1"  # a live prefix names the live story
    assert resolve_story(conn, "story_aa0").id == "story_ab2"  # the exact old id still works
    with pytest.raises(StoryNotFoundError, match="no story id starts with 'zz'.*crosscheck "
                                                 "stories"):
        find_story(conn, "zz")
    with pytest.raises(StoryNotFoundError, match="several story ids.*story_ac3, story_ac4"):
        find_story(conn, "ac")
    with pytest.raises(StoryNotFoundError, match="give a story id"):
        find_story(conn, " ")


def test_a_damaged_chain_is_reported_not_followed_forever() -> None:
    conn, run = _story_db(["story_live"])
    _record(conn, run, {"story_a1": "story_gone"})
    with pytest.raises(StoryNotFoundError, match="story_a1 was merged into a story that no "
                                                 "longer exists"):
        find_story(conn, "story_a1")
    conn.execute("INSERT INTO story_moves VALUES ('story_gone', 'story_a1', 1, 'merge')")
    with pytest.raises(StoreError, match="loop .*story_a1 -> story_gone -> story_a1"):
        find_story(conn, "story_a1")


def test_an_older_database_upgrades_and_then_records_merges(tmp_path: Path) -> None:
    db = tmp_path / "v3.db"
    old = sqlite3.connect(db, isolation_level=None)
    assert migrate(old, target=3) == 3
    old.execute("PRAGMA foreign_keys = ON")
    write_stories(old, fixture_stories())
    old.close()
    conn = _run(db, _reid(tmp_path))  # opening upgrades it, the run merges two stories
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert len(_moves(conn)) == 1
    assert {"story_pirates", "story_evil", "story_lone"} <= {s.id for s in list_stories(conn)}


def _cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_story_command_shows_the_live_story_for_an_old_id(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert _cli("run", str(_reid(tmp_path)), "--db", str(db), "--no-compare",
                "--no-progress").exit_code == 0
    [(old, new, _)] = _moves(sqlite3.connect(db))
    live = _cli("story", new, "--db", str(db), "--format", "json")
    moved = _cli("story", old[len("story_"):len("story_") + 8], "--db", str(db), "--format",
                 "json")
    assert moved.exit_code == 0 and moved.stdout == live.stdout
    assert json.loads(moved.stdout)["story"]["id"] == new
    [line] = moved.stderr.splitlines()
    assert MERGED.fullmatch(line.removeprefix("crosscheck: ")).groups() == (old, new)
    assert live.stderr == ""
    unknown = CliRunner().invoke(main, ["story", "nope", "--db", str(db)])
    assert unknown.exit_code == 1 and "no story id starts with 'nope'" in unknown.stderr


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The web tests' stories, and story_pirates reached from an id merged twice."""
    path = tmp_path_factory.mktemp("moves") / "news.db"
    conn = open_store(path)
    write_stories(conn, fixture_stories())
    with transaction(conn):
        record_moves(conn, start_run(conn, ["moves"]), {"story_older": "story_gone",
                                                        "story_gone": "story_pirates"}, ())
    conn.close()
    with client_for(path) as c:
        yield c


@pytest.mark.parametrize("asked, live", [("/stories/story_gone", "/stories/story_pirates"),
                                         ("/stories/older", "/stories/story_pirates"),
                                         ("/api/stories/story_older",
                                          "/api/stories/story_pirates")])
def test_pages_and_api_redirect_an_old_id_to_the_live_story(client: TestClient, asked: str,
                                                            live: str) -> None:
    response = client.get(asked, follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == live
    assert response.headers["cache-control"] == "no-cache"  # the id may come back
    followed = client.get(asked)
    assert followed.status_code == 200 and followed.url.path == live
    assert followed.content == client.get(live).content


def test_the_api_redirect_says_what_happened(client: TestClient) -> None:
    body = client.get("/api/stories/story_older", follow_redirects=False).json()
    assert (body["moved_from"], body["story"]) == ("story_older", "story_pirates")
    assert [(m["from"], m["into"], m["reason"]) for m in body["moves"]] == \
        [("story_older", "story_gone", "merge"), ("story_gone", "story_pirates", "merge")]
    assert body["detail"].startswith("story story_older was merged into story_gone on ")


def test_live_and_unknown_ids_are_served_as_before(client: TestClient) -> None:
    assert client.get("/stories/pira", follow_redirects=False).status_code == 200
    assert client.get("/api/stories/story_pirates", follow_redirects=False).status_code == 200
    assert [s["id"] for s in client.get("/api/stories").json()["stories"]] == \
        ["story_lone", "story_evil", "story_pirates"]
    missing = client.get("/api/stories/story_nope", follow_redirects=False)
    assert missing.status_code == 404 and "crosscheck stories" in missing.json()["detail"]
