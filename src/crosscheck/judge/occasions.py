"""Which occasion of a repeated event a claim dates: "first played", "last played".

"McCartney first played the Cavern in 1961" and "the Beatles last played there in 1963" give
two dates to one verb, yet they date two occasions, not one: nothing is in dispute. An ordinal
written beside the event ("first", "last", "second", "final", "latest", "previous", "next")
names the occasion; two claims that each write ordinals, and different ones, date different
occasions. On METER stories this was the largest group of false date conflicts left once dates
were compared verb by verb.

"Last" and "next" also make relative dates ("died last May", "next week", "last year"): those
are the date, not the occasion, and are left out, as are "at last" (finally) and fractions
("a third of the vote").
"""
from __future__ import annotations

import functools
import re

from crosscheck.model import Claim

_TIME_WORDS = ("year|week|month|night|weekend|summer|winter|spring|autumn|fall|season|"
               "decade|century|hour|minute|day|"
               "january|february|march|april|may|june|july|august|september|october|"
               "november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday")
# Lower case only: a capital is a sentence start ("First, ...") or a title ("First Minister").
# A hyphen after the word makes a compound ("first-degree", "last-minute"), not an occasion.
_ORDINAL = re.compile(
    r"(?<![\w-])(?:(first|second|third|fourth|fifth|final|latest|previous)(?!\s+of\b)"
    rf"|(?<!\bat )(last|next)(?![\s-]+(?:{_TIME_WORDS})s?\b))\b(?!-)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def ordinals(text: str) -> frozenset[str]:
    """The occasion ordinals written in ``text``, lower case ("last" of "last May" left out)."""
    words = (m.group(1) or m.group(2) for m in _ORDINAL.finditer(text))
    return frozenset(w for w in words if w.islower())


def same_occasion(a: Claim, b: Claim) -> bool:
    """Whether the two claims can date one occasion: not when each writes ordinals and they
    differ. One claim's ordinal alone says little, as it may be about something else than the
    dated event ("he joined the BRI in his first post as consultant in 1989" / "joined the
    infirmary in 1988" are one event, told two ways)."""
    first, second = ordinals(a.text), ordinals(b.text)
    return not first or not second or first == second
