"""Find numbers with units in one sentence and normalise each to an interval.

Interval convention
-------------------
Every quantity becomes an interval ``[low, high]`` in the *base unit* of its dimension: minutes
for durations, km for lengths, km² for areas, km/h for speeds, kg for masses, years for ages,
the currency itself for money ("USD", "EUR": never converted, so never compared), "%" for
percentages and the singular noun for counts ("troop", "people"). Flags say whether each end is
inclusive, and ``approx`` marks hedged or vague wording:

* a plain number is a point:   "90 minutes"          -> [90, 90]
* a hedge widens it:           "about 90 minutes"    -> [81, 99]    (±10 %)
                               "nearly 90 minutes"   -> [76.5, 90]  (up to 15 % under)
* a bound opens one side:      "more than an hour"   -> (60, inf)   "under 5 km" -> [0, 5)
                               "at least two years"  -> [2 y, inf)  "up to 5 km" -> [0, 5]
* a range is itself:           "2-3 years"           -> [2 y, 3 y]
* a vague word is a range:     "dozens of drones"    -> [24, 99]

Why intervals: reporters round, hedge and bound the same fact differently. "nearly 90 minutes"
and "an hour-plus" describe the same call. Two quantities only conflict when no value could
satisfy both, that is when their intervals are disjoint (``Quantity.overlaps`` is False); any
overlap means the sources may well agree, so overlapping ranges are never a conflict. A total
over several events ("a total of 14 rifles in five raids", ``scope.py``) and a count for one
event compare as whole and part instead.

Pure functions, standard library only: a number is found by its shape and the words around it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from crosscheck.claims.breakdowns import with_breakdowns
from crosscheck.claims.dates import MONTH_PATTERN
from crosscheck.claims.money import (ABBR_SCALE, AFTER_SIGN_LOOKBEHIND, CURRENCY_WORD_RE,
                                     CURRENCY_WORDS, MONEY_ABBR_RE, SYMBOL_AT_RE, currency_before)
from crosscheck.claims.patterns import alternation
from crosscheck.claims.scope import is_total, total_spans
from crosscheck.claims.units import DURATION, MEASURE_RE, MEASURES
from crosscheck.model import Quantity

# ---------------------------------------------------------------- number words and their values
_ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                         "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES: dict[str, float] = {"dozen": 12, "hundred": 1e2, "thousand": 1e3, "million": 1e6,
                             "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9, "tn": 1e12}
# Plural vagueness: "dozens" is at least two dozen and short of a hundred, and so on.
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "millions": (2e6, 999e6), "billions": (2e9, 999e9),
}
_FEW: dict[str, tuple[float, float]] = {"several": (3, 9), "a few": (2, 5), "a couple of": (2, 3)}
# Shares of one: "a quarter of a mile" is 0.25 mile, "three-quarters of an hour" 45 minutes.
_FRACTIONS: dict[str, int] = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                              "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10,
                              "tenths": 10}

_FRACTION_GLUED = re.compile(  # "threequarters" as typed: split before reading the words
    rf"^({alternation(list(_ONES)[:9])})(?=(?:{alternation(_FRACTIONS)})\b)")
_SCALE_WORDS = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_SMALL = rf"(?:(?:{alternation(_TENS)})(?:[-\s](?:{alternation(list(_ONES)[:9])}))?|(?:{alternation(_ONES)}))"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_NUMBER_BODY = (
    rf"(?:(?:an?[\s-]+|(?:{alternation(list(_ONES)[:9])})[\s-]*)"  # "threequarters", glued
    rf"(?:{alternation(_FRACTIONS)})\s+of\s+an?"
    rf"(?:\s+{_SCALE_WORDS})*(?![\w])"                                         # "a third of a"
    rf"|(?<!\band\s)an?[\s-]+(?:half|quarter)(?:[\s-]+{_SCALE_WORDS})*(?![\w])"  # "a half-mile"
    r"(?![\s-]+(?:an?|of)(?![\w]))"  # but "a half a million" is "half a million"
    r"|(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)(?![\w])"  # "tens of thousands"
    rf"|(?:{alternation(_VAGUE)})(?![\w])"                                          # "dozens"
    rf"|(?:several|a\s+few|a\s+couple\s+of)(?:\s+{_SCALE_WORDS})?(?![\w])"    # "a few hundred"
    rf"|half\s+an?(?:\s+{_SCALE_WORDS})?(?![\w])"                              # "half a million"
    rf"|an?\s+{_SCALE_WORDS}(?:\s+(?:thousand|million|billion))*(?![\w])"     # "a dozen"
    rf"|{_DIGITS}(?:(?:\s*|-)(?:{_SCALE_WORDS}|bn|mn|tn)(?![\w]))*(?!\d)"      # "$137-million"
    rf"|{_SMALL}(?:[-\s]+{_SCALE_WORDS})*(?![\w])"                            # "three hundred"
    r"|an?(?![\w]))"                                                          # "an" hour
)
# Not after a letter, digit or joiner: "G7", "F-16", "COVID-19", "1.5", "14:30", "2025-02"; but
# after a dollar's country ("$US1m"). A leading-zero group after "2, " is a thousands group cut
# off by a stray space ("2, 000ft"), never a number of its own: see _spaced_thousands.
_NUMBER_RE = re.compile(rf"(?:(?<![\w.,:/\-–])|{AFTER_SIGN_LOOKBEHIND})(?:(?<!\d,\s)|(?!0\d))"
                        rf"{_NUMBER_BODY}", re.I)
_NUMBER_AT_RE = re.compile(_NUMBER_BODY, re.I)


@dataclass(frozen=True, slots=True)
class _Num:
    """A number before its unit: ``kind`` is "exact", "vague" or "article" ("a"/"an"/"half a")."""

    low: float
    high: float
    kind: str
    scale: float = 1.0  # the product of its scale words ("million"), for "1.5 to 2 million"
    needs_of: bool = False  # "dozens" counts things only through "of": "dozens of drones"


def _number_value(token: str) -> _Num:
    t = " ".join(token.lower().replace("-", " ").replace(", ", ",").split())  # "2, 000"
    if t in _VAGUE:
        return _Num(*_VAGUE[t], kind="vague", needs_of=True)
    words = _FRACTION_GLUED.sub(r"\1 ", t).split()  # "threequarters of a ton"
    if words[0] in ("tens", "hundreds") and len(words) == 3:  # "tens of thousands"
        base = 10 if words[0] == "tens" else 100
        scale = _SCALES[words[2][:-1]]
        return _Num(2 * base * scale, 10 * base * scale - 1, "vague", needs_of=True)
    for phrase, (low, high) in _FEW.items():
        if t.startswith(phrase):
            scale = _scale(t[len(phrase):].split())
            return _Num(low * scale, high * scale, "vague", scale)
    if words[0] == "half":
        scale = _scale(words[2:])
        return _Num(0.5 * scale, 0.5 * scale, "exact" if words[2:] else "article", scale)
    if len(words) > 1 and words[1] in _FRACTIONS:  # "a quarter of a mile", "a half-million"
        rest = words[4:] if words[2:3] == ["of"] else words[2:]
        share = (_ONES.get(words[0], 1) / _FRACTIONS[words[1]]) * _scale(rest)
        return _Num(share, share, "exact" if rest else "article", _scale(rest))
    if words[0] in ("a", "an"):
        scale = _scale(words[1:])
        return _Num(scale, scale, "exact" if words[1:] else "article", scale)
    digits = re.match(r"[\d,.]+", t)
    if digits:
        scale = _scale(re.findall(r"[a-z]+", t))
        value = float(digits.group().replace(",", "")) * scale
        return _Num(value, value, "exact", scale)
    value = 0.0
    scale = 1.0
    for word in words:
        if word in _SCALES:
            value, scale = (value or 1) * _SCALES[word], scale * _SCALES[word]
        else:
            value += _ONES.get(word, 0) + _TENS.get(word, 0)
    return _Num(value, value, "exact", scale)


def _scale(words: list[str]) -> float:
    result = 1.0
    for word in words:
        result *= _SCALES.get(word, 1.0)
    return result


# ---------------------------------------------------------------------------- units and words
_PERCENT_RE = re.compile(r"\s*(%)|\s*-?\s*(percent|per\s+cent)(?![\w])|\s+(percentage\s+points?)"
                         r"(?![\w])", re.I)
_POUNDS_OF_RE = re.compile(r"\s+of(?![\w])", re.I)

_QUALIFIER_RE = re.compile(
    r"(?:(?<![\w])(?:(?P<nearly>nearly|almost|just\s+(?:under|below|shy\s+of|short\s+of)"
    r"|close\s+to|nearing)"
    r"|(?P<about>about|around|roughly|approximately|approx\.?|some"
    r"|(?:an|the|its|their|his|her|our)\s+estimated"
    r"|an\s+approximate|circa)"
    r"|(?P<over>(?:just\s+|well\s+|slightly\s+|far\s+)?(?:over|above|more\s+than|upwards\s+of"
    r"|in\s+excess\s+of|exceeding|greater\s+than))"
    r"|(?P<at_least>at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|a\s+minimum\s+of)"
    r"|(?P<under>(?:well\s+)?(?:under|below|less\s+than|fewer\s+than))"
    r"|(?P<at_most>at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"
    r"|as\s+(?:many|much)\s+as))\s+|(?P<tilde>~)\s*)\Z", re.I)
_OPENER_RE = re.compile(r"(?<![\w])(between|from)\s+\Z", re.I)
_POST_RE = re.compile(r"(?P<plus>-plus(?![\w])|\+)|\s+or\s+(?:(?P<more>more|longer|above|over)"
                      r"|(?P<so>so)|(?P<less>less|fewer|under|below))(?![\w])", re.I)
_HALF_RE = re.compile(r"[\s-]+and[\s-]+a[\s-]+half(?![\w])", re.I)
_JOIN_RE = re.compile(r"\s*(?P<dash>[-–—])\s*|\s+(?P<word>to|or|and)\s+", re.I)
_OF_RE = re.compile(r"\s+of(?:\s+(?:the|these|those))?(?=\s)", re.I)
_LONG_RE = re.compile(r"-long(?![\w])", re.I)
_OLD_RE = re.compile(r"(?:-|\s+)old(?![\w])", re.I)
_COMPOUND_RE = re.compile(r"\s*,\s*|\s+and\s+|\s+", re.I)  # "two hours and 15 minutes"
_RATE_BEFORE_RE = re.compile(r"(?<![\w])(?:once|twice|thrice|times)\s+\Z", re.I)
_NOT_ONE_RE = re.compile(r"(?<![\w])(?:no|any|every|each|which|this|that)\s+\Z", re.I)  # "no one"
_BARE_ADJECTIVE_RE = re.compile(r"(?<![\w-])(minute|hour|day|week|month|year|decade)-(long|plus)"
                                r"(?![\w-])", re.I)
_WORD_RE = re.compile(r"\s+([A-Za-z](?:[A-Za-z-]*[A-Za-z])?)")

# Numbers inside dates and times are not quantities: "February 12", "10 a.m.", "1st".
_BLOCKED_RES = (
    re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,4}[/.]\d{1,2}[/.]\d{2,4}|\d[×xX]\d(?!\d)"),  # "4x4"
    re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.?|p\.m\.?|am|pm|o['’]clock)(?![\w])", re.I),
    re.compile(r"\d{1,2}:\d{2}"),
    re.compile(rf"{MONTH_PATTERN}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s*\d{{4}})?"),
    re.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_PATTERN}"),
    re.compile(rf"{MONTH_PATTERN}\s+\d{{4}}"),
    re.compile(r"\d+(?:st|nd|rd|th)(?![\w])", re.I),
)
_YEAR_LIKE_RE = re.compile(r"(?:19|20)\d{2}")

# Words that end the search for a counted noun: "one of", "two were", "the three said".
_NOT_NOUNS = frozenset("""
a an the of and or but nor to in on at by for from with as than into onto over under after
before during since until about per each apiece ago later earlier again also then now yet still
even already further more less fewer most least times time point points percent percentage
is are was were be been being am have has had will would could can may might must should shall
did do does said say says told tells who whom whose which that this these those they them their
it its he she his her we us our you your i me my there here not no all both others another such
so too very just only out up down off back away while when where if because although though
against between among through across without within via last next first second third else
hundred thousand million billion trillion dozen dozens hundreds thousands millions billions
""".split())
# Words that qualify a following noun: "two Ukrainian soldiers", "three police officers".
_MODIFIERS = frozenset("""
more other additional extra new former senior top key major minor main small large big young
old separate different foreign nuclear civilian rival local private public elite heavy light
long short high low full whole cruise attack combat fighter police security government state
army navy military border aid peace rescue health emergency opposition party cabinet election
""".split())
_ADJECTIVE_ENDINGS = ("ed", "al", "ic", "ive", "ous", "ful", "ian", "ish", "ese", "ary", "ern")
_IRREGULAR: dict[str, str] = {
    "people": "people", "person": "people", "persons": "people", "men": "man", "women": "woman",
    "children": "child", "feet": "foot", "lives": "life", "wives": "wife", "knives": "knife",
    "mice": "mouse", "teeth": "tooth", "geese": "goose", "crises": "crisis", "thieves": "thief",
    "analyses": "analysis", "halves": "half", "leaves": "leaf",
}
_INVARIANT = frozenset("people police staff personnel series species news aircraft sheep fish "
                       "deer gas".split())


# ---------------------------------------------------------------------------------- finding
@dataclass(frozen=True, slots=True)
class _Unit:
    """The unit found after a number: base unit, factor into it, and where its words end."""

    dimension: str
    unit: str
    factor: float
    end: int


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every number-with-unit or counted quantity in ``text``, in order of appearance.

    ``start``/``end`` index ``text`` shifted by ``offset`` (the sentence's place in its article).
    """
    blocked = [m.span() for pattern in _BLOCKED_RES for m in pattern.finditer(text)]
    found: list[Quantity] = []
    pos, last_end = 0, -1
    while (m := _NUMBER_RE.search(text, pos)) is not None:
        quantity = None
        m = _spaced_thousands(text, m)
        if not any(start <= m.start() < end for start, end in blocked):
            quantity = _parse(text, m, last_end)
        if quantity is None:
            pos = m.end()
            continue
        found.append(quantity)
        pos = last_end = quantity.end
    found += _bare_adjectives(text, found)
    found = with_breakdowns(text, sorted(found, key=lambda q: q.start))
    totals = total_spans(text) if found else []
    return [Quantity(q.text, q.start + offset, q.end + offset, q.low, q.high, q.unit,
                     q.dimension, q.approx, q.low_inclusive, q.high_inclusive,
                     is_total(totals, q.start)) for q in found]


