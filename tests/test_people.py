"""A person's age and name compared across reports (``judge/people.py``), on real parses."""
from __future__ import annotations

import pytest

from crosscheck.claims.names import spelled_differently
from crosscheck.model import Article, Report

pytestmark = pytest.mark.slow


def compare(*texts: str, published: tuple[str, ...] = ()) -> Report:
    from crosscheck.pipeline import Settings, compare_articles

    articles = [Article.create(text, source=f"outlet{i}.example", title=f"Report {i}",
                               published=published[i] if published else "2016-05-10")
                for i, text in enumerate(texts)]
    return compare_articles(articles, Settings(use_verifier=False))


def conflicts(report: Report, slot: str) -> list[tuple[str, str]]:
    return [(d.a, d.b) for v in report.verdicts if v.label == "conflict"
            for d in v.differences if d.slot == slot]


def test_two_ages_of_one_named_person_conflict_even_in_sentences_never_aligned() -> None:
    report = compare("Police arrested 53-year-old Mark Cormier on Friday after a standoff.",
                     "Mark Cormier, 54, faces a charge of attempted murder, prosecutors said.")
    (found,) = conflicts(report, "age")
    assert {found[0].split()[0], found[1].split()[0]} == {"53-year-old", "54"}


def test_an_age_given_at_the_end_of_a_sentence_is_read() -> None:
    report = compare("That body turned out to be Alexis Malone, 17, a witness, police said.",
                     "Police suspect the attack was retaliation for the murder of Alexis Malone, 19.")
    assert len(conflicts(report, "age")) == 1


def test_a_year_older_months_later_is_an_update_not_a_conflict() -> None:
    report = compare("Police arrested Murjan Abdi, 19, on Wednesday in the shooting.",
                     "Murjan Abdi, 20, pleaded guilty on Monday in the shooting.",
                     published=("2015-08-01", "2016-01-20"))
    assert not conflicts(report, "age")
    assert any(v.reason.startswith("updated:") for v in report.verdicts)


def test_a_report_that_gives_both_ages_contradicts_itself_not_the_other() -> None:
    report = compare("Officials say 26-year-old Jeremy Contreras, 36, died of gunshot wounds.",
                     "Officials say Jeremy Contreras, 36, died of gunshot wounds.")
    assert not conflicts(report, "age")


def test_two_people_of_one_surname_are_not_compared() -> None:
    report = compare("Abdi Abdi, 18, was charged with capital murder on Friday.",
                     "The suspect, identified as Murjan Issack Abdi, 20, was booked on Friday.")
    assert not conflicts(report, "age")


def test_a_name_spelled_two_ways_is_a_name_conflict() -> None:
    report = compare("Police arrested 19-year-old Kemontay Cullins in the shooting on Friday.",
                     "Kamontay Cullins, 19, was arrested in the shooting on Friday, police said.")
    assert conflicts(report, "name") == [("Kemontay Cullins", "Kamontay Cullins")]


@pytest.mark.parametrize("a, b, words", [
    ("Kemontay Cullins", "Kamontay Cullins", ("kemontay", "kamontay")),
    ("Harold Schapelhouman", "Harold Shapelhouman", ("schapelhouman", "shapelhouman")),
    ("Ken Jones", "Kenneth Jones", None),  # a short form, not a misspelling
    ("John Smith", "Joan Smith", None),  # short first names: may be two people
    ("Jones", "Tom Jones", None),
    ("Mr Kemontay Cullins", "Mrs Kamontay Cullins", None),
])
def test_spelled_differently(a: str, b: str, words: tuple[str, str] | None) -> None:
    assert spelled_differently(a, b) == words


def test_a_pronoun_inside_a_quotation_is_never_rewritten() -> None:
    from crosscheck.claims.extract import extract_claims

    text = ("Rudy Lopez was taken into custody on Friday. “He’s being detained,” a police "
            "spokesman said. He was released on Monday.")
    claims = extract_claims([Article.create(text, source="a.example")]).claims
    quoted = next(c for c in claims if "detained" in c.text)
    assert "He’s being detained" in quoted.statement
    released = next(c for c in claims if "released" in c.text)
    assert "Rudy Lopez" in released.statement  # outside quotation marks it is still resolved


@pytest.mark.parametrize("name, plausible", [
    ("LOS ANGELES", False), ("LAPD Sgt", False), ("Chief", False), ("Bill Elfo", True),
    ("LAPD", True), ("Houston Police Department", True)])
def test_a_speaker_is_a_person_or_organisation(name: str, plausible: bool) -> None:
    from crosscheck.claims.extract import plausible_speaker

    assert plausible_speaker(name) is plausible


def test_a_place_spelled_two_ways_is_a_place_conflict_but_a_mistyped_word_is_not() -> None:
    from crosscheck.judge.spellings import spelling_conflicts

    report = compare("Gunfire erupted at a party on Fred Connor Street late Saturday.",
                     "Police said gunfire erupted late Saturday on Fred Conner Street.")
    assert ("Fred Connor Street", "Fred Conner Street") in conflicts(report, "place")
    typo = compare("The Polk County Sherriff's Office arrested Mykael Maggett on Thursday.",
                   "The Polk County Sheriff's Office released more information Tuesday.")
    assert not conflicts(typo, "place")
    assert spelling_conflicts([]) == []
