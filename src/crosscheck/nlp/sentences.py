"""Sentences by regular expression, with offsets: for the stages that must not wait for a
parse (the verifier's evidence windows, the scope of a total). Abbreviations like "U.S.
officials" split wrongly now and then; callers only need roughly sentence-sized windows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (plus closing quotes/brackets) before a capital, digit or quote,
# or at a line break.
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\s*\n\s*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentences of ``text`` with code-point offsets, empty ones dropped."""
    spans: list[Span] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _add(spans, text, pos, m.start())
        pos = m.end()
    _add(spans, text, pos, len(text))
    return tuple(spans)


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(start + lead, start + lead + len(stripped), stripped))