# "2, 000ft": scraped text often has a space after a thousands comma. A list ("2, 3 and 4",
# "rooms 1, 200 and 300") looks the same, so the groups after ", " join the number before them
# only where a list is unlikely: a group has a leading zero ("000" is no list item), a scale,
# unit, currency or percent word follows ("1, 200 km", "2, 500 million") or a currency sign
# leads (a list of amounts repeats it: "$2, $500"). A bare count ("1, 200 troops") stays apart.
_SPACED_THOUSANDS_RE = re.compile(rf"\d{{1,3}}(?:, ?\d{{3}}(?!\d))+(?:\.\d+)?"
                                  rf"(?:(?:\s*|-)(?:{_SCALE_WORDS}|bn|mn|tn)(?![\w]))*", re.I)


def _spaced_thousands(text: str, m: re.Match[str]) -> re.Match[str]:
    """``m`` widened over the thousands groups a stray space cut off, where only one number can
    be meant; ``m`` itself otherwise."""
    j = _SPACED_THOUSANDS_RE.match(text, m.start())
    if j is None or ", " not in j.group() or j.end() <= m.end():
        return m
    end = j.end()
    if (", 0" in j.group() or any(c.isalpha() for c in j.group())
            or any(r.match(text, end) for r in (MEASURE_RE, _PERCENT_RE, CURRENCY_WORD_RE))
            or currency_before(text, m.start())[1]):
        return j
    return m


