"""`crosscheck serve` over HTTP (httpx through FastAPI's TestClient, no models): pages, the
JSON API, errors, escaping of hostile article text, and the security guards."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosscheck.serve import ServeConfig, create_app
from crosscheck.serve.db import prepare, read_only
from crosscheck.serve.uploads import safe_name
from crosscheck.store import LATEST, migrate, open_store
from tests.serve_helpers import EVIL_TEXT, fixture_stories, write_stories

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "news.db"
    conn = open_store(path)
    write_stories(conn, fixture_stories())
    conn.close()
    return path


def client_for(db: Path, **options: object) -> TestClient:
    return TestClient(create_app(ServeConfig(db=db, **options)),  # type: ignore[arg-type]
                      base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with client_for(db) as c:
        yield c


def test_story_list_newest_first_with_counts(client: TestClient) -> None:
    data = client.get("/api/stories").json()
    assert [s["id"] for s in data["stories"]] == ["story_lone", "story_evil", "story_pirates"]
    pirates = data["stories"][2]
    assert (pirates["articles"], pirates["copies"], pirates["sources"], pirates["conflicts"]) \
        == (3, 1, 3, 1)
    page = client.get("/").text
    assert page.index("Keeper retires") < page.index("Navy captures 26 pirates")
    assert 'href="/stories/story_pirates"' in page


@pytest.mark.parametrize("query, expected", [
    ("conflicts=1", ["story_evil", "story_pirates"]),
    ("source=delta.example", ["story_lone"]),
    ("since=2012-01-01", ["story_lone", "story_evil"]),
    ("until=2011-12-31", ["story_pirates"]),
    ("since=2011-11-12&until=2011-11-12", ["story_pirates"]),  # overlaps the story's span
    ("q=spokesman", ["story_pirates"]),       # a word of an article's text (FTS5)
    ("q=lighthouse+keep", ["story_lone"]),    # the last word is a prefix
    ("q=ADEN", ["story_pirates"]),
    ("q=zebra", []),
    ("sort=conflicts&conflicts=1&q=navy", ["story_pirates"]),
])
def test_filters_and_search(client: TestClient, query: str, expected: list[str]) -> None:
    assert [s["id"] for s in client.get(f"/api/stories?{query}").json()["stories"]] == expected


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(a b", "a OR", "*", "x:y", "'; DROP TABLE"])
def test_search_syntax_is_only_words(client: TestClient, query: str) -> None:
    # FTS5 operators and quotes in the input never reach FTS5 as syntax: no 500, no error.
    assert client.get("/api/stories", params={"q": query}).status_code == 200
    assert client.get("/api/search", params={"q": query}).status_code == 200
    assert client.get("/", params={"q": query}).status_code == 200


def test_search_finds_articles_with_snippets(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "spokesman"}).json()["articles"]
    assert [h["source"] for h in hits] == ["beta.example"]
    assert "spokesman" in hits[0]["snippet"]
    page = client.get("/", params={"q": "spokesman"}).text
    assert "<mark>spokesman</mark>" in page and f'href="/articles/{hits[0]["id"]}"' in page


def test_story_page_shows_conflict_sources_copies_quotes_timeline(client: TestClient) -> None:
    page = client.get("/stories/story_pirates").text
    assert 'class="card conflict" data-slot="number"' in page
    assert "<del>26</del>" in page and "<ins>23</ins>" in page
    assert "Source A: <strong>alpha.example</strong>" in page
    assert 'class="claim contradicted"' in page and 'class="claim corroborated"' in page
    assert "1 copy of this article" in page and "gamma.example" in page
    assert "<q>we acted fast</q>" in page and "A spokesman" in page
    timeline = page[page.index('class="timeline"'):]
    assert timeline.index("2011-11-11") < timeline.index("2011-11-12") < \
        timeline.index("2011-11-13")
    assert "copy of alpha.example" in timeline


def test_story_by_id_prefix_and_json(client: TestClient) -> None:
    assert client.get("/stories/pira").status_code == 200  # "story_" may be left out
    data = client.get("/api/stories/story_pirates").json()
    assert data["format"] == "crosscheck.story/1"
    assert data["report"]["counts"]["conflicts"] == 1
    assert [c["source"] for c in data["copies"]] == ["gamma.example"]


def test_article_page_marks_claims_and_links_other_sources(client: TestClient) -> None:
    data = client.get("/api/stories/story_pirates").json()
    alpha = next(a for a in data["report"]["articles"] if a["source"] == "alpha.example")
    beta = next(a for a in data["report"]["articles"] if a["source"] == "beta.example")
    page = client.get(f"/articles/{alpha['id']}").text
    text = page[page.index('class="article-text"'):].split("</div>")[0]
    assert text.count('class="claim ') == 3 and text.count("contradicted") == 1
    assert f'href="/articles/{beta["id"]}#' in page and "contradicts" in page
    api = client.get(f"/api/articles/{alpha['id']}").json()
    assert api["story"] == "story_pirates"
    conflict = next(c for c in api["claims"] if c["status"] == "contradicted")
    assert conflict["links"][0]["kind"] == "contradicts"
    link = conflict["links"][0]
    assert link["slot"] == "number" and link["article"] == beta["id"]


def test_copy_article_links_its_original(client: TestClient) -> None:
    copy = client.get("/api/stories/story_pirates").json()["copies"][0]
    page = client.get(f"/articles/{copy['id']}").text
    assert "A copy of" in page and copy["copy_of"] in page and 'class="claim ' not in page


@pytest.mark.parametrize("url", ["/stories/story_nope", "/api/stories/story_nope",
                                 "/articles/art_nope", "/api/articles/art_nope", "/no/such/page"])
def test_unknown_ids_are_404_with_a_helpful_message(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    text = response.json()["detail"] if url.startswith("/api/") else response.text
    assert "nope" in text or "/no/such/page" in text
    assert "crosscheck stories" in text or "search" in text or "story list" in text


@pytest.mark.parametrize("url, named", [("/api/stories?since=2011-13-1", "since"),
                                        ("/?until=yesterday", "until"),
                                        ("/api/stories?page=0", "page"),
                                        ("/api/stories?sort=random", "sort"),
                                        ("/api/search", "q")])
def test_bad_parameters_are_400_naming_the_field(client: TestClient, url: str,
                                                 named: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert named in (response.json()["detail"] if url.startswith("/api/") else response.text)


class _Elements(HTMLParser):
    """Every element of a page with its attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _assert_escaped(html: str, shown: str = "&lt;script&gt;alert(3)&lt;/script&gt;") -> None:
    parser = _Elements()
    parser.feed(html)
    scripts = [attrs.get("src") for tag, attrs in parser.found if tag == "script"]
    assert scripts == ["/static/app.js"]  # ours only: no script from an article
    assert not [tag for tag, _ in parser.found if tag in ("img", "iframe", "object", "embed")]
    assert not [(tag, a) for tag, attrs in parser.found for a in attrs if a.startswith("on")]
    assert not [v for _, attrs in parser.found for k, v in attrs.items()
                if k in ("href", "src", "action") and v and v.lower().startswith("javascript:")]
    assert shown in html  # the hostile markup is shown, as text


