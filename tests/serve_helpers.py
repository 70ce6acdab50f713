"""Corpus databases for the web tests and the load bench, written through the store's own
functions with hand-made comparisons (no language models): stories with a conflict, copies,
quotes, an article full of hostile HTML, and a story never compared."""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.model import (Alignment, Article, Claim, Difference, Quote, Report, Speaker,
                              Verdict)
from crosscheck.report.build import build_report
from crosscheck.store import transaction
from crosscheck.store.articles import ArticleRow, insert_articles, next_seq
from crosscheck.store.comparisons import save_comparison
from crosscheck.store.runs import finish_run, start_run
from crosscheck.store.stories import refresh_stories

_SENTENCE = re.compile(r"[^.]+\.")
COMPARED_AT = "2026-01-01T00:00:00+00:00"


@dataclass(frozen=True)
class Story:
    id: str
    originals: Sequence[Article]
    copies: Sequence[tuple[Article, str]] = ()  # (copy, id of its original)
    compare: bool = True


def claims_of(article: Article) -> list[Claim]:
    """One claim per sentence, with the sentence's real offsets."""
    found = []
    for i, match in enumerate(_SENTENCE.finditer(article.text)):
        text = match.group().strip()
        start = article.text.index(text, match.start())
        found.append(Claim(Claim.make_id(article.id, start, start + len(text), text), article.id,
                           f"snt-{article.id}-{i}", text, start, start + len(text), text))
    return found


def _number_span(claim: Claim) -> tuple[str, tuple[int, int]] | None:
    match = re.search(r"\d+", claim.text)
    if match is None:
        return None
    return match.group(), (claim.start + match.start(), claim.start + match.end())


def pair_report(a: Article, b: Article) -> Report:
    """Claim i of ``a`` against claim i of ``b``: a number conflict where their first numbers
    differ, else agreement; a quote in any claim with a colon-free "said" is attributed."""
    claims_a, claims_b = claims_of(a), claims_of(b)
    alignments, verdicts = [], []
    for x, y in zip(claims_a, claims_b):
        alignment = Alignment.create(x.id, y.id, 0.9, 0.5, (), 0.9)
        alignments.append(alignment)
        nx, ny = _number_span(x), _number_span(y)
        if nx and ny and nx[0] != ny[0]:
            diff = Difference("number", nx[0], ny[0], nx[1], ny[1])
            verdicts.append(Verdict.create(alignment, "conflict", 0.9, (diff,),
                                           f"number: {nx[0]} vs {ny[0]}"))
        else:
            verdicts.append(Verdict.create(alignment, "agree", 0.9))
    quotes = [Quote(f"quo-{c.id}", c.article_id, q, c.start, c.end,
                    Speaker("A spokesman", "spokesman"))
              for c in claims_a + claims_b for q in re.findall(r'"([^"]+)"', c.text)]
    return build_report([a, b], claims_a + claims_b, alignments, verdicts, (), quotes)


def write_stories(conn: sqlite3.Connection, stories: Sequence[Story]) -> None:
    """Store the stories' articles, summaries and comparisons in one transaction."""
    with transaction(conn):
        run = start_run(conn, ["synthetic"])
        first = seq = next_seq(conn)
        rows = []
        for story in stories:
            for article in story.originals:
                rows.append(ArticleRow(seq, article, story.id, None, run))
                seq += 1
            for copy, original in story.copies:
                rows.append(ArticleRow(seq, copy, story.id, original, run))
                seq += 1
        insert_articles(conn, rows)
        refresh_stories(conn, {s.id for s in stories}, set(), first)
        for story in stories:
            if story.compare and len(story.originals) >= 2:
                save_comparison(conn, story.id, pair_report(*story.originals[:2]), COMPARED_AT)
        finish_run(conn, run, {"new": len(rows)})


EVIL_TITLE = '<script>alert("title")</script>Evil headline'
EVIL_SOURCE = "<img src=x onerror=alert(1)>"
EVIL_TEXT = ('Click <a href="javascript:alert(1)" onclick="alert(2)">here</a> now. '
             "<script>alert(3)</script> The mayor said 5 people attended.")


def _article(text: str, title: str, source: str, published: str) -> Article:
    return Article.create(text, title=title, source=source, published=published,
                          origin=f"{source}.txt")


def fixture_stories() -> list[Story]:
    alpha = _article("The navy captured 26 pirates on Friday. The ship was in the Gulf of "
                     "Aden. Officials praised the crew.", "Navy captures 26 pirates",
                     "alpha.example", "2011-11-11")
    beta = _article('The navy captured 23 pirates on Friday. The ship was in the Gulf of '
                    'Aden. A spokesman said "we acted fast".', "Navy seizes 23 pirates",
                    "beta.example", "2011-11-12")
    copy = _article(alpha.text + " (Syndicated.)", "Navy captures 26 pirates",
                    "gamma.example", "2011-11-13")
    evil = _article(EVIL_TEXT, EVIL_TITLE, EVIL_SOURCE, "2012-03-01")
    calm = _article("Click the link now. The mayor said 7 people attended.", "Town meeting",
                    "calm.example", "2012-03-02")
    lone = _article("A lighthouse keeper retired after forty years. The town held a party.",
                    "Keeper retires", "delta.example", "2012-05-01")
    return [Story("story_pirates", [alpha, beta], [(copy, alpha.id)]),
            Story("story_evil", [evil, calm]),
            Story("story_lone", [lone])]
