"""The judging stage: a verdict for every alignment.

Rules, in order:
1. A slot difference under its gate is a **conflict** on that slot. The gates ask how sure we
   are that the two claims report the same thing before a difference counts: a shared direct
   quote or a very similar statement for speaker, entity, place and polarity (whose negated
   claim must deny a verb the other uses); a good alignment for numbers and dates, whose
   values are already normalised (and compared verb by verb).
2. Two different named people saying similar things is **related**, never corroboration; so
   are a count for one event and a total it is part of ("six rifles" in one raid, "a total of
   14 rifles" in five): they fit, but they are not one fact.
3. Two claims giving the same rare date, or compatible measurements of one kind, **agree** on
   that slot (they are not unrelated: their similarity must reach a low floor).
4. Otherwise a strong alignment is **agree**, a weaker one **related**.

Before all of these, the same quotation worded differently in the two claims (a misquote) is a
speaker conflict when two named people are said to have said it, and otherwise **related** with
a ``misquote`` reason: renderers show its word diff; it is never a contradiction.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from crosscheck.claims.number_clash import part_and_total
from crosscheck.errors import ConfigError
from crosscheck.judge import numbers, slots
from crosscheck.model import Alignment, Claim, Difference, Verdict


@dataclass(frozen=True, slots=True)
class JudgeSettings:
    agree: float = 0.8  # alignment score from which two claims corroborate each other
    anchor_similarity: float = 0.2  # least similarity for a shared rare date/number to corroborate
    same_statement: float = 0.78  # similarity at which two claims make the same statement
    same_event: float = 0.58  # alignment score at which numbers and dates must agree
    entity_swap: float = 0.85  # similarity for a swapped person/organisation to count

    def __post_init__(self) -> None:
        for name in ("agree", "anchor_similarity", "same_statement", "same_event", "entity_swap"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.5:
                raise ConfigError(f"JudgeSettings.{name} must be within [0, 1.5], got {value}")


PART_OF_TOTAL = "a part and a total: {part} of {total}"
OTHER_COUNTS = "counts of different things: {a} / {b}"
Check = Callable[[Claim, Claim], Difference | None]


def judge(alignments: Sequence[Alignment], claims: Mapping[str, Claim],
          settings: JudgeSettings = JudgeSettings()) -> tuple[Verdict, ...]:
    """One verdict per alignment, in the alignments' order."""
    return tuple(judge_pair(al, claims[al.claim_a], claims[al.claim_b], settings)
                 for al in alignments)


def judge_pair(al: Alignment, a: Claim, b: Claim, settings: JudgeSettings) -> Verdict:
    reworded = slots.misquote(a, b)
    if reworded is not None:
        return _misquote(al, a, b, reworded)
    same_statement = bool(al.shared_quotes) or al.similarity >= settings.same_statement
    checks: list[tuple[bool, Check]] = [
        (same_statement, slots.speaker_difference),
        (al.score >= settings.same_event, numbers.number_difference),
        (al.score >= settings.same_event, slots.date_difference),
        (al.score >= settings.same_event, slots.time_difference),
        (al.similarity >= settings.same_statement and slots.denies_a_verb_of(a, b),
         slots.polarity_difference),
        (al.similarity >= settings.entity_swap, slots.place_difference),
        (al.similarity >= settings.entity_swap and _few_people(a) and _few_people(b),
         slots.entity_difference),
    ]
    differences = tuple(d for gate, check in checks if gate for d in [check(a, b)] if d)
    if differences and all(d.slot == "number" for d in differences):
        cue = next((m.group() for c in (a, b) for m in [_UPDATE.search(c.text)] if m), None)
        if cue is not None:
            # "four people were injured in the initial shooting, not five as first reported":
            # the report says the count changed; news, not a disagreement between outlets
            return Verdict.create(al, "related", al.score, (),
                                  f"updated: {differences[0].a} / {differences[0].b} ({cue})")
    if differences:
        reason = "; ".join(f"{d.slot}: {d.a} vs {d.b}" for d in differences)
        return Verdict.create(al, "conflict", al.score, differences, reason)
    if slots.different_people(a, b):
        return Verdict.create(al, "related", al.score, (), "said by different people")
    counts = numbers.other_counts(a, b)
    if counts is not None:
        return Verdict.create(al, "related", al.score, (),
                              OTHER_COUNTS.format(a=counts[0].text, b=counts[1].text))
    whole = part_and_total(a.quantities, b.quantities)
    if whole is not None:
        part, total = whole
        return Verdict.create(al, "related", al.score, (),
                              PART_OF_TOTAL.format(part=part.text, total=total.text))
    if al.shared_slots and al.similarity >= settings.anchor_similarity:
        if (al.score < settings.agree and all(_weekday_only(s) for s in al.shared_slots)
                and not _share_more(a, b)):
            # "processing the crime scene Sunday" / "more on our Sunday morning show": a weekday
            # is shared by half of a week's news; alone it corroborates nothing
            return Verdict.create(al, "related", al.score, (),
                                  "weak: only " + "; ".join(al.shared_slots) + " in common")
        return Verdict.create(al, "agree", al.score, (), "same " + "; same ".join(al.shared_slots))
    if al.score >= settings.agree:
        return Verdict.create(al, "agree", al.score, (), "same statement" if same_statement
                              else "same facts")
    return Verdict.create(al, "related", al.score, (), "related but different")


# Words with which a report says a figure changed or was corrected.
_UPDATE = re.compile(r"\b(?:as (?:first|initially|earlier|previously) reported|"
                     r"(?:first|initially|earlier|previously) (?:reported|said)|revised|"
                     r"(?:rose|risen|climbed|grew|grown|increased|jumped) to|"
                     r"(?:reduced|dropped|fell|fallen|lowered|decreased) to|up from|down from|"
                     r"now stands at|has since)\b", re.IGNORECASE)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


LIST_OF_PEOPLE = 4  # a claim naming this many people is a list; one name more or less is no swap


def _few_people(claim: Claim) -> bool:
    """"The announcement was made by A, B, C and D": two such lists that differ by a name are
    two announcements, not one person swapped for another."""
    return sum(1 for e in claim.entities if e.label == "PERSON") < LIST_OF_PEOPLE


def _share_more(a: Claim, b: Claim) -> bool:
    """Whether two claims share a content word or a name besides their weekday ("first
    conversation ... on Wednesday" / "the call on Wednesday was the first direct contact")."""
    terms = (set(a.terms) & set(b.terms)) - _WEEKDAYS
    return bool(terms) or bool({e.key for e in a.entities} & {e.key for e in b.entities})


def _weekday_only(shared: str) -> bool:
    """A shared slot that is a weekday and nothing more ("date: Sunday / Sunday")."""
    slot, _, values = shared.partition(": ")
    return slot == "date" and all(v.strip().lower() in _WEEKDAYS for v in values.split(" / "))


MISQUOTE = "misquote"


def _misquote(al: Alignment, a: Claim, b: Claim, quotes: tuple[str, str]) -> Verdict:
    """One quotation worded two ways: a speaker conflict if two people are said to have said
    it, else a misquote, which is never a contradiction (the reports disagree on wording only).
    """
    speaker = slots.speaker_difference(a, b)
    if speaker is not None:
        return Verdict.create(al, "conflict", al.score, (speaker,),
                              f"speaker: {speaker.a} vs {speaker.b}")
    return Verdict.create(al, "related", al.score, (),
                          f"{MISQUOTE}: “{quotes[0]}” vs “{quotes[1]}”")
