"""One batch of new articles: find copies, cluster the originals, write it all in one transaction.

The transaction holds the articles, their signatures, re-pointed copies, the clusterer's
changed state, the stories' summary rows with their compare flags, and where each story merged
away went (so an old story id still finds its articles). A crash before the commit loses the
whole batch and nothing else; the next run restores the index and the clusterer from what was
committed and processes the same articles in the same order, so it ends with exactly the
database an uninterrupted run gives.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosscheck.cluster import StoryClusterer
from crosscheck.dedupe import CopyLinker, DedupeSettings, Link, sign
from crosscheck.model import Article
from crosscheck.store import transaction
from crosscheck.store.articles import (ArticleRow, SignatureRow, insert_articles,
                                       insert_signatures, move_family, relink_family, story_of)
from crosscheck.store.moves import record_moves
from crosscheck.store.runs import save_cluster_state
from crosscheck.store.stories import refresh_stories
from crosscheck.timing import Timings


@dataclass
class BatchTotals:
    """What the batches of one run did, summed (mutable: the runner's tally)."""

    new_articles: int = 0
    copies: int = 0
    new_stories: set[str] = field(default_factory=set)
    touched_stories: set[str] = field(default_factory=set)


class BatchWriter:
    """Writes batches of new articles for one run; holds the run's in-memory corpus state."""

    def __init__(self, conn: sqlite3.Connection, run_id: int, first_seq: int,
                 linker: CopyLinker, clusterer: StoryClusterer, texts: dict[int, str],
                 dedupe: DedupeSettings, timings: Timings) -> None:
        self.conn = conn
        self.run_id = run_id
        self.next_seq = first_seq
        self.linker = linker
        self.clusterer = clusterer
        self.texts = texts  # seq -> text of this run's articles, for the linker's exact check
        self.dedupe = dedupe
        self.timings = timings
        self.totals = BatchTotals()

    def write(self, articles: Sequence[Article]) -> None:
        """Process and commit ``articles`` (already in processing order) as one unit."""
        with self.timings.stage("dedupe"):
            signed = sign([a.text for a in articles], self.dedupe)
            links: list[Link] = []
            for offset, (article, sig) in enumerate(zip(articles, signed, strict=True)):
                seq = self.next_seq + offset
                self.texts[seq] = article.text
                links.append(self.linker.link(seq, article.id, article.published, sig))
        with self.timings.stage("cluster"):
            originals = [a for a, link in zip(articles, links) if link.kind == "original"]
            assigned = dict(zip((a.id for a in originals), self.clusterer.assign(originals),
                                strict=True))
            moves = self.clusterer.take_moves()
            assigned.update(moves)  # this batch's articles and earlier ones
            state = self.clusterer.changed_state()
            merged = self.clusterer.take_merges()
        with self.timings.stage("db"):
            rows, relinks, gained = self._rows(articles, links, assigned)
            with transaction(self.conn):
                moved = self._move_stored(moves, {a.id for a in articles})
                insert_articles(self.conn, rows)
                insert_signatures(self.conn, [SignatureRow(r.seq, len(s.shingles), s.blob())
                                              for r, s in zip(rows, signed, strict=True)])
                for old_root, new_root in relinks:
                    relink_family(self.conn, old_root, new_root)
                relinked = {new_root for _, new_root in relinks}
                save_cluster_state(self.conn, state)
                # Every merge the clusterer made, also of stories this batch opened and
                # merged before any was stored: the rows then do not depend on batching.
                record_moves(self.conn, self.run_id, merged,
                             [key for _, key, value in state if value is not None])
                touched = {r.story_id for r in rows} | moved
                recount = {r.story_id for r in rows if r.article.id in relinked} | moved
                created = refresh_stories(self.conn, touched, gained, self.next_seq,
                                          recount, moved)
        self.next_seq += len(articles)
        self.totals.new_articles += len(articles)
        self.totals.copies += sum(1 for link in links if link.kind == "copy")
        gone = {key for _, key, value in state if value is None}  # merged into others
        self.totals.new_stories = (self.totals.new_stories | created) - gone
        self.totals.touched_stories = (self.totals.touched_stories | touched) - gone

    def _move_stored(self, moves: dict[str, str], batch: set[str]) -> set[str]:
        """Move stored articles (with their copies) to the stories they were split off to or
        merged into; return every story that lost or gained articles so, for a recount and a
        new comparison. Articles of this batch are written with their new story instead."""
        stories: set[str] = set()
        for article_id, story in sorted(moves.items()):
            if article_id not in batch:
                stories |= move_family(self.conn, article_id, story)
        return stories

    def _rows(self, articles: Sequence[Article], links: Sequence[Link],
              assigned: dict[str, str]) -> tuple[list[ArticleRow], list[tuple[str, str]], set[str]]:
        """The rows to insert, the families to re-point (old root, new root), and the stories
        that gained an independent article."""
        rows: list[ArticleRow] = []
        relinks: list[tuple[str, str]] = []
        gained: set[str] = set()
        for offset, (article, link) in enumerate(zip(articles, links, strict=True)):
            if link.kind == "original":
                story = assigned[article.id]
                gained.add(story)
            else:
                # A copy joins its original's story without clustering; so does an earlier
                # version that takes over a family.
                assert link.other is not None
                story = assigned.get(link.other) or story_of(self.conn, link.other)
                if link.kind == "earlier":
                    relinks.append((link.other, article.id))
                    gained.add(story)
            assigned[article.id] = story
            rows.append(ArticleRow(self.next_seq + offset, article, story,
                                   link.other if link.kind == "copy" else None, self.run_id))
        return rows, relinks, gained
