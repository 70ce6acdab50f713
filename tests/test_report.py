"""Tests for the report renderers: text, Markdown, HTML and JSON, on a small hand-built report."""
from __future__ import annotations

import json
import math
from typing import Any

import pytest

from crosscheck.errors import ConfigError
from crosscheck.model import (Alignment, Article, Claim, DateRef, Difference, Entity, Label,
                              Quantity, Rejected, Report, Speaker, Verdict)
from crosscheck.report import render
from crosscheck.report.build import build_report
from crosscheck.report.diff import claim_diff, runs, word_diff
from crosscheck.report.html import render_html
from crosscheck.report.json_report import FORMAT, render_json, report_to_dict
from crosscheck.report.markdown import md_escape, render_markdown
from crosscheck.report.text import render_text

SCRIPT = "A spokesman said <script>alert(1)</script> and <img onerror=alert(2) src=x> were found."
REUTERS = ["Defense Secretary Pete Hegseth said the talks would resume on Monday.",
           "The meeting lasted more than 60 minutes.", "Officials met in Geneva.", SCRIPT]
AP = ["U.S. Defense Secretary Lloyd Austin said the talks would resume on Monday.",
      "The meeting lasted 45 minutes.", "Officials met in Geneva on Tuesday.",
      "Protesters gathered outside."]
LEDGER = ["The officials met in Geneva.", "Markets *rallied* after [the] news_flash."]


def article(source: str, title: str, sentences: list[str]) -> Article:
    return Article.create(" ".join(sentences), title=title, source=source,
                          published="2025-02-12", url=f"https://example.com/{len(sentences)}")


def span(art: Article, words: str) -> tuple[int, int]:
    start = art.text.index(words)
    return start, start + len(words)


def claim(art: Article, sentence: str, **fields: Any) -> Claim:
    start, end = span(art, sentence)
    return Claim(Claim.make_id(art.id, start, end, sentence), art.id, f"snt_{start}", sentence,
                 start, end, sentence, **fields)


def pair(a: Claim, b: Claim, label: Label, score: float,
         differences: tuple[Difference, ...] = (), reason: str = "") -> tuple[Alignment, Verdict]:
    alignment = Alignment.create(a.id, b.id, 0.8, 0.5, (), score)
    return alignment, Verdict.create(alignment, label, score, differences, reason)


def make_report() -> Report:
    reuters = article("Reuters", "Talks to resume", REUTERS)
    ap = article("AP", "Talks restart", AP)
    ledger = article("The_Daily | Ledger", "Geneva *meeting*", LEDGER)
    hegseth = Speaker("Pete Hegseth", "pete hegseth", "Defense Secretary",
                      start=span(reuters, "Pete Hegseth")[0], end=span(reuters, "Pete Hegseth")[1])
    austin = Speaker("Lloyd Austin", "lloyd austin", "U.S. Defense Secretary")
    monday = DateRef("Monday", *span(reuters, "Monday"), kind="weekday", value="Monday")
    geneva = Entity("Geneva", "GPE", "geneva", *span(reuters, "Geneva"))
    over_60 = Quantity("more than 60 minutes", *span(reuters, "more than 60 minutes"), low=60,
                       high=math.inf, unit="min", dimension="duration", low_inclusive=False)
    r = [claim(reuters, REUTERS[0], speaker=hegseth, dates=(monday,)),
         claim(reuters, REUTERS[1], quantities=(over_60,)),
         claim(reuters, REUTERS[2], entities=(geneva,), places=(geneva,)), claim(reuters, SCRIPT)]
    a = [claim(ap, AP[0], speaker=austin), claim(ap, AP[1]), claim(ap, AP[2]), claim(ap, AP[3])]
    d = [claim(ledger, LEDGER[0]), claim(ledger, LEDGER[1])]
    # The speaker span on A covers the role too, which the word diff alone would leave unmarked.
    speaker = Difference("speaker", "Pete Hegseth (Defense Secretary)",
                         "Lloyd Austin (U.S. Defense Secretary)",
                         span(reuters, "Defense Secretary Pete Hegseth"), span(ap, "Lloyd Austin"))
    number = Difference("number", "more than 60 minutes (>60 min)", "45 minutes (45 min)",
                        span(reuters, "more than 60 minutes"), span(ap, "45 minutes"))
    pairs = [pair(r[0], a[0], "conflict", 0.9, (speaker,), "different speakers"),
             pair(r[1], a[1], "conflict", 0.95, (number,)),
             pair(r[2], a[2], "agree", 0.85, reason="same facts"),
             pair(r[2], d[0], "agree", 0.92, reason="same statement"),
             pair(a[3], d[1], "related", 0.4)]
    rejected = [Rejected("feeds/bad.jsonl:3", "line 3 is not valid JSON")]
    return build_report([reuters, ap, ledger], r + a + d, [p[0] for p in pairs],
                        [p[1] for p in pairs], rejected)


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report()


# --- diff -----------------------------------------------------------------------------------

def test_word_diff_marks_only_changed_words() -> None:
    a, b = word_diff("The meeting lasted an hour.", "the meeting lasted 45 minutes.")
    assert a == [("The", False), ("meeting", False), ("lasted", False), ("an", True),
                 ("hour.", True)]
    assert runs(b) == [("the meeting lasted", False), ("45 minutes.", True)]


def test_claim_diff_marks_conflict_span_the_word_diff_missed(report: Report) -> None:
    verdict = next(v for v in report.verdicts if v.slot == "speaker")
    claims = {c.id: c for c in report.claims}
    a, b = claim_diff(claims[verdict.claim_a], claims[verdict.claim_b], verdict.differences)
    assert runs(a)[0] == ("Defense Secretary Pete Hegseth", True)
    assert runs(b)[:4] == [("U.S.", True), ("Defense Secretary", False), ("Lloyd Austin", True),
                           ("said the talks would resume on Monday.", False)]


# --- text -----------------------------------------------------------------------------------

def test_text_sections_and_conflict_markers(report: Report) -> None:
    out = render_text(report, width=200)
    assert "\x1b" not in out
    assert out.startswith("crosscheck report: 3 articles, 10 claims: 3 corroborated, "
                          "4 contradicted (2 conflicts), 3 unique\n")
    assert "  • Reuters: Talks to resume (2025-02-12)\n" in out
    for heading in ("Conflicts (2)", "Corroborated (1)", "Unique to Reuters (1)",
                    "Unique to AP (1)", "Unique to The_Daily | Ledger (1)", "Rejected inputs (1)"):
        assert f"\n\n{heading}\n{'─' * len(heading)}\n" in out
    assert ("SPEAKER  different speakers\n"
            "  A (Reuters): «[-Defense Secretary Pete Hegseth-] said the talks would resume on "
            "Monday.»\n"
            "  B (AP): «{+U.S.+} Defense Secretary {+Lloyd Austin+} said the talks would resume "
            "on Monday.»\n") in out
    # No reason given: the first difference's values stand in; strongest conflict comes first.
    assert out.index("NUMBER  more than 60 minutes (>60 min) vs 45 minutes (45 min)") < \
        out.index("SPEAKER")
    assert "«The meeting lasted [-more than 60 minutes.-]»" in out
    assert "«The meeting lasted {+45 minutes.+}»" in out


def test_text_corroborated_unique_rejected(report: Report) -> None:
    out = render_text(report, width=200)
    assert ("• «Officials met in Geneva.» (Reuters; corroborated by 2 independent sources)\n"
            "    also reported by: The_Daily | Ledger (same statement) «The officials met in "
            "Geneva.»\n"
            "    also reported by: AP (same facts) «Officials met in Geneva on Tuesday.»\n") in out
    assert f"Unique to AP (1)\n{'─' * 16}\n• «Protesters gathered outside.»\n" in out
    assert (f"Rejected inputs (1)\n{'─' * 19}\n"
            "• feeds/bad.jsonl:3: line 3 is not valid JSON\n") in out
    assert "[script]" not in out and "<script>alert(1)</script>" in out  # text, not markup


def test_text_colour_highlights_without_markers(report: Report) -> None:
    out = render_text(report, width=200, color=True)
    assert "\x1b[1;31mDefense Secretary Pete Hegseth\x1b[0m" in out
    assert "\x1b[1;32mLloyd Austin\x1b[0m" in out
    assert "[-" not in out and "{+" not in out


def test_text_wraps_to_width(report: Report) -> None:
    out = render_text(report, width=50)
    assert max(len(line) for line in out.splitlines()) <= 50


# --- Markdown -------------------------------------------------------------------------------

def test_markdown_sections_and_counts(report: Report) -> None:
    md = render_markdown(report)
    assert md.startswith("# Crosscheck report\n\n| Articles | Claims | Corroborated | "
                         "Contradicted | Unique | Conflicts | Rejected |\n")
    assert "| 3 | 10 | 3 | 4 | 3 | 2 | 1 |\n" in md
    assert "| The\\_Daily \\| Ledger | Geneva \\*meeting\\* | 2025-02-12 |\n" in md
    for heading in ("## Conflicts", "## Corroborated", "## Unique to Reuters",
                    "## Unique to AP", "## Unique to The\\_Daily | Ledger", "## Rejected inputs"):
        assert f"\n{heading}\n" in md


def test_markdown_conflict_blockquote(report: Report) -> None:
    md = render_markdown(report)
    assert ("### Speaker conflict: Pete Hegseth (Defense Secretary) vs Lloyd Austin "
            "(U.S. Defense Secretary)\n\ndifferent speakers\n\n"
            "> **A** (Reuters) says: ~~Defense Secretary Pete Hegseth~~ said the talks would "
            "resume on Monday.\n>\n"
            "> **B** (AP) says: **U.S.** Defense Secretary **Lloyd Austin** said the talks would "
            "resume on Monday.\n") in md
    assert "### Number conflict: more than 60 minutes (\\>60 min) vs 45 minutes (45 min)\n" in md


def test_markdown_lists_and_escaping(report: Report) -> None:
    md = render_markdown(report)
    assert ("- Officials met in Geneva. (*Reuters*; corroborated by 2 independent sources)\n"
            "  - also reported by *The\\_Daily | Ledger* (same statement): The officials met in Geneva.\n"
            "  - also reported by *AP* (same facts): Officials met in Geneva on Tuesday.\n") in md
    assert "- Markets \\*rallied\\* after \\[the\\] news\\_flash.\n" in md
    assert "\\<script\\>alert(1)\\</script\\>" in md and "<script>" not in md
    assert "- feeds/bad.jsonl:3: line 3 is not valid JSON\n" in md


def test_md_escape() -> None:
    assert md_escape("# a|b `c` ~~d~~") == "\\# a|b \\`c\\` \\~\\~d\\~\\~"
    assert md_escape("a|b", table=True) == "a\\|b"
    assert md_escape("x\n  # y") == "x\n  \\# y"


# --- HTML -----------------------------------------------------------------------------------

def test_html_escapes_untrusted_text(report: Report) -> None:
    page = render_html(report)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img onerror=alert(2) src=x&gt;" in page


def test_html_page_content(report: Report) -> None:
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<style>" in page and 'src="' not in page and "<link" not in page and "url(" not in page
    assert ('<blockquote><del>Defense Secretary Pete Hegseth</del> said the talks would resume '
            'on Monday.</blockquote>') in page
    assert ('<blockquote><ins>U.S.</ins> Defense Secretary <ins>Lloyd Austin</ins> said the '
            'talks would resume on Monday.</blockquote>') in page
    assert '<span class="slot">speaker</span>Pete Hegseth (Defense Secretary) vs' in page
    assert "<strong>The_Daily | Ledger</strong> <span class=\"score\">(same statement)</span>" in page
    assert ('<h2>Unique to AP</h2>\n<ul class="claims">\n'
            '  <li>Protesters gathered outside.</li>') in page
    assert "<code>feeds/bad.jsonl:3</code>: line 3 is not valid JSON" in page
    assert '<li class="conflicts"><span class="n">2</span>' in page


