"""Quotations and attributions (``crosscheck quotes``) on short hand-written texts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.claims.quotes import quotation_spans
from crosscheck.model import Article, Attribution


def pieces(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in quote] for quote in quotation_spans(text)]


@pytest.mark.parametrize("text, quoted", [
    ("She said “the bridge is safe” today.", "“the bridge is safe”"),
    ('She said "the bridge is safe" today.', '"the bridge is safe"'),
    ("She said ‘the bridge is safe’ today.", "‘the bridge is safe’"),
    ("She said ``the bridge is safe'' today.", "``the bridge is safe''"),
    ("She said «the bridge is safe» today.", "«the bridge is safe»"),
    ("She said ''the bridge is safe'' today.", "''the bridge is safe''"),
])
def test_every_quote_style(text: str, quoted: str) -> None:
    assert pieces(text) == [[quoted]]


def test_apostrophes_and_markup_are_not_quotes() -> None:
    assert pieces("The mayor’s plan isn’t new.") == []
    assert pieces('<tweet tweet-author="@someone">Hello</tweet>') == []


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    text = "“The first part goes on.\n\n“And the second part ends here.”\n\nThen prose."
    assert pieces(text) == [["“The first part goes on.", "“And the second part ends here.”"]]


def test_unclosed_quote_without_continuation_is_dropped() -> None:
    assert pieces('"Never closed.\n\nPlain prose with a "short" word.') == [['"short"']]


def test_curly_and_straight_marks_mixed_in_one_quote() -> None:
    assert pieces('“We will win," she said.') == [['“We will win,"']]
    assert pieces('"We will win,” she said.') == [['"We will win,”']]


# --- attributions, with the real spaCy model -------------------------------------------------

def attributions_of(text: str) -> tuple[Article, tuple[Attribution, ...]]:
    from crosscheck.claims.attributions import read_attributions
    from crosscheck.nlp.spacy_model import load_spacy

    article = Article.create(text, source="test")
    return article, read_attributions(article, load_spacy()(text))


def content(article: Article, attribution: Attribution) -> list[str]:
    return [article.text[s:e] for s, e in attribution.content]


def source(article: Article, attribution: Attribution) -> str:
    return " ".join(article.text[s:e] for s, e in attribution.source)


def the_one(article: Article, found: tuple[Attribution, ...], words: str) -> Attribution:
    hits = [a for a in found if any(words in c for c in content(article, a))]
    assert hits, f"no attribution holds {words!r}: {[content(article, a) for a in found]}"
    return hits[0]


@pytest.mark.slow
def test_split_quote_is_one_attribution_with_two_fragments() -> None:
    article, found = attributions_of(
        '"The bridge will open in May," Mayor Ana Silva said. "Nobody will pay a toll."')
    first = the_one(article, found, "open in May")
    assert content(article, first) == ['"The bridge will open in May,"',
                                       '"Nobody will pay a toll."']
    assert first.direct and first.speaker is not None and first.speaker.name == "Ana Silva"
    assert first.role == "Mayor"


@pytest.mark.slow
def test_quote_split_inside_one_sentence() -> None:
    article, found = attributions_of(
        "“We are ready,” said Tomas Berg, the team captain, “and we expect to win.”")
    attribution = the_one(article, found, "We are ready")
    assert len(attribution.content) == 2 and attribution.direct
    assert attribution.speaker is not None and attribution.speaker.name == "Tomas Berg"


@pytest.mark.slow
def test_quote_goes_on_after_a_long_attribution() -> None:
    article, found = attributions_of(
        "''We are ready,'' Tomas Berg said in front of a crowd of fans who packed the hall. "
        "''And we expect to win.''")
    attribution = the_one(article, found, "We are ready")
    assert content(article, attribution)[-1] == "''And we expect to win.''"


@pytest.mark.slow
def test_an_attribution_inside_another_ones_content_is_left_out() -> None:
    article, found = attributions_of(
        "Olaf Brandt told reporters that the union had warned the factory would close in June.")
    assert len(found) == 1 and source(article, found[0]) == "Olaf Brandt"


@pytest.mark.slow
def test_multi_paragraph_quote_goes_to_its_speaker() -> None:
    article, found = attributions_of(
        "Karin Holm spoke at the harbour on Monday. She said:\n\n"
        "“The ferries will run every hour.\n\n“The old pier will close for repairs.”")
    attribution = the_one(article, found, "ferries")
    assert content(article, attribution)[-1] == "“The old pier will close for repairs.”"
    assert attribution.speaker is not None and attribution.speaker.name == "Karin Holm"


@pytest.mark.slow
@pytest.mark.parametrize("text, words, who, said", [
    ("Olaf Brandt said that the factory would close in June.",
     "the factory would close in June", "Olaf Brandt", "Olaf Brandt"),
    ("Olaf Brandt told reporters the factory would close in June.",
     "the factory would close in June", "Olaf Brandt", "Olaf Brandt"),
    ("The factory will close in June, according to the union.",
     "The factory will close in June", "the union", None),
    ("The mayor's spokesman said the factory would close in June.",
     "the factory would close in June", "The mayor's spokesman", None),
    ("In a post on social media, Olaf Brandt wrote that the factory would close in June.",
     "the factory would close in June", "Olaf Brandt", "Olaf Brandt"),
])
def test_indirect_attributions(text: str, words: str, who: str, said: str | None) -> None:
    article, found = attributions_of(text)
    attribution = the_one(article, found, words)
    assert not attribution.direct
    assert source(article, attribution) == who
    if said is not None:
        assert attribution.speaker is not None and attribution.speaker.name == said


@pytest.mark.slow
def test_pronoun_and_description_resolve_to_the_named_person() -> None:
    article, found = attributions_of(
        "Health Minister Petra Lind visited the clinic on Friday. She said the wards were full. "
        "Later the minister said new beds would arrive soon.")
    pronoun = the_one(article, found, "wards were full")
    assert source(article, pronoun) == "She"
    assert pronoun.speaker is not None and pronoun.speaker.name == "Petra Lind"
    assert pronoun.role == "Health Minister"
    described = the_one(article, found, "new beds")
    assert described.speaker is not None and described.speaker.name == "Petra Lind"


@pytest.mark.slow
def test_cues_inside_a_quotation_are_not_attributions() -> None:
    article, found = attributions_of("“I think we will win,” said Tomas Berg.")
    assert len(found) == 1
    assert content(article, found[0]) == ["“I think we will win,”"]


# --- the command ---------------------------------------------------------------------------

@pytest.mark.slow
def test_quotes_command_jsonl_text_and_a_bad_input(tmp_path: Path) -> None:
    from crosscheck.cli import main

    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "a1", "text": "Olaf Brandt said the factory would close "
                                                    "in June. “It is sad,” he added."}) + "\n"
                    + "{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", str(good)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a1"]
    records = lines[0]["attributions"]
    assert {r["speaker"] for r in records} == {"Olaf Brandt"}
    assert any(r["direct"] for r in records) and any(not r["direct"] for r in records)
    assert set(records[0]) == {"speaker", "role", "source", "cue", "content", "direct"}
    assert f"{good}:2" in result.stderr

    text = CliRunner().invoke(main, ["quotes", "--format", "text", str(good)])
    assert text.exit_code == 0
    assert "Olaf Brandt [quote: added]: “It is sad,”" in text.stdout


@pytest.mark.slow
def test_quotes_command_fails_clearly_without_usable_input(tmp_path: Path) -> None:
    from crosscheck.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("text, words, who", [
    # a raising verb or a passive report: the subject is part of what is said, with no source
    ("Mayor Olaf Brandt seemed unsure of the new budget plan.", "Mayor Olaf Brandt", None),
    ("The factory is expected to close in June.", "to close in June", None),
    # learned cues (cue_lexicon.json): a verb with a prepositional object, a report noun
    ("Olaf Brandt talked about the new bridge over the river.",
     "the new bridge over the river", "Olaf Brandt"),
])
def test_constructions_beyond_reporting_verbs(text: str, words: str, who: str | None) -> None:
    article, found = attributions_of(text)
    attribution = the_one(article, found, words)
    assert (source(article, attribution) if attribution.source else None) == who
