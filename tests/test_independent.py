"""Corroboration counts independent outlets: a second report of the same outlet is not one."""
from __future__ import annotations

import pytest

from crosscheck.model import Article
from crosscheck.report.build import ReportView, outlet

pytestmark = pytest.mark.slow

SENTENCE = "Police said the 15-year-old boy was shot in the leg outside a Bishop Drive home."


def _compare(*sources: str):
    from crosscheck.pipeline import Settings, compare_articles

    texts = [SENTENCE, "Police said a 15-year-old boy was shot in the leg outside a home on "
                       "Bishop Drive.", "The 15-year-old boy was shot in the leg outside a "
                                        "Bishop Drive home, police said."]
    articles = [Article.create(text, source=source, title=f"Teen shot {i}")
                for i, (text, source) in enumerate(zip(texts, sources))]
    return compare_articles(articles, Settings(use_verifier=False))


def test_outlet_names_the_publisher() -> None:
    assert outlet(Article.create("x", source="www.WSB.com")) == "wsb.com"
    assert outlet(Article.create("x", url="https://www.kltv.com/story/1")) == "kltv.com"
    bare = Article.create("x")
    assert outlet(bare) == bare.id


def test_two_reports_of_one_outlet_corroborate_nothing() -> None:
    report = _compare("wsb.com", "www.wsb.com")
    assert "corroborated" not in report.statuses.values()
    assert ReportView(report).corroborated() == []


def test_the_note_counts_independent_sources_and_the_outlet_apart() -> None:
    report = _compare("wsb.com", "www.wsb.com", "kltv.com")
    groups = ReportView(report).corroborated()
    assert groups, "the three reports state one fact"
    assert [g.note for g in groups] == [
        "corroborated by 1 independent source (and 1 more report of the same outlet)"]
    from crosscheck.report import render

    assert "independent source" in render(report, "text")
