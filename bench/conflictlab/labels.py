"""Hand labels of the conflict benchmark (``bench/labels/gva/``) and how they meet the tool's list.

Two kinds of label, both ids, short values and verdicts only (no article text):

* **disagreements** (``disagreements-*.jsonl``), found by reading every report of a labelled
  incident: two articles, the slot, each side's value as a short verbatim span, and whether it
  is a ``conflict`` or an ``update`` (the later report says the value changed). The span is
  looked up in the article's text, so a label needs no offsets and survives any change to how
  the tool cuts claims.
* **verdicts on listed conflicts** (``listed.jsonl``): a conflict the tool listed, by its two
  claims' offsets and slot, judged ``real`` or ``false`` by a reader.

A listed conflict is *real* when it meets a conflict label (same two articles, each label span
inside the conflicting claim) or was judged real; *false* when judged false or when it meets
an update; otherwise *unlabelled*, reported apart and left out of precision.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.conflictlab.listing import JUDGE_SLOT, LABEL_SLOTS, Listed

LABELS = Path(__file__).resolve().parents[1] / "labels" / "gva"


class LabelError(ValueError):
    """A label file line that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Disagreement:
    incident: str
    slot: str
    kind: str  # "conflict" or "update"
    a: str
    a_value: str
    b: str
    b_value: str
    spans: tuple[tuple[int, int], tuple[int, int]]  # where each value stands in its article
    where: str  # file:line, for messages


@dataclass(frozen=True, slots=True)
class Judged:
    key: tuple[str, int, int, str, int, int, str]
    verdict: str  # "real" or "false"


def _rows(path: Path) -> Iterable[tuple[str, dict]]:
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield f"{path.name}:{number}", json.loads(line)


def load_disagreements(texts: Mapping[str, str], copies: Mapping[str, str],
                       folder: Path = LABELS) -> list[Disagreement]:
    """Every disagreement label, each value located in its article (``texts``: id -> title and
    text as the label was read, joined by a newline). A label on a copy moves to the article
    it copies (corpus mode compares only that one) when the value is there too; a label
    between a copy and its own original, or whose value the original lacks, is dropped."""
    found = []
    for path in sorted(folder.glob("disagreements-*.jsonl")):
        for where, row in _rows(path):
            if row["slot"] not in LABEL_SLOTS or row["kind"] not in ("conflict", "update"):
                raise LabelError(f"{where}: slot {row['slot']!r} / kind {row['kind']!r} unknown")
            for side in ("a", "b"):
                if row[side] in copies and row[side + "_value"] in texts[copies[row[side]]]:
                    row[side] = copies[row[side]]
            if row["a"] == row["b"] or row["a"] in copies or row["b"] in copies:
                continue
            spans = tuple(_locate(texts, row[side], row[side + "_value"], where)
                          for side in ("a", "b"))
            found.append(Disagreement(row["incident"], row["slot"], row["kind"], row["a"],
                                      row["a_value"], row["b"], row["b_value"],
                                      (spans[0], spans[1]), where))
    return found


def _locate(texts: Mapping[str, str], article: str, value: str, where: str) -> tuple[int, int]:
    """The value's span in the article's text (the title line excluded); a value found only in
    the title spans nothing of the text."""
    if article not in texts:
        raise LabelError(f"{where}: article {article} is not in the data")
    title, _, text = texts[article].partition("\n")
    at = text.find(value)
    if at >= 0:
        return at, at + len(value)
    if value in title:
        return -1, -1
    raise LabelError(f"{where}: {value!r} is not in article {article}")


def _verdicts(path: Path, slot: bool) -> dict[tuple, str]:
    """Verdicts on claim pairs: (a, a_claim, b, b_claim[, slot]) -> "real" or "false"."""
    judged: dict[tuple, str] = {}
    if not path.exists():
        return judged
    for where, row in _rows(path):
        if row["verdict"] not in ("real", "false"):
            raise LabelError(f"{where}: verdict must be real or false, not {row['verdict']!r}")
        key = (row["a"], *row["a_claim"], row["b"], *row["b_claim"])
        judged[(*key, row["slot"]) if slot else key] = row["verdict"]
    return judged


def load_judged(folder: Path = LABELS) -> dict[tuple, Judged]:
    """Verdicts on listed conflicts, by the listed conflict's key."""
    return {key: Judged(key, verdict)
            for key, verdict in _verdicts(folder / "listed.jsonl", slot=True).items()}


def load_corroborations(folder: Path = LABELS) -> dict[tuple, str]:
    """Verdicts on agreeing claim pairs: (a, a_claim, b, b_claim) -> "real" or "false"."""
    return _verdicts(folder / "corroborations.jsonl", slot=False)


def meets(listed: Listed, label: Disagreement) -> bool:
    """The listed conflict is about the labelled disagreement: same two articles, each label
    value inside the conflicting claim of its article (any slot: the slot is scored apart)."""
    sides = {listed.a: listed.a_claim, listed.b: listed.b_claim}
    if set(sides) != {label.a, label.b}:
        return False
    return all(_inside(span, sides[article])
               for article, span in ((label.a, label.spans[0]), (label.b, label.spans[1])))


def _inside(span: tuple[int, int], claim: tuple[int, int]) -> bool:
    return span[0] >= 0 and claim[0] <= span[0] and span[1] <= claim[1] + 1


def same_slot(listed: Listed, label: Disagreement) -> bool:
    return listed.slot == label.slot or (JUDGE_SLOT.get(label.slot) == listed.slot)
