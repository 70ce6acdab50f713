"""What a MiniLM NLI cross-encoder fine-tuned on this 2-core CPU would add to the verifier.

    .venv/bin/python bench/nli_cross_encoder.py [--data ../shared/data] [--pairs 40000]
        [--frozen 3] [--weights PATH] [--limit N]

The issue names two verifier designs: boosted trees over retrieval and slot features (what
ships) and a MiniLM cross-encoder fine-tuned on CPU from the packaged MiniLM weights. This
bench measures the second before anyone builds it into the product: it fine-tunes the packaged
all-MiniLM-L6-v2 as a 3-way NLI classifier (mean pooling, a linear head; the embeddings and
the lowest ``--frozen`` layers kept as they are, so each step back-propagates through the top
layers only) on a seeded sample of ``nli/pairs.jsonl`` (claim/evidence-like sets in full,
template sets thinned), then reads it the way a verifier would:

- NLI accuracy on 1,500 MNLI/FEVER/ANLI pairs held back from that sample;
- SummEdits: each summary sentence against its 3 nearest document sentences (MiniLM cosine) one
  by one and joined; a summary's entailment score is its worst sentence's best premise
  (SummaC-style), its contradiction score the highest. ROC AUC for consistent vs inconsistent on
  the held-out part and on the training part, and the balanced accuracy on the held-out part at
  the threshold that is best on the training part;
- FNC-1 held-out, related pairs: AUC of the contradiction score for "disagree" against
  "agree"/"discuss".

It trains for about 27 minutes at 40,000 pairs (about 25 pairs/s on two threads) and reads the
dev sets for about 10 more. ``--weights`` saves the trained layers there, or loads them when
the file exists (then nothing is trained); ``--limit`` reads only the first N pairs of each
evaluated part (a quick run). Nothing here is written into the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from crosscheck.nlp import embed  # noqa: E402
from crosscheck.verify import data  # noqa: E402
from crosscheck.verify import text as tx  # noqa: E402

SEED = 13
MAX_LENGTH = 128
BATCH = 32
DEV_PAIRS = 1500
# Share of each source kept in the training sample: claim/evidence-like sets in full, the
# template-generated ones (IMPPRES, ConjNLI, MED) and the image-caption ones (SNLI) thinned.
WEIGHT = {"mnli": 1.0, "fever_nli": 1.0, "anli": 1.0, "climate_fever": 1.0, "covid_fact": 1.0,
          "healthver": 1.0, "vitaminc": 1.0, "rte_glue": 1.0, "rte1": 1.0, "rte2": 1.0,
          "rte3": 1.0, "fever_symmetric": 1.0, "breaking_nli": 0.6, "cad_snli": 0.5,
          "snli": 0.3, "sick": 0.4, "conjnli": 0.2, "imppres": 0.1, "med": 0.3}
CONTRADICTION, ENTAILMENT, NEUTRAL, NOT_ENTAILMENT = range(4)
LABEL = {"contradiction": CONTRADICTION, "entailment": ENTAILMENT, "neutral": NEUTRAL,
         "not_entailment": NOT_ENTAILMENT}


def build_model():  # type: ignore[no-untyped-def]
    import torch
    from transformers import BertModel

    class CrossEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel.from_pretrained(str(embed._packaged_fp32_dir()),
                                                  add_pooling_layer=False)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, 3)

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).float()
            return self.head((hidden * mask).sum(1) / mask.sum(1))

    return CrossEncoder()


def sample(root: Path) -> tuple[list[dict], list[dict]]:
    """(training pairs, held-back dev pairs): a seeded, source-weighted sample of nli/."""
    rng = random.Random(SEED)
    rows = data.read_jsonl(root / "nli" / "pairs.jsonl")
    kept = [r for r in rows if rng.random() < WEIGHT.get(r["dataset"], 0.3)]
    rng.shuffle(kept)
    dev = [r for r in kept if r["dataset"] in ("mnli", "fever_nli", "anli")][-DEV_PAIRS:]
    held = {r["id"] for r in dev}
    return [r for r in kept if r["id"] not in held], dev


def nli_loss(logits, labels):  # type: ignore[no-untyped-def]
    """Cross-entropy; a two-way "not_entailment" pair is right for anything but entailment."""
    import torch

    logp = torch.log_softmax(logits, -1)
    three = labels < NOT_ENTAILMENT
    loss = torch.zeros((), dtype=logits.dtype)
    if three.any():
        loss = loss + torch.nn.functional.nll_loss(logp[three], labels[three], reduction="sum")
    if (~three).any():
        p_entail = logp[~three, ENTAILMENT].exp().clamp(max=1 - 1e-6)
        loss = loss - torch.log1p(-p_entail).sum()
    return loss / len(labels)


def train(model, tokenizer, pairs: list[dict], frozen: int) -> float:  # type: ignore[no-untyped-def]
    import torch

    for name, param in model.named_parameters():
        if name.startswith("bert.embeddings") or any(
                name.startswith(f"bert.encoder.layer.{i}.") for i in range(frozen)):
            param.requires_grad = False
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=5e-5, weight_decay=0.01)
    batches = _length_bucketed(pairs, random.Random(SEED))
    warm = max(1, len(batches) // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (len(batches) - s) / len(batches)))
    model.train()
    start = time.perf_counter()
    for step, batch in enumerate(batches):
        loss = nli_loss(model(**_encode(tokenizer, [r["premise"] for r in batch],
                                        [r["hypothesis"] for r in batch])),
                        torch.tensor([LABEL[r["label"]] for r in batch]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 200 == 0:
            print(f"  step {step}/{len(batches)}, loss {loss.item():.3f}", flush=True)
    model.eval()
    return time.perf_counter() - start


def _length_bucketed(pairs: list[dict], rng: random.Random) -> list[list[dict]]:
    # Pairs of like length share a batch (less padding); chunks of 50 batches keep it local.
    batches = []
    for s in range(0, len(pairs), BATCH * 50):
        chunk = sorted(pairs[s:s + BATCH * 50],
                       key=lambda r: len(r["premise"]) + len(r["hypothesis"]))
        batches += [chunk[i:i + BATCH] for i in range(0, len(chunk), BATCH)]
    rng.shuffle(batches)
    return batches


def _encode(tokenizer, premises: Sequence[str], hypotheses: Sequence[str]):  # type: ignore[no-untyped-def]
    return tokenizer(list(premises), list(hypotheses), truncation="only_first",
                     max_length=MAX_LENGTH, padding=True, return_tensors="pt")


def probabilities(model, tokenizer, premises: list[str], hypotheses: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    import torch

    out = []
    with torch.no_grad():
        for i in range(0, len(premises), 64):
            batch = _encode(tokenizer, premises[i:i + 64], hypotheses[i:i + 64])
            out.append(torch.softmax(model(**batch), -1).numpy())
    return np.vstack(out) if out else np.zeros((0, 3))


def nli_accuracy(model, tokenizer, dev: list[dict]) -> float:  # type: ignore[no-untyped-def]
    probs = probabilities(model, tokenizer, [r["premise"] for r in dev],
                          [r["hypothesis"] for r in dev])
    right = [int(p.argmax()) == LABEL[r["label"]] if LABEL[r["label"]] != NOT_ENTAILMENT
             else int(p.argmax()) != ENTAILMENT for p, r in zip(probs, dev)]
    return sum(right) / len(right)


def claim_scores(model, tokenizer, encode, claim: str, document: str,  # type: ignore[no-untyped-def]
                 k: int = 3) -> tuple[float, float]:
    """(entailment of the claim's worst-supported sentence, highest contradiction)."""
    claims = [s.text for s in tx.split_sentences(claim)] or [claim]
    sentences = [s.text for s in tx.split_sentences(document)] or [document]
    vectors = encode(claims + sentences)
    claim_vecs, doc_vecs = vectors[:len(claims)], vectors[len(claims):]
    premises, hypotheses, owner = [], [], []
    for i, sentence in enumerate(claims):
        top = np.argsort(-(doc_vecs @ claim_vecs[i]))[:k]
        chosen = [sentences[j] for j in top] + [" ".join(sentences[j] for j in sorted(top))]
        premises += chosen
        hypotheses += [sentence] * len(chosen)
        owner += [i] * len(chosen)
    probs, owners = probabilities(model, tokenizer, premises, hypotheses), np.array(owner)
    entail = min(float(probs[owners == i, ENTAILMENT].max()) for i in range(len(claims)))
    return entail, float(probs[:, CONTRADICTION].max())


def _memoised(encode):  # type: ignore[no-untyped-def]
    """``encode`` with each text embedded once: many claims share one evidence document."""
    vectors: dict[str, np.ndarray] = {}

    def cached(texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in vectors]
        if missing:
            vectors.update(zip(missing, encode(missing)))
        return np.stack([vectors[t] for t in texts])

    return cached


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([1] * len(positive) + [0] * len(negative),
                               list(positive) + list(negative)))


