"""The command line, end to end with the real models, including bad inputs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from tests.conftest import seed_paths

pytestmark = pytest.mark.slow
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "ecbplus" / "indian-navy-pirates.jsonl"


def run(*args: str, stdin: str | None = None):  # -> click.testing.Result
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_help_and_version() -> None:
    assert "compare" in run("--help").output
    assert run("--version").output.startswith("crosscheck, version ")


def test_compare_seed_pair_text() -> None:
    result = run("compare", *seed_paths(), "--no-color")
    assert result.exit_code == 0, result.output
    assert "Conflicts" in result.output and "Pete Hegseth" in result.output
    assert "Lloyd Austin" in result.output and "\x1b[" not in result.output


def test_json_output_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("compare", *seed_paths(), "--format", "json", "-o", str(out))
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "crosscheck.report/1"
    assert data["counts"]["articles"] == 2
    slots = {d["slot"] for v in data["verdicts"] for d in v["differences"]}
    assert "speaker" in slots


def test_same_input_gives_same_output() -> None:
    first = run("compare", str(SAMPLE), "--format", "json").output
    second = run("compare", str(SAMPLE), "--format", "json").output
    assert first == second


def test_demo_sample_finds_its_conflicts() -> None:
    result = run("compare", str(SAMPLE), "--format", "json")
    data = json.loads(result.output)
    slots = {d["slot"] for v in data["verdicts"] for d in v["differences"]}
    assert data["counts"]["articles"] == 3
    assert "number" in slots  # six vs 14 AK-47 rifles, 12 vs 31 magazines


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary file"),
    ("latin1.txt", "Le café est fermé.".encode("latin-1"), "not valid UTF-8 at byte 6"),
])
def test_bad_file_is_reported_and_the_rest_compared(tmp_path: Path, name: str, content: bytes,
                                                    reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = [shutil.copy(p, tmp_path) for p in seed_paths()]
    result = run("compare", str(bad), *good, "--format", "json")
    assert result.exit_code == 0
    assert f"crosscheck: skipped {bad}: " in result.stderr and reason in result.stderr
    data = json.loads(result.stdout)
    assert data["counts"]["articles"] == 2
    assert any(r["location"] == str(bad) and reason in r["reason"] for r in data["rejected"])


def test_bad_jsonl_line_is_reported_and_the_rest_compared(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "mixed.jsonl"
    broken.write_text("\n".join([lines[0], '{"id": "x", "text": "unterminated', lines[1]]) + "\n",
                      encoding="utf-8")
    result = run("compare", str(broken), "--format", "json")
    assert result.exit_code == 0
    assert f"{broken}:2: not valid JSON" in result.stderr
    assert json.loads(result.stdout)["counts"]["articles"] == 2


def test_nothing_usable_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("compare", str(empty), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "no usable article" in result.stderr and "no such file" in result.stderr


def test_stdin_and_markdown(tmp_path: Path) -> None:
    first, second = seed_paths()
    result = run("compare", "-", second, "--format", "md",
                 stdin=Path(first).read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert result.stdout.startswith("#") and "Speaker conflict" in result.stdout


def test_html_output_is_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Officials said the call on Wednesday lasted <script>alert(1)</script> "
                       "nearly 90 minutes.\nThe talks will start soon, officials said.\n",
                       encoding="utf-8")
    result = run("compare", str(hostile), *seed_paths(), "--format", "html")
    assert result.exit_code == 0
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout
