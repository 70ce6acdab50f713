"""A named person's age compared across reports, whether or not their claims align.

A person's age (like the spelling of their name, ``spellings``) is a fact about that person,
not about the sentence that gives it: "Police arrested 18-year-old Kemontay Cullins" and "The suspects are
Cutrez Johnson, 16; Oshlushla Smith, 20; and Kamontay Cullins, 19" say different things, and
the aligner rightly keeps them apart, yet the reports disagree on Cullins' age and on how his
name is spelled. On real local news most such disagreements sat in claims that were never
aligned, or were called "same facts" because the sentences matched.

So, across the story's articles: every age given to a named person is compared with the ages
other reports give the same person (one canonical key after name resolution, or one full name). A disagreement becomes a conflict
between the first claims that show it (an existing alignment of the two claims is relabelled;
otherwise one is added). An age one year higher in a report published months later is the
person's birthday, not a disagreement: it is marked ``related`` with an "updated" reason.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from crosscheck.claims.names import one_full_name
from crosscheck.judge.facts import Found, add_found, with_found
from crosscheck.model import Alignment, Claim, Difference, Entity, Quantity, Verdict

BIRTHDAY_DAYS = 90  # reports this far apart may give an age one year apart, both right
AGE_REASON = "age: {a} vs {b}"
BIRTHDAY_REASON = "updated: {name} is {b} in the later report, {a} in the earlier one"


@dataclass(frozen=True, slots=True)
class _Age:
    claim: Claim
    person: Entity
    age: Quantity


def people_conflicts(claims: Sequence[Claim], alignments: Sequence[Alignment],
                     verdicts: Sequence[Verdict], published: Mapping[str, str | None]
                     ) -> tuple[tuple[Alignment, ...], tuple[Verdict, ...]]:
    """The alignments and verdicts with each person's age disagreements made conflicts
    (``published``: article id -> publication date, for birthdays).

    Every verdict whose two claims give one person different ages is ruled on them (a pair
    that agreed on everything else is still a conflict); then each article pair and person
    whose disagreement no verdict showed gets one, on the first two claims that show it."""
    ages = _ages(claims)
    by_claim: dict[str, list[_Age]] = {}
    for age in ages:
        by_claim.setdefault(age.claim.id, []).append(age)
    claim_of = {c.id: c for c in claims}
    ruled = [_ruled(v, claim_of, by_claim, ages, published) for v in verdicts]
    shown = {f.key for _, found in ruled for f in found}
    return add_found(alignments, [v for v, _ in ruled], [
        item for item in _age_disagreements(ages, published) if item.key not in shown])


def _ruled(verdict: Verdict, claims: Mapping[str, Claim], by_claim: Mapping[str, list[_Age]],
           ages: Sequence[_Age], published: Mapping[str, str | None]
           ) -> tuple[Verdict, list[Found]]:
    """The verdict ruled on its claims' ages too, with what it found."""
    found = [_age_item(x, y, published)
             for x in by_claim.get(verdict.claim_a, ()) for y in by_claim.get(verdict.claim_b, ())
             if _disagree(x, y, ages)]
    for item in found[:1]:
        verdict = with_found(verdict, item)
    return verdict, found[:1]


def _ages(claims: Sequence[Claim]) -> list[_Age]:
    found = []
    for claim in claims:
        for q in claim.quantities:
            if q.dimension != "age" or not q.holder:
                continue
            person = next((e for e in claim.entities
                           if e.text == q.holder and e.label == "PERSON"), None)
            if person is not None:
                found.append(_Age(claim, person, q))
    return found


def _same_person(a: Entity, b: Entity) -> bool:
    """One key after name resolution, or two full names that can be one person's ("Abdi
    Abdi" and "Murjan Issack Abdi" are two people: their first names differ)."""
    return a.key == b.key or one_full_name(a.text, b.text)


def _disagree(x: _Age, y: _Age, ages: Sequence[_Age]) -> bool:
    """Two reports give one person ages that do not fit, and neither report also gives the
    other's age (a report that says both contradicts itself, not the other report)."""
    return (x.claim.article_id != y.claim.article_id and _same_person(x.person, y.person)
            and not x.age.overlaps(y.age) and not _fits_elsewhere(x, y, ages))


def _age_disagreements(ages: Sequence[_Age],
                       published: Mapping[str, str | None]) -> list[Found]:
    """Every pair of ages of one person that two reports disagree on, in claim order."""
    return [_age_item(x, y, published)
            for i, x in enumerate(ages) for y in ages[i + 1:] if _disagree(x, y, ages)]


def _fits_elsewhere(x: _Age, y: _Age, ages: Sequence[_Age]) -> bool:
    """Whether one of the two reports also gives the person the other's age."""
    return any(_same_person(z.person, x.person)
               and (z.claim.article_id == y.claim.article_id and z.age.overlaps(x.age)
                    or z.claim.article_id == x.claim.article_id and z.age.overlaps(y.age))
               for z in ages)


def _age_item(x: _Age, y: _Age, published: Mapping[str, str | None]) -> Found:
    a_text = f"{x.age.text} ({x.person.text})"
    b_text = f"{y.age.text} ({y.person.text})"
    diff = Difference("age", a_text, b_text, (x.age.start, x.age.end), (y.age.start, y.age.end))
    days = _days_apart(published.get(x.claim.article_id), published.get(y.claim.article_id))
    if days is not None and abs(days) >= BIRTHDAY_DAYS and abs(x.age.low - y.age.low) == 1:
        older_later = (y.age.low > x.age.low) == (days > 0)
        if older_later:
            earlier, later = (x, y) if days > 0 else (y, x)
            return Found(x.claim, y.claim, diff, x.person.key, "related",
                          BIRTHDAY_REASON.format(name=x.person.text, a=earlier.age.text,
                                                 b=later.age.text))
    return Found(x.claim, y.claim, diff, x.person.key,
                  reason=AGE_REASON.format(a=a_text, b=b_text))


def _days_apart(first: str | None, second: str | None) -> int | None:
    """Days from the first date to the second; None when either is missing or unreadable."""
    try:
        return (date.fromisoformat((second or "")[:10])
                - date.fromisoformat((first or "")[:10])).days
    except ValueError:
        return None
