"""Dev stories of the four labelled sets, as the corpus pipeline would compare them.

A story is a gold group (a GVA incident, a METER/BASIL/ECB+ story) of two or more independent
articles: copies (80% of a later text's word 5-grams in an earlier one, the corpus mode's rule)
are dropped, as ``crosscheck run`` never compares them.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from crosscheck.dedupe.shingles import overlap, shingle_hashes
from crosscheck.ingest import read_inputs
from crosscheck.model import Article

SETS = {"gva": "gva", "meter": "meter/cluster", "basil": "basil", "ecbplus": "ecbplus"}
COPY_CONTAINMENT = 0.8


@dataclass(frozen=True, slots=True)
class Story:
    """One gold story: its set, its gold id and its independent articles, oldest first."""

    dataset: str
    gold: str
    articles: tuple[Article, ...]
    copies: tuple[tuple[Article, Article], ...] = ()  # (copy, the article it copies)


class MissingDataError(FileNotFoundError):
    """The evaluation data is not where the benchmark looks for it."""


def load_stories(data: Path, dataset: str) -> list[Story]:
    """Every gold story of ``dataset`` with two or more independent articles, in a seeded
    order (a hash of the story id), so a ``--limit`` takes the same stories every time."""
    folder = data / SETS[dataset]
    if not (folder / "articles.jsonl").exists():
        raise MissingDataError(f"no {dataset} data at {folder}; pass --data ../shared/data")
    result = read_inputs([str(folder / "articles.jsonl")], unique=False)
    with open(folder / "gold.jsonl", encoding="utf-8") as lines:
        gold = {row["id"]: row["story"] for row in map(json.loads, lines)}
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in result.articles:
        groups[gold[article.external_id or ""]].append(article)
    stories = []
    for story_id, members in groups.items():
        independent, copies = _independent(sorted(members, key=_age))
        if len(independent) >= 2:
            stories.append(Story(dataset, story_id, tuple(independent), tuple(copies)))
    return sorted(stories, key=lambda s: hashlib.sha1(s.gold.encode()).hexdigest())


def _age(article: Article) -> tuple[bool, str, str]:
    return (article.published is None, article.published or "", article.external_id or "")


def _independent(articles: list[Article]
                 ) -> tuple[list[Article], list[tuple[Article, Article]]]:
    kept: list[tuple[Article, object]] = []
    copies = []
    for article in articles:
        shingles = shingle_hashes(article.text)
        original = next((a for a, s in kept if len(shingles)
                         and overlap(shingles, s) >= COPY_CONTAINMENT * len(shingles)), None)
        if original is not None:
            copies.append((article, original))
        else:
            kept.append((article, shingles))
    return [a for a, _ in kept], copies
