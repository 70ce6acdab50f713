"""The ``crosscheck`` command line: a thin layer over the pipeline's plain functions."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from crosscheck import __version__
from crosscheck.errors import CrosscheckError, NoUsableInputError
from crosscheck.model import Report

FORMATS = ("text", "md", "json", "html")


def _warn_rejected(report: Report) -> None:
    # One line per bad input, on stderr, so stdout stays a clean report.
    for item in report.rejected:
        click.echo(f"crosscheck: skipped {item.location}: {item.reason}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosscheck")
def main() -> None:
    """Check news across sources: what they agree on, where they conflict, what only one says."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: if a terminal).")
@click.option("--backend", type=click.Choice(["auto", "onnx", "torch"]), default="auto",
              show_default=True, help="Sentence-embedding back-end.")
@click.option("--verifier/--no-verifier", default=False, show_default=True,
              help="Let the trained verifier refine the rule judge's verdicts (slower).")
@click.option("--timings", is_flag=True, help="Print seconds per stage on standard error.")
def compare(inputs: tuple[str, ...], fmt: str, output: Path | None, color: bool | None,
            backend: str, verifier: bool, timings: bool) -> None:
    """Compare two or more articles about one event.

    INPUTS are .txt, .html or .jsonl files, directories of them, or - for standard input.
    """
    from crosscheck.pipeline import Settings, Timings, compare_paths
    from crosscheck.report import render

    spent = Timings()
    try:
        report = compare_paths(list(inputs), sys.stdin,
                               Settings(embedding_backend=backend, use_verifier=verifier), spent)
    except NoUsableInputError as exc:
        click.echo(f"crosscheck: {exc}", err=True)
        sys.exit(1)
    except CrosscheckError as exc:
        raise click.ClickException(str(exc)) from exc
    _warn_rejected(report)
    if len(report.articles) < 2:
        click.echo("crosscheck: only one usable article: nothing to compare it with; "
                   "every claim is listed as unique", err=True)
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    text = render(report, fmt, color=use_color) if fmt == "text" else render(report, fmt)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        click.echo(f"crosscheck: wrote {fmt} report to {output}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    if timings:
        for stage, seconds in spent.stages.items():
            click.echo(f"  {stage:<8} {seconds:7.3f} s", err=True)


def _add_corpus_commands() -> None:
    # Defined in their own module to keep this one small; registered here so that
    # `crosscheck --help` lists every command.
    from crosscheck.cli_corpus import COMMANDS
    from crosscheck.cli_quotes import COMMANDS as QUOTE_COMMANDS
    from crosscheck.cli_serve import serve
    from crosscheck.cli_verify import COMMANDS as VERIFY_COMMANDS
    for command in (*COMMANDS, *QUOTE_COMMANDS, *VERIFY_COMMANDS, serve):
        main.add_command(command)


_add_corpus_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
