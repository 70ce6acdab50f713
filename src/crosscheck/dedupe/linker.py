"""Deciding, article by article, whether a new article is a copy, and of which original.

Every copy points at the *earliest* version of its text family (its root): earliest by
publication time, undated after dated, ties by insertion order (``seq``). Candidates come from
the LSH index; each is then checked exactly on the shingle sets, so the decision does not
depend on MinHash estimation noise and is the same on every run.

Three outcomes for a new article X:

* ``copy``: at least ``containment`` of X's shingles occur in an earlier article; X points at
  that article's root (the earliest root if several qualify).
* ``earlier``: X is no copy, but a stored *later* original R is a copy of X (X came in late,
  e.g. the wire story after the newspaper's re-post). X becomes the root of R's family, and
  R and its copies point at X.
* ``original``: neither.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from crosscheck.dedupe.index import BandIndex
from crosscheck.dedupe.shingles import overlap, shingle_hashes
from crosscheck.dedupe.signatures import DedupeSettings, Signed, minhash_from_blob
from crosscheck.store.articles import IndexedArticle

OrderKey = tuple[bool, str, int]
# Shingle sets of recent candidates, kept up to this many bytes (about 30,000 news articles):
# most candidates are recent, and a miss costs reading and re-shingling a stored text.
_CACHE_BYTES = 64 * 2**20
# How far under the containment threshold a MinHash estimate may fall and still be checked
# exactly: three standard errors of the estimate, so a true copy is practically never dropped.
_ESTIMATE_MARGIN = 0.15


def earliest_key(published: str | None, seq: int) -> OrderKey:
    """Sort key for "earliest version": dated before undated, then by date, then by seq."""
    return (published is None, published or "", seq)


@dataclass(frozen=True, slots=True)
class Link:
    kind: Literal["original", "copy", "earlier"]
    other: str | None = None  # copy: the root it copies; earlier: the root it replaces


class CopyLinker:
    """The near-duplicate index of a corpus, and the rule that links copies to originals.

    ``text_of(seq)`` gives the text of an indexed article (from the run in memory or the
    database); it is called only for LSH candidates, to check them exactly.
    """

    def __init__(self, settings: DedupeSettings, text_of: Callable[[int], str]) -> None:
        self.settings = settings
        self._text_of = text_of
        self._index = BandIndex(settings.num_perm, settings.bands)
        self._ids: dict[int, str] = {}
        self._keys: dict[int, OrderKey] = {}
        self._root: dict[int, int] = {}
        self._family: dict[int, list[int]] = {}  # root seq -> every member, the root included
        self._minhash: dict[int, np.ndarray] = {}  # indexed articles only
        self._sizes: dict[int, int] = {}  # their numbers of shingles
        self._shingles: OrderedDict[int, np.ndarray] = OrderedDict()
        self._cached_bytes = 0

    def __len__(self) -> int:
        return len(self._ids)

    def restore(self, item: IndexedArticle) -> None:
        """Add a stored article (in any order: a root may have a higher seq than its copies)."""
        self._register(item.seq, item.id, earliest_key(item.published, item.seq), item.root_seq,
                       item.shingles, minhash_from_blob(item.minhash))

    def link(self, seq: int, article_id: str, published: str | None, signed: Signed) -> Link:
        """Classify a new article and add it to the index."""
        key = earliest_key(published, seq)
        size = len(signed.shingles)
        if size < self.settings.min_shingles:
            self._register(seq, article_id, key, seq, size, signed.minhash)
            return Link("original")
        candidates = self._plausible(signed, sorted(self._index.query(signed.minhash)))
        root = self._earliest_copied_root(signed.shingles, key, candidates)
        self._remember(seq, signed.shingles)
        if root is not None:
            self._register(seq, article_id, key, root, size, signed.minhash)
            return Link("copy", self._ids[root])
        self._register(seq, article_id, key, seq, size, signed.minhash)
        later_roots = [other for other in candidates
                       if self._keys[other] > key and self._root[other] == other
                       and self._contains(self._shingles_of(other), signed.shingles)]
        if later_roots:
            replaced = min(later_roots, key=self._keys.__getitem__)
            self._adopt(seq, replaced)
            return Link("earlier", self._ids[replaced])
        return Link("original")

    def _earliest_copied_root(self, shingles: np.ndarray, key: OrderKey,
                              candidates: list[int]) -> int | None:
        """The earliest root among the earlier candidates the new text is a copy of.

        Candidates are checked family by family, earliest root first and the root before its
        copies, so the first hit is the answer and the rest are never checked: wire stories
        with dozens of rewrites would otherwise cost a stored-text check per rewrite.
        """
        earlier = sorted((c for c in candidates if self._keys[c] < key),
                         key=lambda c: (self._keys[self._root[c]], c != self._root[c],
                                        self._keys[c]))
        for other in earlier:
            if self._contains(shingles, self._shingles_of(other)):
                return self._root[other]
        return None

    def _contains(self, part: np.ndarray, whole: np.ndarray) -> bool:
        """At least ``containment`` of ``part``'s shingles occur in ``whole``."""
        return overlap(part, whole) >= self.settings.containment * len(part)

    def _plausible(self, signed: Signed, candidates: list[int]) -> list[int]:
        """The candidates whose MinHash estimate leaves a copy relation in either direction
        possible; only those are checked exactly (each check re-shingles a stored text).

        Stories with many rewrites of one wire text make many LSH candidates at Jaccard
        0.3-0.5; the estimate (standard error about 0.05 at 96 values) rules them out cheaply.
        """
        if not candidates:
            return candidates
        others = np.stack([self._minhash[c] for c in candidates])
        jaccard = (others == signed.minhash).mean(axis=1)
        sizes = np.array([self._sizes[c] for c in candidates], dtype=np.float64)
        shared = jaccard * (sizes + len(signed.shingles)) / (1.0 + jaccard)
        smaller = np.minimum(sizes, len(signed.shingles))
        keep = shared >= (self.settings.containment - _ESTIMATE_MARGIN) * smaller
        return [c for c, ok in zip(candidates, keep.tolist()) if ok]

    def _register(self, seq: int, article_id: str, key: OrderKey, root: int, size: int,
                  minhash: np.ndarray) -> None:
        self._ids[seq] = article_id
        self._keys[seq] = key
        self._root[seq] = root
        self._family.setdefault(root, []).append(seq)
        if size >= self.settings.min_shingles:
            self._index.add(seq, minhash)
            self._minhash[seq] = minhash
            self._sizes[seq] = size

    def _adopt(self, new_root: int, old_root: int) -> None:
        members = self._family.pop(old_root)
        for member in members:
            self._root[member] = new_root
        self._family[new_root].extend(members)

    def _shingles_of(self, seq: int) -> np.ndarray:
        found = self._shingles.get(seq)
        if found is None:
            found = shingle_hashes(self._text_of(seq), self.settings.shingle_words)
            self._remember(seq, found)
        else:
            self._shingles.move_to_end(seq)
        return found

    def _remember(self, seq: int, shingles: np.ndarray) -> None:
        replaced = self._shingles.pop(seq, None)
        self._cached_bytes += shingles.nbytes - (replaced.nbytes if replaced is not None else 0)
        self._shingles[seq] = shingles
        while self._cached_bytes > _CACHE_BYTES:
            self._cached_bytes -= self._shingles.popitem(last=False)[1].nbytes