def test_hostile_article_text_is_escaped_everywhere(client: TestClient) -> None:
    story = client.get("/stories/story_evil")
    _assert_escaped(story.text)
    assert "&lt;img src=x onerror=alert(1)&gt;" in story.text  # the source, as text
    evil_id = next(a["id"] for a in client.get("/api/stories/story_evil").json()
                   ["report"]["articles"] if a["source"].startswith("<img"))
    _assert_escaped(client.get(f"/articles/{evil_id}").text)
    listing = client.get("/", params={"q": "mayor"}).text
    _assert_escaped(listing,
                    shown="&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;Evil headline")
    # The JSON API returns the text unchanged, as JSON (never rendered as HTML).
    api = client.get(f"/api/articles/{evil_id}")
    assert api.headers["content-type"] == "application/json" and api.json()["text"] == EVIL_TEXT


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_other_host_names_are_refused(db: Path) -> None:
    # A page elsewhere that rebinds its DNS name to 127.0.0.1 sends its own Host.
    with TestClient(create_app(ServeConfig(db=db)), base_url="http://evil.example") as c:
        assert c.get("/api/stories").status_code == 400


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/%2e%2e/app.py",
                                 "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml"])
def test_no_path_traversal(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and "create_app" not in response.text


@pytest.mark.parametrize("given, expected", [
    ("../../etc/passwd", "passwd"), ("..\\..\\windows\\x.txt", "x.txt"), (".bashrc", "bashrc"),
    ("report 1 (final).HTML", "report_1_final_.html"), ("..", "upload"), ("a.exe", "a"),
])
def test_upload_names_stay_inside_the_folder(given: str, expected: str) -> None:
    assert safe_name(given, set()) == expected


def test_upload_names_are_unique() -> None:
    taken: set[str] = set()
    assert [safe_name("a.txt", taken) for _ in range(3)] == ["a.txt", "a-2.txt", "a-3.txt"]


def test_serving_connections_are_read_only(db: Path) -> None:
    conn = read_only(db)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
            conn.execute("DELETE FROM stories")
    finally:
        conn.close()


def test_ingest_is_refused_without_allow_ingest(client: TestClient) -> None:
    response = client.post("/api/ingest", files={"files": ("a.txt", b"text")},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and "--allow-ingest" in response.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_ingest_needs_the_token(db: Path, header: str | None) -> None:
    with client_for(db, allow_ingest=True, token=TOKEN) as c:
        headers = {"Authorization": header} if header else {}
        response = c.post("/api/ingest", files={"files": ("a.txt", b"text")}, headers=headers)
    assert response.status_code == 401 and "token" in response.json()["detail"]


def test_request_bodies_are_capped_while_read(db: Path) -> None:
    with client_for(db, allow_ingest=True, token=TOKEN, max_ingest_bytes=1000) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        declared = c.post("/api/ingest", files={"files": ("a.txt", b"x" * 5000)}, headers=auth)
        assert declared.status_code == 413 and "too large" in declared.json()["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"y" * 500
        streamed = c.post("/api/ingest", content=chunks(), headers={
            **auth, "Content-Type": "multipart/form-data; boundary=b"})
        assert streamed.status_code == 413
        assert c.post("/api/compare", content=b"{" * 3_000_000).status_code == 413


def test_ingest_adds_uploaded_articles(tmp_path: Path) -> None:
    path = tmp_path / "ingest.db"
    open_store(path).close()
    texts = {"first.txt": "Bridge reopens\n\nThe old bridge over the river reopened on Monday "
                          "after two years of repairs, the council said.",
             "../second.txt": "River bridge open again\n\nCars crossed the river bridge again "
                              "on Monday when it reopened after repairs lasting two years."}
    with client_for(path, allow_ingest=True, token=TOKEN) as c:
        response = c.post("/api/ingest", data={"compare": "0"},
                          files=[("files", (name, text.encode())) for name, text in texts.items()]
                          + [("files", ("empty.txt", b""))],
                          headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        assert response.json()["new"] == 2
        assert response.json()["rejected_inputs"] == [{"location": "upload:empty.txt",
                                                       "reason": "empty file"}]
        hits = c.get("/api/search", params={"q": "bridge"}).json()["articles"]
    assert sorted(h["source"] for h in hits) == ["first", "second"]
    # Where each article came from is the uploaded file's cleaned name, not the temporary
    # folder it passed through; the run's record names the uploads the same way.
    conn = read_only(path)
    try:
        origins = sorted(row[0] for row in conn.execute("SELECT origin FROM articles"))
        [inputs] = [row[0] for row in conn.execute("SELECT inputs FROM runs")]
    finally:
        conn.close()
    assert origins == ["upload:first.txt", "upload:second.txt"]
    assert json.loads(inputs) == ["upload:first.txt", "upload:second.txt", "upload:empty.txt"]


def test_compare_needs_two_texts(client: TestClient) -> None:
    response = client.post("/api/compare", json={"articles": [{"text": "One."}, {"text": " "}]})
    assert response.status_code == 400 and "two or more" in response.json()["detail"]
    form = client.post("/compare", data={"text": ["Only one text here."], "source": ["a"]})
    assert form.status_code == 400 and "two or more" in form.text
    too_long = client.post("/api/compare", json={"articles": [{"text": "x" * 100_001},
                                                              {"text": "y"}]})
    assert too_long.status_code == 400 and "100,000" in too_long.json()["detail"]


def test_older_database_upgrades_to_full_text_search(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, target=2)
    old.execute("PRAGMA foreign_keys = ON")
    old.execute("PRAGMA journal_mode = WAL")
    write_stories(old, fixture_stories())
    old.close()
    assert prepare(path) == 2
    assert prepare(path) is None  # already upgraded
    conn = read_only(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    conn.close()
    with client_for(path) as c:
        assert [s["id"] for s in c.get("/api/stories?q=lighthouse").json()["stories"]] == \
            ["story_lone"]


def test_missing_database_is_refused(tmp_path: Path) -> None:
    from crosscheck.errors import StoreError
    with pytest.raises(StoreError, match="crosscheck run"):
        prepare(tmp_path / "none.db")


def test_api_docs_and_openapi(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
            "/api/search", "/api/conflicts", "/api/compare", "/api/ingest"} <= set(schema["paths"])
    assert "/" not in schema["paths"]  # pages are not API
    page = client.get("/api/docs").text
    assert "GET /api/stories" in page and "/api/openapi.json" in page


def test_conflicts_api(client: TestClient) -> None:
    found = client.get("/api/conflicts").json()["conflicts"]
    assert {(c["story"], c["slot"]) for c in found} == {("story_pirates", "number"),
                                                       ("story_evil", "number")}


@pytest.mark.slow
def test_compare_pasted_text_and_uploaded_file(client: TestClient) -> None:
    first = ("Ferry sinks off coast\n\nA ferry carrying 120 passengers sank off the coast on "
             "Tuesday, the coast guard said.")
    second = ("Ferry lost at sea\n\nA ferry carrying 95 passengers sank off the coast on "
              "Tuesday, the coast guard said.")
    page = client.post("/compare", data={"text": [first, ""], "source": ["wire.example", ""]},
                       files={"files": ("../daily.txt", second.encode())})
    assert page.status_code == 200, page.text
    assert 'data-slot="number"' in page.text and "<del>120 passengers</del>" in page.text
    assert "daily" in page.text and "wire.example" in page.text
    report = client.post("/api/compare", json={"articles": [
        {"text": first, "source": "wire.example"}, {"text": second, "source": "daily"}]}).json()
    assert report["format"] == "crosscheck.report/1"
    assert report["counts"]["articles"] == 2 and report["counts"]["conflicts"] == 1


def test_server_processes_build_the_app_from_the_environment(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crosscheck.serve.app import CONFIG_ENV, app_from_environment

    config = ServeConfig(db=db, allow_ingest=True, token=TOKEN, max_ingest_bytes=1234)
    assert ServeConfig.from_json(config.to_json()) == config
    monkeypatch.setenv(CONFIG_ENV, config.to_json())
    with TestClient(app_from_environment(), base_url="http://127.0.0.1") as c:
        assert c.get("/api/stories").json()["total"] == 3
    monkeypatch.delenv(CONFIG_ENV)
    with pytest.raises(RuntimeError, match="crosscheck serve"):
        app_from_environment()


def test_serve_command_refuses_a_missing_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from crosscheck.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "crosscheck run" in result.output
