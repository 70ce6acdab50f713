"""Two dates a claim gives as the ends of a span: "between 1982 and 1995", "from October 18 to
November", "between Oct 26 and Nov 1, 1989".

Read as two separate dates, a span contradicted every date inside it: "admitted rapes in
Bradford in December 1982 and in Leeds in January 1983" against "admitted sex attacks between
1982 and 1995" set January 1983 against 1995. A date of the other claim that falls inside one
of a claim's spans fits that claim (``slots.date_difference``).
"""
from __future__ import annotations

import re

from crosscheck.claims.dates import date_fields
from crosscheck.model import Claim, DateRef

_OPEN = re.compile(r"\b(?:between|from)\s+(?:late|early|mid-?|the\s+end\s+of)?\s*\Z",
                   re.IGNORECASE)
_JOIN = re.compile(r"\A,?\s*(?:and|to|until|till|through|-|–)\s+(?:late|early|mid-?)?\s*\Z",
                   re.IGNORECASE)
_CALENDAR = ("date", "month", "year")


def spans(claim: Claim) -> list[tuple[DateRef, DateRef]]:
    """The (first, last) dates of each span the claim writes."""
    dates = sorted((d for d in claim.dates if d.kind in _CALENDAR), key=lambda d: d.start)
    found = []
    for first, last in zip(dates, dates[1:]):
        before = claim.text[max(0, first.start - claim.start - 24):first.start - claim.start]
        between = claim.text[first.end - claim.start:last.start - claim.start]
        if _OPEN.search(before) and _JOIN.match(between):
            found.append((first, last))
    return found


def within(date: DateRef, span: tuple[DateRef, DateRef]) -> bool:
    """Whether ``date`` can fall inside ``span``. A part the date or an end leaves out is taken
    from the span ("Oct 18" inside "between October 18 and November 1989" is of 1989)."""
    if date.kind not in _CALENDAR:
        return False
    (year, month, day), low, high = date_fields(date), date_fields(span[0]), date_fields(span[1])
    year = year or low[0] or high[0]
    if year is None:
        return False
    earliest = (year, month or 1, day or 1)
    latest = (year, month or 12, day or 31)
    start = (low[0] or high[0] or year, low[1] or 1, low[2] or 1)
    end = (high[0] or low[0] or year, high[1] or 12, high[2] or 31)
    return latest >= start and earliest <= end
