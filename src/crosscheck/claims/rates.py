"""Whether an amount is a rate: "£1,900 a week", "his £480,000-a-year lease".

A rate and a one-off amount are on different footings: "£450,000-a-year lease" and "the
estimated £500,000 bill" neither clash nor agree, however close the figures. The judge
compares numbers of one footing (``judge/numbers.py``), and the aligner ties two claims to one
fact only through numbers of one footing (``align/align.py``).
"""
from __future__ import annotations

import re

from crosscheck.model import Claim, Quantity

RATE_AFTER = re.compile(r"\s*-?\s*(?:a|an|per|each)\s*-?\s*(?:hour|day|week|month|year|annum)\b",
                        re.IGNORECASE)


def words_around(claim: Claim, quantity: Quantity) -> tuple[str, str, str]:
    """(up to 20 characters before the number, its own words, up to 16 characters after)."""
    start, end = quantity.start - claim.start, quantity.end - claim.start
    return claim.text[max(0, start - 20):start], claim.text[start:end], claim.text[end:end + 16]


def is_rate(claim: Claim, quantity: Quantity) -> bool:
    """An amount of money per period of time, as ``claim`` writes it."""
    return quantity.dimension == "money" and bool(RATE_AFTER.match(words_around(claim,
                                                                                quantity)[2]))
