"""Quality floors of the packaged verifier on a fixed subsample of the held-out dev data.

The floors sit a little under what exactly this computation measured (see the README's
Verification section for the full held-out figures from ``bench/verify_quality.py``); a drop
below them means the features, the retrieval or the model got worse.
"""
from __future__ import annotations

import pytest

from crosscheck.verify import data, evaluate
from crosscheck.verify.verifier import load_verifier
from tests.corpus_helpers import DATA

pytestmark = pytest.mark.slow
SAMPLE = {"fnc1": 400, "summedits": 150, "claimdiff": 150}  # every k-th held-out pair
# Measured on exactly these subsamples with the committed model: FNC-1 macro-F1 0.739 and
# score 86.53 %, SummEdits balanced accuracy 0.602, ClaimDiff macro-F1 0.399.
FLOORS = {
    ("fnc1", "macro_f1"): 0.73,
    ("fnc1", "fnc_score_pct"): 85.0,
    ("summedits", "balanced_accuracy"): 0.58,
    ("claimdiff", "macro_f1"): 0.38,
}


@pytest.fixture(scope="module")
def verifier():  # type: ignore[no-untyped-def]
    return load_verifier()


@pytest.mark.parametrize("name", ["fnc1", "summedits", "claimdiff"])
def test_held_out_quality_floor(name: str, verifier) -> None:  # type: ignore[no-untyped-def]
    if not (DATA / name / "pairs.jsonl").exists():
        pytest.skip(f"the dev data is not at {DATA / name}")
    dev = data.load_dev_set(DATA, name)
    pairs = evaluate.subsample(data.split(dev)[1], SAMPLE[name])
    metrics = evaluate.score(name, pairs, evaluate.predict(verifier, dev, pairs), DATA)
    print(name, {k: v for k, v in metrics.items() if not isinstance(v, dict)})
    for (dataset, metric), floor in FLOORS.items():
        if dataset == name:
            assert metrics[metric] >= floor, f"{name} {metric} {metrics[metric]} < {floor}"
