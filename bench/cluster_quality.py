"""Story-clustering quality on the dev splits in ../shared/data (ECB+, BASIL, METER).

    .venv/bin/python bench/cluster_quality.py [--data ../shared/data] [--sweep]

Prints B-cubed and pairwise precision/recall/F1 per data set for the default settings (one
set of settings for all three), next to the targets. ``--sweep`` also tries a small grid of
settings on these dev splits, to show how sensitive the scores are. Gold files are read
only to score.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from crosscheck.cluster import ClusterSettings, cluster_articles
from crosscheck.cluster.score import b_cubed, pairwise
from crosscheck.ingest import read_inputs

SETS = {"ecbplus": "ecbplus", "basil": "basil", "meter": "meter/cluster"}
TARGET_B3_F1 = 0.95
BASELINE_B3_F1 = {"ecbplus": 0.894, "basil": 0.854, "meter": 0.929}


def load(data: Path, name: str) -> tuple[list, dict[str, str]]:
    folder = data / SETS[name]
    result = read_inputs([str(folder / "articles.jsonl")], unique=False)
    if result.rejected:
        raise SystemExit(f"{name}: {len(result.rejected)} rejected lines: {result.rejected[0]}")
    with open(folder / "gold.jsonl", encoding="utf-8") as lines:
        gold = {row["id"]: row["story"] for row in map(json.loads, lines)}
    return result.articles, gold


def predict(articles: list, settings: ClusterSettings) -> dict[str, str]:
    stories = cluster_articles(articles, settings)
    return {a.external_id: stories[a.id] for a in articles}


def score_all(corpora: dict, settings: ClusterSettings) -> dict[str, dict]:
    rows = {}
    for name, (articles, gold) in corpora.items():
        started = time.perf_counter()
        predicted = predict(articles, settings)
        seconds = time.perf_counter() - started
        rows[name] = {"b3": b_cubed(predicted, gold), "pair": pairwise(predicted, gold),
                      "stories": len(set(predicted.values())), "gold": len(set(gold.values())),
                      "seconds": seconds, "articles": len(articles)}
    return rows


def print_table(rows: dict[str, dict], settings: ClusterSettings) -> None:
    print(f"settings: {settings}")
    print("| set | articles | stories (gold) | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 "
          "| target | baseline | art/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        b3, pair = r["b3"], r["pair"]
        mark = "met" if b3.f1 >= TARGET_B3_F1 else "NOT met"
        print(f"| {name} | {r['articles']} | {r['stories']} ({r['gold']}) | {b3.precision:.3f} "
              f"| {b3.recall:.3f} | **{b3.f1:.3f}** | {pair.precision:.3f} | {pair.recall:.3f} "
              f"| {pair.f1:.3f} | ≥ {TARGET_B3_F1} {mark} | {BASELINE_B3_F1[name]} "
              f"| {r['articles'] / r['seconds']:.0f} |")


def sweep(corpora: dict) -> None:
    grid = {"threshold": [0.15, 0.18, 0.2, 0.22, 0.25], "name_weight": [0.0, 0.3, 0.5],
            "time_scale_days": [1.0, 3.0, 30.0]}
    print("| threshold | name_weight | time_scale_days | " + " | ".join(SETS) + " | min |")
    print("|---|---|---|" + "---|" * (len(SETS) + 1))
    for values in itertools.product(*grid.values()):
        settings = replace(ClusterSettings(), **dict(zip(grid, values)))
        f1 = [score_all({n: corpora[n]}, settings)[n]["b3"].f1 for n in SETS]
        print("| " + " | ".join(map(str, values)) + " | "
              + " | ".join(f"{x:.3f}" for x in f1) + f" | {min(f1):.3f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parents[1] / "../shared/data")
    parser.add_argument("--sweep", action="store_true", help="also print a grid of settings")
    args = parser.parse_args()
    if not (args.data / "ecbplus").is_dir():
        print(f"no data at {args.data}: pass --data PATH_TO/shared/data", file=sys.stderr)
        return 2
    corpora = {name: load(args.data, name) for name in SETS}
    settings = ClusterSettings()
    print_table(score_all(corpora, settings), settings)
    if args.sweep:
        sweep(corpora)
    return 0


if __name__ == "__main__":
    sys.exit(main())
