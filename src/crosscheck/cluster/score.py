"""Clustering scores against a gold labelling: B-cubed and pairwise precision, recall and F1."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _check(predicted: Mapping[str, str], gold: Mapping[str, str]) -> None:
    missing = gold.keys() - predicted.keys()
    if missing:
        raise ValueError(f"{len(missing)} gold item(s) have no prediction, e.g. {min(missing)!r}")


def b_cubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed over the gold items (Bagga & Baldwin): per-item precision and recall, averaged."""
    _check(predicted, gold)
    overlap = Counter((predicted[i], gold[i]) for i in gold)
    pred_size = Counter(predicted[i] for i in gold)
    gold_size = Counter(gold.values())
    precision = sum(n * n / pred_size[p] for (p, _), n in overlap.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in overlap.items()) / len(gold)
    return Scores(precision, recall, _f1(precision, recall))


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Precision and recall of the "same story" relation over all pairs of gold items."""
    _check(predicted, gold)
    pairs = lambda sizes: sum(n * (n - 1) // 2 for n in sizes)  # noqa: E731
    both = pairs(Counter((predicted[i], gold[i]) for i in gold).values())
    in_pred = pairs(Counter(predicted[i] for i in gold).values())
    in_gold = pairs(Counter(gold.values()).values())
    precision = both / in_pred if in_pred else 1.0
    recall = both / in_gold if in_gold else 1.0
    return Scores(precision, recall, _f1(precision, recall))


def group(labels: Mapping[str, str]) -> dict[str, list[str]]:
    """Story -> its item ids, sorted."""
    groups: dict[str, list[str]] = defaultdict(list)
    for item, story in sorted(labels.items()):
        groups[story].append(item)
    return dict(groups)