def balanced_accuracy(positive: Sequence[float], negative: Sequence[float], cut: float) -> float:
    return 0.5 * (float(np.mean(np.asarray(positive) >= cut))
                  + float(np.mean(np.asarray(negative) < cut)))


def summedits(model, tokenizer, encode, root: Path,  # type: ignore[no-untyped-def]
              limit: int | None) -> list[tuple[str, str]]:
    dev = data.load_dev_set(root, "summedits")
    parts = {part: pairs[:limit] for part, pairs
             in zip(("training part", "held out"), data.split(dev))}
    scored = {}
    for part, pairs in parts.items():
        scores = [claim_scores(model, tokenizer, encode, p.claim, dev.documents[p.evidence_id])
                  for p in pairs]
        consistent = [p.label == "supported" for p in pairs]
        scored[part] = ([s for s, c in zip(scores, consistent) if c],
                        [s for s, c in zip(scores, consistent) if not c])
    rows = []
    for part, (pos, neg) in scored.items():
        rows.append((f"SummEdits {part}: AUC entailment",
                     f"{auc([s[0] for s in pos], [s[0] for s in neg]):.3f}"))
        rows.append((f"SummEdits {part}: AUC 1 - contradiction",
                     f"{auc([-s[1] for s in pos], [-s[1] for s in neg]):.3f}"))
    pos, neg = ([s[0] for s in group] for group in scored["training part"])
    cut = max(sorted(set(pos + neg)), key=lambda t: balanced_accuracy(pos, neg, t))
    pos, neg = ([s[0] for s in group] for group in scored["held out"])
    rows.append((f"SummEdits held out: balanced accuracy (cut {cut:.3f} from the training part)",
                 f"{balanced_accuracy(pos, neg, cut):.3f}"))
    return rows


