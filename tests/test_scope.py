"""Totals over several events against counts for one: whole and part, not a contradiction."""
from __future__ import annotations

import pytest

from crosscheck.align.align import same_measure
from crosscheck.claims.quantities import find_quantities
from crosscheck.claims.scope import total_spans

TOTAL = ("The officer said the ship has seized a total of 14 AK-47 rifles, 31 magazines and "
         "923 rounds during the five operations it carried out.")
ONE_RAID = "During the operation, six AK-47 rifles and 12 magazines were found."
TOO_MANY = "During the operation, 20 AK-47 rifles were found."


def _first(text: str):  # type: ignore[no-untyped-def]
    return find_quantities(text)[0]


@pytest.mark.parametrize("sentence", [
    TOTAL,
    "In all, 40 people were arrested.",
    "So far, 14 people have died.",
    "Police made 120 arrests in several raids across the city.",
    "The fund paid out $5 million over the past three years.",
])
def test_totals_are_marked(sentence: str) -> None:
    assert all(q.total for q in find_quantities(sentence))


@pytest.mark.parametrize("sentence", [
    ONE_RAID,
    "The bridge will reopen in two weeks at a cost of $5 million.",
    "The call lasted nearly 90 minutes.",
    "Three people were hurt in the attack on Tuesday.",
])
def test_counts_for_one_event_are_not(sentence: str) -> None:
    assert not any(q.total for q in find_quantities(sentence))


def test_a_list_shares_its_total_and_markers_stay_in_their_sentence() -> None:
    text = ONE_RAID + " " + TOTAL
    quantities = find_quantities(text)
    assert [q.total for q in quantities] == [False, False, True, True, True, True]
    assert total_spans(text) == [(len(ONE_RAID) + 1, len(text))]


def test_a_part_fits_its_total_unless_it_is_larger() -> None:
    total, part, too_many = _first(TOTAL), _first(ONE_RAID), _first(TOO_MANY)
    assert total.overlaps(part) and part.overlaps(total)  # 6 of the 14
    assert not total.overlaps(too_many) and not too_many.overlaps(total)  # 20 > 14
    assert not part.overlaps(_first("Officials said 14 AK-47 rifles were found."))  # 6 vs 14


def test_a_total_says_so_when_shown() -> None:
    assert _first(TOTAL).display == "total 14 rifles"
    assert _first(ONE_RAID).display == "6 rifles"


def test_two_totals_compare_as_usual() -> None:
    assert not _first(TOTAL).overlaps(_first("In all, 20 AK-47 rifles were seized."))
    assert _first(TOTAL).overlaps(_first("In all, 14 AK-47 rifles were seized."))


def test_a_total_and_its_part_are_not_the_same_measure() -> None:
    whole = _first("The fund paid out $5 million over the past three years.")
    part = _first("The fund paid out $3 million.")
    assert whole.overlaps(part) and not same_measure(whole, part)
    assert same_measure(part, _first("The fund paid out about $3 million."))
