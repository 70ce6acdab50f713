"""The cleaning stage: page text (captions, stamps, share bars...) set aside, prose kept."""
from __future__ import annotations

import pytest

from crosscheck.clean import page_text, prose_view
from crosscheck.clean.page_text import line_kind
from crosscheck.model import Article

PROSE = [
    "Police said the shooting happened around 11 p.m. Saturday in the 600 block of Bishop Drive.",
    "“We don’t know where it happened,” said Carroll Smith, a police spokeswoman.",
    "Anyone with information is asked to call Crime Stoppers at 713-222-8477.",
    "No arrests have been made.",
    "The boy, 15, was taken to a hospital in serious condition.",
    "Charges: Assault-2nd Degree-Dangerous Weapon",
]


@pytest.mark.parametrize("line, kind", [
    ("Image 76 of 111 TV news stations line the street", "caption"),
    ("Photo: Metro Video Image 1 of / 1 Caption Close Image 1 of 1 Three men were shot.", "caption"),
    ("A one-year-old girl was shot at this apartment on June 5, 2015. (Photo: WFAA)", "credit"),
    ("Updated: 2 weeks ago", "timestamp"),
    ("Update (Feb. 20):", "timestamp"),
    ("Share this story", "share"),
    ("Share this: Facebook", "share"),
    ("Copyright 2016 KLTV. All rights reserved.", "copyright"),
    ("WEBVTT", "transcript"),
    ("THE SHOOTING HAPPENED JUST AFTER MIDNIGHT ON THE EAST SIDE", "transcript"),
    ("Hide Transcript", "transcript"),
    ("This is a breaking news alert.", "banner"),
    ("Stay with 13abc as we continue to provide updates to this developing story.", "banner"),
    ("RELATED: Two killed in weekend shootings", "related"),
    ("1:28 Cowboys owner on the parable of peas and jello", "related"),
    ("By Jane Doe, Staff Writer", "byline"),
    ("Review-Journal reporter Jenny Wilson contributed to this report.", "byline"),
    ("LOS ANGELES (AP) —", "dateline"),
    ("Please enable Javascript to watch this video", "login"),
    ("— KPD (@KilleenPD) June 5, 2016", "social"),
])
def test_each_kind_of_page_text_is_named(line: str, kind: str) -> None:
    assert line_kind(line) == kind


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str) -> None:
    assert line_kind(line) is None


def test_spans_index_the_text_and_repeats_are_set_aside_at_their_second_showing() -> None:
    caption = "Neighbors sort through the mess Saturday morning after a house party."
    text = "\n\n".join([caption, PROSE[0], "Share this story", PROSE[3], caption])
    spans = page_text(text, "art-1")
    assert [(text[s.start:s.end], s.kind) for s in spans] == [
        ("Share this story", "share"), (caption, "repeat")]
    assert all(s.article_id == "art-1" for s in spans)
    view = prose_view(text, spans)
    assert len(view) == len(text) and view.count("\n") == text.count("\n")
    assert "Share" not in view and view.index(PROSE[3]) == text.index(PROSE[3])


def test_a_tail_is_cut_after_the_story_sentence() -> None:
    text = ("Wilson, 14, was inside his home when two people broke in. Read more → "
            "Other story")
    (span,) = page_text(text)
    assert text[:span.start].rstrip() == "Wilson, 14, was inside his home when two people broke in."
    assert span.kind == "related"


@pytest.mark.slow
def test_no_claim_comes_from_page_text_and_the_report_says_what_was_set_aside() -> None:
    from crosscheck.pipeline import compare_articles
    from crosscheck.report import render

    clutter = "Image 5 of 40 Three men were shot after a fight at the club."
    a = Article.create("\n\n".join([clutter, "Four men were shot after a fight at the club, "
                                    "police said Sunday.", "Updated: 2 weeks ago"]),
                       source="a.example", title="Four shot")
    b = Article.create("Four men were shot after a fight at a club, police said Sunday.\n\n"
                       "Updated: 2 months ago", source="b.example", title="Four shot at club")
    report = compare_articles([a, b])
    assert not any("Image 5" in c.text or "Updated" in c.text for c in report.claims)
    assert not [v for v in report.verdicts if v.label == "conflict"]
    text = render(report, "text")
    assert "2 lines set aside as page text (caption 1, timestamp 1)" in text
    assert "set aside as page text" in render(report, "md")
    assert '"set_aside"' in render(report, "json")
