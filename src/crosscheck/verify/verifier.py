"""The verifier: a claim and an evidence text in, a label with score, evidence and reason out.

Labels: ``supported``, ``contradicted``, ``unverified`` (on the story, does not settle the
claim) and ``unrelated`` (another story). Two back-ends share this interface: the boosted
trees trained here (``artifact.py``), and a local Hugging Face NLI cross-encoder (``hf.py``).
"""
from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.errors import ModelLoadError
from crosscheck.verify import artifact, nli_onnx
from crosscheck.verify import text as tx
from crosscheck.verify.cross_encoder import NLI_FEATURES
from crosscheck.verify.nli_onnx import OnnxNliScorer
from crosscheck.verify.data import LABELS
from crosscheck.verify.features import (FEATURES, Evidence, PreparedText, SlotClash,
                                        candidate_sentences, featurize, measuring_sentence,
                                        nli_premise, prepare, slot_clashes)
from crosscheck.verify.linear import STACKED, LinearStance, evidence_counts
from crosscheck.verify.reasons import (GENERIC_CONTRADICTION, contradiction_reason, other_reason,
                                       name_clash, parsed_difference)


# Slots whose clash overrules "supported": normalised values, compared unit by unit.
HARD_SLOTS = ("number", "date")
# MiniLM cosine from which the best evidence sentence is close enough to the claim for a parsed
# negation on one side only to be a contradiction ("would support" / "wouldn't support");
# below it the two sentences' first clauses are often about different things.
CLOSE = 0.8
RESTATED = 0.9  # MiniLM cosine from which the best evidence sentence restates the claim


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Verification:
    label: str
    score: float  # the probability of ``label``
    evidence: tuple[EvidenceSpan, ...]
    reason: str
    probabilities: tuple[tuple[str, float], ...] = ()
    # (slot, claim's value, evidence's value) when a slot clash explains a contradiction
    clash: tuple[str, str, str] | None = None

    def to_json(self, pair_id: str | None = None) -> dict:
        out: dict = {"id": pair_id}  # None (null) for a single claim
        out.update(label=self.label, score=round(self.score, 4),
                   evidence=[{"text": e.text, "start": e.start, "end": e.end}
                             for e in self.evidence], reason=self.reason)
        return out


class _Cache:
    """A bounded least-recently-used map (texts and their embeddings or preparations)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict = OrderedDict()

    def get_many(self, keys: Sequence[str], make) -> list:  # type: ignore[no-untyped-def]
        missing = [k for k in dict.fromkeys(keys) if k not in self.items]
        if missing:
            for k, v in zip(missing, make(missing)):
                self.items[k] = v
        out = []
        for k in keys:
            self.items.move_to_end(k)
            out.append(self.items[k])
        self._trim()
        return out

    def put_many(self, keys: Sequence[str], values: Sequence) -> None:  # type: ignore[type-arg]
        for k, v in zip(keys, values, strict=True):
            self.items[k] = v
            self.items.move_to_end(k)
        self._trim()

    def _trim(self) -> None:
        while len(self.items) > self.size:
            self.items.popitem(last=False)


class Featurizer:
    """Features of claim/evidence pairs, with embeddings and tokenisations cached by text."""

    def __init__(self, embedder) -> None:  # type: ignore[no-untyped-def]
        self.embedder = embedder
        self._vectors = _Cache(50_000)
        self._prepared = _Cache(2_000)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack(self._vectors.get_many(list(texts), lambda m: list(self.embedder.encode(m))))

    def prepared(self, text: str) -> PreparedText:
        return self._prepared.get_many([text], lambda m: [prepare(t) for t in m])[0]

    def remember(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Take embeddings made elsewhere with the same embedder (the pipeline's statements)."""
        self._vectors.put_many(list(vectors), list(vectors.values()))

    def features(self, claim: str, evidence: str):  # type: ignore[no-untyped-def]
        return featurize(self.prepared(claim), self.prepared(evidence), self.encode)

    def features_many(self, pairs: Sequence[tuple[str, str]]) -> list:  # type: ignore[type-arg]
        """(row, evidence, clashes, prepared evidence, cross-encoder premise) per pair."""
        prepared = [(self.prepared(c), self.prepared(e)) for c, e in pairs]
        chosen = [candidate_sentences(c, d) for c, d in prepared]
        # Every sentence the pairs need is encoded in one call first: the embedder batches
        # texts of similar length together, which one pair at a time cannot.
        needed = [t for (c, d), (indices, _) in zip(prepared, chosen)
                  for t in [s.text for s in c.sentences] + [d.sentences[i].text for i in indices]]
        self.encode(list(dict.fromkeys(needed)))
        return [(*featurize(c, d, self.encode, found), d, nli_premise(d, found[0]))
                for (c, d), found in zip(prepared, chosen, strict=True)]


