"""Tests for crosscheck.claims.quantities: finding, normalising and showing quantities."""
from __future__ import annotations

import math

import pytest

from crosscheck.claims.number_clash import number_clashes
from crosscheck.claims.quantities import find_quantities
from crosscheck.claims.quantity_format import format_quantity
from crosscheck.model import Quantity

INF = math.inf
MIN, HOUR, DAY, WEEK, MONTH, YEAR = 1.0, 60.0, 1440.0, 10080.0, 43830.0, 525960.0


def only(text: str) -> Quantity:
    """The single quantity in ``text``; fails loudly when there are none or several."""
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# (sentence, matched words, low, high, unit, dimension, approx)
PARSED: list[tuple[str, str, float, float, str, str, bool]] = [
    # durations, all in minutes so that "an hour" and "90 minutes" compare
    ("The call lasted 90 minutes.", "90 minutes", 90, 90, "min", "duration", False),
    ("It took 30 seconds.", "30 seconds", 0.5, 0.5, "min", "duration", False),
    ("They met for two hours.", "two hours", 120, 120, "min", "duration", False),
    ("It lasted three days.", "three days", 3 * DAY, 3 * DAY, "min", "duration", False),
    ("He waited two weeks.", "two weeks", 2 * WEEK, 2 * WEEK, "min", "duration", False),
    ("Talks ran six months.", "six months", 6 * MONTH, 6 * MONTH, "min", "duration", False),
    ("The war has lasted three years.", "three years", 3 * YEAR, 3 * YEAR, "min", "duration",
     False),
    ("an hour and a half later", "an hour and a half", 90, 90, "min", "duration", False),
    ("after half an hour", "half an hour", 30, 30, "min", "duration", False),
    ("for a year and a half", "a year and a half", 1.5 * YEAR, 1.5 * YEAR, "min", "duration",
     False),
    ("two and a half years on", "two and a half years", 2.5 * YEAR, 2.5 * YEAR, "min",
     "duration", False),
    ("a 90-minute call", "90-minute", 90, 90, "min", "duration", False),
    ("a two-hour meeting", "two-hour", 120, 120, "min", "duration", False),
    ("an hour-long talk", "an hour-long", 60, 60, "min", "duration", False),
    ("The hour-long talk ended.", "hour-long", 60, 60, "min", "duration", False),
    ("The hour-plus call ended.", "hour-plus", 60, INF, "min", "duration", False),
    ("more than an hour", "more than an hour", 60, INF, "min", "duration", False),
    ("Two hours and 15 minutes passed.", "Two hours and 15 minutes", 135, 135, "min",
     "duration", False),
    ("a 45-year-old man", "45-year-old", 45, 45, "year", "age", False),
    ("a quarter of an hour", "a quarter of an hour", 15, 15, "min", "duration", False),
    ("three-quarters of an hour", "three-quarters of an hour", 45, 45, "min", "duration", False),
    ("for a quarter of a century", "a quarter of a century", 25 * YEAR, 25 * YEAR, "min",
     "duration", False),
    ("a tenth of a second", "a tenth of a second", 0.001667, 0.001667, "min", "duration", False),
    ("a half-hour drive", "a half-hour", 30, 30, "min", "duration", False),
    # money: each currency is its own unit
    ("It cost $1.5 million.", "$1.5 million", 1.5e6, 1.5e6, "USD", "money", False),
    ("a 5 billion dollars deal", "5 billion dollars", 5e9, 5e9, "USD", "money", False),
    ("a €20m grant", "€20m", 2e7, 2e7, "EUR", "money", False),
    ("a £3bn budget", "£3bn", 3e9, 3e9, "GBP", "money", False),
    ("worth 2.3bn euros", "2.3bn euros", 2.3e9, 2.3e9, "EUR", "money", False),
    ("paid US$5 million", "US$5 million", 5e6, 5e6, "USD", "money", False),
    ("millions of dollars", "millions of dollars", 2e6, 999e6, "USD", "money", True),
    ("the estimated £500,000", "the estimated £500,000", 4.5e5, 5.5e5, "GBP", "money", True),
    ("its estimated £500,000", "its estimated £500,000", 4.5e5, 5.5e5, "GBP", "money", True),
    ("an estimated £500,000", "an estimated £500,000", 4.5e5, 5.5e5, "GBP", "money", True),
    ("a quarter of a million dollars", "a quarter of a million dollars", 2.5e5, 2.5e5, "USD",
     "money", False),
    # percentages
    ("rose 20%", "20%", 20, 20, "%", "percent", False),
    ("rose 5 percent", "5 percent", 5, 5, "%", "percent", False),
    ("rose 3 per cent", "3 per cent", 3, 3, "%", "percent", False),
    ("up 2 percentage points", "2 percentage points", 2, 2, "pp", "percent", False),
    # lengths, masses, areas and speeds in one base unit each
    ("a 5 km road", "5 km", 5, 5, "km", "length", False),
    ("10 miles away", "10 miles", 16.09344, 16.09344, "km", "length", False),
    ("500 metres away", "500 metres", 0.5, 0.5, "km", "length", False),
    ("2 tonnes of aid", "2 tonnes", 2000, 2000, "kg", "mass", False),
    ("500 square kilometres", "500 square kilometres", 500, 500, "km2", "area", False),
    ("at 60 mph", "60 mph", 96.56064, 96.56064, "km/h", "speed", False),
    # a share of one unit: "a quarter of a mile" is not a mile
    ("He ran a quarter of a mile.", "a quarter of a mile", 0.402336, 0.402336, "km", "length",
     False),
    ("three quarters of a mile", "three quarters of a mile", 1.207008, 1.207008, "km", "length",
     False),
    ("a third of a mile", "a third of a mile", 0.536448, 0.536448, "km", "length", False),
    ("about a quarter of a mile", "about a quarter of a mile", 0.362102, 0.44257, "km",
     "length", True),
    ("half a mile", "half a mile", 0.804672, 0.804672, "km", "length", False),
    ("a half-mile walk", "a half-mile", 0.804672, 0.804672, "km", "length", False),
    ("a quarter mile", "a quarter mile", 0.402336, 0.402336, "km", "length", False),
    # counts: the noun's singular is the unit
    ("3,000 troops arrived", "3,000 troops", 3000, 3000, "troop", "count", False),
    ("the two leaders met", "two leaders", 2, 2, "leader", "count", False),
    ("a dozen drones", "a dozen drones", 12, 12, "drone", "count", False),
    ("12 casualties", "12 casualties", 12, 12, "casualty", "count", False),
    ("five churches", "five churches", 5, 5, "church", "count", False),
    ("one person died", "one person", 1, 1, "people", "count", False),
    ("12 people died", "12 people", 12, 12, "people", "count", False),
    ("two men", "two men", 2, 2, "man", "count", False),
    ("three children", "three children", 3, 3, "child", "count", False),
    ("two Ukrainian soldiers", "two Ukrainian soldiers", 2, 2, "soldier", "count", False),
    ("three police officers", "three police officers", 3, 3, "officer", "count", False),
    ("twenty-five hostages", "twenty-five hostages", 25, 25, "hostage", "count", False),
    ("three hundred protesters", "three hundred protesters", 300, 300, "protester", "count",
     False),
    ("a hundred ships", "a hundred ships", 100, 100, "ship", "count", False),
    ("1.5 million refugees", "1.5 million refugees", 1.5e6, 1.5e6, "refugee", "count", False),
    ("half a million people", "half a million people", 5e5, 5e5, "people", "count", False),
    ("I was a half a million votes up", "half a million votes", 5e5, 5e5, "vote", "count",
     False),
    ("a quarter of a million people", "a quarter of a million people", 2.5e5, 2.5e5, "people",
     "count", False),
    ("a half-dozen advisers", "a half-dozen advisers", 6, 6, "adviser", "count", False),
    ("1,200 prisoners", "1,200 prisoners", 1200, 1200, "prisoner", "count", False),
    # vague words are ranges
    ("dozens of drones", "dozens of drones", 24, 99, "drone", "count", True),
    ("hundreds of people", "hundreds of people", 200, 999, "people", "count", True),
    ("thousands of troops", "thousands of troops", 2000, 9999, "troop", "count", True),
    ("millions of people", "millions of people", 2e6, 999e6, "people", "count", True),
    ("tens of thousands of people", "tens of thousands of people", 2e4, 99999, "people",
     "count", True),
    ("several leaders", "several leaders", 3, 9, "leader", "count", True),
    ("a few days", "a few days", 2 * DAY, 5 * DAY, "min", "duration", True),
    ("a couple of hours", "a couple of hours", 120, 180, "min", "duration", True),
    # qualifiers
    ("nearly 90 minutes", "nearly 90 minutes", 76.5, 90, "min", "duration", True),
    ("almost 90 minutes", "almost 90 minutes", 76.5, 90, "min", "duration", True),
    ("just under 90 minutes", "just under 90 minutes", 76.5, 90, "min", "duration", True),
    ("close to 90 minutes", "close to 90 minutes", 76.5, 90, "min", "duration", True),
    ("about 90 minutes", "about 90 minutes", 81, 99, "min", "duration", True),
    ("Around 20%", "Around 20%", 18, 22, "%", "percent", True),
    ("some 3,000 troops", "some 3,000 troops", 2700, 3300, "troop", "count", True),
    ("an estimated 5,000 people", "an estimated 5,000 people", 4500, 5500, "people", "count",
     True),
    ("the estimated 5,000 people", "the estimated 5,000 people", 4500, 5500, "people", "count",
     True),
    ("their estimated 5,000 troops", "their estimated 5,000 troops", 4500, 5500, "troop",
     "count", True),
    ("~90 min", "~90 min", 81, 99, "min", "duration", True),
    ("over two years", "over two years", 2 * YEAR, INF, "min", "duration", False),
    ("upwards of 200 people", "upwards of 200 people", 200, INF, "people", "count", False),
    ("in excess of $1bn", "in excess of $1bn", 1e9, INF, "USD", "money", False),
    ("60-plus minutes", "60-plus minutes", 60, INF, "min", "duration", False),
    ("60+ minutes", "60+ minutes", 60, INF, "min", "duration", False),
    ("at least two years", "at least two years", 2 * YEAR, INF, "min", "duration", False),
    ("no fewer than 12 boats", "no fewer than 12 boats", 12, INF, "boat", "count", False),
    ("20 or more people", "20 or more people", 20, INF, "people", "count", False),
    ("under 5 km", "under 5 km", 0, 5, "km", "length", False),
    ("fewer than 10 people", "fewer than 10 people", 0, 10, "people", "count", False),
    ("at most 3 ships", "at most 3 ships", 0, 3, "ship", "count", False),
    ("up to 10 km", "up to 10 km", 0, 10, "km", "length", False),
    ("no more than 3 hours", "no more than 3 hours", 0, 180, "min", "duration", False),
    # ranges
    ("2 to 3 years", "2 to 3 years", 2 * YEAR, 3 * YEAR, "min", "duration", False),
    ("2-3 years", "2-3 years", 2 * YEAR, 3 * YEAR, "min", "duration", False),
    ("2–3 years", "2–3 years", 2 * YEAR, 3 * YEAR, "min", "duration", False),
    ("between 20 and 30 people", "between 20 and 30 people", 20, 30, "people", "count", False),
    ("one or two days", "one or two days", DAY, 2 * DAY, "min", "duration", False),
    ("20% to 30%", "20% to 30%", 20, 30, "%", "percent", False),
    ("a year or two", "a year or two", YEAR, 2 * YEAR, "min", "duration", False),
    ("1.5 to 2 million people", "1.5 to 2 million people", 1.5e6, 2e6, "people", "count",
     False),
    ("between $1 million and $2 million", "between $1 million and $2 million", 1e6, 2e6, "USD",
     "money", False),
]


