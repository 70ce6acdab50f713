"""Set aside what of an article's text is page text: captions, stamps, share bars, transcripts.

Whole lines, mostly: a scraper keeps the page's furniture on lines of its own. A line repeated
word for word later in the text (a gallery caption shown again, a pull quote) is set aside at
its second showing. A few markers cut a line from there to its end (``rules.TAIL``).
"""
from __future__ import annotations

import re
from crosscheck.clean import rules
from crosscheck.clean.classifier import is_page_text
from crosscheck.clean.features import LinePage
from crosscheck.model import SetAside

REPEAT_MIN_WORDS = 5  # "No arrests have been made." may well be said twice; a caption is longer


def page_text(text: str, article_id: str = "", title: str | None = None) -> tuple[SetAside, ...]:
    """The spans of ``text`` (the normalised article text) that are page text, in order: the
    rules' (``rules``), then lines the classifier is sure of (``classifier``)."""
    found: list[SetAside] = []
    seen: set[str] = set()
    lines = [(at, line.strip()) for at, line in _lines(text) if line.strip()]
    page = LinePage([line for _, line in lines], title)
    for index, (start, line) in enumerate(lines):
        end = start + len(line)
        kind = line_kind(line)
        if kind is None and len(line.split()) >= REPEAT_MIN_WORDS:
            kind = "repeat" if line in seen else None
            seen.add(line)
        if kind is None and is_page_text(page, index):
            kind = "layout"
        if kind is not None:
            found.append(SetAside(article_id, start, end, kind))
            continue
        found.extend(_tails(line, start, article_id))
    return tuple(found)


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line with the offset of its first non-space character."""
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at + len(line) - len(line.lstrip()), line))
        at += len(line) + 1
    return out


def line_kind(line: str) -> str | None:
    """The kind of page text a whole (stripped) line is, or None for prose."""
    words = len(line.split())
    for kind, pattern in rules.LINE:
        if pattern.match(line) and (words <= rules.MAX_WORDS.get(kind, words)
                                    or kind == "caption" and _gallery(line)):
            return kind
    if rules.share_line(line):
        return "share"
    if rules.SEPARATOR.match(line):
        return "nav"
    if words <= 6 and rules.DATELINE.match(line):
        return "dateline"
    if rules.caps_line(line):
        return "transcript"
    return None


_GALLERY = re.compile(r"\b(?:Image|Photo) \d+ of \d*\b|Back to Gallery|Caption Close", re.I)


def _gallery(line: str) -> bool:
    return bool(_GALLERY.search(line))


def _tails(line: str, start: int, article_id: str) -> list[SetAside]:
    found = []
    for kind, pattern in rules.TAIL:
        m = pattern.search(line)
        if m is not None and m.end() > m.start():
            found.append(SetAside(article_id, start + m.start(), start + m.end(), kind))
    return found


def prose_view(text: str, set_aside: tuple[SetAside, ...]) -> str:
    """``text`` with the set-aside spans blanked (spaces; line breaks kept), so every offset
    into it is an offset into ``text``: the claims stage parses this and cites ``text``."""
    if not set_aside:
        return text
    chars = list(text)
    for span in set_aside:
        for i in range(span.start, span.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