def _parse(text: str, m: re.Match[str], last_end: int) -> Quantity | None:
    """The quantity whose number is ``m``, with its prefixes and unit; None if it is not one."""
    num, token = _number_value(m.group()), m.group()
    start, cur = currency_before(text, m.start())
    opener = _OPENER_RE.search(text, max(0, start - 10), start)
    if token.lower() == "one" and _NOT_ONE_RE.search(text, max(0, start - 10), start):
        return None
    if num.kind == "article" and (_RATE_BEFORE_RE.search(text, max(0, start - 10), start)
                                  or (last_end >= 0 and not text[last_end:start].strip())):
        return None  # "twice a day", "$5 a day": a rate, not a duration
    num, p = _money_scale(text, m.end(), num) if cur else (num, m.end())
    num, p = _and_a_half(text, p, num)
    post = _POST_RE.match(text, p)
    ranged = None if post else _range(text, p, num, token, opener, cur)
    if post:
        p = post.end()
    elif ranged:
        num, p = ranged
    unit = _unit_at(text, p, num, cur, allow_count=True)
    if unit is None or _is_year(token, cur, unit) or _is_name(text, m, unit):
        return None
    end = unit.end
    if not post and not ranged and unit.dimension != "count":
        ranged = _range_after_unit(text, unit, num, token, opener, cur)
        if ranged:
            num, end = ranged
    num, end = _and_a_half(text, end, num)
    num, end = _compound_duration(text, end, num, unit)
    if post is None and (post := _POST_RE.match(text, end)):  # "hour-plus", "two hours or so"
        end = post.end()
    if opener and ranged:
        start = opener.start()
    qualifier = _post_qualifier(post)
    if qualifier is None and (before := _QUALIFIER_RE.search(text, max(0, start - 40), start)) \
            and not _particle(text, before):
        qualifier = "about" if before.lastgroup == "tilde" else before.lastgroup
        start = before.start()
    return _quantity(text, start, end, num, unit, qualifier)


