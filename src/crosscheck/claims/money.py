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
    **dict.fromkeys(("australian dollar", "australian dollars", "aud"), "AUD"),
    **dict.fromkeys(("new zealand dollar", "new zealand dollars", "nzd"), "NZD"),
    **dict.fromkeys(("canadian dollar", "canadian dollars", "cad"), "CAD"),
    **dict.fromkeys(("hong kong dollar", "hong kong dollars", "hkd"), "HKD"),
    **dict.fromkeys(("singapore dollar", "singapore dollars", "sgd"), "SGD"),
}
CURRENCY_WORD_RE = re.compile(rf"(?:\s+|-)({alternation(CURRENCY_WORDS)})(?![\w])", re.I)
# The country of a dollar sign: before it ("US$5", "A$5m", "NZ$2m") or, in Australian and New
# Zealand style, after it ("$US1 million", "$A5m"). A bare "$" is the US dollar, but not after
# a letter: "R$5" is no US amount.
_DOLLARS: dict[str, str] = {"US": "USD", "A": "AUD", "AU": "AUD", "NZ": "NZD", "C": "CAD",
                            "CA": "CAD", "HK": "HKD", "S": "SGD"}
_SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
                            **{f"{c}$": code for c, code in _DOLLARS.items()},
                            **{f"${c}": code for c, code in _DOLLARS.items()}}
_COUNTRY = f"(?:{alternation(_DOLLARS)})"
_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "INR", "CHF", "AUD", "NZD", "CAD",
          "HKD", "SGD")
_CURRENCY_BEFORE_RE = re.compile(rf"(?:(?<![\w])(?P<code>{'|'.join(_CODES)})\s?"
                                 rf"|(?P<sym>(?<![\w]){_COUNTRY}\$|\${_COUNTRY}|(?<![A-Za-z])\$"
                                 r"|[€£¥])\s?)\Z")
SYMBOL_AT_RE = re.compile(rf"{_COUNTRY}?\${_COUNTRY}?|[€£¥]")
# Where a number may follow a letter: the country after the sign, "$US1 million".
AFTER_SIGN_LOOKBEHIND = "(?-i:" + "|".join(rf"(?<=\${c})" for c in _DOLLARS) + ")"
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
