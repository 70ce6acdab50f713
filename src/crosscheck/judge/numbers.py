"""Whether two aligned claims give numbers that cannot both be right.

The values are compared by :mod:`crosscheck.claims.number_clash` (kind by kind; a kind clashes
when no value of one claim fits any of the other). This module decides which numbers of two
claims count the same thing, from the claims' own words; on METER stories, most number
"conflicts" were numbers of different things:
- of different verbs ("paid him £6,000" / "payments totalling £16,000");
- one claim denies what the other affirms ("found not guilty of 13 charges" / "found guilty
  of 27 charges": two sets of charges);
- the rest of a count ("two other people", "four further charges", "the remaining three"),
  which fits any larger total ("assaulting three people, including a colleague");
- a number of the past and one of the news: "In 1985, he was jailed for 18 months" is not the
  sentence a report of 1997 gives (``DateRef.past``);
- a rate and an amount: "£1,900 a week" / "£100,000 each for the tour"; and the "a week" of a
  rate is no duration;
- parts and their sum: "£400 compensation and costs of £250" / "ordered to pay £650";
- a figure and its rounding: "a £49,500 Mercedes" / "a £50,000 Mercedes";
- two named doers of one verb: "Mobil paid him £10,000" / "paid for by Mr Greer"
  (``Quantity.agent``, ``claims/agents.py``).
Ages of named people are not compared here but person by person across the whole story
(``judge/people.py``); ages that stand for unnamed people are compared only here.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from crosscheck.claims.number_clash import number_clashes as quantity_clashes
from crosscheck.claims.names import other_doers
from crosscheck.claims.rates import is_rate, words_around
from crosscheck.model import Claim, Difference, Quantity


def number_difference(a: Claim, b: Claim) -> Difference | None:
    """Same kind of quantity on both sides, and no value of one fits any value of the other."""
    clashes = number_clashes(a, b)
    if not clashes:
        return None
    qa, qb = clashes[0]
    slot = "age" if qa.dimension == "age" else "number"
    return Difference(slot, f"{qa.text} ({qa.display})", f"{qb.text} ({qb.display})",
                      (qa.start, qa.end), (qb.start, qb.end))


def number_clashes(a: Claim, b: Claim) -> list[tuple[Quantity, Quantity]]:
    """For each kind of quantity on which the claims disagree, the first value of each.

    Only numbers of the same verb are compared ("jailed for seven years" with "jailed for
    five years", not with "served three years"), and only numbers of one occasion (past or
    news) and footing (rates or amounts): see the module. A number no verb governs
    (unparsed) is compared with all of its occasion."""
    if a.negated != b.negated:
        return []
    mine_a, mine_b = _countable(a), _countable(b)
    # A rate counts against a rate ("£480,000 a year" / "£450,000 a year"), and then the other
    # amounts may be rates with the period left out ("$2,500 a week when they rehearsed and
    # $5,000 on the tour"); against amounts alone it is another footing.
    if any(is_rate(a, q) for q in mine_a) != any(is_rate(b, q) for q in mine_b):
        mine_a = [q for q in mine_a if not is_rate(a, q)]
        mine_b = [q for q in mine_b if not is_rate(b, q)]
    rest = {q for q in mine_a if _remainder(a, q) or _with_others(a, q)} | {
        q for q in mine_b if _remainder(b, q) or _with_others(b, q)}
    found: dict[tuple[str, str], tuple[Quantity, Quantity]] = {}
    for past in (False, True):
        for kind, clash in _clashes([q for q in mine_a if _of_time(a, q, past)],
                                    [q for q in mine_b if _of_time(b, q, past)], rest,
                                    (a, b)).items():
            found.setdefault(kind, clash)
    return list(found.values())


def other_counts(a: Claim, b: Claim) -> tuple[Quantity, Quantity] | None:
    """Two numbers of one verb that do not fit, where the claims' own words make them counts of
    different things (``number_clashes`` finds no clash): such claims do not state one fact,
    however alike their words ("found not guilty of four other charges" / "found guilty of 27
    charges"). None when the numbers fit, or clash as numbers of one thing."""
    if number_clashes(a, b):
        return None
    # unnamed people whose ages fit none of the other's are other people ("abducted a
    # 22-year-old in Leeds" / "abducted a 23-year-old woman in Nottingham"); named people's
    # ages are compared person by person (``_age_clashes``)
    ages = quantity_clashes([q for q in a.quantities if _unnamed_age(q)],
                            [q for q in b.quantities if _unnamed_age(q)])
    return next(iter(_clashes(_countable(a), _countable(b), (), None).values()), None) or (
        ages[0] if ages else None)


def _clashes(first: list[Quantity], second: list[Quantity], rest: Collection[Quantity],
             claims: tuple[Claim, Claim] | None) -> dict[tuple[str, str],
                                                          tuple[Quantity, Quantity]]:
    """Kind -> the first clash of that kind between numbers of one verb, unless the values of
    that kind on one side add up to one on the other, or are all the ``rest`` of a count: a
    rest fits a larger total ("two other people" / "three people"), and counts as a value
    where it fits ("banned for 18 months, and for another two years" / "banned for two
    years"); nor, given the two ``claims``, when two named doers, not one, did it
    (``_other_doers``)."""
    unparsed_a = [q for q in first if not q.verbs]
    unparsed_b = [q for q in second if not q.verbs]
    groups = [(unparsed_a, second), (first, unparsed_b)]
    shared = {v for q in first for v in q.verbs} & {v for q in second for v in q.verbs}
    if claims is not None and not _share_content(*claims):
        # "be" and "have" alone make no two numbers counts of one thing ("three men are
        # wounded" / "five men were at the club"), as for dates (``slots._same_verb``)
        shared -= LIGHT_VERBS
    for verb in sorted(shared):
        groups.append(([q for q in first if verb in q.verbs] + unparsed_a,
                       [q for q in second if verb in q.verbs] + unparsed_b))
    found: dict[tuple[str, str], tuple[Quantity, Quantity]] = {}
    for side_a, side_b in groups:
        for qa, qb in quantity_clashes(side_a, side_b):
            kind = (qa.dimension, qa.unit)
            values_a, values_b = _of_kind(side_a, kind), _of_kind(side_b, kind)
            if not _explained(values_a, values_b, rest) and not (
                    claims is not None and _other_doers(values_a, values_b, *claims)):
                found.setdefault(kind, (qa, qb))
    return found


LIGHT_VERBS = frozenset({"be", "have"})
LIGHT_VERB_OVERLAP = 0.5  # share of the shorter claim's content words the other must have


def _share_content(a: Claim, b: Claim) -> bool:
    terms_a, terms_b = set(a.terms), set(b.terms)
    fewer = min(len(terms_a), len(terms_b))
    return fewer == 0 or len(terms_a & terms_b) >= LIGHT_VERB_OVERLAP * fewer


def _other_doers(values_a: list[Quantity], values_b: list[Quantity], a: Claim,
                 b: Claim) -> bool:
    """Each side's numbers of one kind are all one named doer's, and the two are different
    people or bodies that neither claim names beside its own ("Mobil paid him £10,000" / "air
    fares costing £1,594 were paid for by Mr Greer"): two payments, not one."""
    doers_a, doers_b = {q.agent for q in values_a}, {q.agent for q in values_b}
    if len(doers_a) != 1 or len(doers_b) != 1:
        return False
    (doer_a,), (doer_b,) = doers_a, doers_b
    return other_doers(doer_a, doer_b, a, b)


def _explained(values_a: list[Quantity], values_b: list[Quantity],
               rest: Collection[Quantity]) -> bool:
    """Whether values of one kind that fit none of the other side's still fit the other side:
    as parts and their sum, as a figure and its rounding, or as the rest of a count."""
    return (_sum_fits(values_a, values_b) or _sum_fits(values_b, values_a)
            or _rounding_fits(values_a, values_b)
            or any(all(q in rest for q in values) for values in (values_a, values_b)))


def _of_kind(quantities: Sequence[Quantity], kind: tuple[str, str]) -> list[Quantity]:
    return [q for q in quantities if (q.dimension, q.unit) == kind]


def _countable(claim: Claim) -> list[Quantity]:
    """The claim's numbers, less the periods of rates, the ages (``judge/people.py``
    compares named people's ages person by person; unnamed ages see ``other_counts``) and the
    vague counts: "several shots" is a reporter's word for "I don't know how many", not a
    figure that twelve shots contradicts."""
    return [q for q in claim.quantities
            if q.dimension != "age" and not _period(claim, q) and not _VAGUE.match(q.text)]


_VAGUE = re.compile(r"(?:several|multiple|a few|few|numerous|many|some|a handful|dozens|"
                    r"hundreds|scores|a number)\b", re.IGNORECASE)


def _unnamed_age(quantity: Quantity) -> bool:
    return quantity.dimension == "age" and not quantity.holder


# "two other people", "four further charges", "the remaining three", "two more boats"
_REMAINDER_BEFORE = re.compile(r"\b(?:other|another|further|additional|remaining)\s+\Z",
                               re.IGNORECASE)
_REMAINDER_IN = re.compile(r"\b(?:other|further|additional|extra|more)\b(?!\s+than\b)",
                           re.IGNORECASE)
# "£1,900 a week", "$5,000 per week", "£480,000-a-year", "£2 an hour"
_PERIOD = re.compile(r"(?:a|an|per)\s+(?:hour|day|week|month|year)\Z", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?:[\d£$€¥]\S*|pounds|dollars|euros|million|billion|m|bn)\s*\Z",
                            re.IGNORECASE)


