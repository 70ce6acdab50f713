"""Story ids that no longer exist, and the stories their articles went into.

A story merged into another disappears, but its id may be bookmarked or written in notes.
Each such id gets a row naming the story it went into, written in the batch's transaction
with the merge itself, so a killed run never leaves a merge without its row. A row is never
rewritten to point further: a later merge of its target adds the next link of a chain, which
lookups follow to the live story (``A -> B -> C``), and each link keeps the run, so the date,
of its own merge. An id that comes back (a split names its new half after its first article,
which may once have opened a story merged away since) loses its row: the live story wins.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from crosscheck.errors import StoreError

MERGE = "merge"


@dataclass(frozen=True, slots=True)
class Hop:
    """One recorded move: ``old_id`` went into ``new_id`` in a run started at ``when``."""

    old_id: str
    new_id: str
    reason: str
    when: str | None  # ISO 8601, UTC; None if the run's row is gone

    @property
    def day(self) -> str:
        return self.when[:10] if self.when else "an unknown date"


@dataclass(frozen=True, slots=True)
class StoryMove:
    """How an old id leads to a live story: one hop per merge, oldest first."""

    hops: tuple[Hop, ...]

    @property
    def old_id(self) -> str:
        return self.hops[0].old_id

    @property
    def new_id(self) -> str:
        return self.hops[-1].new_id

    def describe(self) -> str:
        """One line: "story A was merged into B on 2026-01-02, then into C on 2026-02-03"."""
        first, *later = self.hops
        return (f"story {first.old_id} was merged into {first.new_id} on {first.day}"
                + "".join(f", then into {hop.new_id} on {hop.day}" for hop in later))

    def record(self) -> dict[str, object]:
        """The move as JSON: the id asked for, the live story, and each merge on the way."""
        return {"moved_from": self.old_id, "story": self.new_id,
                "moves": [{"from": h.old_id, "into": h.new_id, "reason": h.reason,
                           "at": h.when} for h in self.hops]}


def record_moves(conn: sqlite3.Connection, run_id: int, merged: Mapping[str, str],
                 live: Iterable[str]) -> None:
    """In the caller's transaction: ``merged`` (gone id -> the story it went into) as rows,
    and no row left for an id in ``live`` (the stories the batch kept or made), so that an
    id re-created by a split is never shadowed by its old row."""
    conn.executemany("DELETE FROM story_moves WHERE old_id = ?", [(sid,) for sid in live])
    # An upsert: an id merged, brought back and merged again keeps only its last move.
    conn.executemany(
        "INSERT INTO story_moves (old_id, new_id, run_id, reason) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, "
        "run_id = excluded.run_id, reason = excluded.reason",
        [(old, new, run_id, MERGE) for old, new in sorted(merged.items())])


def follow_moves(conn: sqlite3.Connection, story_id: str) -> StoryMove | None:
    """The chain of moves from ``story_id`` to the story it ends in; None if it never moved."""
    hops: list[Hop] = []
    current = story_id
    while True:
        row = conn.execute("SELECT m.new_id, m.reason, r.started FROM story_moves m "
                           "LEFT JOIN runs r ON r.id = m.run_id WHERE m.old_id = ?",
                           (current,)).fetchone()
        if row is None:
            return StoryMove(tuple(hops)) if hops else None
        new_id = str(row[0])
        if new_id == story_id or any(hop.old_id == new_id for hop in hops):
            # Cannot happen while ids coming back lose their rows; never loop on a bad file.
            path = " -> ".join([story_id, *(hop.new_id for hop in hops), new_id])
            raise StoreError(f"the story moves recorded form a loop ({path}): the database "
                             f"is damaged; rebuild it with `crosscheck run` into a new --db")
        hops.append(Hop(current, new_id, str(row[1]), None if row[2] is None else str(row[2])))
        current = new_id
