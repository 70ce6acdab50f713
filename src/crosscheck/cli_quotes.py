"""``crosscheck quotes``: who said what in each article, as JSON Lines or text.

Heavy modules (spaCy) are imported inside the command so that ``crosscheck --help`` stays
instant.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence

import click

from crosscheck.errors import NoUsableInputError
from crosscheck.model import Article, Attribution

QUOTE_FORMATS = ("jsonl", "text")


def attribution_record(attribution: Attribution) -> dict[str, object]:
    """One attribution as the ``quotes`` command prints it: offsets as [start, end) lists."""
    speaker = attribution.speaker
    return {"speaker": speaker.name if speaker is not None else None,
            "role": attribution.role,
            "source": [list(s) for s in attribution.source],
            "cue": [list(c) for c in attribution.cue],
            "content": [list(c) for c in attribution.content],
            "direct": attribution.direct}


def article_record(article: Article, attributions: Sequence[Attribution]) -> dict[str, object]:
    return {"id": article.external_id or article.id,
            "attributions": [attribution_record(a) for a in attributions]}


def _words(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The fragments' words, joined with " … " where the attribution cut them apart."""
    return " … ".join(" ".join(text[s:e].split()) for s, e in spans)


def text_lines(article: Article, attributions: Sequence[Attribution]) -> list[str]:
    """A readable listing: the article, then one line per attribution."""
    lines = [f"{article.label} ({len(attributions)} attributions)"]
    for attribution in attributions:
        speaker = attribution.speaker
        who = speaker.name if speaker is not None else _words(article.text, attribution.source)
        who = who or "(no source)"
        if attribution.role:
            who += f" ({attribution.role})"
        kind = "quote" if attribution.direct else "says"
        cue = _words(article.text, attribution.cue)
        lines.append(f"  {who} [{kind}{': ' + cue if cue else ''}]: "
                     f"{_words(article.text, attribution.content)}")
    return lines


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(QUOTE_FORMATS), default="jsonl",
              show_default=True, help="Output format.")
def quotes(inputs: tuple[str, ...], fmt: str) -> None:
    """List who said what in each article: speaker, role, source, cue and content spans.

    INPUTS are .txt, .html or .jsonl files, directories of them, or - for standard input.
    Offsets are character offsets into each article's text; a span cut by the attribution
    ("…," he said, "…") is a list of fragments.
    """
    from crosscheck.claims.attributions import read_attributions
    from crosscheck.ingest import read_inputs, require_articles
    from crosscheck.nlp.spacy_model import load_spacy

    result = read_inputs(list(inputs), sys.stdin)
    for item in result.rejected:  # on stderr, so stdout stays clean JSON Lines
        click.echo(f"crosscheck: skipped {item.location}: {item.reason}", err=True)
    try:
        require_articles(result)
    except NoUsableInputError as exc:
        click.echo(f"crosscheck: {exc}", err=True)
        sys.exit(1)
    docs = load_spacy().pipe((a.text for a in result.articles), batch_size=16)
    for article, doc in zip(result.articles, docs):
        found = read_attributions(article, doc)
        if fmt == "jsonl":
            click.echo(json.dumps(article_record(article, found), ensure_ascii=False))
        else:
            click.echo("\n".join(text_lines(article, found)))


COMMANDS: tuple[click.Command, ...] = (quotes,)
