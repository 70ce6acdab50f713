"""Which cue candidates count as attributions: a small logistic model learned from data.

A cue candidate has a key ``"lemma|relation"``: the verb or noun lemma and how its content was
found (``ccomp``, ``xcomp``, ``dobj``, ``prep:about``, ``paren``, ``none``, ``...:pass`` for a
passive, ``n:`` before a noun's lemma), and a few more features (``cues.cue_features``: whether
the hand lists know the key, the cue's tag and dependency, its source's kind, the content's
length). ``cue_lexicon.json`` holds the weights of a logistic regression over them, learned from
PolNeAR's ``train`` compartment, the decision threshold and the lemmas worth looking at. It adds
what the hand lists lack ("talk about ...", "support for ...") and drops what is mostly wrong
there ("what he calls ..."). Rebuild it with::

    PYTHONPATH=src .venv/bin/python bench/train_cue_lexicon.py
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("cue_lexicon.json")


@dataclass(frozen=True)
class CueLexicon:
    """The learned model; ``open`` accepts every candidate (to collect training data), and an
    empty one (no weights) accepts what the hand lists know."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    lemmas: frozenset[str] = frozenset()  # lemmas beyond the hand lists worth a look
    open: bool = False

    def probability(self, features: tuple[str, ...]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def allows(self, features: tuple[str, ...]) -> bool:
        if self.open:
            return True
        if not self.weights:
            return "listed=True" in features
        return self.probability(features) >= self.threshold


@functools.lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    if not LEXICON_PATH.exists():
        return CueLexicon()
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    return CueLexicon(data["weights"], data["bias"], data["threshold"],
                      frozenset(data["lemmas"]))


OPEN = CueLexicon(open=True)
