"""A small logistic model over line features that finds page text the rules miss.

Its weights (``page_text_model.json``) are trained on hand-labelled lines of GVA dev pages
(``crosscheck.training.page_text``); the file records the feature names it was trained on, so
a feature list that changed is refused rather than read wrong.
"""
from __future__ import annotations

import functools
import json
import math
from importlib import resources

from crosscheck.clean.features import NAMES, LinePage
from crosscheck.errors import ConfigError

MODEL = "page_text_model.json"


@functools.lru_cache(maxsize=1)
def load_model() -> dict:
    data = json.loads(resources.files("crosscheck.clean").joinpath(MODEL).read_text("utf-8"))
    if tuple(data["features"]) != NAMES:
        raise ConfigError(f"{MODEL} was trained on other line features; retrain it with "
                          "python -m crosscheck.training.page_text")
    return data


def page_text_probability(page: LinePage, index: int) -> float:
    """The model's probability that line ``index`` of ``page`` is page text, not prose."""
    model = load_model()
    x = page.features(index)
    z = model["intercept"] + sum(w * (v - m) / s for w, v, m, s in
                                 zip(model["weights"], x, model["mean"], model["scale"]))
    return 1.0 / (1.0 + math.exp(-z))


def is_page_text(page: LinePage, index: int) -> bool:
    return page_text_probability(page, index) >= load_model()["threshold"]
