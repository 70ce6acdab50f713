"""Online story clustering (placeholder algorithm; the API is what the store codes against).

API contract:
- ``StoryClusterer(settings, state=rows)``: build, optionally restoring saved state rows.
- ``assign(articles) -> list[str]``: the story id of each article, in the order given; each
  article joins an existing story or opens a new one, and the state is updated before the
  next article, so the result does not depend on how a stream is cut into batches.
- ``changed_state() -> list[StateRow]``: rows (kind, key, value-json) changed since the last
  call; save them in the same transaction as the articles so a crash loses nothing.
- story ids are content-addressed: ``story_<hash of the first article's id>``.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crosscheck.ids import content_id
from crosscheck.model import Article

StateRow = tuple[str, str, str]  # (kind, key, JSON value)

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    threshold: float = 0.3

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {self.threshold}")


def _terms(article: Article) -> Counter[str]:
    text = f"{article.title or ''}\n{article.text[:1500]}"
    return Counter(w.lower() for w in _WORD.findall(text) if len(w) > 3)


class StoryClusterer:
    def __init__(self, settings: ClusterSettings = ClusterSettings(),
                 state: Iterable[StateRow] = ()) -> None:
        self.settings = settings
        self._stories: dict[str, Counter[str]] = {}
        self._changed: set[str] = set()
        for kind, key, value in state:
            if kind == "story":
                self._stories[key] = Counter(json.loads(value))

    def assign(self, articles: Sequence[Article]) -> list[str]:
        return [self._add(a) for a in articles]

    def _add(self, article: Article) -> str:
        terms = _terms(article)
        best, best_score = None, self.settings.threshold
        for story_id, centroid in self._stories.items():
            shared = sum(min(terms[t], centroid[t]) for t in terms.keys() & centroid.keys())
            score = shared / max(1, min(sum(terms.values()), sum(centroid.values())))
            if score > best_score:
                best, best_score = story_id, score
        if best is None:
            best = content_id("story", article.id)
            self._stories[best] = Counter()
        self._stories[best].update(terms)
        self._changed.add(best)
        return best

    def changed_state(self) -> list[StateRow]:
        rows = [("story", sid, json.dumps(self._stories[sid], sort_keys=True))
                for sid in sorted(self._changed)]
        self._changed.clear()
        return rows


def _order(articles: Sequence[Article]) -> list[Article]:
    # Earliest first (undated ones after, in input order): a story grows forward in time.
    indexed = list(enumerate(articles))
    indexed.sort(key=lambda pair: (pair[1].published is None, pair[1].published or "", pair[0]))
    return [a for _, a in indexed]


def cluster_articles(articles: Sequence[Article],
                     settings: ClusterSettings = ClusterSettings()) -> dict[str, str]:
    """Stateless form: article id -> story id for a whole batch."""
    ordered = _order(articles)
    return dict(zip((a.id for a in ordered), StoryClusterer(settings).assign(ordered)))
