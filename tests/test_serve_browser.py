"""`crosscheck serve` in a real browser: Playwright drives Debian's chromium against a live
server on the demo corpus (the bundled ECB+ sample, compared with the real models).

Screenshots go to out/screenshots/ (ignored by git), one per page, as test artifacts.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO / "out" / "screenshots"
SAMPLE = REPO / "samples" / "ecbplus" / "indian-navy-pirates.jsonl"
TITLE = "Indian Navy captures 26 Somali pirates in Gulf of Aden"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.slow, pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="chromium is not installed: `make install` (or apt-get install "
                              "chromium) puts it at /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server (uvicorn in a thread) on the demo corpus; yields its base URL."""
    import uvicorn

    from crosscheck.corpus.run import RunOptions, open_for_writing, run_corpus
    from crosscheck.serve import ServeConfig, create_app

    db = tmp_path_factory.mktemp("browser") / "demo.db"
    with open_for_writing(db) as conn:
        run_corpus(conn, [str(SAMPLE)], None, RunOptions(workers=1))
    port = _free_port()
    config = uvicorn.Config(create_app(ServeConfig(db=db)), host="127.0.0.1", port=port,
                            log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not app_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; any console error (a blocked script, a CSP violation) fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == []


def _shot(tab: Any, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def test_stories_page_lists_the_demo_story(server: str, page: Any) -> None:
    page.goto(server + "/")
    row = page.locator("table.stories tbody tr", has_text=TITLE)
    assert row.count() == 1
    assert row.locator("td.num").all_inner_texts()[:2] == ["3", "3"]  # articles, sources
    assert int(row.locator("td.conflicts").inner_text()) > 0
    _shot(page, "stories")


def test_story_page_shows_a_conflict_card(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/stories/story_*")
    card = page.locator("article.card.conflict").first
    card.wait_for()
    assert card.locator(".slot").first.inner_text().strip() != ""
    assert "Source A:" in card.inner_text() and "Source B:" in card.inner_text()
    assert card.locator("del, ins").count() > 0  # the differing words are highlighted
    assert page.locator(".columns .column").count() == 3  # the sources side by side
    assert page.locator("ol.timeline li").count() == 3
    _shot(page, "story")
    _shot(page, "story-top", full_page=False)  # the README's picture (docs/serve-story.png)


def test_search_finds_an_article(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.get_by_label("Search").fill("warship")
    page.get_by_role("button", name="Filter").click()
    hit = page.locator("li.hit").first
    hit.wait_for()
    assert hit.locator("mark").first.inner_text().lower() == "warship"
    _shot(page, "search")
    hit.locator("a").first.click()
    page.wait_for_url("**/articles/art_*")
    assert page.locator(".article-text .claim").count() > 0
    assert page.locator("ul.links a[href^='/articles/']").count() > 0  # other sources' claims
    _shot(page, "article")


def test_compare_form_works(server: str, page: Any) -> None:
    page.goto(server + "/compare")
    page.get_by_role("button", name="Add another text").click()
    assert page.locator("fieldset.text").count() == 3  # the plain-JS "add" button
    boxes = page.locator("fieldset.text")
    texts = [("wire.example", "Ferry sinks off coast\n\nA ferry carrying 120 passengers sank "
                              "off the coast on Tuesday, the coast guard said."),
             ("daily.example", "Ferry lost at sea\n\nA ferry carrying 95 passengers sank off "
                               "the coast on Tuesday, the coast guard said.")]
    for index, (source, text) in enumerate(texts):
        boxes.nth(index).get_by_label("Source").fill(source)
        boxes.nth(index).locator("textarea").fill(text)
    page.get_by_role("button", name="Compare", exact=True).click()
    result = page.locator("#result")
    result.wait_for(timeout=120_000)  # the models load on the first comparison
    assert result.locator(".counts .articles .n").inner_text() == "2"
    card = result.locator("article.card.conflict").first
    assert card.locator(".slot").first.inner_text().strip().lower() == "number"
    assert "120" in card.inner_text() and "95" in card.inner_text()
    _shot(page, "compare")