# --- JSON -----------------------------------------------------------------------------------

def test_json_shape(report: Report) -> None:
    data = json.loads(render_json(report))
    assert list(data) == ["format", "counts", "articles", "claims", "verdicts", "conflicts",
                          "misquotes", "corroborated", "unique", "rejected", "quotes",
                          "set_aside"]
    assert data["format"] == FORMAT == "crosscheck.report/1"
    assert data["counts"] == {"articles": 3, "claims": 10, "corroborated": 3, "contradicted": 4,
                              "unique": 3, "conflicts": 2, "rejected": 1}
    assert list(data["articles"][0]) == ["id", "title", "source", "published", "url", "author",
                                         "origin"]
    first = data["claims"][0]
    assert first["speaker"] == {"name": "Pete Hegseth", "key": "pete hegseth",
                                "role": "Defense Secretary", "kind": "person", "mention": None}
    assert first["dates"] == [{"text": "Monday", "kind": "weekday", "value": "Monday",
                               "start": 62, "end": 68}]
    assert first["status"] == "contradicted" and data["claims"][2]["places"] == ["geneva"]
    assert data["rejected"] == [{"location": "feeds/bad.jsonl:3",
                                 "reason": "line 3 is not valid JSON"}]


def test_json_infinity_is_null(report: Report) -> None:
    text = render_json(report)
    assert "Infinity" not in text
    number = json.loads(text)["claims"][1]["numbers"][0]
    assert (number["low"], number["high"], number["unit"]) == (60, None, "min")
    assert isinstance(number["display"], str)


def test_json_groups_and_verdicts(report: Report) -> None:
    data = report_to_dict(report)
    ids = [c["id"] for c in data["claims"]]
    verdicts = {v["id"]: v for v in data["verdicts"]}
    assert [verdicts[v]["differences"][0]["slot"] for v in data["conflicts"]] == ["number",
                                                                                  "speaker"]
    speaker = verdicts[data["conflicts"][1]]
    assert speaker["differences"][0]["a_span"] == [0, 30]
    assert (speaker["similarity"], speaker["entity_overlap"], speaker["shared_quotes"]) == \
        (0.8, 0.5, [])
    assert data["corroborated"] == [{"claim": ids[2], "support": [ids[8], ids[6]],
                                     "independent": 2, "same_outlet": 0}]
    assert list(data["unique"].values()) == [[ids[3]], [ids[7]], [ids[9]]]


# --- all formats ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "md", "markdown", "html", "json"])
def test_render_is_deterministic(fmt: str) -> None:
    assert render(make_report(), fmt) == render(make_report(), fmt)


def test_render_dispatch(report: Report) -> None:
    assert render(report, "markdown") == render_markdown(report)
    assert render(report, "text", width=120) == render_text(report, width=120)
    with pytest.raises(ConfigError, match="text, md, markdown, html, json"):
        render(report, "pdf")


def test_a_claim_cut_without_its_subject_is_shown_with_it_in_brackets() -> None:
    from crosscheck.claims.extract import extract_claims
    from crosscheck.report.wording import shown

    text = ("Donald Trump said he would brief President Volodymyr Zelensky but did not say if "
            "Kyiv was on an equal footing with Moscow in these talks.")
    claims = extract_claims([Article.create(text, source="wire")]).claims
    by_text = {c.text: shown(c) for c in claims}
    fragment = "did not say if Kyiv was on an equal footing with Moscow in these talks."
    assert by_text[fragment] == "[Donald Trump] " + fragment
    # a claim that starts with its subject is shown as printed
    first = next(t for t in by_text if t.startswith("Donald Trump"))
    assert by_text[first] == first


