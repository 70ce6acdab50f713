"""Scoring the verifier on the held-out part of the dev sets (used by the bench and the floors
test). FNC-1 and SummEdits go through ``shared/tools/score.py``; ClaimDiff, which that tool does
not cover, is scored here (strengthen / weaken / neither macro-F1)."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

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
