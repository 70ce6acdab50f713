"""Two counts that one source gives side by side count different things: not a conflict.

A report says "five pirate boats tried to attack" and "three boats were captured"; another says
"the warship detected five boats" and "intercepted three boats". Pair by pair, "captured three
boats" against "detected five boats" looks like a number conflict, yet each source gives both
numbers: they count different boats (those that attacked, those that were caught). So a number
conflict between claims a and b is withdrawn when a's article also gives b's count, or b's
article a's, in a claim aligned with the other side (about the same thing, not any mention
anywhere in the article).

This runs over a story's whole batch of verdicts, after the pair rules and the verifier have
ruled: it is the one judging step that looks beyond a single pair.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from crosscheck.judge import numbers
from crosscheck.model import Claim, Quantity, Verdict

REASON = "different counts: {counts} are both given by one source"


def reconcile_counts(verdicts: Sequence[Verdict],
                     claims: Mapping[str, Claim]) -> tuple[Verdict, ...]:
    """The verdicts, with number conflicts that one source's own counts explain withdrawn."""
    partners: dict[str, set[str]] = defaultdict(set)  # claim id -> claims aligned with it
    for v in verdicts:
        partners[v.claim_a].add(v.claim_b)
        partners[v.claim_b].add(v.claim_a)
    return tuple(_reconciled(v, claims, partners) for v in verdicts)


def _reconciled(verdict: Verdict, claims: Mapping[str, Claim],
                partners: Mapping[str, set[str]]) -> Verdict:
    if verdict.label != "conflict" or not any(d.slot == "number" for d in verdict.differences):
        return verdict
    a, b = claims[verdict.claim_a], claims[verdict.claim_b]
    clashes = numbers.number_clashes(a, b)
    if not clashes or not all(_also_given(a, b, qa, qb, claims, partners)
                              for qa, qb in clashes):
        return verdict
    kept = tuple(d for d in verdict.differences if d.slot != "number")
    counts = "; ".join(f"{qa.display} and {qb.display}" for qa, qb in clashes)
    note = REASON.format(counts=counts)
    if kept:
        reason = "; ".join(f"{d.slot}: {d.a} vs {d.b}" for d in kept)
        return verdict.relabelled("conflict", kept, f"{reason} ({note})")
    return verdict.relabelled("related", (), note)


def _also_given(a: Claim, b: Claim, qa: Quantity, qb: Quantity, claims: Mapping[str, Claim],
                partners: Mapping[str, set[str]]) -> bool:
    """Does a's article give b's count in a claim aligned with b, or b's article a's?"""
    return _gives(a.article_id, qb, partners[b.id], claims) or _gives(
        b.article_id, qa, partners[a.id], claims)


def _gives(article_id: str, wanted: Quantity, candidates: set[str],
           claims: Mapping[str, Claim]) -> bool:
    """A hedged figure gives no count: "the estimated £500,000 bill" is not the £450,000
    another report gives, though its range (±10%) takes it in."""
    return any(claims[c].article_id == article_id and any(
        (q.dimension, q.unit, q.total) == (wanted.dimension, wanted.unit, wanted.total)
        and not q.approx and q.overlaps(wanted) for q in claims[c].quantities)
        for c in candidates)
