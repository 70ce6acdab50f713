"""Online story clustering: each article joins the story it fits best, or opens a new one.

An article's fit to a story is average-link similarity: the mean cosine between the article's
term vector (:mod:`crosscheck.cluster.terms`) and the story's members. With unit vectors that
mean is ``x · sum(members) / n``, so a story only keeps the sum of its members' vectors (its
strongest terms), never the members themselves: memory grows with stories, not articles.
Reports far apart in publication time are discounted, because an event's coverage comes in a
burst and a similar event months later is another story. A wire item marked as continuing one
already sent ("(Reopens)") needs only part of the threshold (``ClusterSettings.continuation``).

Candidate stories come from an inverted index over each story's strongest terms, so an article
is scored against a handful of stories, not all of them (no quadratic step).

A story that has let a second, similar event in is cut in two (:mod:`crosscheck.cluster.split`)
when its size reaches a checkpoint (6, 8, 10, 13... articles, each about 1.25 times the last, up
to ``split_limit``). The other way round, a story that gains an article is joined with a
candidate story that has turned out to report the same event (:mod:`crosscheck.cluster.merge`).
Both checks need the members' vectors: they come from the articles, looked up by id
(``lookup``) or, without one, remembered by the clusterer. Stories past ``split_limit`` no
longer list their members, and are neither split nor merged.

API contract (the corpus runner and the store rely on it):
- ``StoryClusterer(settings, state=rows)``: build, optionally restoring saved state rows; a
  restored clusterer answers exactly as the one that saved them would.
- ``assign(articles) -> list[str]``: the story id of each article, in the order given; each
  article is placed before the next is looked at, so the result does not depend on how a
  stream is cut into batches.
- ``changed_state() -> list[StateRow]``: rows (kind, key, value-json) changed since the last
  call, value None for a story merged into another; save them in the same transaction as the
  articles so a crash loses nothing.
- ``take_moves() -> dict[str, str]``: articles whose story was split off or merged since the
  last call, with their new story (articles of this batch and earlier ones); apply them in
  that same transaction.
- ``take_merges() -> dict[str, str]``: stories merged away since the last call, each with the
  story it went into then (which may have merged on since: follow the chain); ids live again
  (re-created by a split) are left out. Record them in that same transaction.
- story ids are content-addressed: ``story_<hash of the first article's id>``; the half of a
  split story that does not hold its first article takes the id of its own first article, and
  of two merged stories the larger keeps its id.
"""
from __future__ import annotations

import heapq
import json
import math
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from crosscheck.cluster.merge import belong_together
from crosscheck.cluster.split import split_in_two
from crosscheck.cluster.terms import Vector, article_vector
from crosscheck.errors import ConfigError
from crosscheck.ids import content_id
from crosscheck.model import Article

StateRow = tuple[str, str, str | None]  # (kind, key, JSON value); None: the key is gone
STATE_KIND = "story"
Lookup = Callable[[Sequence[str]], Sequence[Article]]  # article ids -> stored articles
Member = tuple[str, float | None]  # article id, publication day
_VECTOR_CACHE = 2048  # member vectors kept between split checks (about 25 kB each)
# A wire item that says it continues one already sent: PA's "(Reopens)", "(Adds ...)",
# "(Corrects ...)", "(Supersedes ...)"; Reuters' "UPDATE 2-", "REFILE-", "CORRECTED-". Such an
# item is often a paragraph or two ("The case was adjourned until tomorrow.") sharing few terms
# with the story it continues, so it needs only ``continuation`` of the usual threshold.
CONTINUATION = re.compile(r"\s*(?:\((?:re-?opens?|adds?|updates?|corrects?|corrected|recasts?|"
                          r"supersedes?)\b|(?:update\s+\d+|refile|corrected)\s*-)",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """One set of settings for every corpus (tuned on the ECB+, BASIL and METER dev splits)."""

    threshold: float = 0.16  # mean cosine an article needs to join a story
    name_weight: float = 0.3  # share of the vector given to names (vs. all words)
    time_scale_days: float = 3.0  # a gap this long beyond the story's span halves the fit
    story_terms: int = 300  # strongest terms kept in a story's summed vector
    index_terms: int = 20  # of those, how many are indexed to find candidate stories
    query_terms: int = 12  # an article's strongest terms used to look up candidates
    candidates: int = 12  # stories scored per article: those sharing most of those terms
    split_ratio: float = 0.6  # split when similarity across two halves is under this share
    split_min: int = 3  # of the similarity within them, and each half has this many articles
    split_limit: int = 100  # stories are checked for a split up to this size
    merge_ratio: float = 0.65  # merge when similarity across two stories is at least this share
    # of the similarity within them (above split_ratio: what was split stays split)
    continuation: float = 0.3  # share of the threshold a marked wire continuation needs

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"cluster threshold must be between 0 and 1, got {self.threshold}")
        if not 0.0 <= self.name_weight < 1.0:
            raise ConfigError(f"name_weight must be in [0, 1), got {self.name_weight}")
        if self.time_scale_days <= 0:
            raise ConfigError(f"time_scale_days must be positive, got {self.time_scale_days}")
        if min(self.story_terms, self.index_terms, self.query_terms, self.candidates) < 1:
            raise ConfigError("story_terms, index_terms, query_terms and candidates must be "
                              "at least 1")
        if not 0.0 <= self.split_ratio < 1.0:
            raise ConfigError(f"split_ratio must be in [0, 1) (0 never splits), "
                              f"got {self.split_ratio}")
        if not 0.0 < self.continuation <= 1.0:
            raise ConfigError(f"continuation must be in (0, 1] (1: a marked wire continuation "
                              f"needs the usual threshold), got {self.continuation}")
        if not self.split_ratio <= self.merge_ratio <= 1.0:
            raise ConfigError(f"merge_ratio must be between split_ratio ({self.split_ratio}) "
                              f"and 1, so that stories once split are not merged again, "
                              f"got {self.merge_ratio}")
        if self.split_min < 1 or self.split_limit < 2 * self.split_min:
            raise ConfigError(f"split_min must be at least 1 and split_limit at least twice "
                              f"split_min, got {self.split_min} and {self.split_limit}")

    def checkpoints(self) -> frozenset[int]:
        """Story sizes at which a split is checked: each about 1.25 times the last."""
        sizes, size = set(), 2 * self.split_min
        while size <= self.split_limit:
            sizes.add(size)
            size = max(size + 1, math.ceil(size * 1.25))
        return frozenset(sizes)


