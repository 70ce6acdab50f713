"""Planted edits: change one corroborated fact of one report and see whether the conflict shows.

For each story, the unedited comparison gives the corroborated claims (those in an ``agree``
verdict). For each edit kind, the first such claim (in a seeded order) that holds something of
that kind is edited in its article's text, the story is compared again, and the edit counts as
found when a conflict pairs the edited claim with another report on the edit's slot.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from crosscheck.model import Article, Claim, Report

from bench.conflictlab.listing import Listed, listed_conflicts

KINDS = ("count", "age", "date", "time", "address", "place", "speaker", "person", "negation")
EXPECTED_SLOT = {"count": "count", "age": "age", "date": "date", "time": "time",
                 "address": "address", "place": "place", "speaker": "speaker",
                 "person": "entity", "negation": "polarity"}
NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_STREET = re.compile(r"\b(\d{1,5})(?=(?: block of)? (?:[NSEW]\.? |North |South |East |West )?"
                     r"[A-Z0-9][\w.]*(?: [A-Z][\w.]*)? (?:St|Street|Ave|Avenue|Road|Rd|Drive|"
                     r"Dr|Boulevard|Blvd|Lane|Ln|Way|Court|Ct|Place|Pl|Highway|Hwy|Parkway|Pkwy|"
                     r"Circle|Cir|Terrace|Trail|Pike)\b)")
_BLOCK = re.compile(r"\b(\d{2,5})(?= block\b)")
_TIME = re.compile(r"\b(1[0-2]|0?[1-9])(?=(?::[0-5]\d)? ?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b))")
_AUX = re.compile(r"\b(was|were|is|are|has|have|had|will|would|could|did)\b(?! not\b| never\b)")


@dataclass(frozen=True, slots=True)
class Edit:
    kind: str
    article: str  # the article's id in the unedited report
    start: int  # the changed span in the edited text
    end: int
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Outcome:
    edit: Edit
    found: bool  # a conflict on the edited claim, on the expected slot
    any_slot: bool  # a conflict on the edited claim, any slot


def corroborated(report: Report) -> list[tuple[Claim, list[Claim]]]:
    """Claims in an ``agree`` verdict with the claims they agree with, in a seeded order."""
    claims = {c.id: c for c in report.claims}
    partners: dict[str, list[Claim]] = {}
    for v in report.verdicts:
        if v.label == "agree":
            partners.setdefault(v.claim_a, []).append(claims[v.claim_b])
            partners.setdefault(v.claim_b, []).append(claims[v.claim_a])
    found = sorted(((claims[cid], others) for cid, others in partners.items()
                    if not claims[cid].headline), key=lambda item: item[0].id)
    random.Random(13).shuffle(found)
    return found


def plant(kind: str, report: Report, others: Sequence[str]) -> Edit | None:
    """The first edit of ``kind`` that a corroborated claim allows, where a claim agreeing
    with it states the value edited too (else the other report has nothing to contradict);
    ``others``: names of people and places from other stories, to swap in."""
    for claim, partners in corroborated(report):
        found = EDITORS[kind](claim, report, others)
        if found is None:
            continue
        start, end, new = found
        old = _text(report, claim.article_id)[start:end]
        if kind == "negation" or any(_states(kind, old, p) for p in partners):
            return Edit(kind, claim.article_id, start, start + len(new), old, new)
    return None


def _states(kind: str, old: str, partner: Claim) -> bool:
    """Whether ``partner`` gives the value ``old`` too (the same words, or the same number)."""
    if kind in ("count", "age", "address", "time"):
        digits = old if old.isdigit() else str(NUMBER_WORDS.index(old.lower())) \
            if old.lower() in NUMBER_WORDS else old
        values = {str(int(q.low)) for q in partner.quantities if q.low == q.low and q.low < 1e9}
        return digits in values or re.search(rf"\b{re.escape(digits)}\b", partner.text) is not None
    if kind in ("speaker", "person"):
        return old.split()[-1] in partner.text
    return old.lower() in partner.text.lower()


def apply(edit: Edit, articles: Sequence[Article]) -> list[Article]:
    """The story's articles with the edit made (the edited article keeps its source/date)."""
    out = []
    for article in articles:
        if article.id == edit.article:
            text = article.text[:edit.start] + edit.new + article.text[edit.start + len(edit.old):]
            article = replace(article, text=text)
        out.append(article)
    return out


def score(edit: Edit, edited: Report, dataset: str, story: str) -> Outcome:
    external = {a.id: a.external_id or a.id for a in edited.articles}
    mine = next(a for a in edited.articles if a.text != "" and a.id == edit.article)
    name = external[mine.id]
    hits = [c for c in listed_conflicts(edited, dataset, story) if _covers(c, name, edit)]
    return Outcome(edit, any(c.slot == EXPECTED_SLOT[edit.kind] for c in hits), bool(hits))


