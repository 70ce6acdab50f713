"""Numbers that describe one line of a page, for the page-text classifier (``classifier``).

Cheap to compute (no parse): the cleaning stage runs before anything else reads the text.
Prose is long, ends its sentences, uses many function words and few capitals; page text is
short, often unpunctuated, title-cased, or full of digits, handles and links.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from crosscheck.clean import rules

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FUNCTION = frozenset("""the a an of to in and was were is are has had have be been by for on at
with that this from as he she they it his her their its who which said says police would will
not after when but or than there into about""".split())
_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")
_DATE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")
KINDS = tuple(kind for kind, _ in rules.LINE)
NAMES = ("log_words", "ends_sentence", "ends_colon", "quoted", "function_share",
         "capital_share", "upper_share", "digit_share", "clock", "date", "handle_or_link",
         "pipe_or_bullet", "first_line", "last_lines", "repeated", "title_overlap",
         "neighbour_rule", "share_line", "caps_line", *(f"rule_{k}" for k in KINDS))


class LinePage:
    """An article's stripped non-empty lines, with what every line's features need from the
    whole page worked out once: how often each line occurs, which rules match each line, the
    title's words (per line, these made the stage quadratic in an article's length)."""

    def __init__(self, lines: list[str], title: str | None) -> None:
        self.lines = lines
        self.counts = Counter(lines)
        self.kinds = [{kind for kind, pattern in rules.LINE if pattern.match(line)}
                      for line in lines]
        self.title_words = {w.lower() for w in _WORD.findall(title or "")}

    def features(self, index: int) -> list[float]:
        """The features of line ``index`` (in ``NAMES`` order)."""
        line = self.lines[index]
        words = _WORD.findall(line)
        n = max(len(words), 1)
        letters = [c for c in line if c.isalpha()]
        kinds = self.kinds[index]
        neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(self.lines)]
        return [
            math.log1p(len(words)),
            float(line.rstrip("”\"’')").endswith((".", "!", "?"))),
            float(line.endswith(":")),
            float(any(q in line for q in "“”\"")),
            sum(w.lower() in _FUNCTION for w in words) / n,
            sum(w[0].isupper() for w in words) / n,
            sum(c.isupper() for c in letters) / max(len(letters), 1),
            sum(c.isdigit() for c in line) / max(len(line), 1),
            float(bool(_CLOCK.search(line))),
            float(bool(_DATE.search(line))),
            float("@" in line or "http" in line or "www." in line),
            float("|" in line or line[:1] in "•·▪►»"),
            float(index == 0),
            float(index >= len(self.lines) - 3),
            float(self.counts[line] > 1),
            (len({w.lower() for w in words} & self.title_words) / n
             if self.title_words else 0.0),
            float(any(self.kinds[i] for i in neighbours)),
            float(rules.share_line(line)),
            float(rules.caps_line(line)),
            *(float(kind in kinds) for kind in KINDS),
        ]
