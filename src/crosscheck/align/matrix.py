"""Alignment scores of many pairs of claims at once, a block of rows at a time.

Scoring a long story pair by pair in Python (19 articles of 25 claims: 100,000+ pairs) took
longer than parsing it. Here the overlap terms are sparse matrix products (an IDF-weighted
Jaccard is intersection / union, and the union is the two sums minus the intersection), and
the rare bonuses (a shared quotation, a shared date or measurement) are found through indexes
over the claims that have any. Rows are scored in blocks, so memory stays bounded on stories
of thousands of claims.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import numpy as np
from scipy import sparse

from crosscheck.model import Claim

BLOCK_ROWS = 512


class ScoreWeights(Protocol):
    hub_weight: float
    hub_neighbours: int
    term_weight: float
    entity_weight: float
    quote_bonus: float
    slot_bonus: float


class KeyOverlap:
    """IDF-weighted Jaccard overlap between key sets (0 where both are empty)."""

    def __init__(self, key_sets: Sequence[Iterable[str]], idf: dict[str, float]) -> None:
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for row, keys in enumerate(key_sets):
            for key in set(keys):
                rows.append(row)
                cols.append(vocabulary.setdefault(key, len(vocabulary)))
        weights = np.ones(len(vocabulary))
        for key, col in vocabulary.items():
            weights[col] = idf.get(key, 1.0)
        self._member = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                         shape=(len(key_sets), len(vocabulary)))
        self._weighted = self._member.multiply(weights.reshape(1, -1)).tocsr()
        self._totals = self._member @ weights

    def rows(self, lo: int, hi: int) -> np.ndarray:
        """Overlap of sets ``lo..hi-1`` with every set: shape (hi - lo, n)."""
        inter = (self._weighted[lo:hi] @ self._member.T).toarray()
        union = self._totals[lo:hi, None] + self._totals[None, :] - inter
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def pair_flags(claims: Sequence[Claim], keys_of: Callable[[Claim], Iterable[str]],
               test: Callable[[Claim, Claim], bool]) -> sparse.csr_matrix:
    """Symmetric 0/1 matrix: ``test`` holds for the pair. ``test`` is only tried on pairs
    that share a key from ``keys_of``, and must be false for every other pair."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for key in set(keys_of(claim)):
            by_key[key].append(i)
    tried: set[tuple[int, int]] = set()
    hits: list[tuple[int, int]] = []
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if (i, j) not in tried:
                    tried.add((i, j))
                    if test(claims[i], claims[j]):
                        hits += [(i, j), (j, i)]
    rows, cols = zip(*hits) if hits else ((), ())
    return sparse.csr_matrix((np.ones(len(hits)), (rows, cols)), shape=(len(claims),) * 2)


class PairScores:
    """The alignment score of claim pairs (see ``align``'s docstring):

    similarity + hub_weight * CSLS + term_weight * term overlap + entity_weight * entity
    overlap + quote_bonus (a shared quotation) + slot_bonus (a shared date or measurement).
    """

    def __init__(self, claims: Sequence[Claim], sims: np.ndarray, rows: dict[str, list[int]],
                 weights: ScoreWeights, quotes: sparse.csr_matrix,
                 slots: sparse.csr_matrix) -> None:
        idf = _idf(claims)
        self.sims = sims
        self.weights = weights
        self._terms = KeyOverlap([c.terms for c in claims], idf)
        self._entities = KeyOverlap([[e.key for e in c.entities] for c in claims], idf)
        self._quotes = quotes
        self._slots = slots
        self._near = _nearest(sims, rows, weights.hub_neighbours)
        column_of = {article: column for column, article in enumerate(rows)}
        self._article_of = np.array([column_of[c.article_id] for c in claims])

    def block(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, entity overlaps) of claims ``lo..hi-1`` against every claim."""
        w = self.weights
        sims = self.sims[lo:hi].astype(np.float64)
        # Hubness of (i, j): i against j's article, plus j against i's article.
        hub = self._near[lo:hi][:, self._article_of] + self._near[:, self._article_of[lo:hi]].T
        entities = self._entities.rows(lo, hi)
        score = (sims + w.hub_weight * (2 * sims - hub) + w.term_weight * self._terms.rows(lo, hi)
                 + w.entity_weight * entities + w.quote_bonus * self._quotes[lo:hi].toarray()
                 + w.slot_bonus * self._slots[lo:hi].toarray())
        return score, entities

    def blocks(self) -> Iterable[tuple[int, np.ndarray, np.ndarray]]:
        """(first row, scores, entity overlaps) for every block of rows in order."""
        for lo in range(0, len(self.sims), BLOCK_ROWS):
            hi = min(lo + BLOCK_ROWS, len(self.sims))
            yield (lo, *self.block(lo, hi))

    def pair(self, i: int, j: int) -> tuple[float, float]:
        score, entities = self.block(i, i + 1)
        return float(score[0, j]), float(entities[0, j])


def _nearest(sims: np.ndarray, rows: dict[str, list[int]], k: int) -> np.ndarray:
    """[i, article]: mean similarity of claim i to its ``k`` nearest claims in the article."""
    near = np.zeros((len(sims), len(rows)))
    for column, members in enumerate(rows.values()):
        block = sims[:, members]
        near[:, column] = np.sort(block, axis=1)[:, -min(k, block.shape[1]):].mean(axis=1)
    return near


def _idf(claims: Sequence[Claim]) -> dict[str, float]:
    df = Counter(k for c in claims for k in {e.key for e in c.entities} | set(c.terms))
    return {k: math.log((1 + len(claims)) / (1 + n)) + 0.1 for k, n in df.items()}