def _covers(listed: Listed, name: str, edit: Edit) -> bool:
    span = listed.a_claim if listed.a == name else listed.b_claim if listed.b == name else None
    return span is not None and span[0] <= edit.start < span[1] + 1


def _text(report: Report, article_id: str) -> str:
    return next(a.text for a in report.articles if a.id == article_id)


Site = tuple[int, int, str]  # start, end (in the article), replacement


def _count(claim: Claim, report: Report, others: Sequence[str]) -> Site | None:
    for q in claim.quantities:
        if q.dimension != "count" or q.total:
            continue
        word = q.text.split()[0] if q.text else ""
        if word.isdigit() and 0 < int(word) < 1000:
            return q.start, q.start + len(word), str(int(word) + 2)
        if word.lower() in NUMBER_WORDS[1:15]:
            value = NUMBER_WORDS[NUMBER_WORDS.index(word.lower()) + 2]
            return q.start, q.start + len(word), value.capitalize() if word[0].isupper() else value
    return None


def _age(claim: Claim, report: Report, others: Sequence[str]) -> Site | None:
    for q in claim.quantities:
        digits = re.match(r"\d+", q.text)
        if q.dimension == "age" and digits and 1 < int(digits.group()) < 95:
            return q.start, q.start + digits.end(), str(int(digits.group()) + 5)
    return None


def _date(claim: Claim, report: Report, others: Sequence[str]) -> Site | None:
    for d in claim.dates:
        if d.kind == "weekday" and d.text.capitalize() in WEEKDAYS:
            day = WEEKDAYS[(WEEKDAYS.index(d.text.capitalize()) + 2) % 7]
            return d.start, d.end, day
        day = re.search(r"\b([12]?\d|3[01])\b", d.text) if d.kind == "date" else None
        if day is not None and 1 <= int(day.group()) <= 25:
            at = d.start + day.start()
            return at, at + len(day.group()), str(int(day.group()) + 3)
    return None


def _time(claim: Claim, report: Report, others: Sequence[str]) -> Site | None:
    m = _TIME.search(claim.text)
    if m is None:
        return None
    hour = int(m.group(1))
    return claim.start + m.start(1), claim.start + m.end(1), str((hour + 2) % 12 + 1)


def _address(claim: Claim, report: Report, others: Sequence[str]) -> Site | None:
    m = _BLOCK.search(claim.text) or _STREET.search(claim.text)
    if m is None:
        return None
    value = int(m.group(1))
    new = value + 200 if m.re is _BLOCK else value + 6
    return claim.start + m.start(1), claim.start + m.end(1), str(new)


_PROPER = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def _place(claim: Claim, report: Report, others: Sequence[str]) -> Site | None:
    places = [o for o in others if o.startswith("GPE:") and _PROPER.fullmatch(o[4:])]
    for e in claim.places:
        if e.label == "GPE" and _PROPER.fullmatch(e.text) and places:
            choice = next((p[4:] for p in places if p[4:] not in _text(report, claim.article_id)),
                          None)
            if choice:
                return e.start, e.end, choice
    return None


def _person(claim: Claim, report: Report, others: Sequence[str], speaker: bool) -> Site | None:
    """A named person of the claim replaced: the speaker by someone of another story (a
    misattribution), anyone else by another person of the same story (the issue's "a person
    for another of the story": the victim's name where the suspect's stood)."""
    said = claim.speaker.name if claim.speaker is not None else ""
    text = _text(report, claim.article_id)
    if speaker:
        people = [o[7:] for o in others if o.startswith("PERSON:") and _PROPER.fullmatch(o[7:])
                  and len(o[7:].split()) >= 2]
    else:
        people = sorted({e.text for c in report.claims for e in c.entities
                         if e.label == "PERSON" and _PROPER.fullmatch(e.text)
                         and len(e.text.split()) >= 2})
    for e in claim.entities:
        if e.label != "PERSON" or len(e.text.split()) < 2 or not _PROPER.fullmatch(e.text):
            continue
        if (e.text == said or said.endswith(e.text.split()[-1])) != speaker:
            continue
        choice = next((p for p in people if p.split()[-1] != e.text.split()[-1]
                       and (not speaker or p.split()[-1] not in text)), None)
        if choice:
            return e.start, e.end, choice
    return None


def _negation(claim: Claim, report: Report, others: Sequence[str]) -> Site | None:
    if claim.negated or claim.quotes:
        return None
    m = _AUX.search(claim.text)
    if m is None:
        return None
    at = claim.start + m.end()
    return at, at, " not"


EDITORS: dict[str, Callable[[Claim, Report, Sequence[str]], Site | None]] = {
    "count": _count, "age": _age, "date": _date, "time": _time, "address": _address,
    "place": _place, "speaker": lambda c, r, o: _person(c, r, o, True),
    "person": lambda c, r, o: _person(c, r, o, False), "negation": _negation,
}
