"""Joining two stories that turn out to report one event, after the fact.

The mirror of :mod:`crosscheck.cluster.split`. An article that tells an event from another
side (the sentencing after the verdict, a wire update that leads with a new name) can fit
its own story below the threshold when it arrives and open a second story, which its
followers then join. As both stories grow, their members can come to look as alike across
the two stories as within each. They are then one story: the mean similarity across them
reaches the join threshold (an article of one would, on average, join the other), it is at
least ``min_ratio`` of the mean similarity within them (a margin above the split rule's
``max_ratio``, so that stories once split stay apart), and no two-way cut of the joined
members would be split, so a merge is never undone at the next split check.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from crosscheck.cluster.split import mean_within, similarity_matrix, split_similarity
from crosscheck.cluster.terms import Vector


def belong_together(first: Sequence[Vector], second: Sequence[Vector], discount: float,
                    threshold: float, min_side: int, max_ratio: float,
                    min_ratio: float) -> bool:
    """Whether the stories with member vectors ``first`` and ``second`` are one story;
    ``discount`` (at most 1) weighs the similarity across them for their distance in time."""
    if not first or not second:
        raise ValueError("both stories need at least one member vector")
    similarity = similarity_matrix([*first, *second])
    in_first = np.arange(len(similarity)) < len(first)
    across = float(similarity[np.ix_(in_first, ~in_first)].mean()) * discount
    if across < threshold:
        return False
    # A lone article has no similarity within to weigh against: it merges as it would have
    # joined on arrival, on the threshold alone.
    if min(len(first), len(second)) >= 2:
        if across < min_ratio * mean_within(similarity, in_first):
            return False
    return split_similarity(similarity, min_side, max_ratio) is None
