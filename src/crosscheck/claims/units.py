"""Units of measure: the words for durations, lengths, areas, speeds and masses, each with its
dimension, base unit and factor into it ("10 miles" -> 16.09 km), and the pattern that finds
one after a number. Tables for :mod:`crosscheck.claims.quantities`.
"""
from __future__ import annotations

import re

from crosscheck.claims.patterns import alternation

DURATION: dict[str, float] = {
    "second": 1 / 60, "seconds": 1 / 60, "sec": 1 / 60, "secs": 1 / 60,
    "minute": 1, "minutes": 1, "min": 1, "mins": 1, "hour": 60, "hours": 60, "hr": 60, "hrs": 60,
    "day": 1440, "days": 1440, "week": 10080, "weeks": 10080, "fortnight": 20160,
    "month": 43830, "months": 43830,  # an average month: 30.4375 days
    "year": 525960, "years": 525960, "yr": 525960, "yrs": 525960,  # 365.25 days
    "decade": 5259600, "decades": 5259600, "century": 52596000, "centuries": 52596000,
}
MEASURES: dict[str, tuple[str, str, float]] = {
    **{w: ("duration", "min", f) for w, f in DURATION.items()},
    **{w: ("length", "km", 1.0) for w in ("km", "kilometre", "kilometres", "kilometer",
                                          "kilometers")},
    **{w: ("length", "km", 0.001) for w in ("m", "metre", "metres", "meter", "meters")},
    **{w: ("length", "km", 1e-5) for w in ("cm", "centimetre", "centimetres", "centimeter",
                                           "centimeters")},
    **{w: ("length", "km", 1.609344) for w in ("mile", "miles", "mi")},
    **{w: ("length", "km", 1.852) for w in ("nautical mile", "nautical miles")},
    **{w: ("length", "km", 0.0003048) for w in ("foot", "feet", "ft")},
    **{w: ("length", "km", 0.0009144) for w in ("yard", "yards")},
    **{w: ("area", "km2", 1.0) for w in ("km2", "km²", "sq km", "square kilometre",
                                         "square kilometres", "square kilometer",
                                         "square kilometers")},
    **{w: ("area", "km2", 2.589988110336) for w in ("square mile", "square miles", "sq mi")},
    **{w: ("area", "km2", 0.01) for w in ("hectare", "hectares")},
    **{w: ("area", "km2", 0.0040468564224) for w in ("acre", "acres")},
    **{w: ("speed", "km/h", 1.0) for w in ("km/h", "kph", "kmh", "km per hour",
                                           "kilometres per hour", "kilometers per hour")},
    **{w: ("speed", "km/h", 1.609344) for w in ("mph", "miles per hour")},
    **{w: ("speed", "km/h", 1.852) for w in ("knot", "knots")},
    **{w: ("mass", "kg", 1.0) for w in ("kg", "kilogram", "kilograms", "kilo", "kilos")},
    **{w: ("mass", "kg", 1000.0) for w in ("tonne", "tonnes", "ton", "tons", "metric ton",
                                           "metric tons")},
    **{w: ("mass", "kg", 0.001) for w in ("gram", "grams")},
    **{w: ("mass", "kg", 0.45359237) for w in ("lb", "lbs")},
}
MEASURE_RE = re.compile(rf"(?:\s*-\s*|\s*)({alternation(MEASURES)})(?![\w/])", re.I)