@pytest.mark.parametrize(("text", "words", "low", "high", "unit", "dimension", "approx"), PARSED)
def test_parse(text: str, words: str, low: float, high: float, unit: str, dimension: str,
               approx: bool) -> None:
    q = only(text)
    assert (q.text, q.unit, q.dimension, q.approx) == (words, unit, dimension, approx)
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)


# (sentence, low inclusive, high inclusive): the open side of a bound excludes its number
BOUNDS = [
    ("more than an hour", False, False),
    ("at least two years", True, False),
    ("under 5 km", True, False),
    ("at most 3 ships", True, True),
    ("nearly 90 minutes", True, True),
    ("2 to 3 years", True, True),
]


@pytest.mark.parametrize(("text", "low_inclusive", "high_inclusive"), BOUNDS)
def test_bound_inclusivity(text: str, low_inclusive: bool, high_inclusive: bool) -> None:
    q = only(text)
    assert (q.low_inclusive, q.high_inclusive) == (low_inclusive, high_inclusive)


# (a, b, overlaps): overlapping readings never conflict
OVERLAPS = [
    ("nearly 90 minutes", "an hour-plus call", True),
    ("an hour and a half", "90 minutes", True),
    ("20 minutes", "nearly 90 minutes", False),
    ("about 90 minutes", "nearly 90 minutes", True),
    ("more than an hour", "60 minutes", False),  # "more than 60" excludes 60 itself
    ("at least an hour", "60 minutes", True),
    ("under 5 km", "5 km", False),
    ("up to 5 km", "5 km", True),
    ("over two years", "three years", True),
    ("over two years", "18 months", False),
    ("dozens of drones", "30 drones", True),
    ("dozens of drones", "a dozen drones", False),
    ("a couple of hours", "two hours", True),
    ("2-3 years", "four years", False),
]


