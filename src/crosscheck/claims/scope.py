"""Whether a sentence's numbers are totals over several events, not counts for one.

"INS Sukanya has seized a total of 14 rifles during the five operations" and "six rifles were
found during the operation" do not contradict each other: six of the fourteen came from one
operation. A number marked as a total ("a total of", "in all", "so far") or said of several
events ("during the five operations", "over the past three years") is therefore compared with
an unmarked number as a whole with its part: they conflict only when the part is larger
(``Quantity.overlaps``). Two totals, or two unmarked numbers, compare as usual.

The markers are read per sentence, because a list shares them: in "a total of 14 rifles, 31
magazines and 923 rounds" all three are totals. Pure functions, no parser.
"""
from __future__ import annotations

import re

from crosscheck.nlp.sentences import split_sentences

_COUNT = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
          r"multiple|many|numerous|various|a\s+few|a\s+series\s+of|a\s+number\s+of)")
_EVENTS = (r"(?:operations|raids|attacks|incidents|strikes|missions|patrols|searches|seizures|"
           r"arrests|shootings|bombings|explosions|blasts|games|matches|seasons|elections|"
           r"trips|visits|tours|sessions|rounds|phases|stages|waves|episodes|occasions|events|"
           r"cases|quarters|battles|clashes|sorties|flights)")
_TIME = r"(?:years|months|weeks|days|decades)"
_MARKERS = re.compile(
    r"\b(?:a\s+total\s+of|in\s+total|in\s+all|all\s+told|altogether|so\s+far|to\s+date|"
    r"cumulative(?:ly)?|combined)\b"
    # "during the five operations", "in several raids", "across its three missions"
    rf"|\b(?:in|during|over|across|from|throughout)\s+(?:(?:the|its|their|these|those|all)\s+)?"
    rf"(?:(?:past|last|previous|recent)\s+)?{_COUNT}\s+(?:[a-z-]+\s+)?{_EVENTS}\b"
    # "over the past three years", "in the last two months": a sum over time
    rf"|\b(?:in|during|over|across|throughout)\s+the\s+(?:past|last|previous)\s+"
    rf"(?:{_COUNT}\s+)?{_TIME}\b",
    re.IGNORECASE)


def total_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of ``text`` whose numbers are totals."""
    return [(s.start, s.end) for s in split_sentences(text) if _MARKERS.search(s.text)]


def is_total(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether the number at ``position`` lies in one of ``spans`` (from ``total_spans``)."""
    return any(start <= position < end for start, end in spans)