def fnc_disagree(model, tokenizer, encode, root: Path,  # type: ignore[no-untyped-def]
                 limit: int | None) -> list[tuple[str, str]]:
    dev = data.load_dev_set(root, "fnc1")
    related = [p for p in data.split(dev)[1] if p.label != "unrelated"][:limit]
    contra = [claim_scores(model, tokenizer, encode, p.claim, dev.documents[p.evidence_id])[1]
              for p in related]
    disagree = [c for c, p in zip(contra, related) if p.label == "contradicted"]
    others = [c for c, p in zip(contra, related) if p.label != "contradicted"]
    return [(f"FNC-1 held out, {len(related)} related pairs: AUC contradiction, disagree vs "
             "agree/discuss", f"{auc(disagree, others):.3f}")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--pairs", type=int, default=40_000)
    parser.add_argument("--frozen", type=int, default=3, help="lowest layers kept frozen")
    parser.add_argument("--weights", type=Path, help="save the trained layers here, or load")
    parser.add_argument("--limit", type=int, help="pairs read per evaluated part (quick run)")
    args = parser.parse_args()
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    tokenizer = AutoTokenizer.from_pretrained(str(embed._packaged_fp32_dir()))
    model = build_model()
    train_pairs, dev = sample(args.data)
    rows = []
    if args.weights and args.weights.exists():
        model.load_state_dict(torch.load(args.weights), strict=False)
        model.eval()
    else:
        seconds = train(model, tokenizer, train_pairs[:args.pairs], args.frozen)
        rows.append((f"training: {args.pairs} pairs, {args.frozen} layers frozen, seconds",
                     f"{seconds:.0f}"))
        if args.weights:
            torch.save({n: p.detach() for n, p in model.named_parameters() if p.requires_grad},
                       args.weights)
    rows.append((f"NLI accuracy, {len(dev)} held-back MNLI/FEVER/ANLI pairs",
                 f"{nli_accuracy(model, tokenizer, dev):.3f}"))
    encode = _memoised(embed.load_embedder("onnx", threads=2).encode)
    rows += summedits(model, tokenizer, encode, args.data, args.limit)
    rows += fnc_disagree(model, tokenizer, encode, args.data, args.limit)
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    print(json.dumps(dict(rows)))


if __name__ == "__main__":
    main()
