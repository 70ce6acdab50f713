"""Texts and files sent to the compare page and the ingest endpoint, turned into articles.

Uploaded files are written under fresh names into a private temporary folder and read by the
same ingest code as the command line (format detection, size and encoding checks, rejected
inputs with reasons). Only the base of the client's file name survives, cleaned, so no name
can point outside the folder.
"""
from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

from crosscheck.errors import InputError
from crosscheck.ingest import EXTENSIONS, IngestResult, read_inputs, read_text
from crosscheck.model import Article, Rejected, Report

_UNSAFE = re.compile(r"[^\w.-]+")
# One comparison at a time: the models are shared, and two at once would only halve the speed
# of both on a small machine.
_MODELS = threading.Lock()


class UploadError(ValueError):
    """Input the client must change: the message says what (answered with 400)."""


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Pasted:
    text: str
    source: str


def safe_name(filename: str, taken: set[str]) -> str:
    """A file name for ``filename`` inside the upload folder: its last component only (either
    slash), other characters replaced, no leading dot, unique among ``taken``."""
    base = PureWindowsPath(PurePosixPath(filename).name).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = _UNSAFE.sub("_", stem).lstrip("._")[:60] or "upload"
    suffix = suffix if suffix in EXTENSIONS else ""  # unknown: ingest sniffs the content
    name, n = stem + suffix, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name)
    return name


@contextmanager
def saved(uploads: Sequence[Upload]) -> Iterator[list[Path]]:
    """The uploads written to a temporary folder (removed afterwards), as paths."""
    with tempfile.TemporaryDirectory(prefix="crosscheck-upload-") as folder:
        taken: set[str] = set()
        paths = []
        for upload in uploads:
            path = Path(folder) / safe_name(upload.filename, taken)
            path.write_bytes(upload.data)
            paths.append(path)
        yield paths


def read_uploads(uploads: Sequence[Upload]) -> tuple[list[Article], list[Rejected]]:
    """Articles from uploaded files; a file that cannot be used is rejected with its name."""
    result, _ = _read_saved(uploads)
    return list(result.articles), list(result.rejected)


def _read_saved(uploads: Sequence[Upload]) -> tuple[IngestResult, list[str]]:
    """The uploads read as the command line reads files, every origin and rejected location
    given as ``upload:NAME`` (the cleaned name, not the temporary folder, which is gone
    afterwards); and those names, one per upload."""
    with saved(uploads) as paths:
        result = read_inputs([str(p) for p in paths])
    articles = tuple(replace(a, origin=_relabel(a.origin, paths)) for a in result.articles)
    rejected = tuple(Rejected(_relabel(r.location, paths), r.reason) for r in result.rejected)
    return IngestResult(articles, rejected), [_relabel(str(p), paths) for p in paths]


def _relabel(location: str, paths: Sequence[Path]) -> str:
    """``upload:NAME`` for a location in the temporary folder: the client's file, not the
    folder it passed through (which is gone by now)."""
    folder = f"{paths[0].parent}/" if paths else None
    return location.replace(folder, "upload:", 1) if folder else location


def read_pasted(texts: Sequence[Pasted], max_chars: int) -> tuple[list[Article], list[Rejected]]:
    articles, rejected = [], []
    for number, item in enumerate(texts, start=1):
        if len(item.text) > max_chars:
            raise UploadError(f"text {number} has {len(item.text):,} characters; the limit "
                              f"is {max_chars:,}: shorten it")
        if not item.text.strip():
            continue  # a box left empty
        try:
            articles.append(read_text(item.text, origin=f"text {number}",
                                      source=item.source.strip() or f"text {number}"))
        except InputError as exc:
            rejected.append(Rejected(exc.location, exc.reason))
    return articles, rejected


def compare(pasted: Sequence[Pasted], uploads: Sequence[Upload], max_chars: int) -> Report:
    """Compare the pasted texts and uploaded files with the real pipeline (seconds: call
    it off the event loop)."""
    from crosscheck.pipeline import compare_articles

    articles, rejected = read_pasted(pasted, max_chars)
    if uploads:
        more, bad = read_uploads(uploads)
        articles += more
        rejected += bad
    unique = list({a.id: a for a in articles}.values())
    if len(unique) < 2:
        reasons = "; ".join(f"{r.location}: {r.reason}" for r in rejected)
        raise UploadError(f"give two or more different texts to compare (got {len(unique)})"
                          + (f"; rejected: {reasons}" if reasons else ""))
    with _MODELS:
        return compare_articles(unique, rejected=tuple(rejected))


def ingest(db: Path, uploads: Sequence[Upload], compare_stories: bool) -> dict[str, object]:
    """Add uploaded files to the database as ``crosscheck run`` does, under the same writer
    lock (StoreBusyError while a run writes); returns the run's counts. The articles' origin
    (and the run's inputs) record ``upload:NAME``, never the temporary path they were read
    from."""
    from crosscheck.corpus.run import RunOptions, open_for_writing, run_corpus

    options = RunOptions(compare=compare_stories, workers=1)
    result, names = _read_saved(uploads)
    with _MODELS, open_for_writing(db) as conn:
        summary = run_corpus(conn, names, None, options, read=result)
    return {**summary.counts(),
            "rejected_inputs": [{"location": r.location, "reason": r.reason}
                                for r in summary.rejected]}
