"""Training rows for the NLI cross-encoder (``cross_encoder.py``), written for ``train_nli.py``.

Two files, gzipped JSON Lines of ``{"p": premise, "h": hypothesis, "y": label, ...}``:

- ``nli.jsonl.gz``: the public NLI pairs of ``nli/pairs.jsonl``, claim/evidence-like sets in
  full, template and caption sets thinned (seeded); 1,500 MNLI/FEVER/ANLI pairs marked
  ``"dev": true`` are held back to report accuracy;
- ``dev.jsonl.gz``: the verifier's own training pairs (``train.training_sets``: the training
  parts of FNC-1, SummEdits and ClaimDiff and the pairs generated from their documents) and the
  held-out parts (``"part": "held"``, scored, never trained on), each claim read against the
  same premise the verifier will give it (``features.nli_premise``), with its group (document
  or topic) for out-of-fold scores.

Labels: 0 contradiction, 1 entailment, 2 neutral, 3 not-entailment (two-way sets: anything but
entailment is right). The verifier's classes map supported -> 1, contradicted -> 0, unverified
and unrelated -> 2.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Iterable
from pathlib import Path

from crosscheck.verify import data
from crosscheck.verify.features import PreparedText, candidate_sentences, nli_premise, prepare

NOT_ENTAILMENT = 3
NLI_LABEL = {"contradiction": 0, "entailment": 1, "neutral": 2, "not_entailment": NOT_ENTAILMENT}
VERIFIER_LABEL = {"supported": 1, "contradicted": 0, "unverified": 2, "unrelated": 2}
# Share of each NLI source kept: claim/evidence-like sets in full, the template-generated ones
# (IMPPRES, ConjNLI, MED) and the image-caption ones (SNLI) thinned.
WEIGHT = {"mnli": 1.0, "fever_nli": 1.0, "anli": 1.0, "climate_fever": 1.0, "covid_fact": 1.0,
          "healthver": 1.0, "vitaminc": 1.0, "rte_glue": 1.0, "rte1": 1.0, "rte2": 1.0,
          "rte3": 1.0, "fever_symmetric": 1.0, "breaking_nli": 0.6, "cad_snli": 0.5,
          "snli": 0.4, "sick": 0.5, "conjnli": 0.3, "imppres": 0.15, "med": 0.4}
NLI_DEV = 1500
UNRELATED_SHARE = 0.2  # FNC-1's unrelated pairs kept (as "neutral"): three in four pairs are


def pair_key(premise: str, hypothesis: str) -> str:
    """The id of one cross-encoder input: out-of-fold scores are looked up by it."""
    return hashlib.sha1(f"{premise}\x1f{hypothesis}".encode()).hexdigest()[:20]


def nli_rows(root: Path, seed: int = data.SEED) -> list[dict]:
    rng = random.Random(f"{seed}:nli")
    rows = []
    for r in data.read_jsonl(root / "nli" / "pairs.jsonl"):
        if rng.random() < WEIGHT.get(r["dataset"], 0.3):
            rows.append({"p": r["premise"], "h": r["hypothesis"], "y": NLI_LABEL[r["label"]],
                         "dataset": r["dataset"]})
    rng.shuffle(rows)
    held = 0
    for r in reversed(rows):
        if held < NLI_DEV and r["dataset"] in ("mnli", "fever_nli", "anli"):
            r["dev"] = True
            held += 1
    return rows


class Premises:
    """The premise the verifier gives the cross-encoder for a claim and a document (texts
    prepared once each: many claims share a document)."""

    def __init__(self) -> None:
        self.prepared: dict[str, PreparedText] = {}

    def __call__(self, claim: str, document: str) -> str:
        for text in (claim, document):
            if text not in self.prepared:
                self.prepared[text] = prepare(text)
        c, d = self.prepared[claim], self.prepared[document]
        return nli_premise(d, candidate_sentences(c, d)[0])


def _rows(source: str, part: str, pairs: Iterable[data.Pair], documents: dict[str, str],
          premises: Premises, rng: random.Random) -> list[dict]:
    out = []
    for p in pairs:
        if p.label == "unrelated" and source == "fnc1" and rng.random() >= UNRELATED_SHARE:
            continue
        premise = premises(p.claim, documents[p.evidence_id])
        out.append({"key": pair_key(premise, p.claim), "p": premise, "h": p.claim,
                    "y": VERIFIER_LABEL[p.label], "label": p.label, "gold": p.gold,
                    "group": f"{source}:{p.group}", "source": source, "part": part,
                    "domain": p.domain})
    return out


def dev_rows(root: Path, log=print, seed: int = data.SEED) -> list[dict]:  # type: ignore[no-untyped-def]
    from crosscheck.verify.train import DATASETS, training_sets

    rng = random.Random(f"{seed}:nli-dev")
    premises = Premises()
    rows = []
    for s in training_sets(root, log):
        rows += _rows(s.source, "train", s.pairs, s.documents, premises, rng)
    for name in DATASETS:
        dev = data.load_dev_set(root, name)
        rows += _rows(name, "held", data.split(dev)[1], dev.documents, premises, rng)
    return rows


def write(root: Path, out: Path, log=print) -> None:  # type: ignore[no-untyped-def]
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("nli", nli_rows(root)), ("dev", dev_rows(root, log))):
        with gzip.open(out / f"{name}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for r in rows:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
        log(f"{out / name}.jsonl.gz: {len(rows)} rows")


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]
