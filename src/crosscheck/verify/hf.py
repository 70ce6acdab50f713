"""A user's own Hugging Face NLI cross-encoder as the verifier (``--model DIRECTORY``).

BM25 picks the evidence sentences most about the claim; the cross-encoder reads each as premise
with the claim as hypothesis; the sentence it is most decided about gives the label. Too little
word overlap with every sentence means ``unrelated`` (NLI models have no such class).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from crosscheck.errors import ModelLoadError
from crosscheck.verify import text as tx
from crosscheck.verify.reasons import GENERIC_CONTRADICTION, contradiction_reason, other_reason
from crosscheck.verify.verifier import EvidenceSpan, Verification

TOP_SENTENCES = 3
RELATED_COVERAGE = 0.2  # least IDF-weighted share of claim words in the best sentences
_NAMES = {"entail": "supported", "contradict": "contradicted", "neutral": "unverified",
          "not_entail": "unverified", "non-entail": "unverified"}


def _map_labels(id2label: dict[int, str]) -> dict[int, str]:
    mapped = {}
    for index, name in id2label.items():
        key = name.lower().replace(" ", "_")
        # "not_entailment" contains "entail": look for the negated forms first.
        hits = [v for k, v in sorted(_NAMES.items(), key=lambda kv: -len(kv[0])) if k in key]
        if not hits:
            raise ModelLoadError(f"model label {name!r} is not entailment/neutral/contradiction; "
                                 "set id2label in the model's config.json")
        mapped[int(index)] = hits[0]
    return mapped


class HFVerifier:
    def __init__(self, directory: Path) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                str(directory), local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelLoadError(f"{directory}: not a Hugging Face sequence-classification "
                                 f"model directory ({exc})") from exc
        self.model.eval()
        self.labels = _map_labels(dict(self.model.config.id2label))

    def _probabilities(self, premises: list[str], hypothesis: str) -> np.ndarray:
        import torch

        batch = self.tokenizer(premises, [hypothesis] * len(premises), truncation=True,
                               max_length=256, padding=True, return_tensors="pt")
        with torch.no_grad():
            logits = self.model(**batch).logits
        return torch.softmax(logits, dim=-1).numpy()

    def verify(self, claim: str, evidence: str, explain: bool = True) -> Verification:
        sentences = tx.split_sentences(evidence) or (tx.Span(0, len(evidence), evidence),)
        scores = tx.bm25(tx.terms(claim), [tx.terms(s.text) for s in sentences])
        top = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:TOP_SENTENCES]
        chosen = [sentences[i] for i in top]
        coverage = max(tx.weighted_coverage(tx.terms(claim), set(tx.terms(s.text)))
                       for s in chosen)
        spans = tuple(EvidenceSpan(s.text, s.start, s.end) for s in chosen[:2])
        if coverage < RELATED_COVERAGE:
            return Verification("unrelated", 1.0 - coverage, (),
                                other_reason("unrelated", coverage, 0.0))
        probs = self._probabilities([s.text for s in chosen], claim)
        decided = [max(p[i] for i, lab in self.labels.items() if lab != "unverified")
                   for p in probs]
        row = int(np.argmax(decided))
        column = int(np.argmax(probs[row]))
        label = self.labels[column]
        best = chosen[row]
        if label != "contradicted":
            reason = other_reason(label, coverage, 0.0)
        elif explain:  # the parse that names the slot is the costly part of a reason
            reason = contradiction_reason(claim, best.text, ())
        else:
            reason = GENERIC_CONTRADICTION
        return Verification(label, float(probs[row][column]), spans, reason)

    def remember(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Sentence embeddings are no use to a cross-encoder: nothing to keep."""

    def verify_many(self, pairs: Sequence[tuple[str, str]], explain: bool = True,
                    cross_encoder: bool = True) -> list[Verification]:
        # The cross-encoder already reads each pair's sentences as one batch; it is the whole
        # model, so ``cross_encoder`` (skip the trained one, for speed) changes nothing here.
        return [self.verify(c, e, explain) for c, e in pairs]
