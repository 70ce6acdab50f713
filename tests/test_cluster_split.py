"""Splitting a story that let a second event of the same kind in: the split rule, the
clusterer's moves, and the corpus database that follows them (and merges: see
test_cluster_merge)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crosscheck.cluster import ClusterSettings, StoryClusterer, cluster_articles
from crosscheck.cluster.online import order_for_clustering
from crosscheck.cluster.split import split_in_two
from crosscheck.corpus.run import RunOptions, open_for_writing, run_corpus
from crosscheck.ids import content_id
from crosscheck.model import Article
from crosscheck.store.comparisons import load_comparison
from crosscheck.store.stories import list_stories
from tests.corpus_helpers import (ECBPLUS, canonical_dump, event_vectors,
                                  read_jsonl, write_jsonl)

# Two events of one kind: the same vocabulary, other people and places.
REID = ["Tara Reid checked into the Promises rehab centre in Malibu on Tuesday, her rep said.",
        "Actress Tara Reid entered Promises in Malibu for treatment, a spokesman confirmed.",
        "Tara Reid is in rehab at the Promises treatment centre in Malibu, her rep said today.",
        "Her rep said Tara Reid checked into Promises, the Malibu rehab centre, on Tuesday."]
LOHAN = ["Lindsay Lohan checked into the Betty Ford rehab centre in Rancho Mirage, her lawyer said.",
         "Actress Lindsay Lohan entered Betty Ford in Rancho Mirage for treatment, a lawyer said.",
         "Lindsay Lohan is in rehab at the Betty Ford treatment centre in Rancho Mirage.",
         "Her lawyer said Lindsay Lohan checked into Betty Ford, the Rancho Mirage rehab centre."]
# A threshold low enough that the second event first joins the first one's story.
LOOSE = ClusterSettings(threshold=0.02)


def test_two_events_of_one_kind_are_split_and_the_first_keeps_the_story() -> None:
    vectors = event_vectors(["reid", "promises"], 4) + event_vectors(["lohan", "betty"], 3)
    assert split_in_two(vectors, min_side=3, max_ratio=0.6) == [False] * 4 + [True] * 3
    # The half holding the first member keeps the story, whichever half that is.
    flipped = split_in_two(vectors[4:] + vectors[:4], min_side=3, max_ratio=0.6)
    assert flipped == [False] * 3 + [True] * 4


def test_one_event_or_a_lone_odd_report_is_not_split() -> None:
    assert split_in_two(event_vectors(["reid", "promises"], 8), min_side=3, max_ratio=0.6) is None
    odd = event_vectors(["reid", "promises"], 6) + event_vectors(["lohan", "betty"], 2)
    assert split_in_two(odd, min_side=3, max_ratio=0.6) is None  # two are not a story
    assert split_in_two(event_vectors(["a"], 3) + event_vectors(["b"], 2), min_side=3, max_ratio=0.6) is None
    # With max_ratio 0 nothing is ever split.
    two = event_vectors(["reid"], 4) + event_vectors(["lohan"], 4)
    assert split_in_two(two, min_side=3, max_ratio=0.0) is None


def test_a_story_that_let_a_second_event_in_is_split() -> None:
    articles = [Article.create(t) for pair in zip(REID, LOHAN, strict=True) for t in pair]
    clusterer = StoryClusterer(LOOSE)
    placed = clusterer.assign(articles)
    # On arrival the first six reports joined the first story; at six it was checked, and
    # its three Lohan reports moved out. The last two went straight to their own stories.
    assert len(set(placed[:6])) == 1
    moves = clusterer.take_moves()
    assert moves.keys() == {a.id for a in articles[:6] if "Lohan" in a.text}
    # The split-off story is named after its own first article.
    lohan_story = content_id("story", articles[1].id)
    assert set(moves.values()) == {lohan_story}
    assert placed[6:] == [placed[0], lohan_story]
    lohan = {a.id for a in articles if "Lohan" in a.text}
    assert clusterer.take_moves() == {}
    assert len(clusterer.changed_state()) == 2  # both halves are saved
    stories = cluster_articles(articles, LOOSE)
    assert {stories[a.id] for a in articles if a.id in lohan} == set(moves.values())
    assert len(set(stories.values())) == 2


def _ecb_articles(count: int) -> list[Article]:
    return order_for_clustering([Article.create(r["text"], title=r["title"],
                                                published=r["published"])
                                 for r in read_jsonl(ECBPLUS)[:count]])


def test_splits_do_not_depend_on_batches_or_on_a_restart() -> None:
    # Crash safety rests on this: stories split while articles arrive in batches, some of
    # them stored in earlier batches, end exactly as when everything comes in one call.
    articles = _ecb_articles(300)
    whole = cluster_articles(articles)
    stored: dict[str, Article] = {}
    clusterer = StoryClusterer(lookup=lambda ids: [stored[i] for i in ids])
    final: dict[str, str] = {}
    saved: dict[tuple[str, str], str] = {}  # the state rows as the store keeps them
    moved_from_earlier = merged = 0
    for start in range(0, len(articles), 10):
        batch = articles[start:start + 10]
        final.update(zip((a.id for a in batch), clusterer.assign(batch), strict=True))
        moves = clusterer.take_moves()
        moved_from_earlier += sum(1 for i in moves if i in stored)
        final.update(moves)
        stored.update((a.id, a) for a in batch)
        for kind, key, value in clusterer.changed_state():
            if value is None:  # merged into another story
                merged += 1
                del saved[kind, key]
            else:
                saved[kind, key] = value
        if start == 150:  # restart from the saved rows, as a re-run after a crash does
            rows = [(kind, key, value) for (kind, key), value in saved.items()]
            clusterer = StoryClusterer(state=rows, lookup=lambda ids: [stored[i] for i in ids])
    assert moved_from_earlier > 0, "the test must see stored articles move"
    assert merged > 0, "the test must see stories merge"
    assert final == whole
    assert {key for _, key in saved} == set(whole.values())


def test_a_corpus_run_moves_stored_articles_and_their_copies(tmp_path: Path) -> None:
    records = read_jsonl(ECBPLUS)[:300]
    corpus = write_jsonl(tmp_path / "ecb.jsonl", records)
    small, large = tmp_path / "small.db", tmp_path / "large.db"
    for db, size in ((small, 10), (large, 1000)):
        with open_for_writing(db) as conn:
            run_corpus(conn, [str(corpus)], options=RunOptions(compare=False, batch_size=size))
    assert canonical_dump(small) == canonical_dump(large)
    conn = sqlite3.connect(small)
    # Summary rows agree with the articles after the moves, and a family stays together.
    counted = dict(conn.execute("SELECT story_id, COUNT(*) FROM articles GROUP BY story_id"))
    assert dict(conn.execute("SELECT id, article_count FROM stories")) == counted
    assert conn.execute("SELECT COUNT(*) FROM articles c JOIN articles o "
                        "ON c.duplicate_of = o.id WHERE c.story_id != o.story_id"
                        ).fetchone()[0] == 0


@pytest.mark.slow
def test_a_split_story_is_compared_again_without_the_articles_it_lost(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": t, "source": f"outlet{i}"}
               for i, t in enumerate(t for pair in zip(REID, LOHAN, strict=True) for t in pair)]
    db = tmp_path / "c.db"
    # Compared at five articles; the sixth, a Lohan report, splits the story and joins the
    # half that leaves, so the Reid half gains nothing yet must be compared again.
    for count in (5, 6):
        corpus = write_jsonl(tmp_path / f"part{count}.jsonl", records[:count])
        with open_for_writing(db) as conn:
            run_corpus(conn, [str(corpus)], options=RunOptions(workers=1))
    with open_for_writing(db) as conn:
        stories = {s.id: s for s in list_stories(conn)}
        assert len(stories) == 2 and not any(s.needs_compare for s in stories.values())
        for story_id in stories:
            report = load_comparison(conn, story_id)
            assert report is not None
            people = {"Lohan" in a.text for a in report.articles}
            assert len(people) == 1, "each story compares one event's reports only"
            assert {c.article_id for c in report.claims} <= {a.id for a in report.articles}
