"""Corpus-mode commands: ``run``, ``stories``, ``story``, ``conflicts``, ``export``, ``cluster``.

Heavy modules (numpy, datasketch, the language models) are imported inside the commands so
that ``crosscheck --help`` stays instant.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import cast

import click

from crosscheck.errors import CrosscheckError, NoUsableInputError
from crosscheck.model import Rejected

DB_HELP = "The corpus database (SQLite)."
_db_option = click.option("--db", "db", default="crosscheck.db", show_default=True,
                          type=click.Path(dir_okay=False), help=DB_HELP)


def _warn(rejected: tuple[Rejected, ...]) -> None:
    for item in rejected:
        click.echo(f"crosscheck: skipped {item.location}: {item.reason}", err=True)


def _fail(exc: CrosscheckError) -> click.ClickException:
    return click.ClickException(str(exc))


def _write(text: str, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output} ({exc.strerror}): check the path "
                                   f"and its folder") from exc
    click.echo(f"crosscheck: wrote {what} to {output}", err=True)


def _open_read(db: str) -> sqlite3.Connection:
    from crosscheck.store import open_store
    try:
        return open_store(db, create=False)
    except CrosscheckError as exc:
        raise _fail(exc) from exc


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@_db_option
@click.option("--compare/--no-compare", default=True, show_default=True,
              help="Compare the claims of every story that gained an article.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bars on standard error (default: when it is a terminal).")
@click.option("--backend", type=click.Choice(["auto", "onnx", "torch"]), default="auto",
              show_default=True, help="Sentence-embedding back-end for comparisons.")
@click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="New articles per transaction.")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes comparing stories: 0 for one per CPU core (at most 4), "
                   "1 to compare in this process.")
@click.option("--verifier/--no-verifier", default=False, show_default=True,
              help="Let the trained verifier refine the rule judge's verdicts (slower; on the "
                   "conflict benchmark it changes no figure, docs/benchmarks.md).")
@click.option("--timings", is_flag=True, help="Print seconds per stage on standard error.")
def run(inputs: tuple[str, ...], db: str, compare: bool, progress: bool | None,
        backend: str, batch_size: int, workers: int, verifier: bool, timings: bool) -> None:
    """Add articles to a corpus database and compare the stories that grew.

    INPUTS are .txt, .html or .jsonl files, directories of them, or - for standard input.
    Articles already in the database are skipped; copies are linked to their earliest
    version; every other article joins a story or opens one. Safe to interrupt and re-run.
    """
    from crosscheck.corpus.progress import NO_PROGRESS, RichProgress
    from crosscheck.corpus.run import RunOptions, open_for_writing, run_corpus

    show = progress if progress is not None else sys.stderr.isatty()
    bars = RichProgress(sys.stderr) if show else NO_PROGRESS
    options = RunOptions(compare=compare, batch_size=batch_size, embedding_backend=backend,
                         workers=workers, use_verifier=verifier)
    try:
        with open_for_writing(db) as conn:
            summary = run_corpus(conn, list(inputs), sys.stdin, options, bars)
    except CrosscheckError as exc:
        raise _fail(exc) from exc
    _warn(summary.rejected)
    click.echo(
        f"crosscheck: {summary.read} articles read, {summary.new_articles} new "
        f"({summary.copies} copies), {summary.already_stored} already stored; stories: "
        f"{summary.stories_new} new, {summary.stories_updated} updated, "
        f"{summary.compared} compared; {len(summary.rejected)} inputs rejected; "
        f"{summary.seconds:.1f} s -> {db}", err=True)
    if timings:
        for stage, seconds in summary.stages.items():
            click.echo(f"  {stage:<8} {seconds:7.3f} s", err=True)
    if summary.read == 0:
        raise click.ClickException("no usable article in the inputs: see the messages above")


@click.command()
@_db_option
@click.option("--sort", type=click.Choice(["articles", "sources", "conflicts", "time", "title"]),
              default="articles", show_default=True, help="Order of the stories.")
@click.option("--min-articles", type=click.IntRange(min=0), default=0,
              help="Only stories with at least this many articles (copies included).")
@click.option("--min-sources", type=click.IntRange(min=0), default=0,
              help="Only stories from at least this many distinct sources.")
@click.option("--search", help="Only stories whose title, or an article's title, has this text.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True)
def stories(db: str, sort: str, min_articles: int, min_sources: int, search: str | None,
            limit: int | None, fmt: str) -> None:
    """List the stories in a corpus database."""
    from crosscheck.corpus.listing import stories_jsonl, stories_text
    from crosscheck.store.stories import SortKey, StoryQuery, list_stories

    conn = _open_read(db)
    try:
        found = list_stories(conn, StoryQuery(cast(SortKey, sort), min_articles, min_sources,
                                              search, limit))
    finally:
        conn.close()
    text = stories_jsonl(found) if fmt == "jsonl" else stories_text(found)
    click.echo(text, nl=False)


@click.command()
@click.argument("story_id")
@_db_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "md", "json", "html"]),
              default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--color/--no-color", default=None, help="Colour the text (default: if a terminal).")
def story(story_id: str, db: str, fmt: str, output: Path | None, color: bool | None) -> None:
    """Show one story's comparison and copies. STORY_ID may be the start of an id, or the id
    of a story merged into another since (the story it went into is shown)."""
    from crosscheck.corpus.story_view import load_story, render_story
    from crosscheck.store.stories import resolve_story

    conn = _open_read(db)
    try:
        found = resolve_story(conn, story_id)
        view = load_story(conn, found.id)
    except CrosscheckError as exc:
        raise _fail(exc) from exc
    finally:
        conn.close()
    if found.move is not None:  # on stderr: stdout stays the story alone, as for a live id
        click.echo(f"crosscheck: {found.move.describe()}", err=True)
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    _write(render_story(view, fmt, color=use_color), output, f"story {view.summary.id}")


@click.command()
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True)
def conflicts(db: str, limit: int, fmt: str) -> None:
    """The strongest conflicts across all stories of a corpus database."""
    from crosscheck.corpus.listing import conflicts_jsonl, conflicts_text, load_conflicts

    conn = _open_read(db)
    try:
        items = load_conflicts(conn, limit)
    finally:
        conn.close()
    click.echo(conflicts_jsonl(items) if fmt == "jsonl" else conflicts_text(items), nl=False)


@click.command()
@_db_option
@click.option("--what", type=click.Choice(["articles", "stories", "verdicts"]),
              default="articles", show_default=True, help="Which rows to export.")
@click.option("--format", "-f", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def export(db: str, what: str, fmt: str, output: Path | None) -> None:
    """Export a corpus database's articles (with story and original), stories or verdicts."""
    from crosscheck.corpus.export import What
    from crosscheck.corpus.export import export as export_rows

    conn = _open_read(db)
    try:
        if output is None:
            export_rows(conn, sys.stdout, cast(What, what), fmt)
            return
        try:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = export_rows(conn, handle, cast(What, what), fmt)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output} ({exc.strerror}): check the "
                                       f"path and its folder") from exc
        click.echo(f"crosscheck: wrote {count} {what} to {output}", err=True)
    finally:
        conn.close()


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def cluster(inputs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Group articles into stories without a database: one {"id", "story"} line per article.

    "id" is the input's own id field when it has one, else the article's content id.
    """
    from crosscheck.cluster import cluster_articles
    from crosscheck.ingest import read_inputs, require_articles

    result = read_inputs(list(inputs), sys.stdin, unique=False)
    _warn(result.rejected)
    try:
        require_articles(result)
    except NoUsableInputError as exc:
        raise _fail(exc) from exc
    stories_of = cluster_articles(result.articles)
    lines = [json.dumps({"id": a.external_id if a.external_id is not None else a.id,
                         "story": stories_of[a.id]}, ensure_ascii=False)
             for a in result.articles]
    _write("".join(line + "\n" for line in lines), output, f"{len(lines)} assignments")


COMMANDS: tuple[click.Command, ...] = (run, stories, story, conflicts, export, cluster)
