"""Listings over a corpus: the stories table and the strongest conflicts across stories."""
from __future__ import annotations

import io
import json
import shutil
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from crosscheck.model import Claim, Verdict
from crosscheck.report.build import group_conflicts, sources_label
from crosscheck.store.articles import articles_by_id
from crosscheck.store.comparisons import top_conflicts
from crosscheck.store.stories import StorySummary, story_summary


# Story id (22), four counts, a time span (23) and the gaps between columns.
_FIXED_WIDTH = 22 + 8 + 6 + 7 + 9 + 23 + 12


def time_span(first: str | None, last: str | None) -> str:
    """"2011-11-12", "2011-11-12 → 2011-11-14", or "-" when no article is dated."""
    if first is None or last is None:
        return "-"
    start, end = _day(first), _day(last)
    return start if start == end else f"{start} → {end}"


def _day(published: str) -> str:
    # ISO timestamps shorten to their date; other formats are shown as given.
    head = published[:10]
    return head if len(head) == 10 and head[4] == "-" and head[7] == "-" else published


def _width(default: int) -> int:
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else default


def _console(buffer: io.StringIO, width: int | None) -> Console:
    return Console(file=buffer, width=width, no_color=True, color_system=None,
                   highlight=False, markup=False, emoji=False, legacy_windows=False)


def _text_of(buffer: io.StringIO) -> str:
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def stories_text(stories: Sequence[StorySummary], width: int | None = None) -> str:
    """A table as wide as the terminal, or 160 columns into a file or pipe (where whole
    titles matter more than fitting 80 columns)."""
    if not stories:
        return "No stories match.\n"
    total = width or _width(160)
    table = Table(box=None, pad_edge=False, header_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("story", "left"), ("title", "left"), ("articles", "right"), ("copies", "right"),
        ("sources", "right"), ("conflicts", "right"), ("time span", "left"))
    for name, justify in columns:
        # Only the title gives way on a narrow terminal; ids and counts are never cut.
        table.add_column(name, justify=justify, no_wrap=True,
                         overflow="ellipsis" if name == "title" else "fold",
                         max_width=max(20, total - _FIXED_WIDTH) if name == "title" else None)
    for story in stories:
        conflicts = str(story.conflicts) + ("*" if story.needs_compare else "")
        table.add_row(story.id, Text(story.title or ""), str(story.articles), str(story.copies),
                      str(story.sources), conflicts,
                      time_span(story.first_published, story.last_published))
    buffer = io.StringIO()
    console = _console(buffer, total)
    console.print(table)
    if any(story.needs_compare for story in stories):
        console.print("* comparison pending: run `crosscheck run` again (without --no-compare)")
    return _text_of(buffer)


def story_record(story: StorySummary) -> dict[str, object]:
    return {"id": story.id, "title": story.title, "articles": story.articles,
            "copies": story.copies, "sources": story.sources, "conflicts": story.conflicts,
            "claims": story.claims, "first_published": story.first_published,
            "last_published": story.last_published, "needs_compare": story.needs_compare,
            "compared_at": story.compared_at}


def stories_jsonl(stories: Sequence[StorySummary]) -> str:
    return "".join(json.dumps(story_record(s), ensure_ascii=False) + "\n" for s in stories)


@dataclass(frozen=True, slots=True)
class ConflictItem:
    """One conflict with the context to show it outside its story: its strongest verdict, and
    the other sources that give either side the same values (``also_a``, ``also_b``)."""

    story: StorySummary
    verdict: Verdict
    claim_a: Claim
    claim_b: Claim
    source_a: str
    source_b: str
    also_a: tuple[str, ...] = ()
    also_b: tuple[str, ...] = ()

    @property
    def values(self) -> tuple[str, str, str]:
        """(slot, A's value, B's value) of the first difference."""
        first = self.verdict.differences[0] if self.verdict.differences else None
        if first is None:
            return "claim", self.claim_a.text, self.claim_b.text
        return first.slot, first.a, first.b


# Verdicts read per conflict listed: copies of one report give a side its other sources.
_ROWS_PER_CONFLICT = 5


def load_conflicts(conn: sqlite3.Connection, limit: int) -> list[ConflictItem]:
    """The ``limit`` strongest conflicts, each listed once with all the sources that give
    either side the same values (``report.build.group_conflicts``)."""
    rows = top_conflicts(conn, limit * _ROWS_PER_CONFLICT)
    claims = {c.id: c for _, _, a, b in rows for c in (a, b)}
    labels = {x.id: x.label for x in articles_by_id(conn, sorted({c.article_id
                                                                for c in claims.values()}))}
    story_of = {v.id: story_id for story_id, v, _, _ in rows}
    stories: dict[str, StorySummary] = {}
    items = []
    for group in group_conflicts([v for _, v, _, _ in rows],
                                 lambda cid: labels[claims[cid].article_id], limit):
        verdict, story_id = group.verdict, story_of[group.verdict.id]
        story = stories.get(story_id) or stories.setdefault(story_id,
                                                           story_summary(conn, story_id))
        items.append(ConflictItem(story, verdict, claims[verdict.claim_a],
                                  claims[verdict.claim_b], group.sources_a[0],
                                  group.sources_b[0], group.sources_a[1:], group.sources_b[1:]))
    return items


def conflicts_text(items: Sequence[ConflictItem], width: int | None = None) -> str:
    """The strongest conflicts: slot and values, the story, and both claims with their sources."""
    if not items:
        return "No conflicts found.\n"
    buffer = io.StringIO()
    console = _console(buffer, width or _width(100))
    for index, item in enumerate(items):
        if index:
            console.print()
        slot, a_value, b_value = item.values
        # Listed strongest first; the score itself means nothing to a reader (the JSONL has it).
        console.print(Text(f"{slot.upper()}  {a_value} vs {b_value}"))
        console.print(Text(f"  story {item.story.id}: {item.story.title or ''}",
                           overflow="ellipsis"), no_wrap=True)
        label_a = sources_label((item.source_a, *item.also_a))
        label_b = sources_label((item.source_b, *item.also_b))
        console.print(Text(f"  A ({label_a}): «{' '.join(item.claim_a.text.split())}»"))
        console.print(Text(f"  B ({label_b}): «{' '.join(item.claim_b.text.split())}»"))
    return _text_of(buffer)


def conflict_record(item: ConflictItem) -> dict[str, object]:
    slot, a_value, b_value = item.values
    return {"story": item.story.id, "story_title": item.story.title, "verdict": item.verdict.id,
            "slot": slot, "a": a_value, "b": b_value, "score": item.verdict.score,
            "claim_a": item.claim_a.text, "claim_b": item.claim_b.text,
            "source_a": item.source_a, "source_b": item.source_b,
            "also_a": list(item.also_a), "also_b": list(item.also_b),
            "article_a": item.claim_a.article_id, "article_b": item.claim_b.article_id}


def conflicts_jsonl(items: Sequence[ConflictItem]) -> str:
    return "".join(json.dumps(conflict_record(item), ensure_ascii=False) + "\n"
                   for item in items)