def _remainder(claim: Claim, quantity: Quantity) -> bool:
    before, words, after = words_around(claim, quantity)
    return bool(_REMAINDER_BEFORE.search(before) or _REMAINDER_IN.search(words + after))


# "One person in critical condition, three others injured": the count is one part of the
# people the claim tells of, the rest counted as "others" (a word no counted noun follows)
_OTHERS = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+others\b",
                     re.IGNORECASE)


def _with_others(claim: Claim, quantity: Quantity) -> bool:
    return quantity.unit in ("people", "person") and _OTHERS.search(claim.text) is not None


def _period(claim: Claim, quantity: Quantity) -> bool:
    """"a week" in "£1,900 a week": the period of a rate, not a length of time."""
    before, words, _ = words_around(claim, quantity)
    return (quantity.dimension == "duration" and bool(_PERIOD.fullmatch(words.strip()))
            and bool(_AMOUNT_BEFORE.search(before)))


def _past(claim: Claim, quantity: Quantity) -> bool:
    """A date long before publication is given to the number's verb."""
    return any(d.past and set(d.verbs) & set(quantity.verbs) for d in claim.dates)


def _of_time(claim: Claim, quantity: Quantity, past: bool) -> bool:
    # an unparsed number has no verb to date: it belongs to the past and to the news
    return not quantity.verbs or _past(claim, quantity) == past


