"""What the web pages show, as plain values built from a ``Report`` or a stored story.

Like ``report/html.py``, this turns records into strings and flags only: article text never
becomes markup here, the templates escape every value (autoescape on, no ``|safe``).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.corpus.listing import time_span
import sqlite3

from crosscheck.corpus.story_view import StoryView, load_story
from crosscheck.model import Article, Claim, Report, Status
from crosscheck.report.build import ReportView
from crosscheck.report.html import ConflictCard, conflict_card
from crosscheck.report.wording import shown
from crosscheck.store.articles import articles_by_id
from crosscheck.store.search import MARK_END, MARK_START, article_row

Runs = list[tuple[str, bool]]


@dataclass(frozen=True, slots=True)
class ClaimItem:
    id: str
    article_id: str
    text: str
    status: Status


@dataclass(frozen=True, slots=True)
class Column:
    """One source, side by side with the others: its claims in article order, its copies."""

    article: Article
    claims: list[ClaimItem]
    copies: list[Article]


@dataclass(frozen=True, slots=True)
class QuoteItem:
    text: str
    source: str
    article_id: str


@dataclass(frozen=True, slots=True)
class TimelineItem:
    when: str
    article: Article
    copy_of: str | None  # the original's source label, for a copy


@dataclass(frozen=True, slots=True)
class ReportPage:
    """The parts of a comparison the story page and the compare page both show."""

    counts: list[tuple[str, int]]
    columns: list[Column]
    conflicts: list[ConflictCard]
    quotes: list[tuple[str, list[QuoteItem]]]  # (speaker, quotes), most quoted first
    rejected: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class StoryPage:
    view: StoryView
    span: str
    body: ReportPage
    timeline: list[TimelineItem]


def report_page(report: Report, copies: Sequence[tuple[Article, str]] = ()) -> ReportPage:
    view = ReportView(report)
    folded: dict[str, list[Article]] = defaultdict(list)
    for copy, original in copies:
        folded[original].append(copy)
    by_article: dict[str, list[ClaimItem]] = defaultdict(list)
    for claim in report.claims:
        by_article[claim.article_id].append(_item(report, claim))
    return ReportPage(
        counts=list(view.counts().items()),
        columns=[Column(a, by_article[a.id], folded[a.id]) for a in report.articles],
        conflicts=[conflict_card(view, group) for group in view.conflict_groups()],
        quotes=_quotes(view),
        rejected=[(r.location, r.reason) for r in report.rejected])


def _item(report: Report, claim: Claim) -> ClaimItem:
    return ClaimItem(claim.id, claim.article_id, shown(claim),
                     report.statuses.get(claim.id, "unique"))


def _quotes(view: ReportView) -> list[tuple[str, list[QuoteItem]]]:
    groups: dict[str, list[QuoteItem]] = defaultdict(list)
    for quote in view.report.quotes:
        speaker = quote.speaker.name if quote.speaker is not None else "Unattributed"
        source = view.articles[quote.article_id].label if quote.article_id in view.articles \
            else quote.article_id
        groups[speaker].append(QuoteItem(quote.text, source, quote.article_id))
    # Named speakers first, the most quoted on top; "Unattributed" last.
    return sorted(groups.items(), key=lambda kv: (kv[0] == "Unattributed", -len(kv[1]), kv[0]))


def story_page(view: StoryView) -> StoryPage:
    report = view.report or Report(view.originals, (), (), ())
    labels = {a.id: a.label for a in view.originals}
    items = [TimelineItem(a.published or "undated", a, None) for a in view.originals]
    items += [TimelineItem(c.published or "undated", c, labels.get(original, original))
              for c, original in view.copies]
    # Undated last; ties in publication order stay in insertion order (sorted is stable).
    items.sort(key=lambda item: (item.article.published is None, item.article.published or ""))
    summary = view.summary
    return StoryPage(view, time_span(summary.first_published, summary.last_published),
                     report_page(report, view.copies), items)


@dataclass(frozen=True, slots=True)
class Link:
    """A claim of another source that agrees with or contradicts the marked claim."""

    kind: str  # "agrees" or "contradicts"
    slot: str | None
    source: str
    article_id: str
    claim_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the article's text; ``claim`` is set where the run is a claim."""

    text: str
    claim: ClaimItem | None = None
    links: tuple[Link, ...] = ()


def article_segments(article: Article, report: Report | None) -> list[Segment]:
    """The article's text cut into plain runs and claims (with their links elsewhere)."""
    if report is None:
        return [Segment(article.text)]
    view = ReportView(report)
    links = _links(view, article.id)
    segments: list[Segment] = []
    at = 0
    claims = sorted((c for c in report.claims if c.article_id == article.id),
                    key=lambda c: (c.start, -c.end))
    for claim in claims:
        # A claim inside one already marked (a clause split off a sentence) stays part of it;
        # one whose offsets do not give its words (a title's) is not marked in the text.
        if claim.start < at or article.text[claim.start:claim.end] != claim.text:
            continue
        if claim.start > at:
            segments.append(Segment(article.text[at:claim.start]))
        segments.append(Segment(article.text[claim.start:claim.end], _item(report, claim),
                                tuple(links.get(claim.id, ()))))
        at = claim.end
    if at < len(article.text):
        segments.append(Segment(article.text[at:]))
    return segments


def _links(view: ReportView, article_id: str) -> dict[str, list[Link]]:
    found: dict[str, list[Link]] = defaultdict(list)
    for verdict in view.report.verdicts:
        if verdict.label == "related":
            continue
        kind = "agrees" if verdict.label == "agree" else "contradicts"
        for mine, theirs in ((verdict.claim_a, verdict.claim_b),
                             (verdict.claim_b, verdict.claim_a)):
            claim, other = view.claims.get(mine), view.claims.get(theirs)
            if claim is None or other is None or claim.article_id != article_id:
                continue
            found[mine].append(Link(kind, verdict.slot, view.source(other), other.article_id,
                                    other.id, shown(other)))
    return found


def snippet_runs(snippet: str) -> Runs:
    """An FTS5 snippet as (text, matched) runs, for the template to escape and highlight."""
    runs: Runs = []
    for index, part in enumerate(snippet.split(MARK_START)):
        matched, _, rest = part.partition(MARK_END) if index else ("", "", part)
        if matched:
            runs.append((matched, True))
        if rest:
            runs.append((rest, False))
    return runs


class NotFound(LookupError):
    """Nothing stored under the id asked for (answered with 404 and this message)."""


@dataclass(frozen=True, slots=True)
class ArticlePage:
    article: Article
    story: StoryView
    original: Article | None  # for a copy: the article it copies
    segments: list[Segment]

    @property
    def compared(self) -> bool:
        return any(segment.claim is not None for segment in self.segments)


def article_page(conn: sqlite3.Connection, article_id: str) -> ArticlePage:
    found = article_row(conn, article_id)
    if found is None:
        raise NotFound(f"no article {article_id}: find articles with the search box on the "
                       "story list")
    story_id, original_id = found
    [article] = articles_by_id(conn, [article_id])
    story = load_story(conn, story_id, outline=True)
    # A copy is never compared: its text is shown plain, with a link to its original.
    original = articles_by_id(conn, [original_id])[0] if original_id else None
    report = story.report if original is None else None
    return ArticlePage(article, story, original, article_segments(article, report))
