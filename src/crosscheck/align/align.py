"""The alignment stage: candidate pairs of claims from different articles.

A pair's score starts from the cosine similarity of the claims' standalone statements. Within
one story every sentence is somewhat similar to every other (same people, same topic), so the
similarity is corrected for "hub" claims the way CSLS does for word translation: a pair counts
for more when each claim is closer to the other than to the rest of the other article. Then come
bonuses for evidence that two claims state the same fact: shared content words and named
entities (weighted by rarity in the story, so "Trump" in every sentence counts for little), a
shared direct quotation, and a shared date or a compatible number of the same unit.
"""
from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from crosscheck.align.matrix import PairScores, pair_flags
from crosscheck.claims.rates import is_rate
from crosscheck.errors import ConfigError
from crosscheck.model import Alignment, Claim, Quantity


@dataclass(frozen=True, slots=True)
class AlignSettings:
    min_score: float = 0.5  # below this two claims are not worth judging
    per_article: int = 2  # candidates kept per claim and other article
    hub_weight: float = 0.5  # weight of the CSLS correction
    hub_neighbours: int = 3  # k of CSLS: neighbours averaged for a claim's hubness
    term_weight: float = 0.5
    entity_weight: float = 0.1
    quote_bonus: float = 0.15
    slot_bonus: float = 0.15  # same date, or overlapping numbers of one unit
    anchor_max_per_article: int = 2  # a slot value this rare in each article anchors a pair

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_score <= 1.5:
            raise ConfigError(f"min_score must be within [0, 1.5], got {self.min_score}")
        if self.per_article < 1:
            raise ConfigError(f"per_article must be at least 1, got {self.per_article}")


def align_claims(claims: Sequence[Claim], vectors: np.ndarray,
                 settings: AlignSettings = AlignSettings()) -> tuple[Alignment, ...]:
    """Pairs of claims from different articles whose score reaches ``settings.min_score``.

    ``vectors[i]`` is the unit embedding of ``claims[i].statement``. Each pair appears once,
    ordered by the claims' positions in ``claims`` (so by input order of the articles).
    """
    if len(claims) != len(vectors):
        raise ValueError(f"{len(claims)} claims but {len(vectors)} vectors")
    if not claims:
        return ()
    sims = vectors @ vectors.T
    articles = list(dict.fromkeys(c.article_id for c in claims))  # in input order
    rows = {a: [i for i, c in enumerate(claims) if c.article_id == a] for a in articles}
    quotes = pair_flags(claims, lambda c: ("quote",) if c.quotes else (),
                        lambda a, b: bool(shared_quotes(a, b)))
    scores = PairScores(claims, sims, rows, settings, quotes,
                        pair_flags(claims, _slot_keys, shared_slots))
    chosen: dict[tuple[int, int], Alignment] = {}
    for lo, score, overlap in scores.blocks():
        for row in range(len(score)):
            i = lo + row
            for other in articles:
                if other != claims[i].article_id:
                    for j in _best(score[row], rows[other], settings):
                        _keep(chosen, claims, i, j, float(sims[i, j]), float(score[row, j]),
                              float(overlap[row, j]))
    anchors = slot_anchors(claims, settings.anchor_max_per_article)
    for (i, j), values in anchors.items():
        _keep(chosen, claims, i, j, float(sims[i, j]), *scores.pair(i, j))
        chosen[(i, j)] = replace(chosen[(i, j)], shared_slots=values)
    return tuple(chosen[k] for k in sorted(chosen))


def _best(scores: np.ndarray, members: list[int], settings: AlignSettings) -> list[int]:
    """The ``per_article`` best of ``members`` that reach ``min_score``; equal scores go to
    the earlier claim, so the answer is the same every run."""
    column = np.array(members)
    block = scores[column]
    top = np.lexsort((column, -block))[:settings.per_article]
    return [int(column[p]) for p in top if block[p] >= settings.min_score]


def _keep(chosen: dict[tuple[int, int], Alignment], claims: Sequence[Claim], i: int, j: int,
          similarity: float, score: float, overlap: float) -> None:
    a, b = min(i, j), max(i, j)
    if (a, b) not in chosen:
        chosen[(a, b)] = Alignment.create(claims[a].id, claims[b].id, similarity, overlap,
                                          shared_quotes(claims[a], claims[b]), score)


def _date_values(claim: Claim) -> dict[str, str]:
    """Specific dates a claim gives (weekday, day, month), keyed by normalised value."""
    return {d.value: d.text for d in claim.dates if d.kind in ("weekday", "date", "month")}


