"""Why a verdict: the slot and both values when contradicted, a short phrase otherwise.

The cheap regex clashes found while computing features (numbers, dates, antonyms) come first;
when they find nothing, the claim and its best evidence sentence go through the claims stage
(spaCy) and the judge's slot checks, which also see speakers, people, organisations and places.
"""
from __future__ import annotations

import functools

from crosscheck.claims.extract import extract_claims
from crosscheck.judge import slots
from crosscheck.model import Article, Claim, Difference
from crosscheck.verify import text as tx
from crosscheck.verify.features import SlotClash

GENERIC_CONTRADICTION = "the best evidence sentence says otherwise"
_SLOT_CHECKS = (slots.speaker_difference, slots.number_difference, slots.date_difference,
                slots.place_difference, slots.entity_difference, slots.polarity_difference)


def contradiction_reason(claim: str, best_sentence: str, clashes: tuple[SlotClash, ...]) -> str:
    if clashes:
        c = clashes[0]
        return f"{c.slot}: {c.claim_value} vs {c.evidence_value}"
    difference = parsed_difference(claim, best_sentence)
    if difference is not None:
        return f"{difference.slot}: {difference.a} vs {difference.b}"
    refuting = sorted({w for w in tx.words(best_sentence) if w in tx.REFUTE})
    if refuting:
        return "the evidence denies or debunks it (" + ", ".join(refuting[:4]) + ")"
    return GENERIC_CONTRADICTION


@functools.lru_cache(maxsize=4096)
def _first_claim(text: str) -> Claim | None:
    claims = extract_claims([Article.create(text)]).claims
    return claims[0] if claims else None


def parsed_difference(claim: str, sentence: str) -> Difference | None:
    """The first slot on which the parsed claim and sentence differ, if any."""
    a, b = _first_claim(claim), _first_claim(sentence)
    if a is None or b is None:
        return None
    for check in _SLOT_CHECKS:
        difference = check(a, b)
        if difference is not None:
            return difference
    return None


def other_reason(label: str, coverage: float, similarity: float) -> str:
    if label == "supported":
        return ("the best evidence sentence restates the claim" if similarity >= 0.7
                else "the evidence reports the claim's facts")
    if label == "unverified":
        return "the evidence is on the story but does not settle the claim"
    if coverage < 0.2:
        return "no sentence about the claim's subject"
    return "the evidence is about another story"


def warm_up() -> None:
    """Load the parser now, so that timing the first contradiction does not time spaCy's load."""
    _first_claim("Pete Hegseth said so.")
