"""The report as one self-contained HTML5 page (inline CSS, no scripts, no external resources).

The page comes from the Jinja2 template ``templates/report.html.j2`` with autoescaping on:
article text is untrusted, so it reaches the template only as plain strings, never as markup,
and every value is escaped on output. This module turns the report into such plain values.
"""
from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

from crosscheck.model import Article, Report
from crosscheck.report.build import (ConflictGroup, Corroboration, Misquote, ReportView,
                                     agreement_note, set_aside_note)
from crosscheck.report.diff import claim_diff, runs, word_diff
from crosscheck.report.wording import shown

Runs = list[tuple[str, bool]]


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a conflict: its source and its words, grouped into (run, differs)."""

    source: str
    runs: Runs


@dataclass(frozen=True, slots=True)
class ConflictCard:
    slot: str
    title: str
    reason: str
    also: list[tuple[str, str, str]]  # further differences: (slot, a, b)
    a: Side
    b: Side


@dataclass(frozen=True, slots=True)
class Support:
    source: str
    score: str
    text: str


@dataclass(frozen=True, slots=True)
class CorroboratedItem:
    text: str
    source: str
    support: list[Support]


@dataclass(frozen=True, slots=True)
class SourceRow:
    label: str
    title: str
    published: str
    author: str
    url: str
    set_aside: str = ""


def _environment() -> Environment:
    # Autoescape is what keeps "<script>" in an article from running in the reader's browser.
    return Environment(loader=PackageLoader("crosscheck", "report/templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)


def render_html(report: Report) -> str:
    view = ReportView(report)
    template = _environment().get_template("report.html.j2")
    return template.render(
        counts=list(view.counts().items()),
        sources=[_source(report, article) for article in report.articles],
        conflicts=[conflict_card(view, group) for group in view.conflict_groups()],
        misquotes=[_misquote(view, item) for item in view.misquotes()],
        corroborated=[_corroborated(view, group) for group in view.corroborated()],
        unique=[(view.articles[aid].label, [shown(c) for c in claims])
                for aid, claims in view.unique().items() if claims],
        rejected=[(item.location, item.reason) for item in report.rejected],
    )


def _source(report: Report, article: Article) -> SourceRow:
    # The URL is shown as text, not a link: the page must load nothing and an untrusted
    # ``javascript:`` URL must never become clickable.
    title = article.title if article.title and article.title != article.label else ""
    return SourceRow(article.label, title, article.published or "", article.author or "",
                     article.url or "", set_aside_note(report, article))


def conflict_card(view: ReportView, group: ConflictGroup) -> ConflictCard:
    """A conflict as the words of both sides, the differing ones flagged (also used by
    ``crosscheck serve``)."""
    verdict = group.verdict
    a, b = view.claims[verdict.claim_a], view.claims[verdict.claim_b]
    first = verdict.differences[0] if verdict.differences else None
    marked_a, marked_b = claim_diff(a, b, verdict.differences)
    return ConflictCard(
        slot=first.slot if first else "claim",
        title=f"{first.a} vs {first.b}" if first else "the claims disagree",
        reason=verdict.reason,
        also=[(d.slot, d.a, d.b) for d in verdict.differences[1:]],
        a=Side(group.label_a, runs(marked_a)),
        b=Side(group.label_b, runs(marked_b)),
    )


def _misquote(view: ReportView, item: Misquote) -> tuple[Side, Side]:
    """One quotation worded two ways: both wordings, the differing words flagged."""
    marked_a, marked_b = word_diff(item.quote_a, item.quote_b)
    return Side(view.source(item.a), runs(marked_a)), Side(view.source(item.b), runs(marked_b))


def _corroborated(view: ReportView, group: Corroboration) -> CorroboratedItem:
    support = [Support(view.source(claim), agreement_note(verdict), shown(claim))
               for claim, verdict in group.support]
    return CorroboratedItem(shown(group.claim), f"{view.source(group.claim)}; {group.note}",
                            support)
