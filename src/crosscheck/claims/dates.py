"""Find date and time expressions in one sentence, and tell when two clearly disagree.

Values are normalised so that equal dates compare equal whatever their wording:

* weekday   "on Wednesday"              -> "Wednesday"
* date      "Feb. 12, 2025", "12 Feb"   -> "2025-02-12" (ISO), or "--02-12" when the year is unknown
* month     "February 2025", "in May"   -> "2025-02", or "--05" when the year is unknown
* year      "in 2022", "pre-2014"       -> "2022"
* relative  "yesterday", "last week"    -> "yesterday" (resolved to ISO for yesterday/today/tomorrow
                                           when the article's publication date is known)
* time      "10 a.m.", "14:30"          -> "10:00", "14:30" (24-hour)

``dates_conflict`` is deliberately conservative: a false conflict misleads the reader more than a
missed one, so it only answers True when two references of comparable kinds cannot both be right.
Pure functions, standard library only.
"""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from crosscheck.model import DateRef

Kind = Literal["weekday", "date", "month", "year", "relative", "time"]

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                             "Sunday")
_MONTH_NUMBERS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Capitalised only, so the verbs "may" and "march" are not months; abbreviations may end in ".".
MONTH_PATTERN = (r"(?:(?:January|February|March|April|May|June|July|August|September"
                 r"|October|November|December)\b"
                 r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
_YEAR = r"(?:19|20)\d{2}"

_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_NUMERIC_RE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)")
_MDY_RE = re.compile(rf"(?P<mon>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
                     rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?")
_DMY_RE = re.compile(rf"(?<![\d.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                     rf"(?P<mon>{MONTH_PATTERN})(?:,?\s+(?P<year>{_YEAR})(?!\d))?")
_MONTH_YEAR_RE = re.compile(rf"(?P<mon>{MONTH_PATTERN})\s+(?:of\s+)?(?P<year>{_YEAR})(?!\d)")
# A bare month only counts after a word that makes it a time ("in May"), not "Theresa May".
_BARE_MONTH_RE = re.compile(
    r"(?<![\w])(?:(?:in|since|by|until|till|before|after|from|during|through|last|next|this|of)"
    rf"\s+(?:(?:early|late|mid-?)\s*)?|mid-)(?P<mon>{MONTH_PATTERN})", re.I)
_WEEKDAY_RE = re.compile(r"(?<![\w])(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                         r"(?![\w])", re.I)
# "the Sunday Times" is a newspaper and "Bloody Sunday" an event, not days of the week.
_NOT_A_WEEKDAY_RE = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Star"
                               r"|Tribune|Independent|Observer|Night\s+Football)\b")
_NUMBER_WORD = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                r"|a\s+few|several|a\s+couple\s+of)")
_RELATIVE_RE = re.compile(
    r"(?<![\w])(?:yesterday|today|tomorrow|tonight|last\s+night"
    r"|(?:earlier|later)\s+(?:this|that)\s+(?:day|week|month|year)"
    r"|this\s+(?:past\s+)?(?:morning|afternoon|evening|week|weekend|month|year)"
    r"|(?:last|next)\s+(?:week|weekend|month|year)"
    rf"|{_NUMBER_WORD}\s+(?:days?|weeks?|months?|years?|decades?)\s+ago)(?![\w])", re.I)
_AM_PM_RE = re.compile(r"(?<![\w:.])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.m\.?|p\.m\.?|am|pm)(?![\w])",
                       re.I)
_CLOCK_RE = re.compile(r"(?<![\w:.])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?![\w:])")
_OCLOCK_RE = re.compile(r"(?<![\w:.])(\d{1,2})\s+o['’]clock", re.I)
_NOON_RE = re.compile(r"(?<![\w])(noon|midday|midnight)(?![\w])", re.I)
_YEAR_RE = re.compile(rf"(?<![\w,.$€£¥/])({_YEAR})(?![\w]|[,.]\d)")  # not "2,022" nor "2022s"
# Words after which a four-digit number is a year ("in 2022"), not a count ("2022 troops").
_YEAR_CONTEXT_RE = re.compile(
    r"(?:(?<![\w])(?:in|since|by|until|till|before|after|of|from|during|through|throughout"
    r"|circa|between|year)\s+(?:(?:early|late|mid-?)\s*)?"
    r"|(?<![\w])(?:pre|post|mid)-)\Z", re.I)
_YEAR_JOIN_RE = re.compile(r"\s*(?:[-–—]|to|and|or)\s*", re.I)  # "2014-2022", "2014 and 2022"
_POSSESSIVE_RE = re.compile(r"['’]s(?![\w])")


def find_dates(text: str, offset: int = 0, published: str | None = None) -> list[DateRef]:
    """Every date or time expression in ``text``, in order; offsets are shifted by ``offset``.

    ``published`` (an ISO date, possibly with a time) supplies the year of "Feb. 12" and resolves
    "yesterday"/"today"/"tomorrow"; without it those keep a partial or lowercase value.
    """
    pub = _parse_published(published)
    taken: list[tuple[int, int]] = []
    found: list[DateRef] = []
    # Most specific first: once "February 12, 2025" is taken, its "2025" is not a year again.
    for finder in (_iso_dates, _numeric_dates, _written_dates, _month_years, _bare_months,
                   _times, _relatives, _weekdays, _years):
        for ref in finder(text, pub):
            if not any(ref.start < end and start < ref.end for start, end in taken):
                taken.append((ref.start, ref.end))
                found.append(ref)
    found.sort(key=lambda r: r.start)
    return [DateRef(r.text, r.start + offset, r.end + offset, r.kind, r.value,
                    year_known=r.year_known, past=_long_before(r, pub)) for r in found]


# How long before publication a dated event is background rather than news: a year, so that
# "in December" or "last spring" written with its year is never taken for another occasion.
_BACKGROUND = timedelta(days=365)


def _long_before(ref: DateRef, pub: date | None) -> bool:
    """Whether the last day ``ref`` can mean lies over a year before ``pub``; only for a year
    the text gives ("in 1985", "January 1996", "May 3, 1993")."""
    if pub is None or ref.kind not in ("date", "month", "year") or not ref.year_known:
        return False
    year, month, day = date_fields(ref)
    if year is None:
        return False
    month = month or 12
    last = date(year, month, day or monthrange(year, month)[1])
    return last < pub - _BACKGROUND


def dates_conflict(a: DateRef, b: DateRef) -> bool:
    """True only when ``a`` and ``b`` are comparable and cannot both be right.

    Clock times never conflict here (``time_apart`` compares them); a relative phrase counts
    as the day it names from its article's publication date ("yesterday" in a report of 11 May
    is 10 May), and otherwise never conflicts.
    """
    a, b = _as_date(a), _as_date(b)
    if {a.kind, b.kind} & {"relative", "time"}:
        return False
    if a.kind == "weekday" or b.kind == "weekday":
        return _weekday_conflict(a, b) if a.kind == "weekday" else _weekday_conflict(b, a)
    # date, month and year: compare the fields both of them know.
    return any(x is not None and y is not None and x != y
               for x, y in zip(date_fields(a), date_fields(b)))


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d\Z")


def _as_date(ref: DateRef) -> DateRef:
    """A relative phrase that the publication date resolved, as the date it names."""
    if ref.kind == "relative" and _ISO_DAY.match(ref.value):
        return DateRef(ref.text, ref.start, ref.end, "date", ref.value)
    return ref


def time_apart(a: DateRef, b: DateRef) -> int:
    """Minutes between two clock times, the short way round midnight ("23:00" / "00:00" is
    60)."""
    minutes = [int(r.value[:2]) * 60 + int(r.value[3:5]) for r in (a, b)]
    gap = abs(minutes[0] - minutes[1])
    return min(gap, 24 * 60 - gap)


def _weekday_conflict(weekday: DateRef, other: DateRef) -> bool:
    if other.kind == "weekday":
        return weekday.value != other.value
    if other.kind == "date" and not other.value.startswith("-"):
        # A full date names its own weekday (a year guessed from the publication date is
        # near enough when the text also names the day); a date without a year cannot be placed.
        return WEEKDAYS[date.fromisoformat(other.value).weekday()] != weekday.value
    return False


def date_fields(ref: DateRef) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a date, month or year reference; None where it does not say (a
    year guessed from the publication date says nothing either)."""
    parts = ref.value.lstrip("-").split("-")
    numbers = [int(p) for p in parts]
    if ref.value.startswith("--"):  # "--02-12" or "--02": no year
        return (None, numbers[0], numbers[1] if len(numbers) > 1 else None)
    padded = numbers + [None] * (3 - len(numbers))
    return (padded[0] if ref.year_known else None, padded[1], padded[2])


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:  # an unparseable publication date just leaves dates unresolved
        return None


def _ref(match: re.Match[str], kind: Kind, value: str, group: int | str = 0) -> DateRef:
    return DateRef(match.group(group), match.start(group), match.end(group), kind, value)


def _day_value(year: int | None, month: int, day: int, pub: date | None) -> str | None:
    """ISO value for a day, the year taken from ``pub`` when missing (the last such day up to
    a month after ``pub``: news looks back); None if no such day."""
    try:
        date(year if year is not None else 2000, month, day)  # 2000 is a leap year: allows Feb 29
    except ValueError:
        return None
    if year is None and pub is not None:
        year = pub.year - ((month, day) > (pub.month + 1, pub.day))  # "December 11" in June
        try:
            date(year, month, day)
        except ValueError:  # February 29 in a year that has none: leave the year unknown
            year = None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


def _iso_dates(text: str, pub: date | None) -> list[DateRef]:
    refs = []
    for m in _ISO_RE.finditer(text):
        value = _day_value(int(m.group(1)), int(m.group(2)), int(m.group(3)), pub)
        if value:
            refs.append(_ref(m, "date", value))
    return refs


def _numeric_dates(text: str, pub: date | None) -> list[DateRef]:
    """"25/12/2025" is day-first and "12/25/2025" month-first; "12/02/2025" could be either."""
    refs = []
    for m in _NUMERIC_RE.finditer(text):
        first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        year = year + 2000 if year < 100 else year
        if first > 12 >= second or first == second:
            value = _day_value(year, second, first, pub)
        elif second > 12 >= first:
            value = _day_value(year, first, second, pub)
        else:
            continue  # ambiguous: guessing could invent a conflict
        if value:
            refs.append(_ref(m, "date", value))
    return refs


def _written_dates(text: str, pub: date | None) -> list[DateRef]:
    refs = []
    for pattern in (_MDY_RE, _DMY_RE):
        for m in pattern.finditer(text):
            month = _MONTH_NUMBERS[m.group("mon").rstrip(".").lower()]
            year = int(m.group("year")) if m.group("year") else None
            value = _day_value(year, month, int(m.group("day")), pub)
            if value:
                refs.append(replace(_ref(m, "date", value), year_known=year is not None))
    return refs


def _month_years(text: str, pub: date | None) -> list[DateRef]:
    return [_ref(m, "month", f"{int(m.group('year')):04d}-"
                 f"{_MONTH_NUMBERS[m.group('mon').rstrip('.').lower()]:02d}")
            for m in _MONTH_YEAR_RE.finditer(text)]


def _bare_months(text: str, pub: date | None) -> list[DateRef]:
    # The year is left unknown even with ``pub``: "in May" may well be last May.
    return [_ref(m, "month", f"--{_MONTH_NUMBERS[m.group('mon').rstrip('.').lower()]:02d}", "mon")
            for m in _BARE_MONTH_RE.finditer(text) if m.group("mon")[0].isupper()]


def _times(text: str, pub: date | None) -> list[DateRef]:
    refs = []
    for m in _AM_PM_RE.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            continue
        hour = hour % 12 + (12 if m.group(3).lower().startswith("p") else 0)
        refs.append(_ref(m, "time", f"{hour:02d}:{minute:02d}"))
    refs += [_ref(m, "time", f"{int(m.group(1)):02d}:{m.group(2)}")
             for m in _CLOCK_RE.finditer(text)]
    refs += [_ref(m, "time", f"{int(m.group(1)):02d}:00") for m in _OCLOCK_RE.finditer(text)
             if 1 <= int(m.group(1)) <= 12]
    refs += [_ref(m, "time", "00:00" if m.group(1).lower() == "midnight" else "12:00")
             for m in _NOON_RE.finditer(text)]
    return refs


def _relatives(text: str, pub: date | None) -> list[DateRef]:
    shifts = {"yesterday": -1, "today": 0, "tomorrow": 1}
    refs = []
    for m in _RELATIVE_RE.finditer(text):
        phrase = " ".join(m.group().lower().split())
        if phrase == "today" and _is_title_today(text, m):
            continue
        if pub is not None and phrase in shifts:
            phrase = (pub + timedelta(days=shifts[phrase])).isoformat()
        refs.append(_ref(m, "relative", phrase))
    return refs


def _is_title_today(text: str, m: re.Match[str]) -> bool:
    """"USA Today", "Russia Today", "the Today programme": a name, not the day."""
    if not m.group()[0].isupper():
        return False
    before = text[max(0, m.start() - 40):m.start()].rstrip()
    previous = before.split()[-1] if before.split() else ""
    after_name = previous[:1].isupper() and not before.endswith((".", "!", "?"))
    return previous.lower() == "the" or after_name


def _weekdays(text: str, pub: date | None) -> list[DateRef]:
    return [_ref(m, "weekday", m.group(1).capitalize(), 1) for m in _WEEKDAY_RE.finditer(text)
            if not _NOT_A_WEEKDAY_RE.match(text, m.end())
            and not text[max(0, m.start() - 8):m.start()].rstrip().endswith("Bloody")]


def _years(text: str, pub: date | None) -> list[DateRef]:
    """Four-digit years, only where the words around make them a year: "in 2022", "2022's"."""
    refs: list[DateRef] = []
    for m in _YEAR_RE.finditer(text):
        in_context = (_YEAR_CONTEXT_RE.search(text, max(0, m.start() - 40), m.start())
                      or _POSSESSIVE_RE.match(text, m.end())
                      # the second year of a range whose first is already a year
                      or (refs and _YEAR_JOIN_RE.fullmatch(text, refs[-1].end, m.start())))
        if in_context:
            refs.append(_ref(m, "year", m.group(1), 1))
    return refs
