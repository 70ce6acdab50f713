"""Progress bars for long runs: rich on standard error, or nothing (tests, pipes, logs)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol, TextIO

Advance = Callable[[int], None]


class Progress(Protocol):
    def task(self, description: str, total: int | None) -> AbstractContextManager[Advance]:
        """A phase of ``total`` steps (None: unknown); the context gives the function that
        counts them."""
        ...


class _NoProgress:
    @contextmanager
    def task(self, description: str, total: int | None) -> Iterator[Advance]:
        yield lambda steps: None


NO_PROGRESS: Progress = _NoProgress()


class RichProgress:
    """A bar with count, rate and time left per phase, drawn on ``stream`` (standard error)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    @contextmanager
    def task(self, description: str, total: int | None) -> Iterator[Advance]:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, TaskProgressColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)
        from rich.progress import Progress as Bar

        if total == 0:
            yield lambda steps: None
            return
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                   TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
        # A phase of unknown length (reading the inputs) pulses while it runs and then goes.
        with Bar(*columns, console=Console(file=self.stream), transient=total is None) as bar:
            task_id = bar.add_task(description, total=total, rate="")

            def advance(steps: int) -> None:
                bar.advance(task_id, steps)
                speed = bar.tasks[0].speed
                bar.update(task_id, rate=f"{speed:,.0f}/s" if speed else "")

            yield advance