def _sum_fits(parts: Sequence[Quantity], wholes: Sequence[Quantity]) -> bool:
    if len(parts) < 2:
        return False
    total = replace(parts[0], low=sum(q.low for q in parts), high=sum(q.high for q in parts))
    return any(total.overlaps(whole) for whole in wholes)


# The digits of a number as written: "1.66" in "£1.66m", "50,000" in "£50,000".
_WRITTEN = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _rounding_fits(values_a: Sequence[Quantity], values_b: Sequence[Quantity]) -> bool:
    """Whether a value on one side is the other's, rounded: "£50,000" for "£49,500" (a figure
    written to the ten thousand covers less than half of that either side, and it is a
    rounding only within 5%), not "£450,000" for "£480,000", "£10,000" for "£6,000", "£190m"
    for "£195m", nor "15 minutes" for "16 minutes"."""
    return any(abs(qa.low - qb.low) < max(_step(qa), _step(qb)) / 2
               and abs(qa.low - qb.low) <= _ROUNDING * max(qa.low, qb.low)
               for qa in values_a for qb in values_b if _step(qa) and _step(qb))


_ROUNDING = 0.05  # the most a rounded figure in news differs from the one it rounds


def _step(quantity: Quantity) -> float:
    """The unit of the last digit written, in the quantity's base unit: 0.01 million for
    "£1.66m", 10,000 for "£50,000"; 0 for a range, a bound or a number in words."""
    written = _WRITTEN.search(quantity.text)
    if written is None or quantity.low != quantity.high or quantity.approx:
        return 0.0
    digits = written.group().replace(",", "")
    number = float(digits)
    if number == 0:
        return 0.0
    scale = quantity.low / number  # "m", "hectare" and the like, as the parse read them
    if "." in digits:
        return scale * 10.0 ** -len(digits.split(".")[1])
    return scale * 10.0 ** (len(digits) - len(digits.rstrip("0")))
