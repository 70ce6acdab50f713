"""Short forms of place names that news style writes beside the full ones.

American papers write states the AP way ("Hope, Ark.", "Rep. Darrell Issa, R-Calif."), British
ones shorten counties ("Wendover, Bucks", "Slough, Berks"); another report of the same event
writes "Arkansas" or "Buckinghamshire". Read as different places, the two made place
conflicts out of one place. Keys are folded (``names.fold``: lower case, the final full stop
gone); the values are the folded full names. Two-letter postal codes are left out: "LA",
"IN", "OR", "ME" are other words as often as states (so is "La." for Louisiana: "LA").
"""
from __future__ import annotations

import re

US_STATES = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california",
    "colo": "colorado", "conn": "connecticut", "del": "delaware",
    "fla": "florida", "ga": "georgia", "ill": "illinois", "ind": "indiana", "kan": "kansas",
    "kans": "kansas", "ky": "kentucky", "md": "maryland",
    "mass": "massachusetts", "mich": "michigan", "minn": "minnesota", "miss": "mississippi",
    "mo": "missouri", "mont": "montana", "neb": "nebraska", "nebr": "nebraska",
    "nev": "nevada", "n.h": "new hampshire", "n.j": "new jersey", "n.m": "new mexico",
    "n.y": "new york", "n.c": "north carolina", "n.d": "north dakota", "okla": "oklahoma",
    "ore": "oregon", "pa": "pennsylvania", "penn": "pennsylvania", "r.i": "rhode island",
    "s.c": "south carolina", "s.d": "south dakota", "tenn": "tennessee", "tex": "texas",
    "vt": "vermont", "va": "virginia", "wash": "washington state", "w.va": "west virginia",
    "wis": "wisconsin", "wisc": "wisconsin", "wyo": "wyoming",
}
UK_COUNTIES = {
    "beds": "bedfordshire", "berks": "berkshire", "bucks": "buckinghamshire",
    "cambs": "cambridgeshire", "derbys": "derbyshire", "glos": "gloucestershire",
    "hants": "hampshire", "herts": "hertfordshire", "lancs": "lancashire",
    "leics": "leicestershire", "lincs": "lincolnshire", "middx": "middlesex",
    "northants": "northamptonshire", "notts": "nottinghamshire", "oxon": "oxfordshire",
    "shrops": "shropshire", "staffs": "staffordshire", "warks": "warwickshire",
    "wilts": "wiltshire", "worcs": "worcestershire", "yorks": "yorkshire",
}
PLACE_ABBREVIATIONS = {**US_STATES, **UK_COUNTIES}
# A member of Congress's party before the state: "R-Calif.", "D-N.Y.", "I-Vt.".
_PARTY = re.compile(r"^[rdi]-(?=[a-z])")


def full_place_name(key: str) -> str:
    """The folded full name for a folded short form ("r-calif" -> "california"), else
    ``key`` itself."""
    return PLACE_ABBREVIATIONS.get(_PARTY.sub("", key), key)


def _short_forms() -> dict[str, re.Pattern[str]]:
    """Folded full name -> one pattern for its short forms, capitalised as names."""
    forms: dict[str, list[str]] = {}
    for short, full in PLACE_ABBREVIATIONS.items():
        forms.setdefault(full, []).append(re.escape(short.title()))
    return {full: re.compile(rf"(?<![\w-])(?:{'|'.join(shorts)})(?![\w])")
            for full, shorts in forms.items()}


_SHORT_FORMS = _short_forms()


def short_form_in(full: str, text: str) -> bool:
    """Whether ``text`` writes a short form of the place whose folded full name is ``full``
    ("Bucks" for "buckinghamshire"), capitalised as a name: the tagger often leaves such
    a form out of its places ("lived at Wendover, Bucks, with his parents")."""
    pattern = _SHORT_FORMS.get(full)
    return pattern is not None and pattern.search(text) is not None
