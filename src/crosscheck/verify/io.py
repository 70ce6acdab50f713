"""Reading verification sets: ``documents.jsonl`` {id,text} and ``pairs.jsonl`` {id,claim,evidence_id}.

A bad line is reported as ``path:line: reason`` and skipped; the other lines still count.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.model import Rejected


@dataclass(frozen=True, slots=True)
class PairInput:
    id: str
    claim: str
    evidence_id: str
    location: str  # path:line, for messages


def _records(path: Path, fields: tuple[str, ...]) -> Iterator[tuple[str, dict | Rejected]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from exc
    with handle:
        for n, line in enumerate(handle, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield where, Rejected(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield where, Rejected(where, "not a JSON object")
                continue
            bad = [f for f in fields if not isinstance(record.get(f), str) or not record[f].strip()]
            if bad:
                yield where, Rejected(where, "missing or empty " + ", ".join(f'"{f}"' for f in bad))
                continue
            yield where, record


def read_documents(path: Path) -> tuple[dict[str, str], list[Rejected]]:
    documents: dict[str, str] = {}
    rejected: list[Rejected] = []
    for where, record in _records(path, ("id", "text")):
        if isinstance(record, Rejected):
            rejected.append(record)
        elif record["id"] in documents:
            rejected.append(Rejected(where, f"duplicate document id {record['id']!r}; "
                                            "the first one is kept"))
        else:
            documents[record["id"]] = record["text"]
    return documents, rejected


def read_pairs(path: Path, documents: dict[str, str]) -> tuple[list[PairInput], list[Rejected]]:
    """Pairs whose evidence document exists; the others are rejected with their line."""
    pairs: list[PairInput] = []
    rejected: list[Rejected] = []
    for where, record in _records(path, ("id", "claim", "evidence_id")):
        if isinstance(record, Rejected):
            rejected.append(record)
        elif record["evidence_id"] not in documents:
            rejected.append(Rejected(where, f"evidence id {record['evidence_id']!r} is not in "
                                            "the documents file"))
        else:
            pairs.append(PairInput(record["id"], record["claim"], record["evidence_id"], where))
    return pairs, rejected
