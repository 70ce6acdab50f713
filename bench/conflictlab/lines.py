"""How much page text the cleaning stage sets aside, and how much prose it loses, on lines a
reader labelled (``bench/labels/gva/lines*.jsonl``: article id, line number, a hash of the
line, prose / clutter / mixed; no text)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from crosscheck.clean import page_text

REMOVED_SHARE = 0.5  # a line counts as set aside when half of its characters are


def score_lines(data: Path, labels: Path) -> tuple[float, float]:
    """(share of clutter lines set aside, share of prose lines set aside)."""
    with open(data / "gva" / "articles.jsonl", encoding="utf-8") as rows:
        articles = {row["id"]: row for row in map(json.loads, rows)}
    counts = {("clutter", True): 0, ("clutter", False): 0, ("prose", True): 0,
              ("prose", False): 0}
    with open(labels, encoding="utf-8") as rows:
        labelled = [json.loads(line) for line in rows if line.strip()]
    spans_of = {}
    for label in labelled:
        if label["label"] == "mixed":
            continue
        article = articles[label["article"]]
        text = article["text"]
        lines = text.split("\n")
        if hashlib.sha1(lines[label["line"]].encode()).hexdigest()[:10] != label["hash"]:
            raise ValueError(f"{labels.name}: {label['article']} line {label['line']} changed")
        if label["article"] not in spans_of:
            spans_of[label["article"]] = page_text(text, title=article["title"])
        start = sum(len(line) + 1 for line in lines[:label["line"]])
        end = start + len(lines[label["line"]])
        cut = sum(min(end, s.end) - max(start, s.start)
                  for s in spans_of[label["article"]] if s.start < end and start < s.end)
        counts[(label["label"], cut >= REMOVED_SHARE * max(1, end - start))] += 1
    clutter = counts[("clutter", True)] + counts[("clutter", False)]
    prose = counts[("prose", True)] + counts[("prose", False)]
    return counts[("clutter", True)] / clutter, counts[("prose", True)] / prose
