"""Readable forms of normalised quantities: "≈90 min", ">60 min", "2–3 years", "$1.5 million"."""
from __future__ import annotations

import math

from crosscheck.claims.quantities import _INVARIANT, _IRREGULAR
from crosscheck.model import Quantity

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_IRREGULAR_PLURALS = {singular: plural for plural, singular in _IRREGULAR.items()
                      if singular != "people"}  # "man" -> "men"; "people" stays as it is


def format_quantity(q: Quantity) -> str:
    """A compact readable form: "≈90 min", ">60 min", "≥2 years", "2–3 years", "$1.5 million";
    a total over several events says so ("total 14 rifles")."""
    return ("total " if q.total else "") + _plain_form(q)


def _plain_form(q: Quantity) -> str:
    op, values = _shape(q)
    if q.dimension == "money":
        sign = _CURRENCY_SIGNS.get(q.unit, "")
        return f"{op}{_amounts(values, sign)}" + ("" if sign else f" {q.unit}")
    if q.dimension == "count":
        one = len(values) == 1 and _fmt(values[0]) == "1"
        label = ("person" if q.unit == "people" else q.unit) if one else _plural(q.unit)
        return f"{op}{_amounts(values, '')} {label}"
    divisor, singular, plural, space = _display_unit(q, max(values))
    shown = [v / divisor for v in values]
    numbers = "–".join(_fmt(v) for v in shown)
    label = singular if len(shown) == 1 and _fmt(shown[0]) == "1" else plural
    return f"{op}{numbers}{space}{label}"


def _shape(q: Quantity) -> tuple[str, tuple[float, ...]]:
    """The operator and the one or two numbers that describe an interval."""
    low, high = q.low, q.high
    if math.isinf(high):
        return ("≥" if q.low_inclusive else ">"), (low,)
    if low == high:
        return ("≈" if q.approx else ""), (low,)
    if q.approx and math.isclose(low, 0.85 * high, rel_tol=1e-6):
        return "≈", (high,)  # "nearly X"
    if q.approx and math.isclose(low / 0.9, high / 1.1, rel_tol=1e-6):
        return "≈", (low / 0.9,)  # "about X"
    if low == 0:
        return ("≤" if q.high_inclusive else "<"), (high,)
    return "", (low, high)


def _display_unit(q: Quantity, value: float) -> tuple[float, str, str, str]:
    """(divisor from the base unit, singular, plural, separator) for showing ``value``."""
    if q.dimension == "duration":
        for limit, divisor, singular, plural in (
                (1, 1 / 60, "sec", "sec"), (180, 1, "min", "min"),
                (4320, 60, "hour", "hours"), (87660, 1440, "day", "days"),
                (1051920, 43830, "month", "months")):
            if value < limit:
                return divisor, singular, plural, " "
        return 525960, "year", "years", " "
    if q.dimension == "length" and value < 1:
        return 0.001, "m", "m", " "
    if q.dimension == "mass" and value >= 1000:
        return 1000, "tonne", "tonnes", " "
    if q.dimension == "percent":
        return (1, "%", "%", "") if q.unit == "%" else (1, "percentage point",
                                                        "percentage points", " ")
    if q.dimension == "age":
        return 1, "year old", "years old", " "
    label = {"km2": "km²"}.get(q.unit, q.unit)
    return 1, label, label, " "


def _plural(noun: str) -> str:
    if noun in _INVARIANT or noun.endswith("ed"):  # "30 wounded", "12 killed"
        return noun
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _amounts(values: tuple[float, ...], sign: str) -> str:
    """Large amounts in words: "$1.5 million", "$1–2 million", "2–999 million"."""
    parts = [_amount(v) for v in values]
    if len(parts) == 2 and parts[0][1] == parts[1][1] and parts[0][1]:
        return f"{sign}{parts[0][0]}–{parts[1][0]} {parts[1][1]}"
    return "–".join(f"{sign}{number} {scale}".rstrip() for number, scale in parts)


def _amount(value: float) -> tuple[str, str]:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return _fmt(value / scale), word
    return _fmt(value), ""


def _fmt(value: float) -> str:
    """90 -> "90", 1.5 -> "1.5", 3000 -> "3,000", 16.0934 -> "16.09"."""
    rounded = round(value, 2)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}".rstrip("0").rstrip(".")
