"""A bag-of-words stance model whose probabilities feed the trees (stacking).

Which words an article uses around a claim ("hoax", "debunked", "reportedly", "confirmed",
and the topic words that go with them) says much about its stance, more than a few hand-made
counts can. Logistic regression over hashed, TF-IDF-weighted unigrams and bigrams of the
evidence and of the claim learns them; the arrays (IDF, coefficients) are stored in the
verifier file, and the hashing itself needs no fitted state.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack, vstack

N_FEATURES = 2 ** 17  # hashed vocabulary per part (evidence, claim)
STANCE_LABELS = ("supported", "contradicted", "unverified")
STACKED = tuple(f"lin_{label}" for label in STANCE_LABELS)


def _vectorizer():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=N_FEATURES, ngram_range=(1, 2), alternate_sign=False,
                             norm=None, stop_words="english")


@functools.lru_cache(maxsize=1)
def _shared_vectorizer():  # type: ignore[no-untyped-def]
    return _vectorizer()  # stateless: one instance serves every call


def counts(claims: Sequence[str], evidences: Sequence[str]) -> csr_matrix:
    return hstack([evidence_counts(evidences), claim_counts(claims)]).tocsr()


def evidence_counts(evidences: Sequence[str]) -> csr_matrix:
    return _shared_vectorizer().transform(list(evidences))


def claim_counts(claims: Sequence[str]) -> csr_matrix:
    return _shared_vectorizer().transform(list(claims))


@dataclass(frozen=True)
class LinearStance:
    idf: np.ndarray  # (2 * N_FEATURES,)
    coef: np.ndarray  # (3, 2 * N_FEATURES), rows in STANCE_LABELS order
    intercept: np.ndarray  # (3,)

    @functools.cached_property
    def _coef_columns(self) -> np.ndarray:
        # Contiguous once: given ``coef.T``, scipy copies the 3 x 262,144 array on every call.
        return np.ascontiguousarray(self.coef.T)

    def predict_proba(self, X: csr_matrix) -> np.ndarray:
        X = _tfidf(X, self.idf)
        z = np.asarray(X @ self._coef_columns) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def stacked_many(self, claims: Sequence[str], evidences: Sequence[csr_matrix]) -> np.ndarray:
        """One row of probabilities per claim, each against its own already hashed evidence
        (``evidence_counts``)."""
        X = hstack([vstack(list(evidences)), claim_counts(claims)]).tocsr()
        return self.predict_proba(X).astype(np.float32)


def _tfidf(X: csr_matrix, idf: np.ndarray) -> csr_matrix:
    """Sublinear TF times IDF, rows scaled to unit length. Works on the stored values only:
    broadcasting the 262,144-wide IDF row over a sparse matrix cost more than the rest of a
    verification."""
    X = csr_matrix(X, dtype=np.float64, copy=True)
    X.sum_duplicates()
    X.data = np.log1p(X.data) * idf[X.indices]
    lengths = np.diff(X.indptr)
    rows = np.repeat(np.arange(X.shape[0]), lengths)
    norms = np.sqrt(np.bincount(rows, weights=X.data ** 2, minlength=X.shape[0]))
    norms[norms == 0] = 1.0
    X.data /= norms[rows]
    return X


def fit(X: csr_matrix, labels: Sequence[str], C: float = 8.0, seed: int = 13) -> LinearStance:
    from sklearn.linear_model import LogisticRegression

    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = (np.log((1 + X.shape[0]) / (1 + df)) + 1.0).astype(np.float64)
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
    model.fit(_tfidf(X, idf), list(labels))
    order = [list(model.classes_).index(label) for label in STANCE_LABELS]
    return LinearStance(idf.astype(np.float32), model.coef_[order].astype(np.float32),
                        model.intercept_[order].astype(np.float64))


def out_of_fold(X: csr_matrix, labels: Sequence[str], groups: Sequence[str], fit_mask: np.ndarray,
                folds: int = 5, seed: int = 13) -> np.ndarray:
    """Probabilities for every row from a model that never saw its group (for stacking)."""
    names = sorted(set(groups))
    rng = np.random.RandomState(seed)
    rng.shuffle(names)
    fold_of = {g: i % folds for i, g in enumerate(names)}
    fold = np.array([fold_of[g] for g in groups])
    out = np.zeros((X.shape[0], len(STANCE_LABELS)), dtype=np.float32)
    labels_arr = np.asarray(labels)
    for k in range(folds):
        train = (fold != k) & fit_mask
        model = fit(X[train], labels_arr[train], seed=seed)
        out[fold == k] = model.predict_proba(X[fold == k])
    return out