def anchors(quantity: Quantity) -> bool:
    """Whether a number can tie two claims to one fact. Not counted nouns ("two leaders"): too
    common. Not an age written after a name ("Clive Barwell, 42,": ``claims/ages.py``): it
    comes with the name, and "Clive Barwell, 42, pleaded guilty" and "Clive Barwell, 42,
    snatched women" share only him. "A three-year-old boy", named by his age alone, does."""
    return quantity.dimension != "count" and not (quantity.dimension == "age"
                                                  and quantity.text.isdigit())


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Compatible measurements of one kind and magnitude: "nearly 90 minutes" / "hour-plus",
    not "over two years" / "hour-plus" (both open-ended, so overlapping, but far apart)."""
    if a.dimension != b.dimension or a.unit != b.unit or not (anchors(a) and anchors(b)):
        return False
    if a.total != b.total:
        return False  # a total and a part of it fit together but are not one fact
    if not a.overlaps(b):
        return False
    va, vb = _typical(a), _typical(b)
    return min(va, vb) > 0 and max(va, vb) / min(va, vb) <= 2.0


def _typical(q: Quantity) -> float:
    return q.low if math.isinf(q.high) else (q.low + q.high) / 2


def slot_anchors(claims: Sequence[Claim], max_per_article: int) -> dict[tuple[int, int], tuple[str, ...]]:
    """Pairs of claims from different articles that give the same rare date, or compatible
    measurements of one kind ("nearly 90 minutes" / "hour-plus"): in one story these name the
    same fact even when the sentences around them are worded apart.

    Claims are indexed by date value and by measured unit, so only claims that share one are
    ever paired (no scan over all pairs).
    """
    dates = [_date_values(c) for c in claims]
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for value in dates[i]:
            by_key[f"date:{value}"].append(i)
        for unit in {(q.dimension, q.unit) for q in claim.quantities if anchors(q)}:
            by_key[f"number:{unit}"].append(i)
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, members in by_key.items():
        per_article = Counter(claims[i].article_id for i in members)
        for i, j in itertools.combinations(members, 2):
            a, b = claims[i], claims[j]
            if a.article_id == b.article_id:
                continue
            if key.startswith("date:"):
                if max(per_article[a.article_id], per_article[b.article_id]) <= max_per_article:
                    value = key[len("date:"):]
                    found[(i, j)].append(f"date: {dates[i][value]} / {dates[j][value]}")
            else:
                found[(i, j)] += [f"number: {qa.text} / {qb.text}" for qa in a.quantities
                                  for qb in b.quantities if same_measure(qa, qb)
                                  and same_footing(a, qa, b, qb)]
    return {pair: tuple(values) for pair, values in sorted(found.items()) if values}


def _slot_keys(claim: Claim) -> list[str]:
    """Keys two claims must share for ``shared_slots`` to hold."""
    return ([f"date:{d.value}" for d in claim.dates]
            + [f"unit:{q.dimension}:{q.unit}" for q in claim.quantities])


def shared_slots(a: Claim, b: Claim) -> bool:
    """Both give the same date, or compatible measurements of one kind and footing."""
    if {d.value for d in a.dates} & {d.value for d in b.dates}:
        return True
    return any(same_measure(qa, qb) and same_footing(a, qa, b, qb)
               for qa in a.quantities for qb in b.quantities)


def same_footing(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """Whether two amounts can be one figure: both rates or both one-off amounts
    (``claims/rates.py``), or one figure written alike, a rate's period left out ("£220million
    a year" / "£220m according to the RCN"). A rate and an amount that only fit ("his
    £450,000-a-year lease" / "the estimated £500,000 bill") are two figures."""
    return is_rate(a, qa) == is_rate(b, qb) or (qa.low, qa.high) == (qb.low, qb.high)


def shared_quotes(a: Claim, b: Claim) -> tuple[str, ...]:
    """Quotations (normalised) that both claims contain, one inside the other counting, word
    for word. A one-word quotation counts only inside a quotation of at most
    ``ONE_WORD_WITHIN`` words: "unrealistic" against "were unrealistic" is one remark, while a
    scare-quoted "principles" against a long quotation that happens to use the word is not,
    nor is a nickname (Paul "Bonehead" Arthurs) against "let Bonehead go"."""
    found = {qa if len(qa) <= len(qb) else qb for qa in a.quotes for qb in b.quotes
             if qa and qb and _quoted_in(qa, qb) and len(min(qa, qb, key=len)) >= 4}
    return tuple(sorted(found))


ONE_WORD_WITHIN = 2  # longest quotation (in words) a one-word quotation may be found inside


def _quoted_in(first: str, second: str) -> bool:
    """Whether one normalised quotation is the other, or a run of whole words inside it."""
    short, long = sorted((first, second), key=len)
    if " " not in short and long.count(" ") >= ONE_WORD_WITHIN:  # more words than that
        return False
    return f" {short} " in f" {long} "
