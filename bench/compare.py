"""Benchmark `crosscheck compare` on the seed pair: cold CLI time, warm time, claims per second.

    .venv/bin/python bench/compare.py [--runs N]

Targets on the 2-core reference machine: warm <= 1 s, cold <= 8 s. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (REPO.parent / "shared" / "seeds").glob("*.txt"))
TARGETS = {"cold": 8.0, "warm": 1.0}


def cold_seconds(runs: int) -> list[float]:
    """Wall time of the whole command in a fresh process (imports and model loading included)."""
    exe = Path(sys.executable).with_name("crosscheck")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(exe), "compare", *SEEDS, "--format", "json"], check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ, "HF_HUB_OFFLINE": "1"})
        times.append(time.perf_counter() - started)
    return times


def warm_runs(runs: int, backend: str) -> tuple[list[float], int, dict[str, float]]:
    """In-process times with the models already loaded; also claims and per-stage seconds."""
    from crosscheck.pipeline import Settings, Timings, compare_paths

    settings = Settings(embedding_backend=backend)
    compare_paths(SEEDS, settings=settings)  # load the models
    times, claims, stages = [], 0, Timings()
    for _ in range(runs):
        started = time.perf_counter()
        report = compare_paths(SEEDS, settings=settings, timings=stages)
        times.append(time.perf_counter() - started)
        claims = len(report.claims)
    return times, claims, {k: v / runs for k, v in stages.stages.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if len(SEEDS) != 2:
        sys.exit(f"the seed articles are not in {REPO.parent / 'shared' / 'seeds'}")
    rows, stage_rows = [], []
    for backend in ("onnx", "torch"):
        times, claims, stages = warm_runs(args.runs, backend)
        warm = statistics.median(times)
        rows.append((f"warm compare, {backend} embeddings (median)", f"{warm:.3f} s",
                     f"≤ {TARGETS['warm']} s", "ok" if warm <= TARGETS["warm"] else "MISSED"))
        rows.append((f"claims per second, {backend}", f"{claims / warm:.0f} ({claims} claims)", "", ""))
        stage_rows.append((backend, stages))
    # Cold runs last: they start model-loading processes that leave the CPU busier for a while.
    cold = statistics.median(cold_seconds(max(3, args.runs // 2)))
    rows.insert(0, ("cold CLI in a fresh process, model loading included (median)", f"{cold:.2f} s",
                    f"≤ {TARGETS['cold']} s", "ok" if cold <= TARGETS["cold"] else "MISSED"))
    print("| measure | value | target | |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print("\nSeconds per stage (warm, mean):\n")
    names = list(stage_rows[0][1])
    print("| backend | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for backend, stages in stage_rows:
        print(f"| {backend} | " + " | ".join(f"{stages[n]:.3f}" for n in names) + " |")


if __name__ == "__main__":
    main()
