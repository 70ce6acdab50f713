"""Attribution quality on PolNeAR (../shared/data/polnear), scored by the shared scorer.

    .venv/bin/python bench/quotes_quality.py [--data ../shared/data] [--limit N]

Parses every article once with spaCy (timed), reads its attributions from that parse (timed
apart), writes the predictions and scores them with ``../shared/tools/score.py quotes`` for the
``train`` compartment (the one tuned on), the ``dev`` compartment and all of them. Prints a
Markdown table: content precision/recall/F1 (a match overlaps >= 50% of the longer span,
one-to-one) and source accuracy on matched pairs, with the targets and the regex baseline, then
the parse and attribution times. Gold files are read only to score.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crosscheck.claims.attributions import read_attributions
from crosscheck.model import Article, Attribution
from crosscheck.nlp.spacy_model import load_spacy

TARGET_F1 = 0.70
TARGET_SOURCE = 0.80
BASELINE = (0.287, 0.568)  # quotation-mark regex + said/told rule, from ../shared/data/README.md
COMPARTMENTS = ("train", "dev", "all")


def prediction(external_id: str, attributions: tuple[Attribution, ...]) -> dict:
    return {"id": external_id, "attributions": [
        {"source": [list(s) for s in a.source] or None, "content": [list(c) for c in a.content],
         "speaker": a.speaker.name if a.speaker is not None else None} for a in attributions]}


def run(rows: list[dict]) -> tuple[list[dict], float, float]:
    """Predictions for ``rows``, seconds spent parsing and seconds spent on attributions."""
    nlp = load_spacy()
    articles = [Article.create(r["text"], title=r.get("title"), source=r.get("publisher") or "",
                               external_id=r["id"]) for r in rows]
    parse = attribute = 0.0
    predictions = []
    started = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=16)):
        middle = time.perf_counter()
        parse += middle - started
        found = read_attributions(article, doc)
        started = time.perf_counter()
        attribute += started - middle
        predictions.append(prediction(article.external_id or article.id, found))
    return predictions, parse, attribute


def score(scorer: Path, gold: list[dict], predictions: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        gold_path, pred_path = Path(folder) / "gold.jsonl", Path(folder) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
        done = subprocess.run([sys.executable, str(scorer), "quotes", "--gold", str(gold_path),
                               "--pred", str(pred_path)], capture_output=True, text=True,
                              check=True)
    return json.loads(done.stdout)


def print_table(results: dict[str, dict], parse: float, attribute: float, n: int) -> None:
    print("| compartment | articles | gold | predicted | content P | content R | content F1 "
          "| source acc | F1 target | source target |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        f1_mark = "met" if r["content_f1"] >= TARGET_F1 else "NOT met"
        src_mark = "met" if r["source_accuracy"] >= TARGET_SOURCE else "NOT met"
        print(f"| {name} | {r['n_gold']} | {r['n_gold_attributions']} "
              f"| {r['n_pred_attributions']} | {r['content_precision']:.3f} "
              f"| {r['content_recall']:.3f} | **{r['content_f1']:.3f}** "
              f"| **{r['source_accuracy']:.3f}** | ≥ {TARGET_F1} {f1_mark} "
              f"| ≥ {TARGET_SOURCE} {src_mark} |")
    print(f"\nregex baseline (all DEV): content F1 {BASELINE[0]}, source accuracy {BASELINE[1]}")
    share = attribute / parse if parse else 0.0
    print(f"parse {parse:.1f} s ({parse / n * 1000:.0f} ms/article), attributions "
          f"{attribute:.1f} s ({attribute / n * 1000:.1f} ms/article): +{share:.1%} over the "
          f"parse (target ≤ 10%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parents[1] / "../shared/data")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    folder = args.data / "polnear"
    scorer = args.data.parent / "tools" / "score.py"
    if not (folder / "articles.jsonl").exists() or not scorer.exists():
        print(f"no PolNeAR data or scorer under {args.data}: pass --data PATH_TO/shared/data",
              file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in open(folder / "articles.jsonl", encoding="utf-8")]
    gold = {g["id"]: g for g in map(json.loads, open(folder / "gold.jsonl", encoding="utf-8"))}
    rows = rows[:args.limit] if args.limit else rows
    predictions, parse, attribute = run(rows)
    results = {}
    for name in COMPARTMENTS:
        keep = [p for p in predictions if name == "all" or gold[p["id"]]["compartment"] == name]
        results[name] = score(scorer, [gold[p["id"]] for p in keep], keep)
    print_table(results, parse, attribute, len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