# Verbs whose "over" is a particle, not "more than": "handed over two envelopes".
_PARTICLE_VERB_RE = re.compile(
    r"(?<![\w])(?:hand|take|took|turn|pass|sign|carry|carried|roll|win|won|bring|"
    r"brought|fork|forked|shell|shelled|cough|coughed)(?:s|ed|ing|en|n)?\s+\Z", re.I)


def _particle(text: str, qualifier: re.Match[str]) -> bool:
    """A bare "over" right after a verb it belongs to ("handed over two envelopes", "took over
    three firms") says nothing about the number ("took under two hours" does)."""
    words = qualifier.group(0).split()
    return (len(words) == 1 and words[0].lower() == "over"
            and _PARTICLE_VERB_RE.search(text, max(0, qualifier.start() - 20),
                                         qualifier.start()) is not None)


def _post_qualifier(post: re.Match[str] | None) -> str | None:
    """"60-plus" is over 60, "20 or more" at least 20, "20 or so" about, "20 or less" at most."""
    if post is None or post.lastgroup is None:
        return None
    return {"plus": "over", "more": "at_least", "so": "about", "less": "at_most"}[post.lastgroup]


def _money_scale(text: str, p: int, num: _Num) -> tuple[_Num, int]:
    """"€20m": a letter straight after an amount of money is its scale."""
    a = MONEY_ABBR_RE.match(text, p)
    if a is None or num.scale != 1:
        return num, p
    scale = ABBR_SCALE[a.group(1).lower()]
    return _Num(num.low * scale, num.high * scale, num.kind, scale), a.end()