@pytest.mark.parametrize(("a", "b", "expected"), OVERLAPS)
def test_overlaps(a: str, b: str, expected: bool) -> None:
    qa, qb = only(a), only(b)
    assert qa.overlaps(qb) is expected
    assert qb.overlaps(qa) is expected  # overlap is symmetric


# Numbers that are not quantities: years, ordinals, dates, times, names, pronouns.
NOT_QUANTITIES = [
    "In 2022 the war began.",
    "The 2022 elections were close.",
    "the 2014-2022 period",
    "the 2022-23 season",
    "His second inaugural address was his first since then.",
    "He finished 1st and 2nd.",
    "They met on February 12 at 10 a.m.",
    "They met on 12 Feb at 14:30.",
    "The deal was signed 12/02/2025.",
    "He came 12 times.",
    "Air Force One landed.",
    "The G7 leaders flew F-16 jets after COVID-19.",
    "No one knew; one of the aides said so.",
    "They live at 10 Downing Street.",
    "The score was 12.",
    "He said it twice a day.",
    "She won a second term.",
    "Hundreds gathered.",  # "hundreds" counts nothing without "of"
    # a share of something that is no unit: not read, like "half the people"
    "A quarter of the vote went to him.",
    "A third of the country voted.",
    "Half the people left.",
    "He has a half-brother.",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_comma_number_is_a_count_not_a_year() -> None:
    assert only("2,022 troops").low == 2022


def test_money_and_measures_make_a_year_like_number_an_amount() -> None:
    assert [q.unit for q in find_quantities("It cost $2000 to drive 2000 km.")] == ["USD", "km"]


def test_rate_is_not_a_duration() -> None:
    """"$5 a day": the "a day" belongs to the price, not a duration of its own."""
    assert [q.text for q in find_quantities("It costs $5 a day.")] == ["$5"]


OFFSET_SENTENCES = [
    "Trump and Putin spoke for nearly 90 minutes on Wednesday, and 3,000 troops moved.",
    "Between $1 million and $2 million was paid in 2022, over two years.",
    "Dozens of drones hit; an hour and a half later, about 20% of power was out.",
]


@pytest.mark.parametrize("text", OFFSET_SENTENCES)
@pytest.mark.parametrize("offset", [0, 117])
def test_offsets_index_the_text(text: str, offset: int) -> None:
    found = find_quantities(text, offset)
    assert found, "expected quantities"
    for q in found:
        assert text[q.start - offset:q.end - offset] == q.text


def test_several_quantities_in_order() -> None:
    text = "Over two years, 3,000 troops and two leaders met for about 90 minutes."
    assert [q.text for q in find_quantities(text)] == [
        "Over two years", "3,000 troops", "two leaders", "about 90 minutes"]


def test_exact_offsets() -> None:
    q = find_quantities("They spoke for nearly 90 minutes.", 100)[0]
    assert (q.start, q.end) == (115, 132)


# (sentence, display)
DISPLAYS = [
    ("nearly 90 minutes", "≈90 min"),
    ("about 90 minutes", "≈90 min"),
    ("an hour-plus call", ">60 min"),
    ("over two years", ">2 years"),
    ("at least two years", "≥2 years"),
    ("under 5 km", "<5 km"),
    ("up to 5 km", "≤5 km"),
    ("2-3 years", "2–3 years"),
    ("90 minutes", "90 min"),
    ("four hours", "4 hours"),
    ("five days", "5 days"),
    ("six months", "6 months"),
    ("a year and a half", "18 months"),
    ("30 seconds", "30 sec"),
    ("$1.5 million", "$1.5 million"),
    ("between $1 million and $2 million", "$1–2 million"),
    ("5 million roubles", "5 million RUB"),
    ("12 troops", "12 troops"),
    ("one person", "1 person"),
    ("12 casualties", "12 casualties"),
    ("two men", "2 men"),
    ("more than 30 wounded", ">30 wounded"),
    ("some 3,000 troops", "≈3,000 troops"),
    ("millions of people", "2–999 million people"),
    ("about 20%", "≈20%"),
    ("500 metres", "500 m"),
    ("2 tonnes", "2 tonnes"),
    ("a 45-year-old man", "45 years old"),
]


@pytest.mark.parametrize(("text", "display"), DISPLAYS)
def test_display(text: str, display: str) -> None:
    q = only(text)
    assert format_quantity(q) == display
    assert q.display == display  # the model's property goes through format_quantity


def test_format_built_quantity() -> None:
    q = Quantity("x", 0, 1, 2 * YEAR, INF, "min", "duration", low_inclusive=False,
                 high_inclusive=False)
    assert format_quantity(q) == ">2 years"


def test_model_designations_are_not_the_counted_noun() -> None:
    found = find_quantities("The Navy confiscated 14 AK-47 rifles and two F-16 jets.")
    assert [(q.text, q.unit, q.low) for q in found] == [("14 AK-47 rifles", "rifle", 14.0),
                                                       ("two F-16 jets", "jet", 2.0)]


@pytest.mark.parametrize(("text", "words", "unit"), [
    ("Five pirate boats tried to attack.", "Five pirate boats", "boat"),
    ("It escorted the five merchant vessels.", "five merchant vessels", "vessel"),
    ("Seven car bombs exploded.", "Seven car bombs", "bomb"),
    ("Three news reports said so.", "Three news reports", "report"),
    ("Six gas stations closed.", "Six gas stations", "station"),
    ("They formed five person teams.", "five person teams", "team"),
    ("Two people were hurt.", "Two people", "people"),
    ("Three boats were captured.", "Three boats", "boat"),
    ("One pirate boats the others.", "One pirate", "pirate"),  # one: the noun is singular
    # a run of modifiers before the counted noun, read across multi-word phrases
    ("A total of four federal law enforcement officers were shot.",
     "four federal law enforcement officers", "officer"),
    ("Three law enforcement officers were hurt.", "Three law enforcement officers", "officer"),
])
def test_a_singular_noun_before_a_plural_one_is_a_modifier(text: str, words: str,
                                                           unit: str) -> None:
    found = only(text)
    assert (found.text, found.unit) == (words, unit)


@pytest.mark.parametrize("a, b, clashing", [
    ("The call lasted 90 minutes.", "The call lasted 20 minutes.", [("90 minutes", "20 minutes")]),
    ("The call lasted nearly 90 minutes.", "an hour-plus call", []),
    # two values of one kind: only a clash when neither fits (they may count different boats)
    ("Pirates in 5 boats attacked; 3 boats were captured.", "3 boats were captured.", []),
    ("Pirates in 5 boats attacked; 3 boats were captured.", "4 boats were captured.",
     [("5 boats", "4 boats")]),
    ("The call lasted 90 minutes.", "Five boats were seen.", []),  # no kind in common
])
def test_number_clashes_compare_kind_by_kind(a: str, b: str,
                                             clashing: list[tuple[str, str]]) -> None:
    found = number_clashes(find_quantities(a), find_quantities(b))
    assert [(qa.text, qb.text) for qa, qb in found] == clashing


def test_number_clashes_each_value_checks_every_value_of_the_claim() -> None:
    """A claim against its evidence: each of the claim's numbers needs a fitting value."""
    claim = find_quantities("Pirates in 5 boats attacked; 3 boats were captured.")
    evidence = find_quantities("3 boats were captured.")
    assert [(qa.text, qb.text) for qa, qb in number_clashes(claim, evidence, each=True)] == [
        ("5 boats", "3 boats")]
    assert number_clashes(evidence, claim, each=True) == []


@pytest.mark.parametrize("text, display", [
    ("He said he had handed over two envelopes to Mr Hamilton.", "2 envelopes"),
    ("The group took over three firms last year.", "3 firms"),
    # "over" after other verbs still means "more than"
    ("He was paid over £5,000.", ">£5,000"),
    ("The call lasted over 60 minutes.", ">60 min"),
    ("A jury took under two hours to convict him.", "<120 min"),
])
def test_over_as_a_verb_particle_is_no_comparison(text: str, display: str) -> None:
    assert [q.display for q in find_quantities(text)] == [display]


@pytest.mark.parametrize("text, ages", [
    ("Zeta Jones, 30, got engaged to Michael Douglas.", [30.0]),
    ("The schoolgirl, 13, who cannot be named, was cleared.", [13.0]),
    ("Rahmlee Davis, 51, and Louis Satterfield, 61, were paid.", [51.0, 61.0]),
    ("Cobb, 38, of Yateley, denies the charges.", [38.0]),
    # numbers in a list, a date, a total: no ages
    ("Scores rose by 5, 6 and 7 points.", []),
    ("It happened on March, 12, and again later.", []),
    ("In total, 26, were held.", []),
    ("He was 200, and still smiling.", []),
])
def test_an_age_between_commas_after_a_word_is_an_age(text: str, ages: list[float]) -> None:
    from crosscheck.claims.ages import appositive_ages

    found = appositive_ages(text, 10)
    assert [q.low for q in found] == ages
    assert all((q.dimension, q.unit) == ("age", "year") for q in found)
    assert all(text[q.start - 10:q.end - 10] == q.text for q in found)


@pytest.mark.parametrize("text, found", [
    ("a $200MM deal", [("$200MM", 200e6)]),  # finance's "MM" for millions
    ("made off with $137-million of diamonds", [("$137-million", 137e6)]),
    ("a $5-billion plan", [("$5-billion", 5e9)]),
    ("they drove a 4x4 car into the store", []),  # a kind of car, not four cars
    ("they drove a 4×4 car into the store", []),
])
def test_money_scales_and_vehicle_names(text: str, found: list[tuple[str, float]]) -> None:
    assert [(q.text, q.low) for q in find_quantities(text)] == found


@pytest.mark.parametrize("text, found", [
    ("He paid $US1 million.", [("$US1 million", 1e6, "USD")]),  # Australian style
    ("He paid $US 1 million.", [("$US 1 million", 1e6, "USD")]),
    ("He paid US$1 million.", [("US$1 million", 1e6, "USD")]),
    ("a $A5 million grant", [("$A5 million", 5e6, "AUD")]),
    ("an A$5 million grant", [("A$5 million", 5e6, "AUD")]),
    ("an AU$5 million grant", [("AU$5 million", 5e6, "AUD")]),
    ("a NZ$2 million deal", [("NZ$2 million", 2e6, "NZD")]),
    ("a $NZ2 million deal", [("$NZ2 million", 2e6, "NZD")]),
    ("a S$4 million fine", [("S$4 million", 4e6, "SGD")]),
    ("a HK$10m fine", [("HK$10m", 1e7, "HKD")]),
    ("a C$3bn budget", [("C$3bn", 3e9, "CAD")]),
    ("paid 50 million Canadian dollars", [("50 million Canadian dollars", 5e7, "CAD")]),
    ("paid AUD 5 million", [("AUD 5 million", 5e6, "AUD")]),
    ("It cost $US1m to $US2m.", [("$US1m to $US2m", 1e6, "USD")]),
    ("It cost A$5 million and $US1 million.", [("A$5 million", 5e6, "AUD"),
                                               ("$US1 million", 1e6, "USD")]),
    # a bare "$" is the US dollar, but not after a currency it does not know
    ("It cost US $5 million.", [("$5 million", 5e6, "USD")]),
    ("It cost R$5 million.", []),
])
def test_dollars_of_other_countries(text: str, found: list[tuple[str, float, str]]) -> None:
    assert [(q.text, q.low, q.unit) for q in find_quantities(text)] == found


@pytest.mark.parametrize("text, found", [
    # a stray space after a thousands comma, where only one number can be meant
    ("He climbed 2, 000ft.", [("2, 000ft", 0.6096)]),  # a leading-zero group
    ("He fell about 2, 000ft.", [("about 2, 000ft", 0.54864)]),
    ("It was 2, 000, 000 people.", [("2, 000, 000 people", 2e6)]),
    ("a 1, 200 km border", [("1, 200 km", 1200)]),  # a unit follows
    ("worth 2, 500 million euros", [("2, 500 million euros", 2.5e9)]),  # a scale follows
    ("He was held on $200, 000 bail.", [("$200, 000", 2e5)]),  # a currency sign leads
    # a list reads the same way, so without those signs the numbers stay apart
    ("rooms 1, 200 and 300", []),
    ("Scores 2, 3 and 4 points", []),
    ("1, 200 troops", [("200 troops", 200)]),
    ("He climbed 2, 0001 ft.", []),  # four digits are no thousands group, nor "0001 ft"
])
def test_a_stray_space_after_a_thousands_comma(text: str, found: list[tuple[str, float]]) -> None:
    assert [(q.text, q.low) for q in find_quantities(text)] == found


@pytest.mark.parametrize("text, units", [
    # parts by adjective that add up to the count count the same thing
    ("inspectors found three badgers, two dead and one alive", ["badger"] * 3),
    ("six soldiers (four wounded, two missing)", ["soldier"] * 3),
    ("ten victims, seven injured and three killed", ["victim"] * 3),
    # parts that name their own noun keep it; parts that do not add up are other things
    ("five people, two men and three women, were hurt", ["people", "man", "woman"]),
    ("three boys, two girls and four teachers", ["boy", "girl", "teacher"]),
    ("three badgers, two dead and two alive", ["badger", "dead", "alive"]),
])
def test_a_count_broken_down_gives_its_unit_to_its_parts(text: str, units: list[str]) -> None:
    assert [q.unit for q in find_quantities(text)] == units


def test_a_breakdown_fits_a_report_of_one_of_its_parts() -> None:
    whole = find_quantities("RSPCA inspectors found three badgers, two dead and one alive.")
    part = find_quantities("Two dead badgers were found 20 yards from his home.")
    assert number_clashes(whole, part) == []


@pytest.mark.parametrize("text, kg", [("threequarters of a ton of the drug", 750.0),
                                      ("three-quarters of a ton", 750.0)])
def test_a_fraction_glued_to_its_number_reads(text: str, kg: float) -> None:
    (q,) = find_quantities(text)
    assert (q.low, q.unit) == (kg, "kg")
