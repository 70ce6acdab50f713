"""Direct quotations in every common typographic style."""
from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.claims.names import fold
from crosscheck.ids import content_id
from crosscheck.model import Claim, Quote

# Curly and straight double quotes, guillemets, TeX-style, and single curly quotes. A single
# quote must open before a letter and close before a non-letter, so "Trump’s" is no quote.
_PATTERNS = (
    re.compile(r"“([^”]{1,2000})”"),
    re.compile(r'"([^"\n]{1,2000})"'),
    re.compile(r"«\s?([^»]{1,2000}?)\s?»"),
    re.compile(r"``([^`']{1,2000})''"),
    re.compile(r"(?<![\w’])‘(?=\w|…)([^‘’]{1,500}?)’(?!\w)"),
)


def find_quotes(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each quotation, offsets shifted by ``offset``."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(1)
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start + offset, end + offset, match.group(1)))
    return sorted(found)


def quote_key(quote: str) -> str:
    """Normalised words of a quote, for matching the same quote across articles."""
    return " ".join(re.findall(r"\w+", fold(quote)))


def quotes_of(claims: Sequence[Claim]) -> tuple[Quote, ...]:
    """The direct quotations in the claims, each once, with the speaker of its claim.

    A quotation can sit in two claims (a sentence and a relative clause split off it); it is
    kept once, with the first claim's speaker.
    """
    found: dict[str, Quote] = {}
    for claim in claims:
        for start, end, text in find_quotes(claim.text, claim.start):
            qid = content_id("qte", claim.article_id, start, end)
            if qid not in found:
                found[qid] = Quote(qid, claim.article_id, text, start, end, claim.speaker)
    return tuple(found.values())
