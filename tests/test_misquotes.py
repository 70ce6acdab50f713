"""Item 5 of the quotes issue: one quotation worded two ways is a misquote (a word diff), not a
contradiction; one quotation given to two different people is a speaker conflict."""
from __future__ import annotations

import json
from dataclasses import replace

from crosscheck.align.names import people_mapping
from crosscheck.claims.quotes import find_quotes, quote_key
from crosscheck.judge.judge import JudgeSettings, judge_pair
from crosscheck.model import Alignment, Article, Claim, Report, Speaker
from crosscheck.report.build import ReportView, build_report
from crosscheck.report.html import render_html
from crosscheck.report.json_report import render_json
from crosscheck.report.markdown import render_markdown
from crosscheck.report.text import render_text

SILVA = Speaker(name="Ana Silva", key="ana silva", role="Mayor")
BERG = Speaker(name="Tomas Berg", key="tomas berg")


def claim(article: Article, speaker: Speaker | None) -> Claim:
    text = article.text
    if speaker is not None and speaker.name in text:  # named in the claim, as the parse gives it
        start = text.index(speaker.name)
        speaker = replace(speaker, start=start, end=start + len(speaker.name))
    return Claim(id=Claim.make_id(article.id, 0, len(text), text), article_id=article.id,
                 sentence_id="s", text=text, start=0, end=len(text), statement=text,
                 speaker=speaker, quotes=tuple(quote_key(q) for _, _, q in find_quotes(text)))


def pair(text_a: str, text_b: str, speaker_a: Speaker | None, speaker_b: Speaker | None
         ) -> tuple[Report, Alignment]:
    article_a = Article.create(text_a, source="Paper A")
    article_b = Article.create(text_b, source="Paper B")
    a, b = claim(article_a, speaker_a), claim(article_b, speaker_b)
    alignment = Alignment.create(a.id, b.id, 0.9, 0.5, (), 0.9)
    verdict = judge_pair(alignment, a, b, JudgeSettings())
    return build_report([article_a, article_b], [a, b], [alignment], [verdict]), alignment


def test_same_quote_reworded_is_a_misquote_with_a_word_diff() -> None:
    report, _ = pair("“We will rebuild the old bridge before winter,” the mayor said.",
                     "“We will repair the old bridge before the winter,” the mayor said.",
                     SILVA, SILVA)
    verdict = report.verdicts[0]
    assert verdict.label == "related" and verdict.reason.startswith("misquote")
    assert report.statuses == {c.id: "unique" for c in report.claims}  # not contradicted
    view = ReportView(report)
    assert not view.conflicts()
    [item] = view.misquotes()
    assert item.quote_a == "We will rebuild the old bridge before winter,"
    text = render_text(report, width=200)
    assert "Misquotes (1)" in text and "[-rebuild-]" in text and "{+repair+}" in text
    assert "{+the+}" in text
    markdown = render_markdown(report)
    assert "## Misquotes" in markdown and "~~rebuild~~" in markdown and "**repair**" in markdown
    html = render_html(report)
    assert "<h2>Misquotes</h2>" in html
    assert "<del>rebuild</del>" in html and "<ins>repair</ins>" in html
    [entry] = json.loads(render_json(report))["misquotes"]
    assert entry["verdict"] == verdict.id and entry["quote_a"] == item.quote_a
    assert ["rebuild", True] in entry["diff_a"] and ["repair", True] in entry["diff_b"]
    assert ["the", True] in entry["diff_b"]


def test_same_quote_from_two_people_is_a_speaker_conflict() -> None:
    report, _ = pair("“We will rebuild the old bridge before winter,” Ana Silva said.",
                     "“We will rebuild the old bridge before the winter,” Tomas Berg said.",
                     SILVA, BERG)
    verdict = report.verdicts[0]
    assert verdict.label == "conflict" and verdict.slot == "speaker"
    assert not ReportView(report).misquotes()
    assert "Misquotes" not in render_html(report)


def test_identical_quotes_are_no_misquote() -> None:
    report, _ = pair("“We will rebuild the old bridge before winter,” Ana Silva said.",
                     "Ana Silva said: “We will rebuild the old bridge before winter.”",
                     SILVA, SILVA)
    assert not report.verdicts[0].reason.startswith("misquote")


def test_names_across_a_story() -> None:
    """Item 4: spelling variants and titles join; two people sharing a surname never do, and a
    bare surname that could be either of them stays apart (ambiguous) rather than guessed."""
    def speakers(*names: str) -> list[Claim]:
        article = Article.create("x", source="s")
        return [claim(article, Speaker(name=n, key=k)) for n, k in names]

    trump = people_mapping(speakers(("Trump", "trump"), ("Donald Trump", "donald trump"),
                                    ("President Trump", "trump")))
    assert trump["trump"] == trump["donald trump"] == "donald trump"
    variants = people_mapping(speakers(("Zelensky", "volodymyr zelensky"),
                                       ("Zelenskyy", "volodymyr zelenskyy"),
                                       ("Peskov", "dmitry peskov"), ("Pekskov", "pekskov")))
    assert variants["volodymyr zelensky"] == variants["volodymyr zelenskyy"]
    assert variants["pekskov"] == "dmitry peskov"
    bidens = people_mapping(speakers(("Joe Biden", "joe biden"), ("Hunter Biden", "hunter biden"),
                                     ("Biden", "biden")))
    assert bidens["joe biden"] != bidens["hunter biden"]
    assert bidens["biden"] == "biden"
