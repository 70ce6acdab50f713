"""The trained verifier as plain arrays: saved as ``.npz`` (no pickle), checked by sha256.

Gradient-boosted trees from scikit-learn are exported node by node (feature, threshold,
children, leaf value, where missing values go), and evaluated here with numpy, so loading
runs no code from the file and needs neither scikit-learn nor network.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.errors import ModelLoadError

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "verifier.npz"


@dataclass(frozen=True)
class TreeModel:
    """A boosted-tree ensemble. Multiclass: tree ``t`` adds to class ``t % n_classes``;
    binary: one tree per iteration scores the second class (a logit)."""

    classes: tuple[str, ...]
    features: tuple[str, ...]
    baseline: np.ndarray  # (n_classes,)
    feature: np.ndarray  # (n_nodes,) int: split feature, -1 at a leaf
    threshold: np.ndarray  # (n_nodes,) float: go left when x <= threshold
    missing_left: np.ndarray  # (n_nodes,) bool
    left: np.ndarray  # (n_nodes,) int: absolute node index
    right: np.ndarray
    value: np.ndarray  # (n_nodes,) leaf values
    roots: np.ndarray  # (n_trees,) absolute index of each tree's root
    max_depth: int

    def raw(self, X: np.ndarray) -> np.ndarray:
        """Raw class scores (before softmax), shape (n_samples, n_classes)."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(self.features):
            raise ValueError(f"expected {len(self.features)} features, got shape {X.shape}")
        # Blocks of rows bound the (rows x trees) work arrays, whatever the batch size.
        blocks = [self._raw_block(X[lo:lo + 1024]) for lo in range(0, X.shape[0], 1024)]
        return np.vstack(blocks) if blocks else np.zeros((0, len(self.baseline)))

    def _raw_block(self, X: np.ndarray) -> np.ndarray:
        n, n_trees = X.shape[0], len(self.roots)
        k = len(self.classes)
        # Walk every tree for all samples at once, one level per step, moving only the
        # (sample, tree) pairs not yet at a leaf: most trees end well before the deepest.
        node = np.tile(self.roots, n)  # sample i, tree t at i * n_trees + t
        sample = np.repeat(np.arange(n), n_trees)
        active = np.flatnonzero(self.feature[node] >= 0)
        while active.size:
            current = node[active]
            x = X[sample[active], self.feature[current]]
            go_left = np.where(np.isnan(x), self.missing_left[current],
                               x <= self.threshold[current])
            current = np.where(go_left, self.left[current], self.right[current])
            node[active] = current
            active = active[self.feature[current] >= 0]
        leaf = self.value[node].reshape(n, n_trees)
        k = 1 if k == 2 else k
        out = np.tile(self.baseline, (n, 1))
        for c in range(k):
            out[:, c] += leaf[:, c::k].sum(axis=1)
        return out

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        raw = self.raw(X)
        if len(self.classes) == 2:
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.column_stack([1.0 - p, p])
        raw -= raw.max(axis=1, keepdims=True)
        e = np.exp(raw)
        return e / e.sum(axis=1, keepdims=True)


def from_sklearn(model, features: tuple[str, ...]) -> TreeModel:  # type: ignore[no-untyped-def]
    """Export a fitted ``HistGradientBoostingClassifier`` (numeric features only)."""
    classes = tuple(str(c) for c in model.classes_)
    parts, roots, offset = [], [], 0
    for iteration in model._predictors:
        for predictor in iteration:
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("categorical splits are not supported")
            roots.append(offset)
            parts.append((nodes, offset))
            offset += len(nodes)
    feature = np.concatenate([np.where(n["is_leaf"] == 1, -1, n["feature_idx"]) for n, _ in parts])
    return TreeModel(
        classes=classes, features=features,
        baseline=np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1),
        feature=feature.astype(np.int32),
        threshold=np.concatenate([n["num_threshold"] for n, _ in parts]),
        missing_left=np.concatenate([n["missing_go_to_left"] for n, _ in parts]).astype(bool),
        left=np.concatenate([n["left"].astype(np.int64) + o for n, o in parts]).astype(np.int32),
        right=np.concatenate([n["right"].astype(np.int64) + o for n, o in parts]).astype(np.int32),
        value=np.concatenate([n["value"] for n, _ in parts]).astype(np.float64),
        roots=np.asarray(roots, dtype=np.int32),
        max_depth=int(max(n["depth"].max() for n, _ in parts)))


