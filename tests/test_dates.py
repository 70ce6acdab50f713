"""Tests for crosscheck.claims.dates: finding and normalising dates, and telling conflicts."""
from __future__ import annotations

import pytest

from crosscheck.claims.dates import dates_conflict, find_dates
from crosscheck.model import DateRef

PUBLISHED = "2025-02-13"  # a Thursday


def refs(text: str, published: str | None = None) -> list[tuple[str, str, str]]:
    """(text, kind, value) of every date found, in order."""
    return [(d.text, d.kind, d.value) for d in find_dates(text, 0, published)]


# (sentence, published, expected (text, kind, value) triples)
FOUND: list[tuple[str, str | None, list[tuple[str, str, str]]]] = [
    # weekdays, whatever part of the day follows
    ("They spoke on Wednesday.", None, [("Wednesday", "weekday", "Wednesday")]),
    ("They spoke on Tuesday night.", None, [("Tuesday", "weekday", "Tuesday")]),
    ("They spoke last Friday.", None, [("Friday", "weekday", "Friday")]),
    # full dates in every common order
    ("Signed on February 12, 2025.", None, [("February 12, 2025", "date", "2025-02-12")]),
    ("Signed on 12 Feb 2025.", None, [("12 Feb 2025", "date", "2025-02-12")]),
    ("Signed on the 12th of February 2025.", None,
     [("12th of February 2025", "date", "2025-02-12")]),
    ("Signed 2025-02-12.", None, [("2025-02-12", "date", "2025-02-12")]),
    ("Signed 25/12/2024.", None, [("25/12/2024", "date", "2024-12-25")]),  # day > 12: day-first
    ("Signed 12/25/2024.", None, [("12/25/2024", "date", "2024-12-25")]),  # month-first
    # a missing year comes from the publication date, else stays unknown
    ("Signed on Feb. 12.", None, [("Feb. 12", "date", "--02-12")]),
    ("Signed on Feb. 12.", PUBLISHED, [("Feb. 12", "date", "2025-02-12")]),
    ("Signed on 12 February.", PUBLISHED, [("12 February", "date", "2025-02-12")]),
    # months
    ("Agreed in February 2025.", None, [("February 2025", "month", "2025-02")]),
    ("Agreed in May.", None, [("May", "month", "--05")]),
    ("Agreed in mid-March.", None, [("March", "month", "--03")]),
    # years, only where the words make them a year
    ("It began in 2022.", None, [("2022", "year", "2022")]),
    ("In 2022, it began.", None, [("2022", "year", "2022")]),
    ("Crimea has been held since 2014.", None, [("2014", "year", "2014")]),
    ("The pre-2014 borders.", None, [("2014", "year", "2014")]),
    ("The post-2022 order.", None, [("2022", "year", "2022")]),
    ("It began in early 2022.", None, [("2022", "year", "2022")]),
    ("It ends by late 2026.", None, [("2026", "year", "2026")]),
    ("It was 2022's worst attack.", None, [("2022", "year", "2022")]),
    ("by the end of 2024", None, [("2024", "year", "2024")]),
    ("between 2014 and 2022", None, [("2014", "year", "2014"), ("2022", "year", "2022")]),
    ("from 2014-2022", None, [("2014", "year", "2014"), ("2022", "year", "2022")]),
    # relative phrases, resolved only for yesterday/today/tomorrow with a publication date
    ("He spoke yesterday.", None, [("yesterday", "relative", "yesterday")]),
    ("He spoke yesterday.", PUBLISHED, [("yesterday", "relative", "2025-02-12")]),
    ("He speaks today.", PUBLISHED, [("today", "relative", "2025-02-13")]),
    ("He speaks tomorrow.", PUBLISHED, [("tomorrow", "relative", "2025-02-14")]),
    ("He spoke Last Week.", PUBLISHED, [("Last Week", "relative", "last week")]),
    ("Earlier this month, he spoke.", None, [("Earlier this month", "relative",
                                              "earlier this month")]),
    ("He spoke two days ago.", None, [("two days ago", "relative", "two days ago")]),
    ("He spoke last night.", None, [("last night", "relative", "last night")]),
    # times, in 24-hour form
    ("at 10 a.m.", None, [("10 a.m.", "time", "10:00")]),
    ("at 3 p.m.", None, [("3 p.m.", "time", "15:00")]),
    ("at 12 a.m.", None, [("12 a.m.", "time", "00:00")]),
    ("at 10:30pm", None, [("10:30pm", "time", "22:30")]),
    ("at 14:30", None, [("14:30", "time", "14:30")]),
    ("at noon", None, [("noon", "time", "12:00")]),
    # several in one sentence, in order
    ("On Wednesday, February 12, 2025, at 10 a.m., in 2022 terms", None,
     [("Wednesday", "weekday", "Wednesday"), ("February 12, 2025", "date", "2025-02-12"),
      ("10 a.m.", "time", "10:00"), ("2022", "year", "2022")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), FOUND)
def test_find_dates(text: str, published: str | None,
                    expected: list[tuple[str, str, str]]) -> None:
    assert refs(text, published) == expected


# Numbers and words that are not dates here.
NOT_DATES = [
    "Some 2,022 troops arrived.",       # a count with a comma
    "The 2022 election was close.",     # a year outside a date-like context is left alone
    "He sent 2022 troops.",
    "the 2020 and 2024 elections",      # a range of years counts only after a year-like start
    "Theresa May said so.",             # a name, not the month
    "They may march on.",               # verbs, not months
    "Signed 12/02/2025.",               # day and month could be either way round
    "The Sunday Times reported it.",    # a newspaper, not a weekday
    "USA Today reported it.",           # a newspaper, not today
    "He won 3:2 on the day.",           # a score, not a time
    "February 30 never comes.",         # no such day
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_unparseable_published_leaves_dates_unresolved() -> None:
    assert refs("He spoke yesterday on Feb. 12.", "soon") == [
        ("yesterday", "relative", "yesterday"), ("Feb. 12", "date", "--02-12")]


def test_published_with_a_time_of_day() -> None:
    assert refs("He spoke yesterday.", "2025-02-13T09:30:00Z") == [
        ("yesterday", "relative", "2025-02-12")]


@pytest.mark.parametrize("offset", [0, 250])
def test_offsets_index_the_text(offset: int) -> None:
    text = "On Tuesday night, since 2014 and on Feb. 12, 2025 at 10 a.m., yesterday."
    found = find_dates(text, offset)
    assert len(found) == 5
    for d in found:
        assert text[d.start - offset:d.end - offset] == d.text


def test_exact_offsets() -> None:
    d = find_dates("They spoke on Wednesday.", 40)[0]
    assert (d.start, d.end) == (54, 63)


def ref(kind: str, value: str) -> DateRef:
    return DateRef(value, 0, len(value), kind, value)  # type: ignore[arg-type]


# (a, b, conflict): only comparable, clearly different references conflict
CONFLICTS = [
    (ref("weekday", "Wednesday"), ref("weekday", "Tuesday"), True),
    (ref("weekday", "Wednesday"), ref("weekday", "Wednesday"), False),
    (ref("date", "2025-02-12"), ref("date", "2025-02-13"), True),
    (ref("date", "2025-02-12"), ref("date", "2025-02-12"), False),
    (ref("date", "--02-12"), ref("date", "2025-02-13"), True),   # the days differ anyway
    (ref("date", "--02-12"), ref("date", "2024-02-12"), False),  # could be the same day
    (ref("date", "2025-02-12"), ref("year", "2024"), True),
    (ref("date", "2025-02-12"), ref("year", "2025"), False),
    (ref("date", "--02-12"), ref("year", "2024"), False),        # year unknown: can't tell
    (ref("year", "2022"), ref("year", "2023"), True),
    (ref("month", "2025-02"), ref("month", "2025-03"), True),
    (ref("month", "2025-02"), ref("date", "2025-02-12"), False),
    (ref("month", "--02"), ref("date", "2025-03-01"), True),
    (ref("month", "--02"), ref("year", "2025"), False),
    # a full date names its own weekday: 2025-02-12 was a Wednesday
    (ref("weekday", "Wednesday"), ref("date", "2025-02-12"), False),
    (ref("weekday", "Tuesday"), ref("date", "2025-02-12"), True),
    (ref("weekday", "Tuesday"), ref("date", "--02-12"), False),  # no year: no calendar
    (ref("weekday", "Tuesday"), ref("year", "2025"), False),
    # a relative phrase resolved from its report's publication date is that day; unresolved
    # ones and clock times never conflict here
    (ref("relative", "yesterday"), ref("relative", "today"), False),
    (ref("relative", "2025-02-12"), ref("date", "2025-02-10"), True),
    (ref("relative", "2025-02-12"), ref("weekday", "Wednesday"), False),
    (ref("time", "10:00"), ref("time", "15:00"), False),
    (ref("time", "10:00"), ref("weekday", "Monday"), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), CONFLICTS)
def test_dates_conflict(a: DateRef, b: DateRef, expected: bool) -> None:
    assert dates_conflict(a, b) is expected
    assert dates_conflict(b, a) is expected  # the order of the two claims does not matter


def test_found_dates_conflict_end_to_end() -> None:
    a = find_dates("They met on Wednesday.")[0]
    b = find_dates("They met on February 11, 2025.")[0]  # a Tuesday
    assert dates_conflict(a, b)


def test_a_guessed_year_looks_back_and_never_contradicts_a_given_one() -> None:
    # "December 11" in an article of June 1997 is the December before, not a future one
    found = find_dates("Her body was found on December 11.", 0, "1997-06-20")
    assert (found[0].value, found[0].year_known) == ("1996-12-11", False)
    # the guessed year is no evidence against a year the text gives...
    explicit = find_dates("Between Oct 27, 1989 and November.", 0, "1999-10-20")[0]
    guessed = find_dates("Between October 27 and November.", 0, "1999-10-30")[0]
    assert guessed.value == "1999-10-27" and not dates_conflict(guessed, explicit)
    # ...but it places a weekday named with it: Feb. 14, 2025 was a Friday
    near = find_dates("They met on Feb. 14.", 0, "2025-02-16")[0]
    assert dates_conflict(near, DateRef("Thursday", 0, 8, "weekday", "Thursday"))
    # February 29 in a year without one keeps its year unknown
    assert find_dates("Signed on Feb 29.", 0, "2025-03-01")[0].value == "--02-29"


@pytest.mark.parametrize("text, past", [
    ("In 1985, he was jailed.", True),
    ("In January 1996 he was jailed.", True),
    ("On May 3, 1996 he was jailed.", True),
    ("In June 1996 he was jailed.", False),  # its last day is within a year of publication
    ("In December 1996 he was jailed.", False),
    ("On December 11 he was jailed.", False),  # the year is a guess
    ("He was jailed in 1997.", False),
    ("He was jailed yesterday.", False),
])
def test_a_date_long_before_publication_is_the_past(text: str, past: bool) -> None:
    [ref] = find_dates(text, published="1997-06-20")
    assert ref.past is past
    assert find_dates(text)[0].past is False  # without a publication date, nothing is past
