"""The conflicts a comparison lists, in the benchmark's terms: article pair, spans, slot.

The judge's slots are coarser than the ones a reader labels (an age is a number to the judge,
a time of day a date): ``bench_slot`` names the finer slot from the values themselves, so the
benchmark scores ages, addresses and times apart whatever the judge calls them.
"""
from __future__ import annotations

from dataclasses import dataclass

from crosscheck.model import Claim, Difference, Report

# Finer slots a label may carry, and the judge slots that may report them.
LABEL_SLOTS = ("age", "count", "address", "date", "time", "place", "name", "speaker", "entity",
               "polarity", "other")
JUDGE_SLOT = {"age": "number", "count": "number", "address": "place", "date": "date",
              "time": "date", "place": "place", "name": "entity", "speaker": "speaker",
              "entity": "entity", "polarity": "polarity", "other": "other"}


@dataclass(frozen=True, slots=True)
class Listed:
    """One conflict a report lists: which two articles, where in each, on which slot."""

    dataset: str
    story: str
    a: str  # external ids (the input's ids)
    b: str
    a_span: tuple[int, int]  # the differing words, else the claim, in each article's text
    b_span: tuple[int, int]
    a_claim: tuple[int, int]
    b_claim: tuple[int, int]
    slot: str  # a LABEL_SLOTS name
    a_value: str
    b_value: str

    @property
    def key(self) -> tuple[str, int, int, str, int, int, str]:
        return (self.a, *self.a_claim, self.b, *self.b_claim, self.slot)


def listed_conflicts(report: Report, dataset: str, story: str) -> list[Listed]:
    """Each conflicting claim pair once per slot it differs on, in the report's order."""
    claims = {c.id: c for c in report.claims}
    external = {a.id: a.external_id or a.id for a in report.articles}
    found: dict[tuple, Listed] = {}
    for verdict in report.verdicts:
        if verdict.label != "conflict":
            continue
        for diff in verdict.differences:
            listed = _listed(diff, claims[verdict.claim_a], claims[verdict.claim_b], external,
                             dataset, story)
            found.setdefault(listed.key, listed)
    return list(found.values())


def _listed(diff: Difference, a: Claim, b: Claim, external: dict[str, str], dataset: str,
            story: str) -> Listed:
    if external[a.article_id] > external[b.article_id]:  # one order, whatever the judge's
        a, b = b, a
        diff = Difference(diff.slot, diff.b, diff.a, diff.b_span, diff.a_span)
    return Listed(dataset, story, external[a.article_id], external[b.article_id],
                  diff.a_span or (a.start, a.end), diff.b_span or (b.start, b.end),
                  (a.start, a.end), (b.start, b.end), bench_slot(diff, a), diff.a, diff.b)


def bench_slot(diff: Difference, a: Claim) -> str:
    """The finer slot of a judge's difference (see the module)."""
    slot: str = diff.slot
    if slot == "number":
        quantity = next((q for q in a.quantities if (q.start, q.end) == diff.a_span), None)
        return "age" if quantity is not None and quantity.dimension == "age" else "count"
    if slot == "date":
        date = next((d for d in a.dates if (d.start, d.end) == diff.a_span), None)
        return "time" if date is not None and date.kind == "time" else "date"
    if slot in ("age", "address", "time", "name", "count"):
        return slot
    return slot


@dataclass(frozen=True, slots=True)
class Agreed:
    """Two claims of two articles that the report says state the same fact."""

    story: str
    a: str
    b: str
    a_claim: tuple[int, int]
    b_claim: tuple[int, int]
    reason: str
    same_outlet: bool

    @property
    def key(self) -> tuple[str, int, int, str, int, int]:
        return (self.a, *self.a_claim, self.b, *self.b_claim)


def agreements(report: Report, story: str) -> list[Agreed]:
    """Every ``agree`` verdict as an article pair, articles in id order."""
    claims = {c.id: c for c in report.claims}
    articles = {a.id: a for a in report.articles}
    found = []
    for verdict in report.verdicts:
        if verdict.label != "agree":
            continue
        a, b = claims[verdict.claim_a], claims[verdict.claim_b]
        art_a, art_b = articles[a.article_id], articles[b.article_id]
        if (art_a.external_id or "") > (art_b.external_id or ""):
            a, b, art_a, art_b = b, a, art_b, art_a
        found.append(Agreed(story, art_a.external_id or art_a.id, art_b.external_id or art_b.id,
                            (a.start, a.end), (b.start, b.end), verdict.reason,
                            bool(art_a.source) and art_a.source == art_b.source))
    return found
