"""SIGKILL ``crosscheck run`` mid-way, re-run it, and get exactly the database that one
uninterrupted run gives: nothing lost, nothing doubled."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosscheck.corpus.run import RunOptions, open_for_writing, run_corpus
from tests.conftest import REPO
from tests.corpus_helpers import (ECBPLUS, METER, canonical_dump,
                                  read_jsonl, write_jsonl)

_TIMEOUT_S = 120


def _start(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "crosscheck.cli", "run", str(corpus),
                             "--db", str(db), "--no-progress", *extra],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # the schema is still being created
        return 0
    finally:
        conn.close()


def _kill_when(process: subprocess.Popen[bytes], db: Path, sql: str) -> int:
    """SIGKILL ``process`` as soon as ``sql`` counts something in ``db``; return that count."""
    deadline = time.monotonic() + _TIMEOUT_S
    while time.monotonic() < deadline:
        found = _count(db, sql)
        if found or process.poll() is not None:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, (
        f"the run ended before it could be killed: {process.stderr.read().decode()[-2000:]}"
        if process.stderr else "the run ended before it could be killed")
    return _count(db, sql)


def _finish(corpus: Path, db: Path, batch_size: int, compare: bool) -> None:
    with open_for_writing(db) as conn:
        run_corpus(conn, [str(corpus)], options=RunOptions(compare=compare,
                                                           batch_size=batch_size))


def test_killed_while_adding_articles(tmp_path: Path) -> None:
    records = read_jsonl(METER)[:600]
    corpus = write_jsonl(tmp_path / "meter.jsonl", records)
    killed, reference = tmp_path / "killed.db", tmp_path / "reference.db"

    process = _start(corpus, killed, "--no-compare", "--batch-size", "10")
    stored = _kill_when(process, killed, "SELECT COUNT(*) FROM articles")
    assert 0 < stored < len(records), "the kill must land mid-way"
    assert stored % 10 == 0  # whole batches only: a batch commits as one transaction

    _finish(corpus, killed, batch_size=10, compare=False)
    # The reference uses another batch size: batching must not change the result either.
    _finish(corpus, reference, batch_size=500, compare=False)
    statuses = [r[0] for r in sqlite3.connect(killed).execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["interrupted", "done"]
    assert canonical_dump(killed) == canonical_dump(reference)


def _ecb_corpus(tmp_path: Path) -> Path:
    """Three articles from each of three ECB+ events: a few small stories to compare."""
    records = read_jsonl(ECBPLUS)
    gold = {g["id"]: g["story"] for g in read_jsonl(ECBPLUS.parent / "gold.jsonl")}
    chosen: dict[str, list[dict[str, object]]] = {}
    for record in records:
        story = chosen.setdefault(gold[record["id"]], [])
        if len(story) < 3 and len(record["text"]) < 1500:
            story.append(record)
    picked = [r for story in list(chosen.values())[:12] if len(story) == 3 for r in story][:9]
    return write_jsonl(tmp_path / "ecb.jsonl", picked)


@pytest.mark.slow
def test_killed_while_comparing(tmp_path: Path) -> None:
    corpus = _ecb_corpus(tmp_path)
    killed, reference = tmp_path / "killed.db", tmp_path / "reference.db"
    _finish(corpus, killed, batch_size=500, compare=False)
    pending = _count(killed, "SELECT COUNT(*) FROM stories WHERE needs_compare = 1")
    if pending < 2:
        pytest.skip(f"the clusterer made {pending} story to compare; the test needs two")
    shutil.copy(killed, reference)

    process = _start(corpus, killed)
    compared = _kill_when(process, killed, "SELECT COUNT(*) FROM stories WHERE compared_at "
                                           "IS NOT NULL")
    assert 0 < compared < pending, "the kill must land between two stories' comparisons"

    _finish(corpus, killed, batch_size=500, compare=True)
    _finish(corpus, reference, batch_size=500, compare=True)
    assert canonical_dump(killed) == canonical_dump(reference)
    assert _count(killed, "SELECT COUNT(*) FROM stories WHERE needs_compare = 1") == 0


@pytest.mark.slow
def test_worker_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    corpus = _ecb_corpus(tmp_path)
    dumps = []
    for workers in (1, 2):
        db = tmp_path / f"workers-{workers}.db"
        with open_for_writing(db) as conn:
            summary = run_corpus(conn, [str(corpus)], options=RunOptions(workers=workers))
        assert summary.compared >= 2, "the test needs several stories to compare"
        dumps.append(canonical_dump(db))
    assert dumps[0] == dumps[1]
    assert dumps[0]["verdicts"], "the comparisons must have stored verdicts"