def average(models: list[TreeModel]) -> TreeModel:
    """One ensemble whose raw scores are the mean of the models' (trees side by side, leaf
    values and baselines divided by their number): a bag of boosted models in one file."""
    first = models[0]
    if any(m.classes != first.classes or m.features != first.features for m in models):
        raise ValueError("only models of the same classes and features can be averaged")
    offsets = np.cumsum([0] + [len(m.feature) for m in models[:-1]])
    shift = lambda field: np.concatenate(  # noqa: E731
        [np.where(m.feature >= 0, getattr(m, field) + o, getattr(m, field))
         for m, o in zip(models, offsets)]).astype(np.int32)
    return TreeModel(
        classes=first.classes, features=first.features,
        baseline=np.mean([m.baseline for m in models], axis=0),
        feature=np.concatenate([m.feature for m in models]),
        threshold=np.concatenate([m.threshold for m in models]),
        missing_left=np.concatenate([m.missing_left for m in models]),
        left=shift("left"), right=shift("right"),
        value=np.concatenate([m.value for m in models]) / len(models),
        roots=np.concatenate([m.roots + o for m, o in zip(models, offsets)]).astype(np.int32),
        max_depth=max(m.max_depth for m in models))


_FIELDS = ("baseline", "feature", "threshold", "missing_left", "left", "right", "value", "roots")


def save(models: dict[str, TreeModel], path: Path,
         extra: dict[str, np.ndarray] | None = None) -> str:
    """Write named models (and ``extra`` arrays) to one ``.npz`` and its ``.sha256`` beside it;
    returns the checksum."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {"names": np.array(sorted(models))}
    arrays.update({f"extra.{k}": v for k, v in (extra or {}).items()})
    for name, model in models.items():
        arrays[f"{name}.classes"] = np.array(model.classes)
        arrays[f"{name}.features"] = np.array(model.features)
        arrays[f"{name}.max_depth"] = np.array(model.max_depth)
        for field in _FIELDS:
            arrays[f"{name}.{field}"] = getattr(model, field)
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]
    digest = sha256(path)
    checksum_path(path).write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load(path: Path = DEFAULT_MODEL) -> tuple[dict[str, TreeModel], dict[str, np.ndarray]]:
    """The models and extra arrays saved by ``save``; refuses the file unless its sha256 matches."""
    if not path.is_file():
        raise ModelLoadError(f"verifier model not found: {path} (rebuild it with "
                             "`crosscheck train-verifier`)")
    expected_file = checksum_path(path)
    if not expected_file.is_file():
        raise ModelLoadError(f"{expected_file}: checksum file missing; refusing to load {path}")
    words = expected_file.read_text(encoding="utf-8").split()
    expected = words[0] if words else ""
    actual = sha256(path)
    if actual != expected:
        raise ModelLoadError(f"{path}: sha256 {actual} does not match {expected_file} "
                             f"({expected or 'empty'}); the file is corrupt or was changed, "
                             "rebuild it with `crosscheck train-verifier`")
    try:
        with np.load(path, allow_pickle=False) as z:
            models = {str(name): _model(z, str(name)) for name in z["names"]}
            extra = {k[len("extra."):]: z[k] for k in z.files if k.startswith("extra.")}
            return models, extra
    except (KeyError, ValueError, OSError) as exc:
        raise ModelLoadError(f"{path}: not a crosscheck verifier model ({exc})") from exc


def _model(z, name: str) -> TreeModel:  # type: ignore[no-untyped-def]
    return TreeModel(classes=tuple(str(c) for c in z[f"{name}.classes"]),
                     features=tuple(str(f) for f in z[f"{name}.features"]),
                     max_depth=int(z[f"{name}.max_depth"]),
                     **{field: z[f"{name}.{field}"] for field in _FIELDS})