# The models a verifier file holds, and the features each pair reads: the "quick" pair skips
# the cross-encoder (the compare pipeline's judge, which must stay under a second).
MODEL_FEATURES = {"related": FEATURES + NLI_FEATURES + STACKED,
                  "stance": FEATURES + NLI_FEATURES + STACKED,
                  "related_quick": FEATURES + STACKED, "stance_quick": FEATURES + STACKED}


class TreeVerifier:
    """Boosted trees over retrieval, slot and cue features, the NLI cross-encoder's
    probabilities and a bag-of-words stance model's (the default verifier): one tree model
    says whether the evidence is on the claim's story, a second gives the stance. A second
    pair of tree models, trained without the cross-encoder, answers when speed matters more."""

    def __init__(self, models: dict[str, artifact.TreeModel], linear: LinearStance,
                 featurizer: Featurizer, nli: OnnxNliScorer | None = None,
                 threads: int = 0) -> None:
        if set(models) != set(MODEL_FEATURES):
            raise ModelLoadError(f"verifier file holds models {sorted(models)}, expected "
                                 f"{sorted(MODEL_FEATURES)}; retrain it with `crosscheck "
                                 "train-verifier`")
        for name, model in models.items():
            if tuple(model.features) != MODEL_FEATURES[name]:
                raise ModelLoadError("the model was trained on other features; retrain it with "
                                     "`crosscheck train-verifier`")
        self.models = models
        self.linear = linear
        self.featurizer = featurizer
        self._nli = nli
        self._threads = threads
        self._hashed = _Cache(256)  # hashed evidence words, reused by every claim on it

    @property
    def nli(self) -> OnnxNliScorer:
        # Loaded on first use, as the other models are.
        if self._nli is None:
            self._nli = nli_onnx.load_scorer(threads=self._threads)
        return self._nli

    @classmethod
    def from_file(cls, path: Path, featurizer: Featurizer, threads: int = 0) -> "TreeVerifier":
        models, extra = artifact.load(path)
        try:
            linear = LinearStance(extra["linear_idf"], extra["linear_coef"],
                                  extra["linear_intercept"])
        except KeyError as exc:
            raise ModelLoadError(f"{path}: the bag-of-words stance arrays are missing ({exc}); "
                                 "retrain it with `crosscheck train-verifier`") from exc
        return cls(models, linear, featurizer, threads=threads)

    def probabilities(self, X: np.ndarray, quick: bool = False) -> np.ndarray:
        """P(label) for rows of features, columns in ``LABELS`` order; ``quick``: rows without
        the cross-encoder's columns, read by the quick models."""
        suffix = "_quick" if quick else ""
        related, stance_model = self.models["related" + suffix], self.models["stance" + suffix]
        p_related = related.predict_proba(X)[:, related.classes.index("related")]
        stance = stance_model.predict_proba(X)
        out = np.zeros((X.shape[0], len(LABELS)))
        for j, label in enumerate(stance_model.classes):
            out[:, LABELS.index(label)] = p_related * stance[:, j]
        out[:, LABELS.index("unrelated")] = 1.0 - p_related
        return out

    def verify(self, claim: str, evidence: str) -> Verification:
        return self.verify_many([(claim, evidence)])[0]

    def verify_many(self, pairs: Sequence[tuple[str, str]], explain: bool = True,
                    cross_encoder: bool = True) -> list[Verification]:
        """Verify many pairs at once (features batched, one pass through each model).

        ``explain=False`` skips the parses: the one that names the slot of a contradiction no
        cheap clash explains (the reason then says only that the evidence disagrees) and the
        one that catches the same statement from or about another person (``name_clash``).
        ``cross_encoder=False`` skips the NLI cross-encoder (~11 ms a pair on 2 cores) and
        answers with the trees trained without it. The compare pipeline passes False to both:
        its own judge has compared both statements' speakers and people already, and a compare
        must stay under a second.
        """
        if not pairs:
            return []
        found = self.featurizer.features_many(pairs)
        hashed = self._hashed.get_many([e for _, e in pairs],
                                       lambda m: [evidence_counts([t]) for t in m])
        stacked = self.linear.stacked_many([c for c, _ in pairs], hashed)
        base = np.vstack([row for row, *_ in found])
        if cross_encoder:
            nli = self.nli.probabilities([premise for *_, premise in found],
                                         [c for c, _ in pairs])
            probs = self.probabilities(np.hstack([base, nli, stacked]))
        else:
            probs = self.probabilities(np.hstack([base, stacked]), quick=True)
        return [self._decide(claim, doc, row, p, evidence_found, clashes, explain)
                for (claim, _), (row, evidence_found, clashes, doc, _), p
                in zip(pairs, found, probs, strict=True)]

    def remember(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Embeddings of texts made with this verifier's embedder, so they are not made twice."""
        self.featurizer.remember(vectors)

    def _decide(self, claim: str, doc: PreparedText, row: np.ndarray, probs: np.ndarray,
                found: Evidence, clashes,  # type: ignore[no-untyped-def]
                explain: bool = True) -> Verification:
        best = int(np.argmax(probs))
        label, score = LABELS[best], float(probs[best])
        spans = tuple(EvidenceSpan(doc.sentences[i].text, doc.sentences[i].start,
                                   doc.sentences[i].end) for i in found.indices[:2])
        if explain and label != "unrelated" and not _hard(clashes):
            spans, clashes = self._measured(claim, doc, label, spans, clashes)
        if label == "contradicted" and _restated(claim, row, clashes, spans, explain):
            # the likelier of the two labels that need no difference
            best = max((LABELS.index("supported"), LABELS.index("unverified")),
                       key=lambda j: probs[j])
            label, score = LABELS[best], float(probs[best])
        close = float(row[FEATURES.index("emb_best")]) >= CLOSE
        overruling = self._overruling(claim, label, clashes, spans, doc.text, explain, close)
        if overruling:
            # The trees weigh slot clashes against everything else; a claim whose number or
            # date its own best evidence contradicts, or whose words that evidence gives to
            # another person, is never "supported", whatever the rest.
            if label != "contradicted":
                score = float(probs[best] + probs[LABELS.index("contradicted")])
            label = "contradicted"
            clashes = overruling + tuple(c for c in clashes if c not in overruling)
        if label == "contradicted" and (explain or clashes):
            reason = contradiction_reason(claim, spans[0].text if spans else "", clashes)
        elif label == "contradicted":
            reason = GENERIC_CONTRADICTION
        else:
            named = dict(zip(FEATURES, row))
            reason = other_reason(label, float(named["cov_best"]), float(named["emb_best"]))
        hard = _hard(clashes)
        quoted = (clashes[0] if label == "contradicted" and clashes
                  else hard[0] if label == "unverified" and hard else None)
        if label == "unverified" and quoted is not None:
            reason += _unsettled_value(quoted)
        if label == "unrelated":
            spans = ()
        elif quoted is not None and quoted.slot in HARD_SLOTS:
            spans = _clashing_first(claim, quoted.slot, spans)
        clash = ((quoted.slot, quoted.claim_value, quoted.evidence_value)
                 if quoted is not None and label == "contradicted" else None)
        return Verification(label, score, spans, reason,
                            tuple((c, round(float(p), 4)) for c, p in zip(LABELS, probs)),
                            clash)

    def _measured(self, claim: str, doc: PreparedText, label: str,
                  spans: tuple[EvidenceSpan, ...], clashes: tuple[SlotClash, ...]
                  ) -> tuple[tuple[EvidenceSpan, ...], tuple[SlotClash, ...]]:
        """The sentence that gives the claim's measurement ("lasting nearly 90 minutes") may
        share too few words with the claim to be among the best: it leads the evidence when
        it contradicts the claim (its clash joins the others) or when the claim is supported."""
        measured = measuring_sentence(claim, doc, self.featurizer.encode)
        if measured is None or (measured[1] is None and label != "supported"):
            return spans, clashes
        index, clash = measured
        sentence = doc.sentences[index]
        spans = (EvidenceSpan(sentence.text, sentence.start, sentence.end),) + tuple(
            s for s in spans if s.start != sentence.start)[:1]
        return spans, clashes if clash is None else (clash,) + clashes

    @staticmethod
    def _overruling(claim: str, label: str, clashes: tuple[SlotClash, ...],
                    spans: tuple[EvidenceSpan, ...], document: str,
                    explain: bool, close: bool) -> tuple[SlotClash, ...]:
        """The clashes that turn the trees' label into "contradicted": a number or date clash
        against "supported", else (when parses are allowed) the same statement from or about
        another person against any related label (``reasons.name_clash``), or, against
        "supported" from a ``close`` best sentence, a negation the parse finds on one side
        only; against "contradicted" the name clash only names the slot, where no cheap clash
        did."""
        hard = _hard(clashes)
        if label == "supported" and hard:
            return hard
        if label == "contradicted" and clashes:
            return ()
        if explain and label != "unrelated":
            swapped = name_clash(claim, [(s.start, s.text) for s in spans], document)
            if swapped is not None:
                return (swapped,)
        if explain and label == "supported" and spans and close:
            found = parsed_difference(claim, spans[0].text)
            if found is not None and found.slot == "polarity":
                return (SlotClash("polarity", found.a, found.b),)
        return ()


def _hard(clashes: tuple[SlotClash, ...]) -> tuple[SlotClash, ...]:
    """The clashes of normalised values (``HARD_SLOTS``: numbers and dates): the ones that
    overrule "supported"."""
    return tuple(c for c in clashes if c.slot in HARD_SLOTS)


def _restated(claim: str, row: np.ndarray, clashes: tuple[SlotClash, ...],
              spans: tuple[EvidenceSpan, ...], explain: bool) -> bool:
    """The trees say "contradicted" of a claim whose best evidence sentence says the same
    thing (MiniLM cosine ``RESTATED`` or more) while no slot differs between them and that
    sentence denies nothing. Such calls are the trees' own shortcut (their training edits are
    near copies of a sentence), and a reader could not be shown what disagrees: "jailed for
    life yesterday" against "jailed for life today", "Oxfordshire" against "Oxon"."""
    if clashes or not spans or float(row[FEATURES.index("emb_best")]) < RESTATED:
        return False
    if tx.cue_count(tx.words(spans[0].text), tx.REFUTE):
        return False
    return not explain or parsed_difference(claim, spans[0].text) is None


def _unsettled_value(clash: SlotClash) -> str:
    """What an "unverified" reason adds when the evidence gives another value. Not enough for
    a contradiction (on same-story sentences most such values measure something else: another
    person's age, another stage of a trial), but "unverified" alone would hide the number."""
    return (f"; it gives {clash.evidence_value} against the claim's {clash.claim_value}, "
            "perhaps of something else")


def _clashing_first(claim: str, slot: str,
                    spans: tuple[EvidenceSpan, ...]) -> tuple[EvidenceSpan, ...]:
    """The evidence with the sentence whose number or date contradicts the claim first, so
    the first sentence shown is the one the reason quotes."""
    clashing = [s for s in spans
                if any(c.slot == slot for c in slot_clashes(claim, [s.text]))]
    return tuple(clashing[:1]) + tuple(s for s in spans if s not in clashing[:1])


@functools.lru_cache(maxsize=2)
def default_verifier(backend: str = "auto", threads: int = 0) -> "TreeVerifier":
    """The packaged verifier, loaded once per process (as the other models are)."""
    return load_verifier(None, backend, threads)


def load_verifier(model: Path | None = None, backend: str = "auto",  # type: ignore[no-untyped-def]
                  threads: int = 0):
    """The trees at ``model`` (default: the packaged one), or an HF cross-encoder directory.

    ``backend`` and ``threads`` pick the cached sentence embedder, so the pipeline and its
    verifier share one loaded MiniLM instead of loading it twice.
    """
    path = model if model is not None else artifact.DEFAULT_MODEL
    if path.is_dir():
        from crosscheck.verify.hf import HFVerifier
        return HFVerifier(path)
    from crosscheck.nlp.embed import load_embedder
    return TreeVerifier.from_file(path, Featurizer(load_embedder(backend, threads)), threads)
