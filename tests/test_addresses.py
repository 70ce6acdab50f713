"""Street addresses compared across a story (``judge/addresses.py``)."""
from __future__ import annotations

import pytest

from crosscheck.judge.addresses import address_conflicts, addresses, street_key
from crosscheck.model import Claim


def claim(article: str, text: str) -> Claim:
    return Claim(id=Claim.make_id(article, 0, len(text), text), article_id=article,
                 sentence_id="snt", text=text, start=0, end=len(text), statement=text)


@pytest.mark.parametrize("text, found", [
    ("Shots were fired at 19 Plymouth St. around 2 a.m.", [("plymouth", 19, 19)]),
    ("The fight started in the 3700 block of Fannin.", [("fannin", 3700, 3799)]),
    ("Police went to 4439 Pease St and the 5300 block of N. Main Street.",
     [("pease", 4439, 4439), ("main", 5300, 5399)]),
    ("In 2016 police arrested 3 men.", []),
])
def test_addresses_are_read(text: str, found: list[tuple[str, int, int]]) -> None:
    assert [(a.street, a.low, a.high) for a in addresses(claim("A", text))] == found


def test_one_street_written_two_ways_is_one_key() -> None:
    assert street_key("N. Plymouth St.") == street_key("Plymouth Street") == "plymouth"


def test_two_numbers_on_one_street_conflict() -> None:
    a = claim("A", "Shots were fired at 19 Plymouth St. on Sunday.")
    b = claim("B", "Police found casings outside 18 Plymouth Street.")
    (found,) = address_conflicts([a, b])
    assert (found.difference.slot, found.difference.a, found.difference.b) == (
        "address", "19 Plymouth St", "18 Plymouth Street")


@pytest.mark.parametrize("text_b", [
    "The shooting happened in the 5300 block of Fannin.",  # the house is inside the block
    "Police found casings outside 19 Plymouth Street.",  # another street
])
def test_numbers_that_fit_or_other_streets_do_not(text_b: str) -> None:
    a = claim("A", "The victim lived at 5312 Fannin St. and at 19 Elm Street.")
    assert address_conflicts([a, claim("B", text_b)]) == []


def test_a_report_giving_one_street_two_numbers_is_left_out() -> None:
    a = claim("A", "Shots hit 19 Plymouth St. and 25 Plymouth St. overnight.")
    b = claim("B", "Shots were fired at 18 Plymouth St.")
    assert address_conflicts([a, b]) == []


@pytest.mark.slow
def test_an_address_conflict_shows_in_the_report() -> None:
    from crosscheck.model import Article
    from crosscheck.pipeline import compare_articles

    report = compare_articles([
        Article.create("Police said shots were fired at 19 Plymouth St. late Saturday.",
                       source="a.example"),
        Article.create("A man was wounded when someone opened fire outside 18 Plymouth St. "
                       "on Saturday night, police said.", source="b.example")])
    assert [d.slot for v in report.verdicts if v.label == "conflict"
            for d in v.differences] == ["address"]


@pytest.mark.slow
def test_the_day_of_the_event_is_compared_across_the_story() -> None:
    from crosscheck.model import Article
    from crosscheck.pipeline import compare_articles

    def day_conflicts(*texts: str) -> list[tuple[str, str]]:
        report = compare_articles([Article.create(t, source=f"s{i}.example", title=f"T{i}")
                                   for i, t in enumerate(texts)])
        return [(d.a, d.b) for v in report.verdicts if v.label == "conflict"
                for d in v.differences if d.slot == "date"]

    assert day_conflicts(
        "Authorities say an 11-year-old girl has died after she was shot Friday evening.",
        "The girl's family asked for privacy. An 11-year-old girl was killed on Saturday "
        "night during a shooting in Estill Springs.") == [("Friday", "Saturday")]
    # a report of a round-up gives two days of shootings: no day of its own to compare
    from crosscheck.judge.when import event_date_conflicts
    from crosscheck.model import DateRef

    def shot(article: str, text: str, *days: str) -> Claim:
        dates = tuple(DateRef(d, text.index(d), text.index(d) + len(d), "weekday", d, ("shoot",))
                      for d in days)
        return Claim(id=Claim.make_id(article, 0, len(text), text), article_id=article,
                     sentence_id="snt", text=text, start=0, end=len(text), statement=text,
                     dates=dates)

    roundup = shot("A", "A man was shot Friday and a woman was shot Saturday.", "Friday",
                   "Saturday")
    assert event_date_conflicts([roundup, shot("B", "A man was shot Sunday.", "Sunday")]) == []
    (found,) = event_date_conflicts([shot("A", "A man was shot Friday.", "Friday"),
                                     shot("B", "A man was shot Sunday.", "Sunday")])
    assert (found.difference.a, found.difference.b) == ("Friday", "Sunday")
