"""Train the page-text line classifier on hand-labelled lines.

    python -m crosscheck.training.page_text --data ../shared/data \
        --labels bench/labels/gva/lines.jsonl bench/labels/gva/lines-3.jsonl \
        --out src/crosscheck/clean/page_text_model.json

(``lines-heldout.jsonl`` is kept out of training: the benchmark measures on it.)

Labels are ``{"article", "line", "hash", "label": prose|clutter|mixed}`` rows (line = index in
the article's text split at newlines); the texts are read from the GVA articles. A mixed line
counts as prose (the rules' tails cut its page text). The threshold is the lowest probability
that keeps prose lost, in five-fold cross-validation, at or under ``--max-prose-lost``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from crosscheck.clean.features import NAMES, LinePage
from crosscheck.clean.page_text import line_kind


def rows(files: list[Path], data: Path) -> tuple[np.ndarray, np.ndarray]:
    with open(data / "gva" / "articles.jsonl", encoding="utf-8") as lines:
        articles = {row["id"]: row for row in map(json.loads, lines)}
    x, y = [], []
    for labels in files:
        for label in _labels(labels):
            article = articles[label["article"]]
            raw = article["text"].split("\n")
            if hashlib.sha1(raw[label["line"]].encode()).hexdigest()[:10] != label["hash"]:
                raise ValueError(f"{label['article']} line {label['line']}: text changed")
            kept = [i for i, line in enumerate(raw) if line.strip()]
            stripped = [raw[i].strip() for i in kept]
            index = kept.index(label["line"])
            if line_kind(stripped[index]) is not None:
                continue  # the rules decide this line; the model learns the rest
            x.append(LinePage(stripped, article["title"]).features(index))
            y.append(int(label["label"] == "clutter"))
    return np.array(x), np.array(y)


def _labels(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def train(x: np.ndarray, y: np.ndarray, max_prose_lost: float) -> dict:
    mean, scale = x.mean(axis=0), np.where(x.std(axis=0) > 1e-6, x.std(axis=0), 1.0)
    z = (x - mean) / scale
    scores = np.zeros(len(y))
    for fit, held in StratifiedKFold(5, shuffle=True, random_state=13).split(z, y):
        model = LogisticRegression(C=0.3, class_weight="balanced", max_iter=2000)
        scores[held] = model.fit(z[fit], y[fit]).predict_proba(z[held])[:, 1]
    prose = np.sort(scores[y == 0])
    allowed = int(max_prose_lost * len(prose))
    threshold = float(prose[-allowed - 1]) + 1e-6 if allowed < len(prose) else 1.0
    model = LogisticRegression(C=0.3, class_weight="balanced", max_iter=2000).fit(z, y)
    caught = float((scores[y == 1] >= threshold).mean()) if y.any() else 0.0
    return {"features": list(NAMES), "weights": model.coef_[0].round(6).tolist(),
            "intercept": round(float(model.intercept_[0]), 6), "mean": mean.round(6).tolist(),
            "scale": scale.round(6).tolist(), "threshold": round(threshold, 6),
            "cv_clutter_caught": round(caught, 4), "trained_on": len(y)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, nargs="+", required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-prose-lost", type=float, default=0.005)
    args = parser.parse_args()
    x, y = rows(args.labels, args.data)
    model = train(x, y, args.max_prose_lost)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{len(y)} lines the rules leave ({int(y.sum())} page text); threshold "
          f"{model['threshold']:.3f}, cross-validated page text caught "
          f"{model['cv_clutter_caught']:.2f} -> {args.out}")


if __name__ == "__main__":
    main()
