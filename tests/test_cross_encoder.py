"""The NLI cross-encoder: the shipped model, its checks, and a tiny training run with
its export."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from crosscheck.nlp.embed import _packaged_fp32_dir
from crosscheck.verify import cross_encoder as ce
from crosscheck.verify import nli_data, nli_onnx, train_nli
from crosscheck.verify.nli_onnx import OnnxNliScorer


FACTS = [("The bridge opened in 1998.", "The bridge opened in 1998.", 1),
         ("The bridge opened in 1998.", "The bridge opened in 2004.", 0),
         ("The bridge opened in 1998.", "The bridge is painted red.", 2),
         ("Talks ended without a deal.", "No deal was reached.", 3)]


@pytest.fixture(scope="module")
def scorer() -> OnnxNliScorer:
    return nli_onnx.load_scorer(threads=2)


def test_shipped_model_reads_entailment_contradiction_and_neutral(scorer: OnnxNliScorer) -> None:
    premise = ("The minister resigned on Monday after the audit found missing funds. "
               "Her deputy will lead the ministry until the election.")
    hypotheses = ["The minister resigned after an audit.",
                  "The minister refused to resign after the audit.",
                  "The minister's deputy is a former banker."]
    probs = scorer.probabilities([premise] * 3, hypotheses)
    assert probs.shape == (3, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    assert probs.argmax(axis=1).tolist() == [ce.ENTAILMENT, ce.CONTRADICTION, ce.NEUTRAL]


def test_batch_order_and_size_do_not_change_the_scores(scorer: OnnxNliScorer) -> None:
    premises = ["A short one.", "A much longer premise about the vote, which passed 52 to 48 "
                "after a night of debate in the chamber.", "The vote failed."]
    hypotheses = ["It is short.", "The vote passed.", "The vote passed."]
    together = scorer.probabilities(premises, hypotheses)
    alone = np.vstack([scorer.probabilities([p], [h]) for p, h in zip(premises, hypotheses)])
    np.testing.assert_allclose(together, alone, atol=1e-4)


def test_a_claim_longer_than_the_window_is_cut_not_refused(scorer: OnnxNliScorer) -> None:
    probs = scorer.probabilities(["The vote passed."], ["The vote passed. " * 200])
    assert probs.shape == (1, 3)


def test_altered_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / nli_onnx.DEFAULT_ONNX.name
    shutil.copy(nli_onnx.DEFAULT_ONNX, copy)
    shutil.copy(nli_onnx.DEFAULT_ONNX.with_name(nli_onnx.DEFAULT_ONNX.name + ".sha256"),
                copy.with_name(copy.name + ".sha256"))
    data = bytearray(copy.read_bytes())
    data[-100] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(ce.CrossEncoderError, match="does not match"):
        nli_onnx.load_scorer(copy)
    with pytest.raises(ce.CrossEncoderError, match="not found"):
        nli_onnx.load_scorer(tmp_path / "missing.onnx")


def _write_rows(path: Path, rows: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for r in rows:
            handle.write(json.dumps(r) + "\n")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """A two-step training run on a dozen rows: weights, out-of-fold file and report."""
    rows = tmp_path_factory.mktemp("rows")
    _write_rows(rows / "nli.jsonl.gz", [{"p": p, "h": h, "y": y, "dataset": "mnli",
                                         **({"dev": True} if i == 0 else {})}
                                        for i, (p, h, y) in enumerate(FACTS * 3)])
    dev = []
    for i, (p, h, y) in enumerate(FACTS[:3] * 4):
        dev.append({"key": nli_data.pair_key(p, h), "p": p, "h": h, "y": y,
                    "label": ["contradicted", "supported", "unverified"][y], "gold": "",
                    "group": f"doc{i % 4}", "source": "summedits", "part": "train" if i < 8
                    else "held", "domain": "news"})
    _write_rows(rows / "dev.jsonl.gz", dev)
    out = tmp_path_factory.mktemp("out")
    train_nli.main(["--rows", str(rows), "--base", str(_packaged_fp32_dir()), "--out", str(out),
                    "--device", "cpu", "--batch", "4", "--nli-epochs", "1", "--dev-epochs", "1",
                    "--folds", "2"])
    return out, dev


def test_training_writes_weights_scores_and_report(trained: tuple[Path, list[dict]]) -> None:
    out, dev = trained
    model = ce.load(out / "nli-minilm.safetensors", _packaged_fp32_dir())
    assert not model.training
    with np.load(out / "nli-minilm-oof.npz") as z:
        assert sorted(z["keys"]) == sorted(r["key"] for r in dev if r["part"] == "train")
        np.testing.assert_allclose(z["probabilities"].astype(np.float32).sum(axis=1), 1.0,
                                   atol=1e-2)
    assert "SummEdits held out" in (out / "nli-minilm-report.md").read_text()


def test_onnx_export_computes_what_the_trained_weights_do(trained: tuple[Path, list[dict]],
                                                     tmp_path: Path) -> None:
    import torch

    out, _ = trained
    base = _packaged_fp32_dir()
    onnx_file = tmp_path / "model.onnx"
    nli_onnx.export(out / "nli-minilm.safetensors", onnx_file, base)
    exported = nli_onnx.OnnxNliScorer(onnx_file, base, threads=2)
    model = ce.load(out / "nli-minilm.safetensors", base)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    premises = [p for p, _, _ in FACTS]
    hypotheses = [h for _, h, _ in FACTS]
    with torch.inference_mode():
        expected = torch.softmax(model(**ce.encode_pairs(tokenizer, premises, hypotheses)),
                                 -1).numpy()
    np.testing.assert_allclose(exported.probabilities(premises, hypotheses), expected, atol=1e-4)


def test_weights_made_for_another_base_are_refused(trained: tuple[Path, list[dict]],
                                                   tmp_path: Path) -> None:
    from safetensors.torch import load_file, save_file

    out, _ = trained
    other = tmp_path / "other.safetensors"
    save_file(load_file(str(out / "nli-minilm.safetensors")), str(other),
              metadata={"base_table": "0123456789abcdef"})
    with pytest.raises(ce.CrossEncoderError, match="other base weights"):
        ce.load(other, _packaged_fp32_dir(), check_sha=False)
    with pytest.raises(ce.CrossEncoderError, match=r"\.sha256 is missing"):
        ce.load(other, _packaged_fp32_dir())


def test_nli_rows_thin_template_sets_and_hold_some_back(tmp_path: Path) -> None:
    (tmp_path / "nli").mkdir()
    rows = [{"id": f"{name}-{i}", "premise": "p", "hypothesis": "h", "label": "entailment",
             "dataset": name, "split": "dev", "orig_label": "e"}
            for name in ("mnli", "imppres") for i in range(400)]
    (tmp_path / "nli" / "pairs.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    out = nli_data.nli_rows(tmp_path)
    assert sum(r["dataset"] == "mnli" for r in out) == 400
    assert sum(r["dataset"] == "imppres" for r in out) < 120
    assert {r["dataset"] for r in out if r.get("dev")} == {"mnli"}
    assert out == nli_data.nli_rows(tmp_path)  # seeded
