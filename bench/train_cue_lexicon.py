"""Learn ``claims/cue_lexicon.json`` from PolNeAR's ``train`` compartment (never ``dev``).

    PYTHONPATH=src .venv/bin/python bench/train_cue_lexicon.py [--data ../shared/data]
        [--docs CACHE.spacy]

Reads every train article's attributions with an open lexicon (every verb and noun with a
complement is a candidate), labels each by whether its content matches a gold content under the
shared scorer's rule (overlap >= 50% of the longer span, one-to-one), and fits a logistic
regression over the candidates' features (``cues.cue_features``). The threshold is the one that
maximises content F1 over the train candidates. ``--docs``: a spaCy DocBin of all PolNeAR
articles in file order (parsed with ``load_spacy()``), to skip the parse.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

from crosscheck.claims.attributions import keyed_attributions
from crosscheck.claims.cue_lexicon import LEXICON_PATH, OPEN
from crosscheck.claims.cues import CUE_VERBS, NOUN_CUES
from crosscheck.model import Article
from crosscheck.nlp.spacy_model import load_spacy

C = 0.5  # inverse regularisation: rare lemmas lean on the shared features
MIN_KEPT, MIN_KEPT_SHARE = 2, 0.25  # see cheap_lemmas
MIN_WEIGHT = 0.05  # smaller weights are left out of the JSON


def load_scorer(tools: Path):  # -> the scorer module
    spec = importlib.util.spec_from_file_location("score", tools / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def candidates(rows: list[dict], docs: list, gold: dict[str, dict], scorer
               ) -> tuple[list[tuple[str, ...]], list[int], int]:
    """Every open-lexicon candidate's features and label, and the number of gold contents."""
    features, labels, n_gold = [], [], 0
    for row, doc in zip(rows, docs):
        article = Article.create(row["text"], title=row.get("title"), external_id=row["id"])
        found = keyed_attributions(article, doc, OPEN)
        pred = [{"_c": scorer._norm_spans([list(c) for c in a.content])} for a, _ in found]
        ref = [{"_c": scorer._norm_spans(g["content"])} for g in gold[row["id"]]["attributions"]]
        n_gold += len(ref)
        matched = {p for _, p in scorer.match_contents(ref, pred)}
        for n, (_, feats) in enumerate(found):
            if feats and feats[0] != "key=quote":  # quotations without a cue are always kept
                features.append(feats)
                labels.append(int(n in matched))
    return features, labels, n_gold


def best_threshold(probabilities: np.ndarray, labels: np.ndarray, n_gold: int) -> float:
    order = np.argsort(-probabilities)
    hits = np.cumsum(labels[order])
    kept = np.arange(1, len(order) + 1)
    f1 = 2 * hits / (kept + n_gold)
    return float(probabilities[order][int(np.argmax(f1))])


def cheap_lemmas(features: list[tuple[str, ...]], kept: np.ndarray) -> set[str]:
    """Lemmas worth a look: kept often enough, and not so common ("be", "have") that looking
    at each of their candidates costs more time than their few attributions are worth."""
    seen: Counter = Counter()
    hits: Counter = Counter()
    for feats, keep in zip(features, kept):
        lemma = feats[0].split("|")[0].removeprefix("key=").removeprefix("n:")
        seen[lemma] += 1
        hits[lemma] += int(keep)
    return {w for w in seen if hits[w] >= MIN_KEPT and hits[w] >= MIN_KEPT_SHARE * seen[w]}


def fit(features: list[tuple[str, ...]], labels: list[int], n_gold: int) -> dict:
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for f in features])
    y = np.array(labels)
    model = LogisticRegression(C=C, max_iter=2000).fit(x, y)
    probabilities = model.predict_proba(x)[:, 1]
    threshold = best_threshold(probabilities, y, n_gold)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    lemmas = cheap_lemmas(features, probabilities >= threshold)
    return {"bias": round(float(model.intercept_[0]), 4), "threshold": round(threshold, 4),
            "lemmas": sorted(lemmas - CUE_VERBS - NOUN_CUES), "weights": weights}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parents[1] / "../shared/data")
    parser.add_argument("--docs", type=Path, help="DocBin of all PolNeAR articles, file order")
    args = parser.parse_args()
    folder = args.data / "polnear"
    rows = [json.loads(line) for line in open(folder / "articles.jsonl", encoding="utf-8")]
    gold = {g["id"]: g for g in map(json.loads, open(folder / "gold.jsonl", encoding="utf-8"))}
    nlp = load_spacy()
    if args.docs:
        docs = list(DocBin().from_bytes(args.docs.read_bytes()).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(r["text"] for r in rows))
    train = [(r, d) for r, d in zip(rows, docs) if gold[r["id"]]["compartment"] == "train"]
    features, labels, n_gold = candidates([r for r, _ in train], [d for _, d in train], gold,
                                          load_scorer(args.data.parent / "tools"))
    lexicon = fit(features, labels, n_gold)
    LEXICON_PATH.write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n",
                            encoding="utf-8")
    print(f"{len(features)} candidates, {sum(labels)} matched; {len(lexicon['weights'])} weights,"
          f" threshold {lexicon['threshold']} -> {LEXICON_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
