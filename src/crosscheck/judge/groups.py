"""Conflicts as a reader counts them: one per claim and differing values, not one per pair.

Two reports give "six AK-47 rifles" (one a copy of the other's wording) and a third gives
"14": the judge rules two pairs in conflict, yet a reader sees one disagreement, six against
14, with two sources on one side. Reports list these groups, and a story's conflict count
(the stories table, the web UI, the counts of a report) is the number of groups, so the count
and the list always agree.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.model import Verdict


@dataclass(frozen=True, slots=True)
class ConflictClaims:
    """One conflict: its strongest verdict, and the claims that give each side the same values
    (the verdict's own claim first)."""

    verdict: Verdict
    claims_a: tuple[str, ...]
    claims_b: tuple[str, ...]


def conflict_groups(verdicts: Sequence[Verdict],
                    limit: int | None = None) -> list[ConflictClaims]:
    """The conflicting ``verdicts`` grouped, strongest first (ties keep the given order): a
    claim in conflict with several claims that give the same other values is one group. At
    most ``limit`` groups; later verdicts still join the groups kept."""
    ranked = sorted((v for v in verdicts if v.label == "conflict"), key=lambda v: -v.score)
    groups: list[tuple[Verdict, list[str], list[str]]] = []
    by_key: dict[tuple[object, ...], int] = {}
    for verdict in ranked:
        values = tuple((d.slot, d.a, d.b) for d in verdict.differences) or (verdict.reason,)
        key_b, key_a = ("b", verdict.claim_b, values), ("a", verdict.claim_a, values)
        if key_b in by_key:  # another claim gives A's side against the same B claim
            _add(groups[by_key[key_b]][1], verdict.claim_a)
        elif key_a in by_key:
            _add(groups[by_key[key_a]][2], verdict.claim_b)
        elif limit is None or len(groups) < limit:
            by_key[key_b] = by_key[key_a] = len(groups)
            groups.append((verdict, [verdict.claim_a], [verdict.claim_b]))
    return [ConflictClaims(v, tuple(a), tuple(b)) for v, a, b in groups]


def conflict_count(verdicts: Sequence[Verdict]) -> int:
    """How many conflicts a reader sees among ``verdicts`` (:func:`conflict_groups`)."""
    return len(conflict_groups(verdicts))


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
