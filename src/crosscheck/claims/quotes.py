"""Direct quotations in every common typographic style."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from crosscheck.claims.names import fold
from crosscheck.ids import content_id
from crosscheck.model import Attribution, Claim, Quote, Speaker

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


def quotes_of(attributions: Sequence[Attribution], claims: Sequence[Claim],
              texts: Mapping[str, str]) -> tuple[Quote, ...]:
    """Every quotation of the articles, one per fragment, marks left out, with its speaker.

    ``texts`` maps an article id to its text. The speaker is that of the attribution whose content
    holds the quotation ("…," he said, "…" gives two quotes of one speaker), else that of the claim
    holding it (a passive "was described as “…”" takes the speaker of the sentences before).
    """
    found: list[Quote] = []
    for article_id, text in sorted(texts.items()):
        owners = [a for a in attributions if a.article_id == article_id]
        holders = [c for c in claims if c.article_id == article_id and c.speaker is not None]
        for fragments in quotation_spans(text):
            for start, end in fragments:
                inner = text[start:end].strip(_MARK_CHARS + " ")
                if not inner:
                    continue
                begin = text.index(inner, start)
                speaker = _holder_speaker(owners, holders, begin, begin + len(inner))
                found.append(Quote(content_id("qte", article_id, begin, begin + len(inner)),
                                   article_id, inner, begin, begin + len(inner), speaker))
    return tuple(found)


def _holder_speaker(owners: Sequence[Attribution], holders: Sequence[Claim], start: int,
                    end: int) -> Speaker | None:
    inside = [a for a in owners if a.speaker is not None
              and any(s <= start and end <= e for s, e in a.content)]
    if inside:  # the closest attribution: the smallest content holding the quotation
        return min(inside, key=lambda a: sum(e - s for s, e in a.content)).speaker
    return next((c.speaker for c in holders if c.start <= start and end <= c.end), None)


_MARK_CHARS = "“”«»‘’\"`'"


# Paragraph-level quotation scanning, for attributions: marks included, multi-paragraph quotes
# joined. Opening mark -> the marks that may close it.
_CLOSERS = {"“": "”", "«": "»", "‘": "’", '"': '"', "``": "''", "''": "''", "”": "”"}
# Curly and straight double marks mixed in one quotation: the closer of the other style.
_SLIPS = {"“": '"', '"': "”"}
_OPENING_CONTEXT = " \t\n([{—–-:;,/"  # what may stand before an opening mark


def _opener_at(text: str, i: int) -> str | None:
    """The opening mark starting at ``i``, if one does (straight and sloppy marks need context)."""
    two = text[i:i + 2]
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(two) if two in ("``", "''") else i + 1: i + 3][:1]
    if two == "``":
        return two
    if two == "''":  # typewriter quotes of the New York Times style: ''Like this,'' she said.
        return two if before in _OPENING_CONTEXT and after[:1].isalnum() else None
    char = text[i]
    if char in "“«":
        return char
    if char in '"”‘':  # straight or misused closing marks open only before a word
        opens = before in _OPENING_CONTEXT and (after.isalnum() or after in "…$#@.(")
        if char == "‘":
            opens = opens or (not before.isalnum() and after.isalnum())
        return char if opens else None
    return None


def _find_close(text: str, start: int, end: int, closer: str) -> int:
    """Where ``closer`` first closes a quotation in [start, end), or -1."""
    j = text.find(closer, start, end)
    while j != -1 and not _closes_at(text, j, closer):
        j = text.find(closer, j + 1, end)
    return j


def _closes_at(text: str, i: int, closer: str) -> bool:
    if not text.startswith(closer, i):
        return False
    if closer == "’":  # an apostrophe inside a word (don’t) does not close a quote
        return not text[i + 1:i + 2].isalpha()
    return True


_MARK = re.compile(r"[“«‘\"”]|``|''")


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[tuple[int, int]],
                                                                 int | None]:
    """Closed quotations inside one paragraph, and where an unclosed one opens (or None)."""
    closed: list[tuple[int, int]] = []
    i = start
    while i < end:
        found = _MARK.search(text, i, end)  # jump to the next mark: most characters are none
        if found is None:
            break
        i = found.start()
        mark = _opener_at(text, i)
        if mark is None:
            i += 1
            continue
        closer = _CLOSERS[mark]
        j = _find_close(text, i + len(mark), end, closer)
        if j == -1 and mark in _SLIPS:  # “…" or "…”: a typing slip, the other style closes
            closer = _SLIPS[mark]
            j = _find_close(text, i + len(mark), end, closer)
        if j == -1:
            return closed, i
        closed.append((i, j + len(closer)))
        i = j + len(closer)
    return closed, None


def quotation_spans(text: str) -> list[tuple[tuple[int, int], ...]]:
    """Each direct quotation of ``text`` as fragments (one per paragraph), marks included.

    A paragraph that ends inside a quotation continues it when the next paragraph opens with a
    quotation mark: the newspaper convention for a quote over several paragraphs. An opening
    mark that is never closed otherwise is not a quotation (a stray or typographic slip).
    """
    found: list[tuple[tuple[int, int], ...]] = []
    pending: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]*\S[^\n]*", text):
        start = line.start() + len(line.group()) - len(line.group().lstrip())
        end = line.start() + len(line.group().rstrip())
        if pending and _opener_at(text, start) is None:
            pending = []  # the open quotation was never continued: not a quotation
        if pending:
            close = _first_close(text, start + 1, end)
            if close is None:
                pending.append((start, end))
                continue
            found.append(tuple(pending + [(start, close)]))
            pending, start = [], close
        closed, unclosed = _paragraph_quotes(text, start, end)
        found.extend(((s, e),) for s, e in closed)
        if unclosed is not None:
            pending = [(unclosed, end)]
    return found


def _first_close(text: str, start: int, end: int) -> int | None:
    """The end of the first closing double mark in [start, end), or None."""
    for j in range(start, end):
        width = 2 if text.startswith("''", j) else 1 if text[j] in "”\"»" else 0
        if width and (j + width >= end or not text[j + width].isalnum()):
            return j + width
    return None
