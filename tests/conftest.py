"""Shared fixtures. Models are loaded once per session; tests that need them are marked slow."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


def seed_paths() -> list[str]:
    """The two seed articles (one report of the call each), in a fixed order."""
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    if len(paths) != 2:
        pytest.skip(f"the seed articles are not at {SEEDS}")
    return paths


@pytest.fixture(scope="session")
def seed_report():
    from crosscheck.pipeline import compare_paths

    return compare_paths(seed_paths())
