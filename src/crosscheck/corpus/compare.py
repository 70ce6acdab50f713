"""Compare the stories flagged since their last comparison, one transaction per story.

Only a story's independent articles (no copies) are compared: a copy repeats its original's
claims word for word, and counting it would turn one report into false corroboration.
"""
from __future__ import annotations

import sqlite3

from crosscheck.corpus.progress import NO_PROGRESS, Progress
from crosscheck.pipeline import Settings, compare_articles
from crosscheck.store import transaction
from crosscheck.store.articles import story_articles
from crosscheck.store.comparisons import clear_compare_flag, save_comparison
from crosscheck.store.runs import utc_now
from crosscheck.store.stories import pending_stories


def compare_pending(conn: sqlite3.Connection, settings: Settings = Settings(),
                    progress: Progress = NO_PROGRESS) -> int:
    """Compare every flagged story; return how many were compared.

    The flag is cleared in the transaction that writes the story's claims and verdicts, so a
    crash mid-way leaves the remaining stories flagged for the next run.
    """
    pending = pending_stories(conn)
    compared = 0
    with progress.task("comparing stories", len(pending)) as advance:
        for story_id in pending:
            articles = story_articles(conn, story_id, independent=True)
            if len(articles) < 2:  # its originals became copies of a late-arriving version
                with transaction(conn):
                    clear_compare_flag(conn, story_id)
            else:
                report = compare_articles(articles, settings)
                with transaction(conn):
                    save_comparison(conn, story_id, report, utc_now())
                compared += 1
            advance(1)
    return compared
