"""Merging two stories that turn out to report one event: the rule, and the clusterer's
moves and saved state (batches, restarts and the corpus database: test_cluster_split)."""
from __future__ import annotations

import pytest

from crosscheck.cluster import StoryClusterer, cluster_articles
from crosscheck.cluster.merge import belong_together
from crosscheck.model import Article
from tests.corpus_helpers import event_vectors

RULE = {"threshold": 0.16, "min_side": 3, "max_ratio": 0.6, "min_ratio": 0.65}

# One event told two ways: the first two reports say where Reid went, the next two what her
# publicist said; later reports tell both, until the two stories look alike.
REID = ["Tara Reid checked into the Promises rehab centre in Malibu on Tuesday, her rep said.",
        "Publicist Jim Gold thanked fans for their support and asked for privacy for the family.",
        "Tara Reid entered Promises in Malibu for treatment, a spokesman confirmed.",
        "Jim Gold thanked fans and asked for privacy, saying the family was grateful for support.",
        "Tara Reid is at Promises in Malibu; publicist Jim Gold thanked fans and asked for privacy.",
        "Publicist Jim Gold said Tara Reid checked into Promises in Malibu and thanked fans.",
        "Tara Reid checked into Promises in Malibu for treatment; publicist Jim Gold asked for "
        "privacy.",
        "Tara Reid entered the Promises rehab centre in Malibu, publicist Jim Gold told fans.",
        "A spokesman said Tara Reid is in treatment at Promises in Malibu; Jim Gold thanked fans."]


def test_two_parts_of_one_event_belong_together() -> None:
    reports = event_vectors(["reid", "promises"], 7)
    assert belong_together(reports[:3], reports[3:], discount=1.0, **RULE)
    assert belong_together(reports[:1], reports[1:2], discount=1.0, **RULE)


def test_two_events_of_one_kind_do_not() -> None:
    reid, lohan = event_vectors(["reid", "promises"], 4), event_vectors(["lohan", "betty"], 4)
    assert not belong_together(reid, lohan, discount=1.0, **RULE)
    # Even with no ratio asked for, a merge the split check would undo is refused.
    assert not belong_together(reid, lohan, discount=1.0, **{**RULE, "min_ratio": 0.0})


def test_one_event_far_apart_in_time_does_not() -> None:
    reports = event_vectors(["reid", "promises"], 6)
    assert belong_together(reports[:3], reports[3:], discount=1.0, **RULE)
    assert not belong_together(reports[:3], reports[3:], discount=0.05, **RULE)


def test_belong_together_needs_members() -> None:
    with pytest.raises(ValueError, match="at least one member"):
        belong_together([], event_vectors(["reid"], 2), discount=1.0, **RULE)


def test_two_stories_of_one_event_are_merged_into_the_larger() -> None:
    articles = [Article.create(text) for text in REID]
    clusterer = StoryClusterer()
    placed = clusterer.assign(articles)
    # The publicist's report opened a second story; the reports that tell both joined one
    # or the other, until the eighth joined the first story and made the two alike. The
    # larger second story took in the first's three articles.
    first, second = placed[0], placed[1]
    assert first != second and placed[2] == first and set(placed[3:]) == {second}
    moves = clusterer.take_moves()
    assert moves == {a.id: second for a in (articles[0], articles[2], articles[7])}
    state = {key: value for _, key, value in clusterer.changed_state()}
    assert state.keys() == {first, second} and state[first] is None
    # A restored clusterer knows only the story that remains.
    stored = {a.id: a for a in articles}
    restored = StoryClusterer(state=[("story", k, v) for k, v in state.items()],
                              lookup=lambda ids: [stored[i] for i in ids])
    assert restored.assign([Article.create(REID[5] + " More to come.")]) == [second]
    assert set(cluster_articles(articles).values()) == {second}

