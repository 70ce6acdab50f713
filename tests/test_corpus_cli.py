"""Corpus mode end to end through the command line, with the real models where stories are
compared: run, stories, story, conflicts, export, cluster, and their errors."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from crosscheck.cli import main
from tests.corpus_helpers import canonical_dump, write_jsonl
from tests.test_dedupe import SAMPLE, sample_records


def cli(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def _copy_of_first() -> dict[str, Any]:
    wire = sample_records()[0]
    return {**wire, "id": "syndicated-1", "source": "syndicate.example",
            "published": "2011-11-12", "text": wire["text"] + "\n(Syndicated from pardaphash.com)"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo sample plus a syndicated copy of its first article, run with comparison."""
    folder = tmp_path_factory.mktemp("corpus")
    write_jsonl(folder / "sample.jsonl", sample_records())
    write_jsonl(folder / "copies.jsonl", [_copy_of_first()])
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = folder / "c.db"
    result = cli("run", str(folder / "sample.jsonl"), str(folder / "copies.jsonl"),
                 str(folder / "empty.txt"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"crosscheck: skipped {folder / 'empty.txt'}: empty file" in result.stderr
    assert "4 new (1 copies)" in result.stderr and "1 compared" in result.stderr
    return db


def _story_id(db: Path) -> str:
    [line] = [json.loads(x) for x in cli("stories", "--db", str(db), "--format", "jsonl",
                                         "--min-articles", "2").stdout.splitlines()]
    return str(line["id"])


@pytest.mark.slow
def test_run_stores_stories_and_rejected(corpus: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(corpus)
    assert conn.execute("SELECT location, reason FROM rejected").fetchall() == \
        [(str(corpus.parent / "empty.txt"), "empty file")]
    story = json.loads(cli("stories", "--db", str(corpus), "--format", "jsonl",
                           "--min-articles", "2").stdout)
    assert (story["articles"], story["copies"], story["sources"]) == (4, 1, 4)
    assert story["conflicts"] >= 1 and story["needs_compare"] is False
    text = cli("stories", "--db", str(corpus)).stdout
    assert story["id"] in text and "Indian Navy captures 26 Somali pirates" in text


@pytest.mark.slow
def test_copies_do_not_corroborate(corpus: Path) -> None:
    data = json.loads(cli("story", _story_id(corpus), "--db", str(corpus), "--format",
                          "json").stdout)
    assert data["format"] == "crosscheck.story/1"
    report = data["report"]
    compared = {a["id"] for a in report["articles"]}
    assert len(compared) == 3 and "syndicate.example" not in {a["source"] for a in report["articles"]}
    claim_articles = {c["article"] for c in report["claims"]}
    assert claim_articles <= compared
    [copy] = data["copies"]
    assert copy["source"] == "syndicate.example"
    assert copy["copy_of"] in compared


@pytest.mark.slow
@pytest.mark.parametrize("fmt, expected", [
    ("text", "Copies (1)"), ("md", "## Copies (1)"), ("html", "<h2>Copies (1)</h2>")])
def test_story_formats_show_comparison_and_copies(corpus: Path, fmt: str, expected: str) -> None:
    story_id = _story_id(corpus)
    result = cli("story", story_id[len("story_"):][:6], "--db", str(corpus), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout and "syndicate.example" in result.stdout
    assert "AK-47" in result.stdout  # the rifles conflict, from the stored comparison


@pytest.mark.slow
def test_conflicts_across_stories(corpus: Path) -> None:
    text = cli("conflicts", "--db", str(corpus), "--limit", "2").stdout
    assert text.startswith("NUMBER") and text.count("story story_") == 2
    # "six rifles" in two reports against "14" in a third: one conflict, both sources named
    assert text.count("six AK-47 rifles (6 rifles) vs 14") == 1
    assert "A (ndtv.com; the same in pardaphash.com)" in text
    lines = cli("conflicts", "--db", str(corpus), "--format", "jsonl").stdout.splitlines()
    assert all(json.loads(line)["story"] == _story_id(corpus) for line in lines)
    records = [json.loads(line) for line in lines]
    assert [(r["source_a"], r["also_a"]) for r in records if r["slot"] == "number"] == [
        ("ndtv.com", ["pardaphash.com"])]
    # the stories table counts the conflicts listed, and the listing shows no bare score
    [story] = [json.loads(x) for x in cli("stories", "--db", str(corpus), "--format",
                                          "jsonl").stdout.splitlines()]
    assert story["conflicts"] == len(records) and "score" not in text


@pytest.mark.slow
def test_export_articles_stories_verdicts(corpus: Path, tmp_path: Path) -> None:
    articles = [json.loads(x) for x in cli("export", "--db", str(corpus)).stdout.splitlines()]
    assert len(articles) == 4
    copy = next(a for a in articles if a["source"] == "syndicate.example")
    original = next(a for a in articles if a["id"] == copy["duplicate_of"])
    assert copy["story"] == original["story"] and copy["external_id"] == "syndicated-1"
    out = tmp_path / "verdicts.csv"
    result = cli("export", "--db", str(corpus), "--what", "verdicts", "--format", "csv",
                 "-o", str(out))
    assert result.exit_code == 0 and "wrote" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert any(r["label"] == "conflict" and "number" in r["differences"] for r in rows)
    stories = list(csv.DictReader(io.StringIO(cli("export", "--db", str(corpus), "--what",
                                                  "stories", "--format", "csv").stdout)))
    assert {"id", "articles", "copies", "conflicts"} <= set(stories[0])


@pytest.mark.slow
def test_rerun_changes_nothing_and_new_input_is_added(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    shutil.copy(corpus, db)
    before = canonical_dump(db)
    again = cli("run", str(corpus.parent / "sample.jsonl"), str(corpus.parent / "copies.jsonl"),
                str(corpus.parent / "empty.txt"), "--db", str(db))
    assert "0 new" in again.stderr and "0 compared" in again.stderr
    assert canonical_dump(db) == before
    extra = write_jsonl(tmp_path / "more.jsonl", [{
        "id": "weather", "source": "met.example", "title": "Rain in Lisbon",
        "text": "Heavy rain fell on Lisbon on Tuesday, flooding streets near the river. "
                "Forecasters expect the storm to move east by Thursday."}])
    added = cli("run", str(extra), "--db", str(db), "--no-compare")
    assert "1 new (0 copies)" in added.stderr
    assert len(canonical_dump(db)["articles"]) == len(before["articles"]) + 1


def test_cluster_is_stateless_and_answers_every_record(tmp_path: Path) -> None:
    records = sample_records()
    path = write_jsonl(tmp_path / "in.jsonl", [*records, {**records[0], "id": "again"},
                                               {"text": "no id here, about the weather"}])
    result = cli("cluster", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines[:4]] == [r["id"] for r in records] + ["again"]
    assert lines[4]["id"].startswith("art_")
    assert lines[0]["story"] == lines[3]["story"]
    assert all(x["story"].startswith("story_") for x in lines)
    assert not list(tmp_path.glob("*.db"))


def test_errors_say_what_to_do(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    result = CliRunner().invoke(main, ["stories", "--db", str(missing)])
    assert result.exit_code != 0 and "no database at" in result.output
    assert not missing.exists()
    result = CliRunner().invoke(main, ["run", str(SAMPLE), "--db",
                                       str(tmp_path / "no" / "dir" / "c.db")])
    assert result.exit_code != 0 and "does not exist" in result.output
    db = tmp_path / "c.db"
    cli("run", str(SAMPLE), "--db", str(db), "--no-compare")
    result = CliRunner().invoke(main, ["story", "feedbeef", "--db", str(db)])
    assert result.exit_code != 0 and "no story id starts with 'feedbeef'" in result.output
    result = CliRunner().invoke(main, ["run", str(tmp_path / "absent.txt"), "--db", str(db)])
    assert result.exit_code != 0 and "no such file" in result.output


def test_story_without_comparison_says_why(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    cli("run", str(SAMPLE), "--db", str(db), "--no-compare")
    for line in cli("stories", "--db", str(db), "--format", "jsonl").stdout.splitlines():
        story = json.loads(line)
        text = cli("story", story["id"], "--db", str(db)).stdout
        expected = "out of date" if story["articles"] >= 2 else "only one independent article"
        assert expected in text
        assert json.loads(cli("story", story["id"], "--db", str(db), "--format",
                              "json").stdout)["report"] is None
