"""A count broken down into its parts: "three badgers, two dead and one alive".

The parts name no unit of their own ("two dead", "one alive" read as counts of "dead" and
"alive"), so against another report's "two dead badgers" the claim seemed to give only "three
badgers": a false number conflict. Parts listed right after a count, separated by commas or
"and", whose exact values add up to it, count the same thing: they take its unit. The sum is
what makes it a breakdown rather than a list of other things ("three boys, two girls"). Parts
that name a noun of their own keep it ("five people, two men and three women"): only a
breakdown by adjective ("two dead", "three injured") leaves the thing counted unsaid, which a
plural count word shows ("two dead" is no plural).
"""
from __future__ import annotations

import re
from dataclasses import replace

from crosscheck.model import Quantity

# What may stand between a count and its first part, and between two parts.
_AFTER_WHOLE = re.compile(r"\s*(?:,|\(|-|–|—|:)\s*(?:of\s+(?:them|whom|which)\s+)?\Z")
_BETWEEN_PARTS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)\Z")


def with_breakdowns(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` (sorted by start, offsets into ``text``) with the parts of each broken-down
    count given its unit."""
    out = list(found)
    for i, whole in enumerate(found):
        if whole.dimension != "count" or whole.low != whole.high or whole.approx:
            continue
        parts = _parts_after(text, found, i)
        if (parts and sum(found[j].low for j in parts) == whole.low
                and any(found[j].low >= 2 and not _plural(found[j].text) for j in parts)):
            for j in parts:
                out[j] = replace(found[j], unit=whole.unit)
    return out


_IRREGULAR_PLURALS = frozenset({"men", "women", "children", "people", "police", "feet", "teeth",
                                "mice", "geese", "sheep", "deer", "fish", "cattle", "staff"})


def _plural(text: str) -> bool:
    """Whether the last word of a count ("two girls", "three men") is a plural noun."""
    word = text.split()[-1].lower() if text.split() else ""
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss"))


def _parts_after(text: str, found: list[Quantity], i: int) -> list[int]:
    """Indexes of the exact counts listed right after ``found[i]`` (two or more), else []."""
    parts: list[int] = []
    end, gap = found[i].end, _AFTER_WHOLE
    for j in range(i + 1, len(found)):
        q = found[j]
        if q.dimension != "count" or q.low != q.high or q.approx \
                or not gap.match(text[end:q.start]):
            break
        parts.append(j)
        end, gap = q.end, _BETWEEN_PARTS
    return parts if len(parts) >= 2 else []
