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
# Measured on exactly these subsamples with the committed model (e739e3bb…: the NLI
# cross-encoder's probabilities among the features, each tree model a bag of 5): FNC-1
# macro-F1 0.734 and score 87.93 %, SummEdits balanced accuracy 0.603, ClaimDiff macro-F1
# 0.406 (the model before the cross-encoder, 0b39af05…: 0.732 / 86.15 % / 0.548 / 0.397).
# (The model before meaning-preserving rewrites joined the positives measured 0.775 /
# 87.42 % / 0.547 / 0.415: it called faithful restatements "contradicted"; see the README.)
FLOORS = {
    ("fnc1", "macro_f1"): 0.70,
    ("fnc1", "fnc_score_pct"): 86.5,
    ("summedits", "balanced_accuracy"): 0.56,
    ("claimdiff", "macro_f1"): 0.37,
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


def test_same_story_sentences_are_rarely_contradicted(verifier) -> None:  # type: ignore[no-untyped-def]
    # Each seed sentence against the other seed article: the two report one phone call, so
    # most sentences are restated or not settled there. Before withheld-sentence training the
    # verifier called 43 of these 61 "contradicted"; the committed model calls 4.
    seeds = DATA.parent / "seeds"
    if len(list(seeds.glob("*.txt"))) != 2:
        pytest.skip(f"the seed articles are not at {seeds}")
    pairs = evaluate.seed_pairs(seeds)
    mix = evaluate.label_mix(verifier, pairs)
    assert mix["contradicted"] <= 0.15 * len(pairs), mix
    assert mix["unverified"] + mix["supported"] >= 0.7 * len(pairs), mix


@pytest.mark.parametrize("claim, label, reason", [
    # A faithful restatement: the seed gives the remark in the passive, Hegseth in the
    # sentences around it. Before meaning-preserving rewrites were trained as positives, the
    # trees called this "contradicted".
    ("Hegseth said the goal of restoring Ukraine's pre-2014 borders was unrealistic.",
     "supported", ""),
    # The mission's example: the same remark given to another Defense Secretary.
    ("Lloyd Austin said the goal of restoring Ukraine's pre-2014 borders was unrealistic.",
     "contradicted", "speaker: Lloyd Austin vs Pete Hegseth"),
    # "In a similar vein, he said that the US wouldn't support Ukraine joining NATO ...", with
    # Hegseth named two sentences before: before the evidence was read with the names its
    # pronouns refer to, the missing "Hegseth" made this restatement "contradicted".
    ("Hegseth said the US would not support Ukraine joining NATO as part of any peace deal.",
     "supported", ""),
    # ... and the same sentence with its negation dropped (the trees called it "supported").
    ("Hegseth said the US would support Ukraine joining NATO as part of any peace deal.",
     "contradicted", "polarity: positive vs negative"),
    # Another person at Hegseth's event (the trees called it "supported" before the synthetic
    # pairs put people from outside a document into its sentences).
    ("Lloyd Austin spoke at NATO's headquarters in Brussels.", "contradicted", ""),
])
def test_seed_claims(claim: str, label: str, reason: str, verifier) -> None:  # type: ignore[no-untyped-def]
    seed = sorted((DATA.parent / "seeds").glob("000_*.txt"))
    if not seed:
        pytest.skip("the seed articles are not at ../shared/seeds")
    result = verifier.verify(claim, seed[0].read_text(encoding="utf-8"))
    assert result.label == label, result
    assert result.reason.startswith(reason), result.reason


@pytest.mark.parametrize("claim", [
    "Trump and Putin spoke by telephone for 20 minutes.",
    "The call between Trump and Putin lasted 20 minutes.",
])
def test_a_differing_number_reaches_the_reason_whatever_the_label(claim: str, verifier) -> None:  # type: ignore[no-untyped-def]
    # The seed: "This call, lasting nearly 90 minutes ...". A number clash alone overrules
    # only "supported" (on same-story sentences most such clashes are about something else),
    # so the trees may leave these "unverified"; the reader must still see both values, and
    # the sentence that gives the other one first.
    seed = sorted((DATA.parent / "seeds").glob("000_*.txt"))
    if not seed:
        pytest.skip("the seed articles are not at ../shared/seeds")
    result = verifier.verify(claim, seed[0].read_text(encoding="utf-8"))
    assert result.label in ("contradicted", "unverified"), result
    assert "20 minutes" in result.reason and "nearly 90 minutes" in result.reason, result.reason
    assert "nearly 90 minutes" in result.evidence[0].text, result.evidence
