"""The runner: ingest -> claims -> names -> embed -> align -> judge -> report.

Each stage is a plain function over a batch of frozen records (see ``model.py``), so the same
stage can run here or on a distributed engine; the only shared state is the cached models.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

import numpy as np

from crosscheck.align.align import AlignSettings, align_claims
from crosscheck.align.names import people_mapping, resolve_attributions, resolve_names
from crosscheck.claims.extract import extract_claims
from crosscheck.claims.quotes import quotes_of
from crosscheck.ingest import read_inputs, require_articles
from crosscheck.judge.counts import reconcile_counts
from crosscheck.judge.speakers import reconcile_speakers
from crosscheck.judge.addresses import address_conflicts
from crosscheck.judge.facts import add_found
from crosscheck.judge.judge import JudgeSettings, judge
from crosscheck.judge.spellings import spelling_conflicts
from crosscheck.judge.when import event_date_conflicts
from crosscheck.judge.people import people_conflicts
from crosscheck.model import Article, Claim, Rejected, Report
from crosscheck.nlp.embed import load_embedder
from crosscheck.report.build import build_report
from crosscheck.timing import Timings
from crosscheck.verify.judge_adapter import refine
from crosscheck.verify.verifier import default_verifier


@dataclass(frozen=True, slots=True)
class Settings:
    align: AlignSettings = AlignSettings()
    judge: JudgeSettings = JudgeSettings()
    embedding_backend: str = "auto"
    embedding_threads: int = 0  # 0: all cores
    # The trained verifier refining the slot rules' verdicts: an option, since on real news
    # (bench/conflict_quality.py) it changed no conflict figure and cost a third more time.
    use_verifier: bool = False


__all__ = ["Settings", "Timings", "compare_articles", "compare_paths", "embed_statements"]


def embed_statements(claims: Sequence[Claim], backend: str = "auto",
                     threads: int = 0) -> np.ndarray:
    """Unit embeddings of the claims' standalone statements, one row per claim.

    Each distinct statement is encoded once: rewrites of one wire story repeat sentences, and
    the encoder is most of the cost of a comparison.
    """
    distinct = list(dict.fromkeys(c.statement for c in claims))
    vectors = load_embedder(backend, threads).encode(distinct)
    row = {text: i for i, text in enumerate(distinct)}
    return vectors[[row[c.statement] for c in claims]]


def compare_articles(articles: Sequence[Article], settings: Settings = Settings(),
                     rejected: Sequence[Rejected] = (), timings: Timings | None = None) -> Report:
    """Compare already-read articles and return the report."""
    timings = timings if timings is not None else Timings()
    with timings.stage("claims"):
        extraction = extract_claims(articles)
    with timings.stage("names"):
        mapping = people_mapping(extraction.claims, extraction.attributions)
        claims = resolve_names(extraction.claims, mapping)
        attributions = resolve_attributions(extraction.attributions, mapping)
        quotes = quotes_of(attributions, claims, {a.id: a.text for a in articles})
    with timings.stage("embed"):
        vectors = embed_statements(claims, settings.embedding_backend, settings.embedding_threads)
    with timings.stage("align"):
        alignments = align_claims(claims, vectors, settings.align)
    with timings.stage("judge"):
        by_id = {c.id: c for c in claims}
        verdicts = judge(alignments, by_id, settings.judge)
        if settings.use_verifier:
            verdicts = refine(verdicts, by_id, default_verifier(settings.embedding_backend,
                                                               settings.embedding_threads),
                              vectors={c.statement: v for c, v in zip(claims, vectors)})
        verdicts = reconcile_speakers(reconcile_counts(verdicts, by_id), by_id)
        alignments, verdicts = people_conflicts(claims, alignments, verdicts,
                                                {a.id: a.published for a in articles})
        alignments, verdicts = add_found(alignments, verdicts, [
            *spelling_conflicts(claims), *address_conflicts(claims),
            *event_date_conflicts(claims)])
    return build_report(articles, claims, alignments, verdicts, rejected, quotes,
                        extraction.set_aside)


def compare_paths(paths: Sequence[str], stdin: TextIO | None = None,
                  settings: Settings = Settings(), timings: Timings | None = None) -> Report:
    """Read the inputs (bad ones are recorded in ``report.rejected``) and compare the rest.

    Raises ``NoUsableInputError`` when no input gave an article.
    """
    timings = timings if timings is not None else Timings()
    with timings.stage("ingest"):
        result = read_inputs(paths, stdin)
    require_articles(result)
    return compare_articles(result.articles, settings, result.rejected, timings)
