"""The ingest stage: read news articles from files, directories and stdin.

Plain text (``.txt``, ``.text``, ``.md``), HTML (``.html``, ``.htm``, via trafilatura) and
JSON Lines (``.jsonl``, ``.json``) become :class:`~crosscheck.model.Article` records with
normalised text; every input that cannot be used becomes a
:class:`~crosscheck.model.Rejected` record with its location and a plain reason.
"""
from crosscheck.ingest.normalize import normalize_text, normalize_title
from crosscheck.ingest.readers import read_html, read_jsonl, read_text, split_title
from crosscheck.ingest.sources import (EXTENSIONS, MAX_BYTES, IngestResult, read_inputs,
                                       require_articles)

__all__ = [
    "EXTENSIONS", "MAX_BYTES", "IngestResult", "normalize_text", "normalize_title",
    "read_html", "read_inputs", "read_jsonl", "read_text", "require_articles", "split_title",
]
