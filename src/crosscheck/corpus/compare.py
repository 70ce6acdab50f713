"""Compare the stories flagged since their last comparison, one transaction per story.

Only a story's independent articles (no copies) are compared: a copy repeats its original's
claims word for word, and counting it would turn one report into false corroboration.

Comparing is a pure function of a story's articles, so with ``workers > 1`` stories are
compared in worker processes (each with one embedding thread) while this process, the one
writer, stores the reports in the order the stories were flagged: the database ends the same
whatever the number of workers.
"""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from crosscheck.corpus.progress import NO_PROGRESS, Progress
from crosscheck.errors import ConfigError
from crosscheck.model import Report
from crosscheck.pipeline import Settings, compare_articles
from crosscheck.store import transaction
from crosscheck.store.articles import story_articles
from crosscheck.store.comparisons import clear_compare_flag, save_comparison
from crosscheck.store.runs import utc_now
from crosscheck.store.stories import pending_stories

MAX_AUTO_WORKERS = 4  # each worker holds its own spaCy and MiniLM (about 400 MB)
_MIN_STORIES_PER_WORKER = 4  # fewer stories than this do not repay a worker's model loading


def auto_workers(stories: int, cpus: int | None = None) -> int:
    """Worker processes for ``stories`` comparisons: one per core, capped, none when few."""
    cpus = cpus if cpus is not None else (os.cpu_count() or 1)
    return max(1, min(cpus, MAX_AUTO_WORKERS, stories // _MIN_STORIES_PER_WORKER))


def compare_pending(conn: sqlite3.Connection, settings: Settings = Settings(),
                    progress: Progress = NO_PROGRESS, workers: int = 0) -> int:
    """Compare every flagged story; return how many were compared.

    ``workers``: processes comparing stories, 0 to choose by core count, 1 for this process.
    The flag is cleared in the transaction that writes the story's claims and verdicts, so a
    crash mid-way leaves the remaining stories flagged for the next run.
    """
    if workers < 0:
        raise ConfigError(f"workers must be 0 (automatic) or more, got {workers}")
    pending = pending_stories(conn)
    workers = workers or auto_workers(len(pending))
    compared = 0
    with progress.task("comparing stories", len(pending)) as advance:
        for story_id, report in _reports(conn, pending, settings, workers):
            with transaction(conn):
                if report is None:  # its originals became copies of a late-arriving version
                    clear_compare_flag(conn, story_id)
                else:
                    save_comparison(conn, story_id, report, utc_now())
                    compared += 1
            advance(1)
    return compared


def _reports(conn: sqlite3.Connection, pending: Sequence[str], settings: Settings,
             workers: int) -> Iterator[tuple[str, Report | None]]:
    """(story, report or None when it has fewer than two independent articles), in order."""
    if workers == 1:
        for story_id in pending:
            articles = story_articles(conn, story_id, independent=True)
            yield story_id, compare_articles(articles, settings) if len(articles) >= 2 else None
        return
    threaded = replace(settings, embedding_threads=1)
    # "spawn": a fresh interpreter per worker; forking a process that holds model threads and
    # an open database is not safe.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        window: deque[tuple[str, Future[Report] | None]] = deque()
        for story_id in pending:
            # Articles are read just ahead of the workers, so memory stays flat.
            articles = story_articles(conn, story_id, independent=True)
            window.append((story_id, pool.submit(compare_articles, articles, threaded)
                           if len(articles) >= 2 else None))
            if len(window) > 2 * workers:
                yield _collect(window.popleft())
        while window:
            yield _collect(window.popleft())


def _collect(item: tuple[str, Future[Report] | None]) -> tuple[str, Report | None]:
    story_id, future = item
    return story_id, future.result() if future is not None else None

