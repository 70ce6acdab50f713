"""The first acceptance case: two reports of the Trump-Putin call of 12 February 2025
(``../shared/seeds``). Runs the whole pipeline with the real models."""
from __future__ import annotations

import pytest

from crosscheck.model import Claim, Report
from crosscheck.report.build import ReportView

pytestmark = pytest.mark.slow


def _first(view: ReportView, claim: Claim) -> bool:
    return claim.article_id == view.report.articles[0].id


def _corroborated_texts(view: ReportView) -> list[str]:
    texts = []
    for group in view.corroborated():
        texts.append(" || ".join([group.claim.text] + [c.text for c, _ in group.support]))
    return texts


def test_seed_articles_read(seed_report: Report) -> None:
    assert len(seed_report.articles) == 2
    assert seed_report.rejected == ()
    assert len(seed_report.claims) > 40


def test_speaker_conflict_over_unrealistic(seed_report: Report) -> None:
    view = ReportView(seed_report)
    speaker_conflicts = [v for v in view.conflicts()
                         if v.slot == "speaker" and any("unrealistic" in q for q in
                                                        view.alignments[v.alignment_id].shared_quotes)]
    assert speaker_conflicts, "the Hegseth / Austin conflict over 'unrealistic' is missing"
    difference = speaker_conflicts[0].differences[0]
    assert {difference.a.split(" (")[0], difference.b.split(" (")[0]} == {"Pete Hegseth",
                                                                         "Lloyd Austin"}
    assert "Secretary" in difference.a and "Secretary" in difference.b


def test_call_length_is_not_a_conflict(seed_report: Report) -> None:
    view = ReportView(seed_report)
    for verdict in view.conflicts():
        texts = view.claims[verdict.claim_a].text + view.claims[verdict.claim_b].text
        assert not ("90 minutes" in texts and "hour-plus" in texts), verdict.reason
        assert verdict.slot != "number" or "minute" not in verdict.reason


def test_a_shared_weekday_alone_is_weak_not_corroboration(seed_report: Report) -> None:
    """"On Wednesday, President Donald Trump had his first conversation confirmed with ...
    Putin" and "The hour-plus telephone call on Wednesday was the first direct contact" share
    no word but the weekday: on scraped local news half of such pairs were wrong, so the pair
    is the weak tier, related and never counted as corroboration."""
    weak = [v for v in seed_report.verdicts if v.reason.startswith("weak:")]
    assert weak and all(v.label == "related" and "Wednesday" in v.reason for v in weak)


@pytest.mark.parametrize("what, words_a, words_b", [
    ("the two leaders agreed to start negotiations", ("peace talks", "negotiations"),
     ("agreed to start negotiating",)),
    ("Zelensky was to be / was informed", ("Zelensky",), ("informed",)),
])
def test_corroborated(seed_report: Report, what: str, words_a: tuple[str, ...],
                      words_b: tuple[str, ...]) -> None:
    view = ReportView(seed_report)
    for group in view.corroborated():
        members = [group.claim] + [c for c, _ in group.support]
        first = " ".join(c.text for c in members if _first(view, c))
        second = " ".join(c.text for c in members if not _first(view, c))
        if any(w in first for w in words_a) and any(w in second for w in words_b):
            return
    pytest.fail(f"not corroborated: {what}; corroborated groups: {_corroborated_texts(view)}")


@pytest.mark.parametrize("first, words", [
    (True, ("Rubio", "Ratcliffe", "Waltz", "Witkoff")),
    (True, ("United Nations",)),
    (False, ("Saudi Arabia",)),
])
def test_unique(seed_report: Report, first: bool, words: tuple[str, ...]) -> None:
    view = ReportView(seed_report)
    article = seed_report.articles[0 if first else 1]
    claims = [c for c in seed_report.claims if c.article_id == article.id
              and all(w in c.text for w in words)]
    assert claims, f"no claim mentions {words}"
    assert all(seed_report.statuses[c.id] == "unique" for c in claims), [
        (c.text, seed_report.statuses[c.id]) for c in claims]
    assert any(c in view.unique()[article.id] for c in claims)


def test_quotes_carry_their_speakers(seed_report: Report) -> None:
    speakers = {q.speaker.name for q in seed_report.quotes if "unrealistic" in q.text and q.speaker}
    assert speakers == {"Pete Hegseth", "Lloyd Austin"}
    for quote in seed_report.quotes:
        article = next(a for a in seed_report.articles if a.id == quote.article_id)
        assert article.text[quote.start:quote.end] == quote.text
