"""Names spelled two ways across a story's reports: a person's ("Kemontay Cullins" / "Kamontay
Cullins", slot ``name``) or a place's ("Whisenant Street" / "Whisnant Street", "Fred Connor
Street" / "Fred Conner Street", slot ``place``).

A reader wants to see these: one of the spellings is wrong, and a search under it finds nothing.
Two full names that differ in one word, by a letter or two (``names.spelled_differently``), are
one name spelled two ways, unless one report uses both spellings (then it names two people or
places, or corrects itself), or one of the two words is everyday English ("Sherriff's Office" is
a typo, not a name). Shown on the first two claims that show it, like ages
(``facts.add_found``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from wordfreq import zipf_frequency

from crosscheck.claims.names import fold, spelled_differently
from crosscheck.judge.facts import Found
from crosscheck.model import Claim, Difference

REASON = "{slot}: {a} vs {b} (spelled two ways)"
COMMON_WORD = 4.0  # Zipf frequency (wordfreq) from which a word is everyday English
PLACE_LABELS = frozenset({"FAC", "GPE", "LOC", "ORG"})
_STREET = re.compile(r"\b(?:[A-Z][a-z'’]+ ){1,3}(?:Street|Avenue|Road|Drive|Boulevard|Lane|Way|"
                     r"Court|Place|Parkway|Highway|Circle|Terrace|Trail|Pike)\b")


@dataclass(frozen=True, slots=True)
class _Named:
    claim: Claim
    slot: str  # "name" or "place"
    text: str
    start: int
    end: int


def spelling_conflicts(claims: Sequence[Claim]) -> list[Found]:
    """Each pair of reports spelling one person's or place's name two ways."""
    named = [n for claim in claims for n in _named(claim)]
    words_of: dict[tuple[str, str], set[str]] = {}
    for n in named:
        words_of.setdefault((n.claim.article_id, n.slot), set()).update(fold(n.text).split())
    found = []
    for i, x in enumerate(named):
        for y in named[i + 1:]:
            if (x.slot != y.slot or x.claim.article_id == y.claim.article_id
                    or x.text == y.text):
                continue
            words = spelled_differently(x.text, y.text)
            if words is None:
                continue
            wx, wy = words
            if max(zipf_frequency(wx, "en"), zipf_frequency(wy, "en")) >= COMMON_WORD:
                continue  # "Sherriff's Office": a common word mistyped, or spelled the
                # British way ("Centre"), is no name of the story spelled two ways
            if wy in words_of[(x.claim.article_id, x.slot)] or (
                    wx in words_of[(y.claim.article_id, y.slot)]):
                continue
            diff = Difference(x.slot, x.text, y.text, (x.start, x.end),  # type: ignore[arg-type]
                              (y.start, y.end))
            found.append(Found(x.claim, y.claim, diff, "/".join(sorted((wx, wy))),
                               reason=REASON.format(slot=x.slot, a=x.text, b=y.text)))
    return found


def _named(claim: Claim) -> list[_Named]:
    # a street is a place whatever the tagger called it ("Fred Conner Street" as PERSON)
    found = [_Named(claim, "name" if e.label == "PERSON" and not _STREET.search(e.text)
                    else "place", e.text, e.start, e.end)
             for e in claim.entities if e.label == "PERSON" or e.label in PLACE_LABELS]
    for m in _STREET.finditer(claim.text):
        start = claim.start + m.start()
        if not any(n.start <= start < n.end for n in found):
            found.append(_Named(claim, "place", m.group(), start, claim.start + m.end()))
    return found