def test_a_lower_case_claim_with_its_own_subject_is_shown_as_printed() -> None:
    from crosscheck.report.wording import shown

    claim = Claim(id="c1", article_id="a1", sentence_id="s1", text="iPhone sales rose 5%.",
                  start=0, end=21, statement="iPhone sales rose 5%.")
    assert shown(claim) == "iPhone sales rose 5%."


def test_a_bracketed_subject_drops_its_appositive_comma() -> None:
    from crosscheck.report.wording import shown

    claim = Claim(id="c1", article_id="a1", sentence_id="s1", text="captured three boats.",
                  start=0, end=21,
                  statement="Indian Naval ship, INS Sukanya, captured three boats.")
    assert shown(claim) == "[Indian Naval ship, INS Sukanya] captured three boats."


def one_claim_each(texts: dict[str, str]) -> tuple[dict[str, Article], dict[str, Claim]]:
    """An article per source (named by it) holding one sentence, and that sentence's claim."""
    arts = {name: article(name, name, [text]) for name, text in texts.items()}
    return arts, {name: claim(art, texts[name]) for name, art in arts.items()}


def test_sources_giving_one_side_of_a_conflict_are_listed_once() -> None:
    """Two reports say six rifles, a third says 14: one conflict, not two."""
    arts, claims = one_claim_each({"NDTV": "Six rifles were found.",
                                   "Pardaphash": "Six rifles were found, he said.",
                                   "TOI": "The Navy seized 14 rifles."})
    number = Difference("number", "Six rifles (6 rifles)", "14 rifles (14 rifles)")
    pairs = [pair(claims["NDTV"], claims["TOI"], "conflict", 0.9, (number,)),
             pair(claims["Pardaphash"], claims["TOI"], "conflict", 0.8, (number,))]
    report = build_report(list(arts.values()), list(claims.values()), [p[0] for p in pairs],
                          [p[1] for p in pairs])
    out = render_text(report, width=200)
    assert "Conflicts (1)" in out and out.count("NUMBER") == 1
    assert "A (NDTV; the same in Pardaphash): «" in out
    assert "B (TOI):" in out
    assert "(NDTV; the same in Pardaphash)" in render_markdown(report)
    assert "NDTV; the same in Pardaphash" in render_html(report)
    # the JSON keeps every conflicting pair; every count is of conflicts as listed
    data = json.loads(render_json(report))
    assert len(data["conflicts"]) == 2 and data["counts"]["conflicts"] == 1
    # the Markdown counts: contradicted, unique, conflicts, rejected
    assert "| 3 | 0 | 1 | 0 |" in render_markdown(report)


def test_other_values_against_one_claim_are_another_conflict() -> None:
    """14 rifles against six in one report and against eight in another: two conflicts."""
    from crosscheck.judge.groups import conflict_count, conflict_groups

    _, claims = one_claim_each({"NDTV": "Six rifles were found.",
                                "PTI": "Eight rifles were found.",
                                "TOI": "The Navy seized 14 rifles."})
    six = Difference("number", "Six rifles (6 rifles)", "14 rifles (14 rifles)")
    eight = Difference("number", "Eight rifles (8 rifles)", "14 rifles (14 rifles)")
    pairs = [pair(claims["NDTV"], claims["TOI"], "conflict", 0.8, (six,)),
             pair(claims["PTI"], claims["TOI"], "conflict", 0.9, (eight,)),
             pair(claims["NDTV"], claims["PTI"], "agree", 0.7, ())]
    verdicts = [p[1] for p in pairs]
    groups = conflict_groups(verdicts)
    assert [g.claims_a for g in groups] == [(claims["PTI"].id,), (claims["NDTV"].id,)]
    assert conflict_count(verdicts) == 2 and conflict_groups(verdicts, limit=1) == groups[:1]
