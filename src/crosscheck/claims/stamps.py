"""Publication stamps: lines that say when a page was published or updated, not what happened.

Scraped pages keep their stamps in the text ("Published on: Fri, 11 Nov 2011 at 09:56 IST",
"Updated: November 11, 2011 18:50 IST", "Posted at 3:21 PM ET, 01/5/2011"). The verb makes the
parser read them as sentences, and two stamps of one day then "corroborate" each other in a
report. A claim whose words are only a stamp label, dates, times and time zones states nothing.
A stamp glued to a real sentence ("Posted on January 5, 2011 Pierre Thomas is out") is left
alone: its sentence says something. Pure functions, no parser.
"""
from __future__ import annotations

import re

_MONTHS = ("january february march april may june july august september october november "
           "december jan feb mar apr jun jul aug sep sept oct nov dec")
_DAYS = ("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri "
         "sat sun")
_LABELS = "published updated posted modified edited created dated last first on at"
_TIMES = "am pm a.m. p.m. noon midnight gmt utc"
_STAMP_WORDS = frozenset(f"{_MONTHS} {_DAYS} {_LABELS} {_TIMES}".split())
_LABEL_WORDS = frozenset("published updated posted modified edited created dated".split())
# What separates the words of a stamp: numbers ("12th" too), clock and date punctuation,
# brackets, bars.
_SEPARATORS = re.compile(r"(?:\d+(?:st|nd|rd|th)\b|[\d:/.,|()+\-–—])+(?:\s*[ap]\.?m\.?\b)?",
                         re.IGNORECASE)
_ZONE = re.compile(r"[A-Z]{2,5}")  # IST, EDT, ET, BST, CEST: upper case only


def is_stamp(text: str) -> bool:
    """Whether ``text`` is a publication stamp: a label ("Published on:", "Updated") with a
    date or time and nothing else."""
    if not any(c.isdigit() for c in text):
        return False
    words = _SEPARATORS.sub(" ", text).split()
    if not any(w.lower() in _LABEL_WORDS for w in words):
        return False
    return all(w.lower() in _STAMP_WORDS or _ZONE.fullmatch(w) for w in words)
