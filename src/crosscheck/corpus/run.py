"""``crosscheck run``: add inputs to a corpus database, then compare the stories that grew.

1. Read the inputs; record the rejected ones (each once).
2. Skip articles already stored (same content id), order the rest for clustering.
3. Restore the near-duplicate index and the clusterer from the database.
4. Batches of new articles: copies, stories, state, flags, committed together
   (:mod:`crosscheck.corpus.batch`).
5. Compare every flagged story, one transaction each (:mod:`crosscheck.corpus.compare`).

Each step can be killed at any point: a re-run picks up from what was committed and ends
with the database an uninterrupted run gives.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from crosscheck.cluster import ClusterSettings, StoryClusterer
# The one place that decides the processing order (oldest first, undated last, then input
# order); the clusterer owns it because stories grow forward in time.
from crosscheck.cluster.online import order_for_clustering
from crosscheck.corpus.batch import BatchWriter
from crosscheck.corpus.progress import NO_PROGRESS, Progress
from crosscheck.dedupe import CopyLinker, DedupeSettings
from crosscheck.errors import StoreError
from crosscheck.ingest import IngestResult, read_inputs
from crosscheck.model import Article, Rejected
from crosscheck.store import open_store, transaction, writer_lock
from crosscheck.store.articles import articles_by_id, iter_indexed, known_ids, next_seq, text_of
from crosscheck.store.runs import (finish_run, get_meta, load_cluster_state, record_rejected,
                                   set_meta, start_run)
from crosscheck.timing import Timings

BATCH_SIZE = 500
_SIGNATURE_META = "dedupe.signature"


@dataclass(frozen=True, slots=True)
class RunOptions:
    compare: bool = True
    batch_size: int = BATCH_SIZE
    embedding_backend: str = "auto"
    workers: int = 0  # processes comparing stories; 0: one per core (capped), 1: in-process
    use_verifier: bool = False  # the trained verifier refines the rule judge (slower, opt-in)
    dedupe: DedupeSettings = DedupeSettings()
    cluster: ClusterSettings = ClusterSettings()


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: int
    read: int  # articles read from the inputs
    new_articles: int
    copies: int
    stories_new: int
    stories_updated: int
    compared: int
    rejected: tuple[Rejected, ...]
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def already_stored(self) -> int:
        return self.read - self.new_articles

    def counts(self) -> dict[str, float]:
        return {"read": self.read, "new": self.new_articles, "copies": self.copies,
                "stories_new": self.stories_new, "stories_updated": self.stories_updated,
                "compared": self.compared, "rejected": len(self.rejected),
                "seconds": round(self.seconds, 3)}


@contextmanager
def open_for_writing(db_path: str | Path) -> Iterator[sqlite3.Connection]:
    """The database, opened (created if need be) with this process as its only writer."""
    conn = open_store(db_path)
    try:
        with writer_lock(db_path):
            yield conn
    finally:
        conn.close()


def run_corpus(conn: sqlite3.Connection, inputs: Sequence[str], stdin: TextIO | None = None,
               options: RunOptions = RunOptions(), progress: Progress = NO_PROGRESS, *,
               read: IngestResult | None = None) -> RunSummary:
    """Add ``inputs`` to the corpus in ``conn`` (whose writer lock the caller holds).

    ``read``: the inputs already read (the server's uploads, relabelled from their temporary
    paths); ``inputs`` then only names them in the run's record."""
    started = time.perf_counter()
    timings = Timings()
    with timings.stage("ingest"), progress.task("reading inputs", None):
        result = read if read is not None else read_inputs(list(inputs), stdin)
    with transaction(conn):
        run_id = start_run(conn, inputs)
        record_rejected(conn, run_id, result.rejected)
    try:
        summary = _run(conn, run_id, result.articles, options, progress, timings)
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        try:
            _finish(conn, run_id, {}, status)
        except sqlite3.Error as error:  # the database may be what failed: keep the first error
            exc.add_note(f"crosscheck could not mark run {run_id} as {status}: {error}")
        raise
    summary = replace(summary, rejected=result.rejected, stages=dict(timings.stages),
                      seconds=time.perf_counter() - started)
    _finish(conn, run_id, summary.counts(), "done")
    return summary


def _run(conn: sqlite3.Connection, run_id: int, articles: Sequence[Article],
         options: RunOptions, progress: Progress, timings: Timings) -> RunSummary:
    with timings.stage("db"):
        stored = known_ids(conn, (a.id for a in articles))
    new = order_for_clustering([a for a in articles if a.id not in stored])
    writer = _writer(conn, run_id, options, timings)
    with progress.task("adding articles", len(new)) as advance:
        for start in range(0, len(new), options.batch_size):
            batch = new[start:start + options.batch_size]
            writer.write(batch)
            advance(len(batch))
    compared = 0
    if options.compare:
        # Imported here: the language models' libraries take seconds to import, and a
        # --no-compare run never needs them.
        from crosscheck.corpus.compare import compare_pending
        from crosscheck.pipeline import Settings

        with timings.stage("compare"):
            settings = Settings(embedding_backend=options.embedding_backend,
                                use_verifier=options.use_verifier)
            compared = compare_pending(conn, settings, progress, options.workers)
    totals = writer.totals
    return RunSummary(run_id, len(articles), totals.new_articles, totals.copies,
                      len(totals.new_stories), len(totals.touched_stories - totals.new_stories),
                      compared, (), 0.0)


def _writer(conn: sqlite3.Connection, run_id: int, options: RunOptions,
            timings: Timings) -> BatchWriter:
    """Restore the run's in-memory state (near-duplicate index, clusterer) from the database."""
    texts: dict[int, str] = {}

    def text(seq: int) -> str:
        found = texts.get(seq)
        return found if found is not None else text_of(conn, seq)

    with timings.stage("restore"):
        _check_signatures(conn, options.dedupe)
        linker = CopyLinker(options.dedupe, text)
        for item in iter_indexed(conn):
            linker.restore(item)
        clusterer = StoryClusterer(options.cluster, state=load_cluster_state(conn),
                                   lookup=lambda ids: articles_by_id(conn, ids))
    return BatchWriter(conn, run_id, next_seq(conn), linker, clusterer, texts, options.dedupe,
                       timings)


def _check_signatures(conn: sqlite3.Connection, dedupe: DedupeSettings) -> None:
    """Stored signatures are only comparable with ones made the same way."""
    key = dedupe.signature_key()
    stored = get_meta(conn, _SIGNATURE_META)
    if stored is None:
        with transaction(conn):
            set_meta(conn, _SIGNATURE_META, key)
    elif stored != key:
        raise StoreError(f"this database's near-duplicate signatures were made with other "
                         f"settings ({stored}, now {key}): start a new database with --db, "
                         f"or re-run with the settings it was made with")


def _finish(conn: sqlite3.Connection, run_id: int, counts: dict[str, float], status: str) -> None:
    with transaction(conn):
        finish_run(conn, run_id, counts, status)
