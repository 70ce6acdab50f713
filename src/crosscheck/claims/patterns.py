"""Regular-expression helpers shared by the readers of numbers and money."""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """Regex alternation, longest first so "seventeen" is not read as "seven"; spaces match any
    run of whitespace."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words),
                           key=len, reverse=True))