def _and_a_half(text: str, p: int, num: _Num) -> tuple[_Num, int]:
    """"two and a half", "an hour and a half": add a half to an exact number."""
    h = _HALF_RE.match(text, p)
    if h is None or num.kind == "vague" or num.low != num.high:
        return num, p
    return _Num(num.low + 0.5, num.high + 0.5, "exact"), h.end()


def _range(text: str, p: int, first: _Num, token: str, opener: re.Match[str] | None,
           cur: str | None) -> tuple[_Num, int] | None:
    """"2-3", "1.5 to 2 million", "between 20 and 30", "one or two": the range and its end."""
    j = _JOIN_RE.match(text, p)
    if j is None or first.kind == "vague":
        return None
    word = (j.group("word") or "").lower()
    between = opener is not None and opener.group(1).lower() == "between"
    if (word == "and") != between:
        return None  # "and" joins a range only after "between", which needs it
    q = j.end()
    if cur and (s := SYMBOL_AT_RE.match(text, q)):
        q = s.end()
    m2 = _NUMBER_AT_RE.match(text, q)
    if m2 is None:
        return None
    if j.group("dash") == "-" and not (token[0].isdigit() and m2.group()[0].isdigit()):
        return None  # "twenty-five" is one number; only "2-3" is a dashed range
    second = _number_value(m2.group())
    if second.kind != "exact":
        return None
    second, end = _money_scale(text, m2.end(), second) if cur else (second, m2.end())
    low = first.low
    if first.scale == 1 and second.scale > 1 and low * second.scale <= second.low:
        low *= second.scale  # "1.5 to 2 million" means 1.5 million
    if second.high < low:
        return None  # "won 52 to 48" is a score, not a range
    return _Num(low, second.high, "exact", second.scale), end


