"""Quality gate: conflicts on real, dirty local news must not fall below pinned floors.

The floors sit just under what ``bench/conflict_quality.py`` measures with the default settings
(``docs/benchmarks.md``): hand labels of 87 GVA dev incidents (``bench/labels/gva/``) and, on a
few stories, planted edits. Without the evaluation data the gate skips on a workstation and
fails in CI (``CI`` set), where a skipped gate would let anything land.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO))

DATA = REPO.parent / "shared" / "data"
PRECISION_FLOOR = 0.78  # measured 0.82 (33 real, 7 false; the default rule judge)
RECALL_FLOOR = 0.16  # measured 0.18 (26 of 144)
AGE_NAME_RECALL_FLOOR = 0.30  # age and name slots together: measured 0.35 (18 of 52)
CORROBORATION_FLOOR = 0.80  # measured 0.83 (105 of 127 labelled pairs)
CLUTTER_FLOOR = 0.62  # held-out lines: measured 0.66 of page text set aside
PROSE_LOST_CEILING = 0.01  # held-out lines: measured 0.003

pytestmark = pytest.mark.slow


def _require_data() -> None:
    if not (DATA / "gva" / "articles.jsonl").exists():
        if os.environ.get("CI"):
            pytest.fail(f"the evaluation data is not at {DATA}; CI must run the quality gate")
        pytest.skip(f"the evaluation data is not at {DATA}")


@pytest.fixture(scope="module")
def labelled() -> dict:
    _require_data()
    from bench.conflict_quality import compare_all, labelled_stories, score_labels
    from crosscheck.pipeline import Settings

    stories = labelled_stories(DATA)
    return score_labels(compare_all(stories, Settings(use_verifier=False)), stories)


def _total(result: dict, *slots: str):
    from collections import Counter

    rows = result["rows"]
    return sum((rows[s] for s in (slots or rows)), Counter())


def test_listed_conflicts_are_mostly_real(labelled: dict) -> None:
    row = _total(labelled)
    assert row["real"] / (row["real"] + row["false"]) >= PRECISION_FLOOR


def test_real_disagreements_are_found(labelled: dict) -> None:
    assert _total(labelled)["found"] / _total(labelled)["truth"] >= RECALL_FLOOR
    people = _total(labelled, "age", "name")
    assert people["found"] / people["truth"] >= AGE_NAME_RECALL_FLOOR


def test_corroboration_is_mostly_real(labelled: dict) -> None:
    judged = labelled["agreed_real"] + labelled["agreed_false"]
    assert judged >= 100, "the corroboration sample must stay labelled"
    assert labelled["agreed_real"] / judged >= CORROBORATION_FLOOR


def test_page_text_is_set_aside_and_prose_kept() -> None:
    _require_data()
    from bench.conflictlab.lines import score_lines

    removed, lost = score_lines(DATA, REPO / "bench" / "labels" / "gva" / "lines-heldout.jsonl")
    assert removed >= CLUTTER_FLOOR
    assert lost <= PROSE_LOST_CEILING
