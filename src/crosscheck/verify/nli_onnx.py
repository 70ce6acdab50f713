"""The NLI cross-encoder as ONNX: what the verifier runs.

``export`` turns the trained weights (``cross_encoder.py``, float16) into an ONNX graph that
stores them as float16 and runs in float32, without the word-piece table: the graph takes the
table's rows as input, and ``OnnxNliScorer`` looks them up in the packaged MiniLM weights
(rounded to float16, as in training). So the shipped file is 22 MB, it computes what the
trained model computes (to 1e-6), and verifying imports neither torch nor transformers: a cold
``crosscheck compare`` pays only for onnxruntime, which the sentence encoder loads anyway.

Not int8: onnxruntime's dynamic quantization (per channel) ran 1.5x faster but moved the
probabilities by 0.017 on average (0.16 at most; 1.3% of labels flipped), and the verifier's
trees, trained on the float model's scores, lost 0.02-0.04 on every held-out set with it.
"""
from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from crosscheck.verify.cross_encoder import CLASSES, MAX_LENGTH, CrossEncoderError, check_sha256

DEFAULT_ONNX = Path(__file__).resolve().parent / "models" / "nli-minilm.onnx"
BATCH = 4
TABLE_KEYS = ("embeddings.word_embeddings.weight", "bert.embeddings.word_embeddings.weight")


def export(weights: Path, out: Path, base_dir: Path) -> str:
    """Write the ONNX graph of the trained weights (stored as float16) and ``out.sha256``;
    returns the sha256."""
    import onnx
    import torch
    from onnx import numpy_helper

    from crosscheck.verify import cross_encoder as ce

    model = ce.load(weights, base_dir, attention="eager")

    class FromRows(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, rows, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.inner.bert(inputs_embeds=rows, attention_mask=attention_mask,
                                     token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return self.inner.head((hidden * mask).sum(1) / mask.sum(1))

    rows = torch.zeros((2, 8, model.bert.config.hidden_size))
    ids = torch.ones((2, 8), dtype=torch.long)
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain.onnx"
        torch.onnx.export(FromRows().eval(), (rows, ids, ids), str(plain), dynamo=False,
                          input_names=["rows", "attention_mask", "token_type_ids"],
                          output_names=["logits"], opset_version=17,
                          dynamic_axes={"rows": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"},
                                        "token_type_ids": {0: "batch", 1: "tokens"},
                                        "logits": {0: "batch"}})
        graph = onnx.load(str(plain))
    for tensor in graph.graph.initializer:
        if tensor.data_type == onnx.TensorProto.FLOAT:
            tensor.CopyFrom(numpy_helper.from_array(
                numpy_helper.to_array(tensor).astype(np.float16), tensor.name))
    out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(graph, str(out))
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    out.with_name(out.name + ".sha256").write_text(f"{digest}  {out.name}\n", encoding="utf-8")
    return digest


def _float32_graph(model_file: Path) -> bytes:
    """The stored graph with its float16 weights widened: float32 runs fastest on a CPU."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(model_file))
    for tensor in graph.graph.initializer:
        if tensor.data_type == onnx.TensorProto.FLOAT16:
            tensor.CopyFrom(numpy_helper.from_array(
                numpy_helper.to_array(tensor).astype(np.float32), tensor.name))
    return graph.SerializeToString()


def word_table(base_dir: Path) -> np.ndarray:
    """The packaged MiniLM's word-piece table at the float16 precision training froze it at."""
    from safetensors import safe_open

    with safe_open(str(base_dir / "model.safetensors"), "np") as handle:
        key = next((k for k in TABLE_KEYS if k in handle.keys()), None)
        if key is None:
            raise CrossEncoderError(f"{base_dir}/model.safetensors has no word-piece table")
        return handle.get_tensor(key).astype(np.float16).astype(np.float32)


class OnnxNliScorer:
    """Batched P(contradiction, entailment, neutral) for (premise, hypothesis) pairs."""

    def __init__(self, model_file: Path, base_dir: Path, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        check_sha256(model_file)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(_float32_graph(model_file), options,
                                            providers=["CPUExecutionProvider"])
        self.table = word_table(base_dir)
        self.tokenizer = Tokenizer.from_file(str(base_dir / "tokenizer.json"))
        # The premise is cut first; a claim longer than the whole window is cut too (training
        # cut only premises: no training claim came near the window).
        self.tokenizer.enable_truncation(MAX_LENGTH, strategy="longest_first")
        self.tokenizer.enable_padding()

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """Pairs of like length in small batches: measured fastest on 2 cores (FNC-1 pairs of
        ~80 word pieces: 40 pairs/s in fours, 35 in eights, 22 one by one). The padding
        changes a pair's probabilities by 1e-7 at most, far below the 4 decimals reported."""
        if len(premises) != len(hypotheses):
            raise ValueError(f"{len(premises)} premises but {len(hypotheses)} hypotheses")
        out = np.zeros((len(premises), len(CLASSES)), dtype=np.float32)
        order = sorted(range(len(premises)), key=lambda i: len(premises[i]) + len(hypotheses[i]))
        for lo in range(0, len(order), BATCH):
            idx = order[lo:lo + BATCH]
            out[idx] = self._batch([(premises[i], hypotheses[i]) for i in idx])
        return out

    def _batch(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(pairs)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        (logits,) = self.session.run(None, {"rows": self.table[ids], "attention_mask": mask,
                                            "token_type_ids": types})
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def load_scorer(path: Path = DEFAULT_ONNX, threads: int = 0) -> OnnxNliScorer:
    """The shipped cross-encoder on the packaged MiniLM's word-piece table."""
    from crosscheck.nlp.embed import _packaged_fp32_dir

    return OnnxNliScorer(path, _packaged_fp32_dir(), threads)
