"""Money: the words, codes and symbols that make a number an amount ("$5", "5 euros", "GBP 5"),
and the letters after an amount that give its scale ("€20m", "$5k", "£3bn", "$200MM"). Tables
and patterns for :mod:`crosscheck.claims.quantities`; amounts are never converted between
currencies, so two currencies never compare.
"""
from __future__ import annotations

import re

from crosscheck.claims.patterns import alternation

CURRENCY_WORDS: dict[str, str] = {
    **dict.fromkeys(("dollar", "dollars", "us dollars", "usd"), "USD"),
    **dict.fromkeys(("euro", "euros", "eur"), "EUR"),
    **dict.fromkeys(("pound", "pounds", "pounds sterling", "sterling", "gbp"), "GBP"),
    **dict.fromkeys(("yen", "jpy"), "JPY"), **dict.fromkeys(("yuan", "renminbi", "cny"), "CNY"),
    **dict.fromkeys(("rouble", "roubles", "ruble", "rubles", "rub"), "RUB"),
    **dict.fromkeys(("hryvnia", "hryvnias", "uah"), "UAH"),
    **dict.fromkeys(("rupee", "rupees", "inr"), "INR"),
    **dict.fromkeys(("swiss franc", "swiss francs", "chf"), "CHF"),
}
CURRENCY_WORD_RE = re.compile(rf"(?:\s+|-)({alternation(CURRENCY_WORDS)})(?![\w])", re.I)
_SYMBOLS: dict[str, str] = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
                            "C$": "CAD", "A$": "AUD", "HK$": "HKD"}
_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "INR", "CHF")
_CURRENCY_BEFORE_RE = re.compile(rf"(?:(?<![\w])(?P<code>{'|'.join(_CODES)})\s?"
                                 r"|(?P<sym>(?<![\w])(?:US|C|A|HK)\$|[$€£¥])\s?)\Z")
SYMBOL_AT_RE = re.compile(r"(?:US|C|A|HK)?\$|[€£¥]")
MONEY_ABBR_RE = re.compile(r"\s?(bn|tn|mn|mm|m|k|b)(?![\w])", re.I)  # "€20m", "$200MM"
ABBR_SCALE: dict[str, float] = {"m": 1e6, "mn": 1e6, "mm": 1e6, "k": 1e3, "b": 1e9, "bn": 1e9,
                                "tn": 1e12}


def currency_before(text: str, start: int) -> tuple[int, str | None]:
    """(where the amount starts, its currency) for a number at ``start``: "$" or "GBP " just
    before it; (``start``, None) when nothing marks it as money."""
    c = _CURRENCY_BEFORE_RE.search(text, max(0, start - 5), start)
    if c is None:
        return start, None
    return c.start(), _SYMBOLS[c.group("sym")] if c.group("sym") else c.group("code")
