"""When two sets of numbers contradict each other: one rule for the judge and the verifier.

Numbers are compared kind by kind (dimension and unit: minutes with minutes, boats with boats),
and two values fit when some value satisfies both ("nearly 90 minutes" and "an hour and a
half" fit; "90 minutes" and "20 minutes" do not). What must fit depends on the question:
- two claims compared as equals (the judge): a kind clashes when no value of one fits any
  value of the other. A claim giving two values of one kind ("5 boats attacked, 3 were
  captured") may count different things, of which the other claim names one;
- a claim checked against its evidence (the verifier): each of the claim's values needs a value
  of its kind in the evidence that fits it, as long as the evidence gives that kind at all.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from crosscheck.model import Quantity


def number_clashes(first: Sequence[Quantity], second: Sequence[Quantity], each: bool = False
                   ) -> list[tuple[Quantity, Quantity]]:
    """The values of ``first`` that clash with ``second``, each with the first value of its
    kind in ``second``: per kind (the first value of each side) when no value fits, or, with
    ``each``, every value of ``first`` that no value of ``second`` fits."""
    kinds_b = _by_kind(second)
    if each:
        return [(qa, kinds_b[_kind(qa)][0]) for qa in first
                if kinds_b.get(_kind(qa)) and not any(qa.overlaps(qb) for qb in kinds_b[_kind(qa)])]
    return [(values_a[0], kinds_b[kind][0]) for kind, values_a in _by_kind(first).items()
            if kinds_b.get(kind) and not any(qa.overlaps(qb) for qa in values_a
                                             for qb in kinds_b[kind])]


def part_and_total(first: Sequence[Quantity], second: Sequence[Quantity]
                   ) -> tuple[Quantity, Quantity] | None:
    """(part, total) when the two sides give one kind of quantity and fit only as a part and
    the total it belongs to: "six rifles were found during the operation" and "a total of 14
    rifles during the five operations" do not clash, yet they do not state one fact either.
    None when some pair of values of that kind is the same count."""
    kinds_b = _by_kind(second)
    for kind, values_a in _by_kind(first).items():
        values_b = kinds_b.get(kind, [])
        if not values_b or any(_plain(qa).overlaps(_plain(qb)) for qa in values_a
                               for qb in values_b):
            continue
        for qa in values_a:
            for qb in values_b:
                if qa.total != qb.total and qa.overlaps(qb):
                    return (qb, qa) if qa.total else (qa, qb)
    return None


def _plain(quantity: Quantity) -> Quantity:
    return replace(quantity, total=False)


def _kind(quantity: Quantity) -> tuple[str, str]:
    return quantity.dimension, quantity.unit


def _by_kind(quantities: Sequence[Quantity]) -> dict[tuple[str, str], list[Quantity]]:
    grouped: dict[tuple[str, str], list[Quantity]] = defaultdict(list)
    for q in quantities:
        grouped[_kind(q)].append(q)
    return grouped
