"""MinHash signatures of articles (datasketch), computed a batch at a time, and their settings.

Signatures are stored as uint32 little-endian blobs; the settings that shape them are stored
in the database too (``meta``), so an index is never built from signatures made another way.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from datasketch import MinHash

from crosscheck.dedupe.shingles import SHINGLE_WORDS, shingle_hashes
from crosscheck.errors import ConfigError

_SCHEME = "affine32"  # datasketch 2's default: uint32 values, a bijective permutation per slot
_DTYPE = np.dtype("<u4")


@dataclass(frozen=True, slots=True)
class DedupeSettings:
    """How copies are found; the defaults were checked on METER and ECB+ (see README).

    A later article is a copy of an earlier one when at least ``containment`` of its shingles
    occur in the earlier text: it adds at most a fifth of its own. Candidates come from LSH
    over ``bands`` bands of ``num_perm / bands`` MinHash values: with 32 bands of 3, a pair
    with Jaccard similarity 0.6 is a candidate with probability 0.9996, and 0.5 (a wire
    story trimmed to 60% that adds a fifth of its own) with 0.986. Texts
    under ``min_shingles`` shingles (about 30 words) are never linked: one-line wire updates
    such as "The case was adjourned until tomorrow." recur verbatim in unrelated stories.
    """

    num_perm: int = 96
    bands: int = 32
    seed: int = 1
    shingle_words: int = SHINGLE_WORDS
    min_shingles: int = 25
    containment: float = 0.8

    def __post_init__(self) -> None:
        if self.num_perm <= 0 or self.bands <= 0 or self.num_perm % self.bands:
            raise ConfigError(f"num_perm ({self.num_perm}) must be a positive multiple of "
                              f"bands ({self.bands})")
        if not 0.0 < self.containment <= 1.0:
            raise ConfigError(f"containment must be in (0, 1], got {self.containment}")

    def signature_key(self) -> str:
        """What a stored signature depends on; a database keeps the key it was built with."""
        shape = {k: v for k, v in asdict(self).items() if k in ("num_perm", "seed",
                                                                  "shingle_words")}
        return json.dumps({**shape, "scheme": _SCHEME}, sort_keys=True)


@dataclass(frozen=True, slots=True)
class Signed:
    """One text's shingle hashes (sorted, distinct) and its MinHash values."""

    shingles: np.ndarray
    minhash: np.ndarray

    def blob(self) -> bytes:
        return self.minhash.astype(_DTYPE, copy=False).tobytes()


def sign(texts: Sequence[str], settings: DedupeSettings = DedupeSettings()) -> list[Signed]:
    """Shingle and MinHash a batch of texts. ``MinHash.bulk`` shares one set of permutations
    across the batch and hashes each text's shingles in one vectorised update."""
    shingles = [shingle_hashes(text, settings.shingle_words) for text in texts]
    # The shingles are hashes already: the identity hash function passes them straight on
    # (datasketch premixes them with the MurmurHash3 finaliser before permuting).
    minhashes = MinHash.bulk((s.tolist() for s in shingles), num_perm=settings.num_perm,
                             seed=settings.seed, hashfunc=int, scheme=_SCHEME)
    return [Signed(s, m.hashvalues.astype(np.uint32, copy=False))
            for s, m in zip(shingles, minhashes, strict=True)]


def minhash_from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=_DTYPE).astype(np.uint32)