def _range_after_unit(text: str, unit: _Unit, num: _Num, token: str,
                      opener: re.Match[str] | None, cur: str | None) -> tuple[_Num, int] | None:
    """"20% to 30%", "a year or two": a range whose unit follows the first number."""
    r = _range(text, unit.end, num, token, opener, cur)
    if r is None:
        return None
    second, end = r
    unit2 = _unit_at(text, end, second, cur, allow_count=False)
    if unit2 is None:
        return _Num(num.low, second.high, "exact"), end
    high = second.high * unit2.factor / unit.factor  # "2 hours to 150 minutes"
    if (unit2.dimension, unit2.unit) != (unit.dimension, unit.unit) or high < num.low:
        return None
    return _Num(num.low, high, "exact"), unit2.end


def _compound_duration(text: str, p: int, num: _Num, unit: _Unit) -> tuple[_Num, int]:
    """"two hours and 15 minutes", "1 hour 30 minutes": fold the smaller unit in."""
    if unit.dimension != "duration" or num.low != num.high:
        return num, p
    j = _COMPOUND_RE.match(text, p)
    m2 = _NUMBER_AT_RE.match(text, j.end()) if j else None
    if m2 is None:
        return num, p
    second = _number_value(m2.group())
    u = MEASURE_RE.match(text, m2.end())
    if second.kind != "exact" or u is None:
        return num, p
    dimension, _, factor = MEASURES[_key(u.group(1))]
    if dimension != "duration" or factor >= unit.factor:
        return num, p
    value = num.low + second.low * factor / unit.factor
    return _Num(value, value, "exact"), u.end()


def _unit_at(text: str, p: int, num: _Num, cur: str | None, *, allow_count: bool) -> _Unit | None:
    """The unit that follows a number at ``p``, or None when nothing usable does."""
    if num.kind == "vague" and (of := _OF_RE.match(text, p)):
        p = of.end()
    elif num.needs_of:
        return None  # "hundreds" alone counts nothing
    money = CURRENCY_WORD_RE.match(text, p)
    if money:
        code = CURRENCY_WORDS[_key(money.group(1))]
        if code == "GBP" and money.group(1).lower() == "pounds" and _POUNDS_OF_RE.match(
                text, money.end()):
            return _Unit("mass", "kg", 0.45359237, money.end())  # "500 pounds of explosives"
        return _Unit("money", cur or code, 1.0, money.end())
    if cur:
        return _Unit("money", cur, 1.0, p)
    pct = _PERCENT_RE.match(text, p)
    if pct:
        return _Unit("percent", "pp" if pct.group(3) else "%", 1.0, pct.end())
    measure = MEASURE_RE.match(text, p)
    if measure:
        return _measure(text, measure, num)
    if num.kind == "article" or not allow_count:
        return None
    noun = _count_noun(text, p, plural=num.high > 1)
    return _Unit("count", noun[0], 1.0, noun[1]) if noun else None


def _measure(text: str, measure: re.Match[str], num: _Num) -> _Unit | None:
    word = _key(measure.group(1))
    dimension, unit, factor = MEASURES[word]
    if num.kind == "article" and num.low == 1 and word == "second":
        return None  # "a second term" is an ordinal; "a tenth of a second" is not
    end = measure.end()
    if dimension == "duration":
        if (old := _OLD_RE.match(text, end)) and factor >= 1440:
            return _Unit("age", "year", factor / DURATION["year"], old.end())  # "45-year-old"
        if long := _LONG_RE.match(text, end):
            end = long.end()
    return _Unit(dimension, unit, factor, end)


_DESIGNATION_RE = re.compile(r"-\d[\w-]*")


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _count_noun(text: str, p: int, plural: bool) -> tuple[str, int] | None:
    """The counted noun after a number, skipping up to three modifiers; (lemma, end) or None.
    ``plural``: the number is above one, so a singular noun before a plural one is a modifier
    ("five pirate boats", "seven car bombs")."""
    words: list[tuple[str, int]] = []
    q = p
    while len(words) < 4 and (w := _WORD_RE.match(text, q)):
        q = w.end()
        if designation := _DESIGNATION_RE.match(text, q):
            q = designation.end()  # "14 AK-47 rifles", "two F-16 jets": a model name, skipped
            continue
        words.append((w.group(1), q))
    for i, (word, end) in enumerate(words):
        if not _noun_like(word):
            return None
        following = words[i + 1][0] if i + 1 < len(words) else ""
        if i < 3 and _noun_like(following) and following[0].islower() and (
                _is_modifier(word) or plural and _noun_modifier(word, following)):
            continue
        if i < 3 and plural and _compound_ahead(words[i:]):
            continue  # "four federal law enforcement officers": officers are counted
        if word[0].isupper() and following[:1].isupper():
            return None  # "10 Downing Street": a name, not ten of something
        return _lemma(word.lower()), end
    return None


