"""Corpus-mode speed and memory: `crosscheck run` at 10k and 100k articles, and in full at 1k.

    .venv/bin/python bench/cluster_speed.py [--data ../shared/data] [--sizes 10000 100000]
                                            [--full 1000] [--work DIR]

The large corpora are built from the real texts in ../shared/data (ECB+, BASIL, METER,
POLNEAR, FNC-1 bodies) with light perturbation: after one pass over the real texts, each
further article is a real one with about a quarter of its sentences dropped, its numbers
changed, another outlet and a publication date spread over two years. The variants stay
below the copy threshold, so they are clustered, not just linked as copies: a harder load
than real news, where many articles are wire copies. Corpora are written under --work (a
temporary folder by default), never into the repository.

Each measurement is a fresh `crosscheck run` process on an empty database; the peak memory
is that process's maximum resident set size.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CROSSCHECK = REPO / ".venv" / "bin" / "crosscheck"
POOL = ("ecbplus/articles.jsonl", "basil/articles.jsonl", "meter/cluster/articles.jsonl",
        "polnear/articles.jsonl", "fnc1/documents.jsonl")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+")
_NUMBER = re.compile(r"\b\d+\b")
TARGET_RATE = 200.0
TARGET_FULL_RATE = 3.0
TARGET_GROWTH = 1.5
TARGET_PEAK_MB = 2048


def real_texts(data: Path, names: tuple[str, ...] = POOL) -> list[dict]:
    rows = []
    for name in names:
        with open(data / name, encoding="utf-8") as lines:
            for row in map(json.loads, lines):
                rows.append({"title": row.get("title"), "text": row["text"],
                             "source": row.get("source") or row.get("publisher") or "",
                             "published": row.get("published")})
    return rows


def perturb(row: dict, number: int, rng: random.Random) -> dict:
    sentences = [s for s in _SENTENCE.split(row["text"]) if s.strip()]
    kept = [s for s in sentences if rng.random() > 0.25] or sentences[:1]
    text = "\n".join(_NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), s)
                     for s in kept)
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
    title = row["title"] and f"{row['title']} ({rng.choice(['update', 'analysis', 'live'])})"
    return {"id": f"syn-{number}", "title": title, "text": text,
            "source": f"outlet-{rng.randrange(300)}", "published": day.isoformat()}


def build_corpus(pool: list[dict], count: int, path: Path) -> Path:
    rng = random.Random(13)
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            real = pool[number % len(pool)]
            row = (dict(real, id=f"real-{number}") if number < len(pool)
                   else perturb(real, number, rng))
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def measure(corpus: Path, db: Path, compare: bool, *extra: str) -> dict:
    """Run `crosscheck run` in a fresh process; seconds, peak RSS and the stage split."""
    db.unlink(missing_ok=True)
    command = [str(CROSSCHECK), "run", str(corpus), "--db", str(db), "--no-progress", "--timings",
               "--compare" if compare else "--no-compare", *extra]
    # A small wrapper process reports its child's peak memory (ru_maxrss, KiB on Linux).
    wrapper = ("import resource, subprocess, sys; "
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(code)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"crosscheck run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    lines = done.stderr.strip().splitlines()
    return {"seconds": seconds, "peak_mb": int(lines[-1]) / 1024, "stages": " ".join(
        line.strip() for line in lines[:-1] if re.search(r"\d+\.\d+ ?s", line))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--full", type=int, default=1000,
                        help="articles for the full pipeline (0: skip it)")
    parser.add_argument("--verifier", action=argparse.BooleanOptionalAction, default=True,
                        help="the trained verifier in the full pipeline's judge")
    parser.add_argument("--work", type=Path, help="folder for corpora and databases")
    args = parser.parse_args()
    if not (args.data / "meter").is_dir():
        print(f"no data at {args.data}: pass --data PATH_TO/shared/data", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    pool = real_texts(args.data)
    rows: list[tuple[str, int, dict]] = []
    for size in args.sizes:
        corpus = build_corpus(pool, size, work / f"corpus-{size}.jsonl")
        rows.append(("ingest+dedupe+cluster", size, measure(corpus, work / f"run-{size}.db",
                                                            compare=False)))
        print(f"measured: {rows[-1]}", file=sys.stderr, flush=True)
    if args.full:
        judge = "verifier" if args.verifier else "rule judge only"
        rows.append((f"full pipeline ({judge})", args.full, measure_full(args, work)))
    print_table(rows)
    print(f"\ncorpora and databases in {work}")
    return 0


def measure_full(args: argparse.Namespace, work: Path) -> dict:
    """The full pipeline on real multi-source news: the METER texts (PA copy and newspapers)."""
    meter = real_texts(args.data, ("meter/cluster/articles.jsonl",))[: args.full]
    corpus = work / f"meter-{args.full}.jsonl"
    corpus.write_text("".join(json.dumps(dict(r, id=f"m{i}"), ensure_ascii=False) + "\n"
                              for i, r in enumerate(meter)), encoding="utf-8")
    return measure(corpus, work / "full.db", True,
                   "--verifier" if args.verifier else "--no-verifier")


def print_table(rows: list[tuple[str, int, dict]]) -> None:
    print("| mode | articles | seconds | articles/s | ms/article | peak memory (MiB) | target |")
    print("|---|---|---|---|---|---|---|")
    per_article = {}
    for mode, size, m in rows:
        rate = size / m["seconds"]
        per_article[(mode, size)] = 1000 * m["seconds"] / size
        target = (f"≥ {TARGET_FULL_RATE:.0f}/s" if "full" in mode
                  else f"≥ {TARGET_RATE:.0f}/s, ≤ {TARGET_PEAK_MB} MiB")
        print(f"| {mode} | {size:,} | {m['seconds']:.1f} | {rate:.1f} "
              f"| {per_article[(mode, size)]:.2f} | {m['peak_mb']:.0f} | {target} |")
    small = [v for (mode, _), v in per_article.items() if "cluster" in mode]
    if len(small) >= 2:
        print(f"\ntime per article, largest vs smallest size: {small[-1] / small[0]:.2f}x "
              f"(target ≤ {TARGET_GROWTH}x)")
    for mode, size, m in rows:
        print(f"stages, {mode} at {size:,}: {m['stages']}")


if __name__ == "__main__":
    sys.exit(main())