@dataclass(slots=True)
class Story:
    """A story's running summary (mutable: the clusterer's own state)."""

    id: str
    size: int = 0
    total: Vector = field(default_factory=dict)  # sum of member vectors, strongest terms only
    first_day: float | None = None  # publication span of the dated members, in days
    last_day: float | None = None
    members: list[Member] = field(default_factory=list)  # in arrival order; [] past the limit

    def to_json(self) -> str:
        return json.dumps({"size": self.size, "total": self.total, "first": self.first_day,
                           "last": self.last_day, "members": self.members}, sort_keys=True)

    @classmethod
    def from_json(cls, story_id: str, value: str) -> Story:
        data = json.loads(value)
        return cls(story_id, int(data["size"]), {k: float(v) for k, v in data["total"].items()},
                   data["first"], data["last"],
                   [(str(i), d) for i, d in data.get("members", [])])


def publication_day(article: Article) -> float | None:
    """Days since the epoch of ``article.published`` (None when missing or unreadable)."""
    if not article.published:
        return None
    try:
        moment = datetime.fromisoformat(article.published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None  # a free-form date: clustering simply goes without it
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp() / 86400.0


def _strongest(vector: Vector, count: int) -> list[str]:
    # Ties broken by the term itself, so the choice never depends on dict order. nlargest is
    # sorted()[:count]; sorting all is the faster of the two when most terms are kept.
    pairs = ((w, t) for t, w in vector.items())
    top = (heapq.nlargest(count, pairs) if 4 * count < len(vector)
           else sorted(pairs, reverse=True)[:count])
    return [t for _, t in top]


class StoryClusterer:
    """Assigns articles to stories one at a time; see the module docstring for the contract."""

    def __init__(self, settings: ClusterSettings = ClusterSettings(),
                 state: Iterable[StateRow] = (), lookup: Lookup | None = None) -> None:
        self.settings = settings
        self._checkpoints = settings.checkpoints()
        self._lookup = lookup
        self._stories: dict[str, Story] = {}
        self._index: dict[str, set[str]] = {}  # term -> stories indexed under it
        self._indexed: dict[str, list[str]] = {}  # story -> its indexed terms
        self._changed: set[str] = set()
        self._moves: dict[str, str] = {}  # article -> the story it was split off to
        self._merged: dict[str, str] = {}  # story merged away -> the story it went into
        # Articles whose vectors a split may need: this batch's, or with no lookup all of them.
        self._seen: dict[str, Article] = {}
        self._vectors: OrderedDict[str, Vector] = OrderedDict()  # recent member vectors
        for kind, key, value in state:
            if kind == STATE_KIND and value is not None:
                story = Story.from_json(key, value)
                self._stories[key] = story
                self._reindex(story)

    def assign(self, articles: Sequence[Article]) -> list[str]:
        """The story of each article as it is placed; a later split may move it (see
        :meth:`take_moves`)."""
        if self._lookup is not None:
            self._seen = {}  # earlier batches are stored: the lookup finds them
        self._seen.update((a.id, a) for a in articles)
        return [self._add(a) for a in articles]

    def take_moves(self) -> dict[str, str]:
        moves, self._moves = self._moves, {}
        return moves

    def take_merges(self) -> dict[str, str]:
        # A split may name its new half with an id merged away earlier (its first article
        # once opened that story): the live story wins over the old record.
        merged = {gone: keep for gone, keep in self._merged.items() if gone not in self._stories}
        self._merged = {}
        return merged

    def changed_state(self) -> list[StateRow]:
        rows: list[StateRow] = [(STATE_KIND, sid, self._stories[sid].to_json()
                                 if sid in self._stories else None)
                                for sid in sorted(self._changed)]
        self._changed.clear()
        return rows

    # --- placing one article --------------------------------------------------------------

    def _add(self, article: Article) -> str:
        vector = article_vector(article, self.settings.name_weight)
        day = publication_day(article)
        best = self._best_story(vector, day, self._threshold(article))
        story = best if best is not None else Story(content_id("story", article.id))
        self._stories[story.id] = story
        self._grow(story, vector, day)
        self._remember(article.id, vector)
        # Members are listed only while the list is complete: a story saved by an older
        # version lists none, and is never split.
        if story.size <= self.settings.split_limit and len(story.members) == story.size - 1:
            story.members.append((article.id, day))
        elif story.members:
            self._forget(story)
        self._changed.add(story.id)
        if story.size in self._checkpoints and len(story.members) == story.size:
            if self._split(story):
                return story.id
        if best is not None:  # a new story fits no other one: it was just compared with them
            story = self._merge(story)
        return story.id

    def _threshold(self, article: Article) -> float:
        if CONTINUATION.match(article.text):
            return self.settings.threshold * self.settings.continuation
        return self.settings.threshold

    def _best_story(self, vector: Vector, day: float | None, threshold: float) -> Story | None:
        best: Story | None = None
        best_key = (threshold, "")
        for story_id in self._candidates(vector):
            story = self._stories[story_id]
            key = (self._fit(vector, day, story), story_id)
            if key > best_key:  # equal fits go to the smaller id: the same answer every time
                best, best_key = story, key
        return best

    def _candidates(self, vector: Vector) -> list[str]:
        # The stories sharing most of the article's strongest terms; scoring only those keeps
        # the cost per article flat however many stories share a common term.
        hits: Counter[str] = Counter()
        for term in _strongest(vector, self.settings.query_terms):
            hits.update(self._index.get(term, ()))
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [story_id for story_id, _ in ranked[: self.settings.candidates]]

    def _fit(self, vector: Vector, day: float | None, story: Story) -> float:
        mean_cosine = _dot(vector, story.total) / story.size
        return mean_cosine * self._span_discount(day, day, story)

    def _span_discount(self, first: float | None, last: float | None, story: Story) -> float:
        """Discount for the gap between the span ``first``-``last`` and the story's span."""
        if first is None or last is None or story.first_day is None or story.last_day is None:
            return 1.0
        gap = max(0.0, story.first_day - last, first - story.last_day)
        return 1.0 / (1.0 + gap / self.settings.time_scale_days)

    def _grow(self, story: Story, vector: Vector, day: float | None,
              reindex: bool = True) -> None:
        total = dict(story.total)
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
        keep = _strongest(total, self.settings.story_terms)
        story.total = {t: total[t] for t in sorted(keep)}
        story.size += 1
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        if reindex:
            self._reindex(story)

    # --- splitting a story that holds two events -------------------------------------------

    def _split(self, story: Story) -> bool:
        members = story.members
        labels = split_in_two(self._member_vectors([m[0] for m in members]),
                              self.settings.split_min, self.settings.split_ratio)
        if labels is None:
            return False
        moved = [m for m, label in zip(members, labels, strict=True) if label]
        other = Story(content_id("story", moved[0][0]))
        if other.id in self._stories:
            # Unreachable: an article that opened a story is its first member, and the first
            # member always stays (a merge deletes the story it drops), so no article opens two.
            raise RuntimeError(f"split story id {other.id} is taken")
        self._rebuild(story, [m for m, label in zip(members, labels, strict=True) if not label])
        self._rebuild(other, moved)
        self._moves.update((article_id, other.id) for article_id, _ in moved)
        for half in (story, other):
            self._split(half)
        return True

    # --- merging two stories of one event -----------------------------------------------------

    def _merge(self, story: Story) -> Story:
        """Join ``story`` with the candidate story that turned out to report its event, if
        one did; return the story that remains."""
        if len(story.members) != story.size:
            return story
        close: list[tuple[float, str, float]] = []
        for other_id in self._candidates(story.total):
            other = self._stories[other_id]
            if other is story or len(other.members) != other.size:
                continue
            # Summed vectors give the mean similarity across (trimmed: a close estimate),
            # so the exact check below, which needs the members' vectors, runs only for
            # stories that may well merge.
            discount = self._span_discount(story.first_day, story.last_day, other)
            across = _dot(story.total, other.total) / (story.size * other.size) * discount
            if across >= self.settings.threshold:
                close.append((-across, other_id, discount))
        if not close:
            return story
        mine = self._member_vectors([m[0] for m in story.members])
        for _, other_id, discount in sorted(close):
            other = self._stories[other_id]
            if belong_together(mine, self._member_vectors([m[0] for m in other.members]),
                               discount, self.settings.threshold, self.settings.split_min,
                               self.settings.split_ratio, self.settings.merge_ratio):
                return self._absorb(story, other)
        return story

    def _absorb(self, story: Story, other: Story) -> Story:
        keep, gone = sorted((story, other), key=lambda s: (-s.size, s.id))
        self._rebuild(keep, keep.members + gone.members)
        if keep.size > self.settings.split_limit:
            self._forget(keep)
        self._moves.update((article_id, keep.id) for article_id, _ in gone.members)
        self._merged[gone.id] = keep.id
        del self._stories[gone.id]
        for term in self._indexed.pop(gone.id):
            self._index[term].discard(gone.id)
        self._changed.add(gone.id)
        return keep

    def _rebuild(self, story: Story, members: list[Member]) -> None:
        story.size, story.total, story.first_day, story.last_day = 0, {}, None, None
        self._stories[story.id] = story
        vectors = self._member_vectors([m[0] for m in members])
        for vector, (_, day) in zip(vectors, members, strict=True):
            self._grow(story, vector, day, reindex=False)
        self._reindex(story)  # a function of the final total alone: once is enough
        story.members = list(members)
        self._changed.add(story.id)

    def _forget(self, story: Story) -> None:
        # Past the limit a story is not checked again, so its members need not be kept.
        for article_id, _ in story.members:
            self._seen.pop(article_id, None)
            self._vectors.pop(article_id, None)
        story.members = []

    def _remember(self, article_id: str, vector: Vector) -> None:
        self._vectors[article_id] = vector
        self._vectors.move_to_end(article_id)
        while len(self._vectors) > _VECTOR_CACHE:
            self._vectors.popitem(last=False)

    def _member_vectors(self, ids: Sequence[str]) -> list[Vector]:
        missing = [i for i in ids if i not in self._vectors and i not in self._seen]
        if missing:
            if self._lookup is None:
                raise ConfigError(f"story members {missing[:3]} are neither in this batch nor "
                                  f"remembered: give StoryClusterer a lookup for stored "
                                  f"articles")
            found = {a.id: a for a in self._lookup(missing)}
            if len(found) != len(missing):
                raise ConfigError(f"the lookup found {len(found)} of {len(missing)} story "
                                  f"members, e.g. not {sorted(set(missing) - found.keys())[:3]}")
            self._seen.update(found)
        vectors = []
        for article_id in ids:
            vector = self._vectors.get(article_id)
            if vector is None:
                vector = article_vector(self._seen[article_id], self.settings.name_weight)
            self._remember(article_id, vector)
            vectors.append(vector)
        return vectors

    def _reindex(self, story: Story) -> None:
        # The index is always exactly a function of the stories' current totals, so a
        # clusterer restored from saved rows finds the same candidates as the live one.
        for term in self._indexed.get(story.id, ()):
            self._index[term].discard(story.id)
        terms = _strongest(story.total, self.settings.index_terms)
        self._indexed[story.id] = terms
        for term in terms:
            self._index.setdefault(term, set()).add(story.id)


def _dot(first: Vector, second: Vector) -> float:
    return sum(first[t] * second[t] for t in first.keys() & second.keys())


def order_for_clustering(articles: Sequence[Article]) -> list[Article]:
    """Earliest first (undated ones after, in input order): a story grows forward in time."""
    indexed = list(enumerate(articles))
    indexed.sort(key=lambda pair: (pair[1].published is None, pair[1].published or "", pair[0]))
    return [a for _, a in indexed]


def cluster_articles(articles: Sequence[Article],
                     settings: ClusterSettings = ClusterSettings()) -> dict[str, str]:
    """Stateless form: article id -> story id for a whole batch."""
    ordered = order_for_clustering(articles)
    clusterer = StoryClusterer(settings)
    stories = dict(zip((a.id for a in ordered), clusterer.assign(ordered), strict=True))
    stories.update(clusterer.take_moves())
    return stories
