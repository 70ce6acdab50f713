"""Train the NLI cross-encoder (``cross_encoder.py``) on rows from ``nli_data.py``.

    python -m crosscheck.verify.train_nli --rows DIR --base DIR --out DIR [--device cuda]

Two stages, seeded:
1. the public NLI pairs (``nli.jsonl.gz``), ``--nli-epochs`` passes;
2. the verifier's own training rows (``dev.jsonl.gz``, part "train") with as many NLI rows
   mixed in (so the stance of news claims does not wash out what entailment is). Stage 2 runs
   once per fold of the rows' groups (documents, topics), each time from the stage-1 weights,
   to score the fold it left out: those out-of-fold probabilities are what the verifier's trees
   learn from, so they learn how far to trust the cross-encoder on documents it never saw.
   A last run on every fold gives the shipped weights, which then score the held-out rows.

Writes ``nli-minilm.safetensors`` (+ ``.sha256``), ``nli-minilm-oof.npz`` (keys and float16
probabilities) and ``nli-minilm-report.md``; ``nli_onnx.export`` makes the shipped model of
the first. Imports only torch, transformers, safetensors, numpy and ``cross_encoder``, so it
runs on a bare GPU machine: 493 s on one H100 (the committed report); on a 2-core CPU it would
take days.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from crosscheck.verify import cross_encoder as ce  # noqa: E402

NOT_ENTAILMENT = 3


def read_rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def fold_of(group: str, folds: int) -> int:
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % folds


def nli_loss(logits, labels):  # type: ignore[no-untyped-def]
    """Cross-entropy; a two-way "not_entailment" row is right for anything but entailment."""
    import torch

    logp = torch.log_softmax(logits.float(), -1)
    three = labels < NOT_ENTAILMENT
    loss = logits.new_zeros((), dtype=torch.float32)
    if three.any():
        loss = loss + torch.nn.functional.nll_loss(logp[three], labels[three], reduction="sum")
    if (~three).any():
        p_entail = logp[~three, ce.ENTAILMENT].exp().clamp(max=1 - 1e-6)
        loss = loss - torch.log1p(-p_entail).sum()
    return loss / len(labels)


def batches(rows: Sequence[dict], size: int, rng: random.Random) -> list[list[dict]]:
    # Rows of like length share a batch (less padding); chunks of 50 batches keep it random.
    rows = list(rows)
    rng.shuffle(rows)
    out = []
    for s in range(0, len(rows), size * 50):
        chunk = sorted(rows[s:s + size * 50], key=lambda r: len(r["p"]) + len(r["h"]))
        out += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


class Trainer:
    def __init__(self, args: argparse.Namespace) -> None:
        import torch
        from transformers import AutoTokenizer

        self.args = args
        self.device = torch.device(args.device)
        self.tokenizer = AutoTokenizer.from_pretrained(str(args.base), local_files_only=True)
        self.log_lines: list[str] = []

    def log(self, line: str) -> None:
        print(line, flush=True)
        self.log_lines.append(line)

    def fresh(self):  # type: ignore[no-untyped-def]
        import torch

        torch.manual_seed(self.args.seed)
        return ce.base_model(self.args.base).to(self.device)

    def fit(self, model, rows: Sequence[dict], epochs: int, lr: float, tag: str):  # type: ignore[no-untyped-def]
        import torch

        rng = random.Random(f"{self.args.seed}:{tag}")
        plan = [b for _ in range(epochs) for b in batches(rows, self.args.batch, rng)]
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
        warm = max(1, len(plan) // 20)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (len(plan) - s) / len(plan)))
        model.train()
        start = time.perf_counter()
        for step, batch in enumerate(plan):
            inputs = ce.encode_pairs(self.tokenizer, [r["p"] for r in batch],
                                     [r["h"] for r in batch]).to(self.device)
            labels = torch.tensor([r["y"] for r in batch], device=self.device)
            with torch.autocast(self.device.type, dtype=torch.bfloat16,
                                enabled=self.device.type == "cuda"):
                logits = model(**inputs)
            loss = nli_loss(logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            if step % 500 == 0:
                self.log(f"  {tag}: step {step}/{len(plan)}, loss {loss.item():.3f}, "
                         f"{time.perf_counter() - start:.0f} s")
        model.eval()
        self.log(f"{tag}: {len(rows)} rows x {epochs} epochs, {len(plan)} steps, "
                 f"{time.perf_counter() - start:.0f} s")
        return model

    def predict(self, model, rows: Sequence[dict]) -> np.ndarray:  # type: ignore[no-untyped-def]
        import torch

        out = np.zeros((len(rows), len(ce.CLASSES)), dtype=np.float32)
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]["p"]) + len(rows[i]["h"]))
        with torch.inference_mode():
            for lo in range(0, len(order), 256):
                idx = order[lo:lo + 256]
                inputs = ce.encode_pairs(self.tokenizer, [rows[i]["p"] for i in idx],
                                         [rows[i]["h"] for i in idx]).to(self.device)
                out[idx] = torch.softmax(model(**inputs).float(), -1).cpu().numpy()
        return out


def nli_accuracy(probs: np.ndarray, rows: Sequence[dict]) -> float:
    right = [int(p.argmax()) == r["y"] if r["y"] != NOT_ENTAILMENT
             else int(p.argmax()) != ce.ENTAILMENT for p, r in zip(probs, rows)]
    return sum(right) / max(1, len(right))


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    pos, neg = np.asarray(positive), np.asarray(negative)
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).mean()
    ties = (pos[:, None] == neg[None, :]).mean()
    return float(greater + 0.5 * ties)


def balanced_accuracy(positive: np.ndarray, negative: np.ndarray, cut: float) -> float:
    return 0.5 * (float(np.mean(positive >= cut)) + float(np.mean(negative < cut)))


def summedits_scores(rows: Sequence[dict], probs: np.ndarray, cut: float | None
                     ) -> tuple[dict[str, float], float]:
    """AUC of P(entailment), consistent vs not, and balanced accuracy at ``cut`` (None: the
    cut best on these rows, returned)."""
    sel = [i for i, r in enumerate(rows) if r["source"] == "summedits"]
    pos = np.array([probs[i, ce.ENTAILMENT] for i in sel if rows[i]["label"] == "supported"])
    neg = np.array([probs[i, ce.ENTAILMENT] for i in sel if rows[i]["label"] != "supported"])
    if cut is None:
        cut = max(sorted(set(pos.tolist() + neg.tolist())),
                  key=lambda t: balanced_accuracy(pos, neg, t))
    return {"auc": auc(pos, neg), "balanced": balanced_accuracy(pos, neg, cut)}, cut


def disagree_auc(rows: Sequence[dict], probs: np.ndarray) -> float:
    sel = [i for i, r in enumerate(rows) if r["source"] == "fnc1" and r["label"] != "unrelated"]
    return auc([probs[i, ce.CONTRADICTION] for i in sel if rows[i]["label"] == "contradicted"],
               [probs[i, ce.CONTRADICTION] for i in sel if rows[i]["label"] != "contradicted"])


def main(argv: Sequence[str] | None = None) -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=Path, required=True, help="nli_data.write's folder")
    parser.add_argument("--base", type=Path, required=True, help="MiniLM base model folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--nli-epochs", type=int, default=3)
    parser.add_argument("--dev-epochs", type=int, default=3)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--dev-lr", type=float, default=3e-5)
    parser.add_argument("--limit", type=int, help="rows per set (a quick check of the code)")
    args = parser.parse_args(argv)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    start = time.perf_counter()
    t = Trainer(args)
    nli = read_rows(args.rows / "nli.jsonl.gz")[:args.limit]
    dev = read_rows(args.rows / "dev.jsonl.gz")
    if args.limit:
        dev = random.Random(args.seed).sample(dev, min(args.limit, len(dev)))
    nli_train = [r for r in nli if not r.get("dev")]
    nli_dev = [r for r in nli if r.get("dev")]
    train_rows = [r for r in dev if r["part"] == "train"]
    held_rows = [r for r in dev if r["part"] == "held"]
    mix = random.Random(f"{args.seed}:mix").sample(nli_train, min(len(nli_train), len(train_rows)))

    stage1 = t.fit(t.fresh(), nli_train, args.nli_epochs, args.lr, "nli")
    t.log(f"NLI accuracy after stage 1 ({len(nli_dev)} held-back pairs): "
          f"{nli_accuracy(t.predict(stage1, nli_dev), nli_dev):.3f}")
    t.log("stage 1 held out: SummEdits (balanced accuracy at the cut best on these rows, an "
          f"upper bound) {summedits_scores(held_rows, t.predict(stage1, held_rows), None)[0]}")
    first = {k: v.detach().clone() for k, v in stage1.state_dict().items()}

    oof = np.zeros((len(train_rows), len(ce.CLASSES)), dtype=np.float32)
    folds = np.array([fold_of(r["group"], args.folds) for r in train_rows])
    for k in range(args.folds):
        stage1.load_state_dict(first)
        fitted = t.fit(stage1, [r for r, f in zip(train_rows, folds) if f != k] + mix,
                       args.dev_epochs, args.dev_lr, f"fold {k}")
        left_out = np.flatnonzero(folds == k)
        oof[left_out] = t.predict(fitted, [train_rows[i] for i in left_out])
    stage1.load_state_dict(first)
    final = t.fit(stage1, train_rows + mix, args.dev_epochs, args.dev_lr, "final")

    oof_scores, cut = summedits_scores(train_rows, oof, None)
    held = t.predict(final, held_rows)
    held_scores, _ = summedits_scores(held_rows, held, cut)
    t.log(f"SummEdits training part, out of fold: {oof_scores}, cut {cut:.3f}")
    t.log(f"SummEdits held out: {held_scores}")
    t.log(f"FNC-1 disagree AUC (contradiction): out of fold {disagree_auc(train_rows, oof):.3f}, "
          f"held out {disagree_auc(held_rows, held):.3f}")
    t.log(f"NLI accuracy, final ({len(nli_dev)} held-back pairs): "
          f"{nli_accuracy(t.predict(final, nli_dev), nli_dev):.3f}")
    args.out.mkdir(parents=True, exist_ok=True)
    digest = ce.save(final.cpu(), args.out / "nli-minilm.safetensors",
                     {"seed": str(args.seed), "rows": hashlib.sha256(
                         (args.rows / "dev.jsonl.gz").read_bytes()).hexdigest()[:16]})
    np.savez_compressed(args.out / "nli-minilm-oof.npz",
                        keys=np.array([r["key"] for r in train_rows]),
                        probabilities=oof.astype(np.float16))
    t.log(f"wrote nli-minilm.safetensors (sha256 {digest}) in {time.perf_counter() - start:.0f} s "
          f"on {args.device} ({torch.cuda.get_device_name() if args.device == 'cuda' else 'CPU'})")
    _report(args, t.log_lines)


def _report(args: argparse.Namespace, lines: list[str]) -> None:
    settings = {k: str(v) for k, v in vars(args).items() if k not in ("rows", "base", "out")}
    text = ["# NLI cross-encoder training report", "",
            "Rebuild: `make nli-model` (rows from `nli_data.py`, then `train_nli.py`).", "",
            f"Settings: {json.dumps(settings)}", "", "```", *lines, "```", ""]
    (args.out / "nli-minilm-report.md").write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    main()
