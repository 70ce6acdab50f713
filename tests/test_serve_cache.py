"""`crosscheck serve`'s response cache and connection pool: a cached page is never answered
after the database changed (another process's run, the server's own ingest, a replaced
file), ETags give 304s, and concurrent requests for one page render it once."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope

from crosscheck.model import Article
from crosscheck.serve import ServeConfig, create_app
from crosscheck.serve.cache import CacheMiddleware, Entry, ResponseCache
from crosscheck.store import open_store
from tests.serve_helpers import Story, fixture_stories, write_stories

TOKEN = "test-token-0123456789"


def _database(path: Path, stories: list[Story]) -> Path:
    conn = open_store(path)
    try:
        write_stories(conn, stories)
    finally:
        conn.close()
    return path


def _story(name: str, text: str) -> Story:
    a = Article.create(text, title=f"{name} one", source=f"{name}-a.example",
                       published="2013-01-01")
    b = Article.create(text + " Officials agreed.", title=f"{name} two",
                       source=f"{name}-b.example", published="2013-01-02")
    return Story(f"story_{name}", [a, b])


def _client(db: Path, **options: object) -> TestClient:
    return TestClient(create_app(ServeConfig(db=db, **options)),  # type: ignore[arg-type]
                      base_url="http://127.0.0.1")


def test_pages_are_cached_until_another_process_writes(tmp_path: Path) -> None:
    db = _database(tmp_path / "news.db", fixture_stories())
    with _client(db) as c:
        cache = c.app.state.cache  # type: ignore[attr-defined]
        first = c.get("/")
        assert c.get("/").text == first.text and cache.hits == 1
        assert "Harbour crane" not in first.text
        assert c.get("/api/stories").json()["total"] == 3
        # Another writer (as `crosscheck run` in another process) commits a story.
        _database(db, [_story("crane", "A harbour crane fell over. Nobody was hurt.")])
        assert "Harbour crane" not in first.text
        after = c.get("/")
        assert "crane one" in after.text and after.text != first.text
        assert c.get("/api/stories").json()["total"] == 4
        assert c.get("/stories/story_crane").status_code == 200


def test_pages_change_after_the_servers_own_ingest(tmp_path: Path) -> None:
    db = _database(tmp_path / "ingest.db", fixture_stories())
    with _client(db, allow_ingest=True, token=TOKEN) as c:
        assert c.get("/api/search", params={"q": "tramway"}).json()["articles"] == []
        assert "Tramway opens" not in c.get("/", params={"q": "tramway"}).text
        text = "Tramway opens\n\nThe new tramway opened on Sunday after three years of work."
        response = c.post("/api/ingest", data={"compare": "0"},
                          files=[("files", ("tram.txt", text.encode()))],
                          headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        hits = c.get("/api/search", params={"q": "tramway"}).json()["articles"]
        assert [h["title"] for h in hits] == ["Tramway opens"]
        assert "Tramway opens" in c.get("/", params={"q": "tramway"}).text


def test_a_replaced_database_file_is_read_afresh(tmp_path: Path) -> None:
    db = _database(tmp_path / "news.db", fixture_stories())
    other = _database(tmp_path / "other.db", [_story("ferry", "A ferry ran aground at dawn.")])
    with _client(db) as c:
        assert c.get("/api/stories").json()["total"] == 3
        os.replace(other, db)  # a new file under the old name: the kept connections are old
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        assert [s["id"] for s in c.get("/api/stories").json()["stories"]] == ["story_ferry"]


def test_etag_answers_304_until_the_page_changes(tmp_path: Path) -> None:
    db = _database(tmp_path / "news.db", fixture_stories())
    with _client(db) as c:
        page = c.get("/stories/story_pirates")
        etag = page.headers["etag"]
        assert page.headers["cache-control"] == "no-cache"
        same = c.get("/stories/story_pirates", headers={"If-None-Match": etag})
        assert same.status_code == 304 and same.content == b""
        assert same.headers["etag"] == etag
        assert "content-security-policy" in same.headers  # the guards wrap cached answers too
        assert c.get("/stories/story_pirates", headers={"If-None-Match": '"other"'}).text \
            == page.text
        _database(db, [_story("crane", "A harbour crane fell over.")])
        # Story lists change with a new story; this story's page is rendered again and, being
        # the same, keeps its ETag.
        assert c.get("/stories/story_pirates", headers={"If-None-Match": etag}).status_code == 304
        front = c.get("/")
        _database(db, [_story("tram", "A tram stopped.")])
        changed = c.get("/", headers={"If-None-Match": front.headers["etag"]})
        assert changed.status_code == 200 and "tram one" in changed.text


def test_errors_and_other_routes_are_not_cached(tmp_path: Path) -> None:
    db = _database(tmp_path / "news.db", fixture_stories())
    with _client(db) as c:
        cache = c.app.state.cache  # type: ignore[attr-defined]
        assert c.get("/stories/story_nothing").status_code == 404
        assert c.get("/stories/story_nothing").status_code == 404
        assert "etag" not in c.get("/stories/story_nothing").headers
        c.get("/compare")
        c.get("/api/docs")
        assert len(cache) == 0
    with _client(db, cache_mb=0) as c:  # no cache: pages still answer, with ETags
        assert c.app.state.cache is None  # type: ignore[attr-defined]
        assert c.get("/").status_code == 200 and c.get("/").headers["etag"]


def test_cache_is_bounded_in_bytes() -> None:
    cache = ResponseCache(max_bytes=100_000)
    for n in range(100):
        assert cache.get(f"/page/{n}", "t") is None
        cache.put(f"/page/{n}", "t", Entry(200, [], b"x" * 5_000, b'"e"'))
    assert 10 <= len(cache) <= 20  # about 100 kB of 5 kB pages
    assert cache.get("/page/99", "t") is not None and cache.get("/page/0", "t") is None
    assert cache.get("/page/99", "new token") is None and len(cache) == 0


def test_concurrent_requests_for_one_page_render_it_once(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    db = _database(tmp_path / "news.db", fixture_stories())
    app = create_app(ServeConfig(db=db))
    render = CacheMiddleware._render
    renders = 0

    async def slow_render(self: CacheMiddleware, scope: Scope, receive: Receive) -> Entry:
        nonlocal renders
        renders += 1
        await asyncio.sleep(0.05)  # still rendering when the other requests arrive
        return await render(self, scope, receive)

    monkeypatch.setattr(CacheMiddleware, "_render", slow_render)

    async def five() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return list(await asyncio.gather(*(c.get("/api/stories") for _ in range(5))))

    responses = asyncio.run(five())
    assert [r.status_code for r in responses] == [200] * 5
    assert len({r.text for r in responses}) == 1
    assert renders == 1


@pytest.mark.parametrize("header, expected", [('"abc"', True), ('W/"abc"', True),
                                              ('"x", "abc"', True), ("*", True),
                                              ('"abcd"', False)])
def test_if_none_match_forms(header: str, expected: bool) -> None:
    from crosscheck.serve.cache import _matches

    assert _matches({"headers": [(b"if-none-match", header.encode())]}, b'"abc"') is expected
