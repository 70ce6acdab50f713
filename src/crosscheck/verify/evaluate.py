"""Scoring the verifier on the held-out part of the dev sets (used by the bench and the floors
test). FNC-1 and SummEdits go through ``shared/tools/score.py``; ClaimDiff, which that tool does
not cover, is scored here (strengthen / weaken / neither macro-F1).

Also the same-story probe: sentences of one report checked against another report of the same
event (the seed pair; METER newspaper articles against the PA wire copy they were written
from). It has no gold labels, but most such sentences are restated or simply not settled by
the other report, rarely contradicted: the share called "contradicted" is what a reader of
``crosscheck verify`` would take for false alarms."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from crosscheck.nlp.sentences import split_sentences
from crosscheck.verify import data

# Our four labels in each dataset's own terms (the mapping).
TO_FNC = {"supported": "agree", "contradicted": "disagree", "unverified": "discuss",
          "unrelated": "unrelated"}
TO_CLAIMDIFF = {"supported": "strengthen", "contradicted": "weaken", "unverified": "neither",
                "unrelated": "neither"}
TASK = {"fnc1": "verify-fnc", "summedits": "verify-summedits"}


def to_dataset_label(name: str, label: str) -> str:
    if name == "fnc1":
        return TO_FNC[label]
    if name == "summedits":
        return "consistent" if label == "supported" else "inconsistent"
    return TO_CLAIMDIFF[label]


def subsample(pairs: Sequence[data.Pair], limit: int | None) -> tuple[data.Pair, ...]:
    """Every k-th pair (deterministic), at most ``limit``."""
    if limit is None or len(pairs) <= limit:
        return tuple(pairs)
    step = len(pairs) / limit
    return tuple(pairs[int(i * step)] for i in range(limit))


def predict(verifier, dev: data.DevSet, pairs: Sequence[data.Pair]) -> list[str]:  # type: ignore[no-untyped-def]
    return [verifier.verify(p.claim, dev.documents[p.evidence_id]).label for p in pairs]


def score(name: str, pairs: Sequence[data.Pair], labels: Sequence[str], root: Path) -> dict:
    """Metrics for our labels on ``pairs`` (held-out gold rows only)."""
    preds = [{"id": p.id, "label": to_dataset_label(name, lab)} for p, lab in zip(pairs, labels)]
    if name == "claimdiff":
        return claimdiff_metrics([p.gold for p in pairs], [r["label"] for r in preds])
    gold_rows = {}
    with (root / name / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            gold_rows[row["id"]] = row
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps(gold_rows[p.id]) + "\n" for p in pairs))
        pred_path.write_text("".join(json.dumps(r) + "\n" for r in preds))
        tool = root.parent / "tools" / "score.py"
        done = subprocess.run([sys.executable, str(tool), TASK[name], "--gold", str(gold_path),
                               "--pred", str(pred_path)], capture_output=True, text=True,
                              check=True)
    return json.loads(done.stdout)


def claimdiff_metrics(gold: Sequence[str], pred: Sequence[str]) -> dict:
    per_class = {}
    for lab in ("strengthen", "weaken", "neither"):
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per_class[lab] = {"precision": round(prec, 4), "recall": round(rec, 4),
                          "f1": round(2 * prec * rec / (prec + rec) if prec + rec else 0.0, 4)}
    return {"macro_f1": round(sum(v["f1"] for v in per_class.values()) / 3, 4),
            "per_class": per_class, "n": len(gold)}


def seed_pairs(seeds: Path, min_words: int = 5) -> list[tuple[str, str]]:
    """Each sentence of each seed article (``min_words`` or more) against the other article."""
    paths = sorted(seeds.glob("*.txt"))
    if len(paths) != 2:
        raise FileNotFoundError(f"expected the two seed articles in {seeds}, found {len(paths)}")
    a, b = (p.read_text(encoding="utf-8") for p in paths)
    return [(s.text, other) for text, other in ((a, b), (b, a))
            for s in split_sentences(text) if len(s.text.split()) >= min_words]


def rewrite_pairs(root: Path, articles: int = 80, per_article: int = 4
                  ) -> list[tuple[str, str]]:
    """Sentences of METER newspaper articles (the first ``articles`` by id, ``per_article``
    sentences of 8+ words each) against the PA wire copy they were written from (up to two
    sources, joined)."""
    folder = root / "meter" / "provenance"
    sources = {r["id"]: r["text"] for r in data.read_jsonl(folder / "sources.jsonl")}
    texts = {r["id"]: r["text"] for r in data.read_jsonl(folder / "articles.jsonl")}
    gold = sorted(data.read_jsonl(folder / "gold.jsonl"), key=lambda g: g["id"])[:articles]
    pairs = []
    for g in gold:
        if not g["sources"]:
            continue
        evidence = "\n\n".join(sources[s] for s in g["sources"][:2])
        sentences = [s.text for s in split_sentences(texts[g["id"]]) if len(s.text.split()) >= 8]
        pairs += [(s, evidence) for s in sentences[:per_article]]
    return pairs


def label_mix(verifier, pairs: Sequence[tuple[str, str]]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """How many pairs get each of the four labels."""
    found = [r.label for r in verifier.verify_many(list(pairs))]
    return {label: found.count(label) for label in data.LABELS}
