"""Telling two events apart inside one story, after the fact.

An article has to be placed when it arrives, so the first report of a second, similar event
(a second anti-piracy operation, another actor entering rehab) joins the story of the first
when its fit passes the threshold; later reports of that event then follow it in. No single
threshold avoids this: two events of one kind are as similar, in absolute terms, as two
reports of one event that tell it differently. What does separate them is relative: each
report is much closer to the other reports of its own event than to those of the other.

So a story is cut in two when a two-way split of its members leaves the two halves far
apart compared with how close each half is inside: the mean similarity across the halves
under ``max_ratio`` of the mean similarity within them. Each half must hold ``min_side``
articles, so one odd report (a one-line wire update) never splits a story.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from crosscheck.cluster.terms import Vector

_ROUNDS = 20  # two-means settles in a few rounds; this only bounds a rare oscillation


def similarity_matrix(vectors: Sequence[Vector]) -> np.ndarray:
    """Cosine between every two of ``vectors`` (unit vectors: a plain dot product)."""
    terms = sorted({t for v in vectors for t in v})
    column = {t: i for i, t in enumerate(terms)}
    dense = np.zeros((len(vectors), len(terms)))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            dense[row, column[term]] = weight
    return dense @ dense.T


def two_means(similarity: np.ndarray) -> np.ndarray | None:
    """Boolean side of each member: seeded by the least similar pair, then each member moves
    to the side it is more similar to on average, until nothing moves. None when one side
    empties."""
    first, second = np.unravel_index(np.argmin(similarity), similarity.shape)
    side = similarity[:, second] > similarity[:, first]
    for _ in range(_ROUNDS):
        if side.all() or not side.any():
            return None
        moved = similarity[:, side].mean(axis=1) > similarity[:, ~side].mean(axis=1)
        if (moved == side).all():
            break
        side = moved
    return None if side.all() or not side.any() else side


def within_similarity(similarity: np.ndarray, members: np.ndarray) -> float:
    """Mean similarity between two different members of ``members`` (a boolean mask of at
    least two)."""
    block = similarity[np.ix_(members, members)]
    size = int(members.sum())
    return float((block.sum() - np.trace(block)) / (size * (size - 1)))


def mean_within(similarity: np.ndarray, side: np.ndarray) -> float:
    """The mean of the similarity within ``side`` and within the rest (two or more each)."""
    return (within_similarity(similarity, side) + within_similarity(similarity, ~side)) / 2


def split_in_two(vectors: Sequence[Vector], min_side: int,
                 max_ratio: float) -> list[bool] | None:
    """Which members go to the second story, or None when the story is one event."""
    if len(vectors) < 2 * min_side:
        return None
    return split_similarity(similarity_matrix(vectors), min_side, max_ratio)


def split_similarity(similarity: np.ndarray, min_side: int,
                     max_ratio: float) -> list[bool] | None:
    """:func:`split_in_two` over the members' similarity matrix."""
    if len(similarity) < 2 * min_side:
        return None
    side = two_means(similarity)
    if side is None or min(int(side.sum()), int((~side).sum())) < min_side:
        return None
    across = float(similarity[np.ix_(side, ~side)].mean())
    within = mean_within(similarity, side)
    if within <= 0 or across >= max_ratio * within:
        return None
    # The side holding the story's first article keeps the story.
    return [bool(s != side[0]) for s in side]