def _compound_ahead(words: list[tuple[str, int]]) -> bool:
    """A run of singular lowercase nouns ending in a plural one: "law enforcement officers"."""
    run = [w for w, _ in words]
    return (len(run) >= 3 and all(w.islower() and _noun_like(w) for w in run[:3])
            and not _plural_like(run[0]) and not _plural_like(run[1])
            and _plural_like(run[2]))


def _noun_like(word: str) -> bool:
    lower = word.lower()
    return bool(word) and lower not in _NOT_NOUNS and not lower.endswith("ly") and (
        lower not in MEASURES and lower not in CURRENCY_WORDS)


def _noun_modifier(word: str, following: str) -> bool:
    """A singular noun before a plural one: "pirate boats", "news reports", "sheep farmers"."""
    return word.islower() and not _plural_like(word) and _plural_like(following)


def _plural_like(word: str) -> bool:
    if word in _IRREGULAR:
        return word != "person"  # the others are plural forms
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and (
        word not in _INVARIANT)


def _is_modifier(word: str) -> bool:
    lower = word.lower()
    return word[0].isupper() or lower in _MODIFIERS or lower.endswith(_ADJECTIVE_ENDINGS)


def _lemma(word: str) -> str:
    """Singular form by simple rules: "troops" -> "troop", "casualties" -> "casualty"."""
    if word in _IRREGULAR or word in _INVARIANT:
        return _IRREGULAR.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")) or len(word) <= 2 or not word.endswith("s"):
        return word
    return word[:-1]


def _is_year(token: str, cur: str | None, unit: _Unit) -> bool:
    """"2022 elections" names a year; only money and measures make "2000" an amount."""
    return cur is None and unit.dimension == "count" and _YEAR_LIKE_RE.fullmatch(token) is not None


def _is_name(text: str, m: re.Match[str], unit: _Unit) -> bool:
    """"Air Force One landed": a capitalised number word after a capitalised word is a name."""
    if unit.dimension != "count" or not m.group()[0].isupper() or m.group()[0].isdigit():
        return False
    before = text[max(0, m.start() - 40):m.start()].split()
    return bool(before) and before[-1][0].isupper() and not before[-1].endswith((".", ":"))


def _bare_adjectives(text: str, found: list[Quantity]) -> list[Quantity]:
    """"hour-long", "hour-plus": a unit used as an adjective means one of it."""
    extra = []
    for m in _BARE_ADJECTIVE_RE.finditer(text):
        if any(q.start < m.end() and m.start() < q.end for q in found):
            continue
        unit = _Unit("duration", "min", DURATION[m.group(1).lower()], m.end())
        qualifier = "over" if m.group(2).lower() == "plus" else None
        extra.append(_quantity(text, m.start(), m.end(), _Num(1, 1, "exact"), unit, qualifier))
    return extra


def _quantity(text: str, start: int, end: int, num: _Num, unit: _Unit,
              qualifier: str | None) -> Quantity:
    low, high = num.low * unit.factor, num.high * unit.factor
    approx = num.kind == "vague"
    low_inc = high_inc = True
    if qualifier == "nearly":
        low, approx = 0.85 * low, True
    elif qualifier == "about":
        low, high, approx = 0.9 * low, 1.1 * high, True
    elif qualifier in ("over", "at_least"):
        high, low_inc, high_inc, approx = math.inf, qualifier == "at_least", False, False
    elif qualifier in ("under", "at_most"):
        low, high_inc, approx = 0.0, qualifier == "at_most", False
    return Quantity(text[start:end], start, end, _clean(low), _clean(high), unit.unit,
                    unit.dimension, approx, low_inc, high_inc)


def _clean(value: float) -> float:
    """Round away float noise (1.1 * 90 = 99.00000000000001) so equal readings compare equal."""
    return value if math.isinf(value) else float(round(value, 6))
