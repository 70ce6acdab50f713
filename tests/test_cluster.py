"""Story clustering: term vectors, the online clusterer's contract, and the scores."""
from __future__ import annotations

import math

import pytest

from crosscheck.cluster import ClusterSettings, StoryClusterer, cluster_articles
from crosscheck.cluster.online import CONTINUATION, order_for_clustering, publication_day
from crosscheck.cluster.score import b_cubed, pairwise
from crosscheck.cluster.terms import article_vector, rarity
from crosscheck.errors import ConfigError
from crosscheck.model import Article
from tests.corpus_helpers import METER, read_jsonl

QUAKE_1 = ("A 6.1 magnitude earthquake struck near Bandar Abbas in southern Iran on Sunday, "
           "killing three villagers, Iranian state television reported.")
QUAKE_2 = ("Three people died when an earthquake of magnitude 6.1 hit the area around Bandar "
           "Abbas, southern Iran, on Sunday, state television said.")
HEIST = ("Four armed robbers, two of them dressed as women, stole diamonds worth 80 million "
         "euros from the Harry Winston jewellery store on Avenue Montaigne in Paris.")


def _article(text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article.create(text, title=title, published=published)


def test_rarity_weighs_rare_words_above_common_ones() -> None:
    assert rarity("the") == 0.0  # a function word says nothing about the topic
    assert rarity("earthquake") > rarity("government") > 0
    assert rarity("zxqvbandarabbas") == pytest.approx(-math.log(1e-8))


def test_article_vector_is_unit_length_with_names_apart() -> None:
    vector = article_vector(_article(QUAKE_1), name_weight=0.3)
    assert math.isclose(math.sqrt(sum(w * w for w in vector.values())), 1.0, rel_tol=1e-9)
    assert "@bandar" in vector and "@iranian" in vector
    assert "@a" not in vector  # "A" starts the sentence: not a name


def test_reports_of_one_event_share_a_story_and_another_event_does_not() -> None:
    stories = cluster_articles([_article(QUAKE_1), _article(QUAKE_2), _article(HEIST)])
    ids = list(stories.values())
    assert ids[0] == ids[1] != ids[2]


def test_story_ids_are_content_addressed_and_stable() -> None:
    first = cluster_articles([_article(QUAKE_1), _article(QUAKE_2)])
    again = cluster_articles([_article(QUAKE_1), _article(QUAKE_2)])
    assert first == again
    assert set(first.values()) == {StoryClusterer().assign([_article(QUAKE_1)])[0]}


def test_far_apart_publication_times_discount_the_fit() -> None:
    close = cluster_articles([_article(QUAKE_1, "2024-03-03"), _article(QUAKE_2, "2024-03-04")])
    apart = cluster_articles([_article(QUAKE_1, "2024-03-03"), _article(QUAKE_2, "2025-09-01")])
    assert len(set(close.values())) == 1
    assert len(set(apart.values())) == 2


def test_order_is_oldest_first_then_undated_in_input_order() -> None:
    undated_a, undated_b = _article("a text"), _article("b text")
    old, new = _article("old", "2020-01-01"), _article("new", "2021-01-01T10:00:00Z")
    assert order_for_clustering([undated_a, new, undated_b, old]) == [old, new, undated_a,
                                                                      undated_b]


def test_publication_day_reads_iso_dates_and_skips_free_form_ones() -> None:
    assert publication_day(_article("x", "1970-01-02")) == pytest.approx(1.0)
    assert publication_day(_article("x", "1970-01-02T12:00:00+00:00")) == pytest.approx(1.5)
    assert publication_day(_article("x", "last Tuesday")) is None


def test_a_marked_wire_continuation_joins_on_less_similarity() -> None:
    """A "(Reopens)" item continues a story already on the wire: it needs only part of the
    usual fit. Unmarked, the same paragraph opens a story of its own; marked or not, a
    paragraph about something else does."""
    more = "Iranian officials said rescue teams were still searching the rubble on Monday."
    for text, stories in ((more, 2), ("(Reopens) " + more, 1), ("(Adds rescue) " + more, 1),
                          ("(Reopens) " + HEIST, 2)):
        placed = cluster_articles([_article(QUAKE_1), _article(QUAKE_2), _article(text)])
        assert len(set(placed.values())) == stories, text
    assert all(CONTINUATION.match(t) for t in ("UPDATE 2-Oil rises", "REFILE-Oil rises",
                                                "(Corrects age in para 3)", "(Supersedes x)"))
    assert not any(CONTINUATION.match(t) for t in ("(With pic) Oil rises", "Update on oil"))
    unmarked = ClusterSettings(continuation=1.0)
    placed = cluster_articles([_article(QUAKE_1), _article(QUAKE_2),
                               _article("(Reopens) " + more)], unmarked)
    assert len(set(placed.values())) == 2


@pytest.mark.parametrize("field, value", [("threshold", 0.0), ("threshold", 1.0),
                                          ("continuation", 0.0), ("continuation", 1.5),
                                          ("name_weight", 1.0), ("time_scale_days", 0.0),
                                          ("query_terms", 0), ("split_ratio", 1.0),
                                          ("split_min", 0), ("split_limit", 5),
                                          ("merge_ratio", 0.5), ("merge_ratio", 1.5)])
def test_settings_refuse_values_that_cannot_work(field: str, value: float) -> None:
    with pytest.raises(ConfigError, match=field.split("_")[0]):
        ClusterSettings(**{field: value})


def _meter_articles(count: int) -> list[Article]:
    records = read_jsonl(METER)[:count]
    return order_for_clustering([Article.create(r["text"], title=r["title"], source=r["source"],
                                                published=r["published"]) for r in records])


def test_a_restored_clusterer_assigns_exactly_like_the_live_one() -> None:
    # Crash safety rests on this: a re-run rebuilds the clusterer from its saved rows.
    articles = _meter_articles(300)
    stored = {a.id: a for a in articles[:100]}
    live = StoryClusterer()
    live.assign(articles[:100])
    live.take_moves()
    restored = StoryClusterer(state=live.changed_state(),
                              lookup=lambda ids: [stored[i] for i in ids])
    assert live.assign(articles[100:]) == restored.assign(articles[100:])
    assert live.take_moves() == restored.take_moves()


def test_batches_do_not_change_the_answer() -> None:
    articles = _meter_articles(200)
    whole = StoryClusterer().assign(articles)
    clusterer = StoryClusterer()
    pieces = [s for lo in range(0, len(articles), 7) for s in clusterer.assign(articles[lo:lo + 7])]
    assert pieces == whole


def test_changed_state_lists_each_touched_story_once_then_nothing() -> None:
    clusterer = StoryClusterer()
    ids = clusterer.assign([_article(QUAKE_1), _article(QUAKE_2), _article(HEIST)])
    rows = clusterer.changed_state()
    assert sorted(key for _, key, _ in rows) == sorted(set(ids))
    assert clusterer.changed_state() == []


def test_b_cubed_and_pairwise_by_hand() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    predicted = {"a": "1", "b": "1", "c": "1", "d": "2"}
    b3 = b_cubed(predicted, gold)
    # precision: a, b 2/3 each, c 1/3, d 1 -> 2.67 / 4; recall: a, b 1, c, d 1/2 -> 3 / 4
    assert b3.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert b3.recall == pytest.approx(0.75)
    pair = pairwise(predicted, gold)
    assert (pair.precision, pair.recall) == (pytest.approx(1 / 3), pytest.approx(1 / 2))
    assert b_cubed(gold, gold).f1 == 1.0


def test_scores_refuse_a_prediction_that_misses_gold_items() -> None:
    with pytest.raises(ValueError, match="no prediction"):
        b_cubed({"a": "1"}, {"a": "x", "b": "x"})
