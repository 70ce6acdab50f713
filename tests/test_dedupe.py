"""Near-duplicates: shingles, signatures, the LSH index, the earliest-version rule, and the
whole ingest+dedupe+cluster path on real data (no models needed)."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from crosscheck.corpus.run import RunOptions, run_corpus
from crosscheck.dedupe import CopyLinker, DedupeSettings, sign
from crosscheck.dedupe.index import BandIndex
from crosscheck.dedupe.shingles import shingle_hashes
from crosscheck.dedupe.signatures import minhash_from_blob
from crosscheck.store import open_store
from tests.corpus_helpers import DATA, METER, read_jsonl, write_jsonl

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "ecbplus" / "indian-navy-pirates.jsonl"
NO_COMPARE = RunOptions(compare=False)


def sample_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    a = shingle_hashes("The Navy seized six rifles, officials said on Friday.")
    b = shingle_hashes("the navy   seized SIX rifles officials said — on friday")
    assert np.array_equal(a, b) and len(a) == 5
    assert len(shingle_hashes("Three words only")) == 1
    assert len(shingle_hashes("  ... ")) == 0
    assert not np.array_equal(shingle_hashes("a b c d e"), shingle_hashes("e d c b a"))


def test_signatures_are_stable_and_round_trip() -> None:
    text = sample_records()[0]["text"]
    first, second = sign([text, text])
    assert np.array_equal(first.minhash, second.minhash)
    assert first.minhash.dtype == np.uint32 and len(first.minhash) == DedupeSettings().num_perm
    assert np.array_equal(minhash_from_blob(first.blob()), first.minhash)


def test_band_index_finds_identical_and_skips_unrelated() -> None:
    texts = [r["text"] for r in sample_records()]
    signed = sign(texts)
    index = BandIndex(DedupeSettings().num_perm, DedupeSettings().bands)
    index.add(7, signed[0].minhash)
    assert index.query(signed[0].minhash) == {7}
    assert index.query(sign(["An unrelated text about the weather in Lisbon, " * 5])[0].minhash) \
        == set()


def _edit(text: str, every: int = 25) -> str:
    """A light rewrite: every ``every``-th word changed."""
    words = text.split(" ")
    return " ".join(w + "x" if i % every == 0 else w for i, w in enumerate(words))


class _Linker:
    """A linker over texts held in a dict, as the runner holds a run's texts."""

    def __init__(self) -> None:
        self.texts: dict[int, str] = {}
        self.linker = CopyLinker(DedupeSettings(), self.texts.__getitem__)

    def link(self, seq: int, text: str, published: str | None = None):  # type: ignore[no-untyped-def]
        self.texts[seq] = text
        [signed] = sign([text])
        return self.linker.link(seq, f"art_{seq}", published, signed)


def test_copies_link_to_the_earliest_version() -> None:
    original = sample_records()[0]["text"]
    paragraphs = original.split("\n")
    linker = _Linker()
    assert linker.link(1, original, "2011-11-11").kind == "original"
    exact = linker.link(2, original, "2011-11-12")
    near = linker.link(3, _edit(original), "2011-11-12")
    trimmed = linker.link(4, "\n".join(paragraphs[: len(paragraphs) * 3 // 4]), "2011-11-13")
    copy_of_copy = linker.link(5, _edit(_edit(original), 40), None)
    assert [(x.kind, x.other) for x in (exact, near, trimmed, copy_of_copy)] == \
        [("copy", "art_1")] * 4
    # A different report of the same event is not a copy.
    assert linker.link(6, sample_records()[1]["text"], "2011-11-12").kind == "original"


def test_a_late_earlier_version_takes_over_the_family() -> None:
    original = sample_records()[0]["text"]
    linker = _Linker()
    assert linker.link(1, _edit(original), "2011-11-12").kind == "original"
    assert linker.link(2, original + "\nA line added.", "2011-11-13").other == "art_1"
    earlier = linker.link(3, original, "2011-11-11")
    assert (earlier.kind, earlier.other) == ("earlier", "art_1")
    # Family members now point at the new root.
    assert linker.link(4, original, "2011-11-14").other == "art_3"


def test_short_texts_are_never_linked() -> None:
    linker = _Linker()
    line = "The case was adjourned until tomorrow."
    assert linker.link(1, line).kind == "original"
    assert linker.link(2, line).kind == "original"


def _stored(conn: sqlite3.Connection) -> dict[str, tuple[str, str | None, str]]:
    """external id -> (story, external id of the original, source)."""
    rows = conn.execute("SELECT a.external_id, a.story_id, o.external_id, a.source "
                        "FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of")
    return {ext: (story, original, source) for ext, story, original, source in rows}


def test_run_links_copies_and_puts_them_in_the_original_story(tmp_path: Path) -> None:
    records = sample_records()
    wire = records[0]
    # Listed before the original, and undated: still linked to the dated original.
    repost = {**wire, "id": "repost", "source": "blog.example", "published": None,
              "text": _edit(wire["text"])}
    path = write_jsonl(tmp_path / "in.jsonl", [repost, *records])
    conn = open_store(":memory:")
    summary = run_corpus(conn, [str(path)], options=NO_COMPARE)
    assert (summary.new_articles, summary.copies) == (4, 1)
    stored = _stored(conn)
    assert stored["repost"][1] == wire["id"]
    assert stored["repost"][0] == stored[wire["id"]][0]
    story = conn.execute("SELECT article_count, copy_count, source_count FROM stories "
                         "WHERE id = ?", (stored["repost"][0],)).fetchone()
    assert story[1] == 1 and story[0] >= 2


def test_incremental_run_relinks_to_a_late_earlier_version(tmp_path: Path) -> None:
    wire = sample_records()[0]
    later = {**wire, "id": "later", "source": "paper", "published": "2011-11-13",
             "text": wire["text"] + "\nThe paper adds one line of its own."}
    conn = open_store(":memory:")
    run_corpus(conn, [str(write_jsonl(tmp_path / "a.jsonl", [later]))], options=NO_COMPARE)
    summary = run_corpus(conn, [str(write_jsonl(tmp_path / "b.jsonl", [wire]))],
                         options=NO_COMPARE)
    assert summary.stories_new == 0 and summary.stories_updated == 1
    stored = _stored(conn)
    assert stored["later"][1] == wire["id"] and stored[wire["id"]][1] is None
    assert stored["later"][0] == stored[wire["id"]][0]


def test_meter_copies_are_real_copies() -> None:
    """On METER (wire copy and newspaper rewrites), every linked pair is from one gold story,
    and the copies found by hand in the data are among them."""
    articles = read_jsonl(METER)
    gold = {g["id"]: g["story"] for g in read_jsonl(DATA / "meter" / "cluster" / "gold.jsonl")}
    conn = open_store(":memory:")
    summary = run_corpus(conn, [str(METER)], options=NO_COMPARE)
    assert summary.new_articles == len({(a["source"], a["title"], a["text"]) for a in articles})
    links = [(ext, orig) for ext, (_, orig, _) in _stored(conn).items() if orig is not None]
    assert len(links) >= 3
    assert all(gold[copy] == gold[original] for copy, original in links)
    # A PA correction re-sent three hours later, and the Independent running PA copy.
    sources = Counter(_stored(conn)[copy][2] for copy, _ in links)
    assert sources["PA"] >= 1 and sources["independent"] >= 1
