"""Canonical keys for named entities, and joining spelling variants of one name.

"President Donald Trump", "Trump's" and "Donald Trump" share the key ``donald trump``;
"Zelensky" and "Zelenskyy" (or "Peskov" and "Pekskov") are joined by a string-similarity rule on
surnames that refuses to join two people with different first names ("Joe Biden" /
"Hunter Biden"), and refuses a bare surname that could be either of them.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from crosscheck.claims.place_abbreviations import full_place_name
from crosscheck.model import Claim

# Honorifics and titles that are not part of a person's name.
TITLES = frozenset("""
mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary senator sen
rep representative governor gov mayor general gen colonel col admiral judge justice chancellor
king queen prince princess pope sheikh ambassador envoy director chief spokesman spokeswoman
spokesperson chairman chairwoman commissioner minister deputy foreign defense defence state
interior us u.s. uk un former acting then late
""".split())
# Common ways of naming the same country or body.
ALIASES = {
    "u.s.": "united states", "us": "united states", "usa": "united states", "u.s.a.": "united states",
    "america": "united states", "the united states": "united states", "washington": "united states",
    "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "un": "united nations", "u.n.": "united nations",
    "eu": "european union", "e.u.": "european union", "moscow": "russia", "kremlin": "russia",
    "kyiv": "ukraine", "kiev": "ukraine",
}
SURNAME_SIMILARITY = 85.0  # rapidfuzz ratio; Zelensky/Zelenskyy = 94, Peskov/Pekskov = 92
FIRST_NAME_SIMILARITY = 80.0  # once surnames match: Dmitri/Dmitry = 83, but John/Joan = 75
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def strip_possessive(text: str) -> str:
    """``Lloyd Austin’s`` -> ``Lloyd Austin``: spaCy often keeps the possessive in an entity."""
    return _POSSESSIVE.sub("", text)


def fold(text: str) -> str:
    """Lowercase ASCII form: accents dropped, possessive and punctuation at the ends removed."""
    text = unicodedata.normalize("NFKD", text.strip())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.strip()).strip(" \t\"'“”‘’.,;:()[]")
    return re.sub(r"\s+", " ", text).lower()


def person_key(text: str) -> str:
    """``Defense Secretary Pete Hegseth's`` -> ``pete hegseth``."""
    words = fold(text).replace("-", " - ").split()
    while len(words) > 1 and words[0].rstrip(".") in TITLES | {w.rstrip(".") for w in TITLES}:
        words.pop(0)
    return " ".join(words).replace(" - ", "-")


def split_title(name: str) -> tuple[str, str | None]:
    """``Mayor Ana Silva`` -> (``Ana Silva``, ``Mayor``): spaCy sometimes puts the title
    inside the PERSON entity, and the role is kept apart from the name."""
    words = name.split()
    n = 0
    while n < len(words) - 1 and words[n].lower().rstrip(".") in TITLES:
        n += 1
    return (" ".join(words[n:]), " ".join(words[:n])) if n else (name, None)


def entity_key(text: str, label: str) -> str:
    """Canonical key for an entity of spaCy ``label``."""
    if label == "PERSON":
        return person_key(text)
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    if label in PLACE_LABELS:
        key = full_place_name(key)
    return ALIASES.get(key, ALIASES.get(key.replace(".", ""), key))


def _parts(key: str) -> tuple[str, str]:
    """(first names, surname) of a person key."""
    words = key.split()
    return (" ".join(words[:-1]), words[-1]) if words else ("", "")


def _first_names_agree(a: str, b: str) -> bool:
    if not a or not b:
        return True
    if a[0] != b[0]:
        return False
    if len(a.rstrip(".")) == 1 or len(b.rstrip(".")) == 1:  # an initial: "J. Biden"
        return True
    return fuzz.ratio(a, b) >= FIRST_NAME_SIMILARITY


def same_person(a: str, b: str) -> bool:
    """Whether two person keys can name the same person (by spelling alone)."""
    if a == b:
        return True
    first_a, last_a = _parts(a)
    first_b, last_b = _parts(b)
    return fuzz.ratio(last_a, last_b) >= SURNAME_SIMILARITY and _first_names_agree(first_a, first_b)


def resolve_people(keys: Iterable[str]) -> dict[str, str]:
    """Map every person key to one canonical key per person.

    Full names are grouped first (surname similarity plus agreeing first names); a bare surname
    then joins a group only when exactly one group can take it, so "Biden" stays apart when a story
    has both "Joe Biden" and "Hunter Biden". A single word that is no one's surname may be a
    first name ("Ricky" for Ricky Reel): it joins the one group with that first name, if one.
    The canonical key is the group's most frequent full name (ties broken alphabetically, for
    determinism).
    """
    counts = Counter(keys)
    full = sorted((k for k in counts if " " in k), key=lambda k: (-counts[k], k))
    groups: list[list[str]] = []
    for key in full:
        home = next((g for g in groups if all(same_person(key, m) for m in g)), None)
        if home is None:
            groups.append([key])
        else:
            home.append(key)
    mapping = {member: group[0] for group in groups for member in group}
    for key in sorted(k for k in counts if " " not in k):
        homes = [g for g in groups if any(same_person(key, m) for m in g)]
        if not homes:  # a first name alone, as reports name children and victims ("Ricky")
            homes = [g for g in groups if any(_first_name(m) == key for m in g)]
        mapping[key] = homes[0][0] if len(homes) == 1 else key
    return mapping


def _first_name(key: str) -> str:
    first = _parts(key)[0].split()
    return first[0] if first else ""


def display_names(surfaces: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Canonical key -> the most frequent longest surface form, for reports."""
    best: dict[str, Counter[str]] = {}
    for key, surface in surfaces:
        best.setdefault(key, Counter())[surface] += 1
    return {key: max(c, key=lambda s: (len(s.split()), c[s], s)) for key, c in best.items()}


_PAREN = re.compile(r"\([^)]*\)")
_NAME_WORD = re.compile(r"[a-z0-9]+")  # of a folded name
_MALE, _FEMALE = frozenset({"mr", "sir", "lord"}), frozenset({"mrs", "ms", "miss", "dame", "lady"})
# Words around a name that do not tell two names apart: fillers, and the honorifics and ranks
# one report gives and another leaves out ("Deputy Chief Constable Ian Beckett" / "Mr Beckett").
_NAME_FILLERS = frozenset("""the of and a an s mr mrs ms miss dr prof professor sir dame lord lady
rev reverend pc det detective constable sergeant sgt inspector supt superintendent chief deputy
judge justice qc col colonel gen capt captain lt lieutenant maj cpl corporal pte brig brigadier
admiral""".split())


def one_name(a: str, b: str) -> bool:
    """Two ways of writing one name: a part of the other ("Trump" / "Donald Trump
    (President)", "Richard" / "Richard Thomas", "Holker Hall" / "Holker Hall Estate",
    "South-West London" / "west London") or with one word shortened ("Yorks" / "Yorkshire",
    "Ken Jones" / "Kenneth Jones") or spelled another way ("Kattab" / "Khattab"). Such names
    are never a difference: a report that shortens a name does not name someone else. A role in brackets, honorifics and ranks
    are left out, and so are apostrophes and hyphens ("Magistrates' Court")."""
    if _genders(a) | _genders(b) == {"f", "m"}:
        return False  # "Mr Smith" / "Mrs Smith"
    wa, wb = (name_words(n) for n in (a, b))
    if not wa or not wb or wa <= wb or wb <= wa:
        return bool(wa and wb)
    only_a, only_b = wa - wb, wb - wa
    if len(only_a) > 1 or len(only_b) > 1:
        return False
    x, y = sorted((*only_a, *only_b), key=len)
    # One word shortened: alone it needs 4 letters ("Austria" / "Australia" stay apart), next
    # to a shared word 3 ("Ken" / "Kenneth"); two different words are two names ("North Korea").
    return (len(x) >= (3 if wa & wb else 4) and y.startswith(x)) or _spelled_alike(x, y)


def _spelled_alike(x: str, y: str) -> bool:
    """One word spelled two ways ("Kattab" / "Khattab", "Gadaffi" / "Gaddafi"): as close as
    the surnames ``same_person`` joins, with the same first letter, 5 letters at least and at
    most one letter more ("Tawstock" / "Tavistock" and "Austria" / "Australia" stay apart)."""
    return (min(len(x), len(y)) >= 5 and abs(len(x) - len(y)) <= 1 and x[0] == y[0]
            and fuzz.ratio(x, y) >= SURNAME_SIMILARITY)


def spelled_differently(a: str, b: str) -> tuple[str, str] | None:
    """The two words (folded) that make two full names of one person differ in spelling
    alone: "Kemontay Cullins" / "Kamontay Cullins", "Oslushla Smith" / "Oshlushla Smith",
    "Javon Wilson" / "Jovan Wilson". None when the names are the same, differ in more than
    one word, or one word shortens the other ("Ken" / "Kenneth", "Smith" / "John Smith"):
    those are ways of naming, not misspellings. Both names need two words (a first name and
    a surname in common but one), and the words must look alike: the same first letter,
    5 letters at least ("John" / "Joan" may well be two people), at most two edits apart."""
    wa, wb = _name_word_list(a), _name_word_list(b)
    if len(wa) < 2 or len(wb) < 2 or len(wa) != len(wb) or _genders(a) | _genders(b) == {"f", "m"}:
        return None
    pairs = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(pairs) != 1:
        return None
    x, y = pairs[0]
    if (min(len(x), len(y)) < 5 or x[0] != y[0] or x.startswith(y) or y.startswith(x)
            or x.isdigit() or y.isdigit()):
        return None
    return (x, y) if Levenshtein.distance(x, y) <= 2 else None


def name_words(name: str) -> set[str]:
    """The words that tell a name apart (folded; no role in brackets, honorific, rank or age)."""
    return set(_name_word_list(name))


def one_person(a: str, b: str) -> bool:
    """Two full names of one person: ``one_name``, with a first name and a surname on both
    sides ("Constable Ian Beckett" / "Ian Beckett"), so that a bare "Paterson" is not taken
    for one of two Patersons."""
    return min(len(_name_word_list(a)), len(_name_word_list(b))) >= 2 and one_name(a, b)


def one_full_name(a: str, b: str) -> bool:
    """``one_person``, and the first names agree too ("Constable Ian Beckett" / "Ian Beckett",
    not "Abdi Abdi" / "Murjan Issack Abdi", whose shared word is only a surname)."""
    if not one_person(a, b):
        return False
    first_a, first_b = _name_word_list(a)[0], _name_word_list(b)[0]
    return _first_names_agree(first_a, first_b)


def _name_word_list(name: str) -> list[str]:
    # An age that the parse kept in the name ("Melchett 51") is no part of it.
    words = _NAME_WORD.findall(fold(_PAREN.sub(" ", name)))
    return [w for w in words if not w.isdigit() and w not in _NAME_FILLERS]


def _genders(name: str) -> set[str]:
    words = set(_NAME_WORD.findall(fold(name)))
    return ({"m"} if words & _MALE else set()) | ({"f"} if words & _FEMALE else set())


@functools.lru_cache(maxsize=65536)
def mentioned(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` too, perhaps another way: at least half of the name's
    words occur in it, perhaps spelled another way ("Mr Fayed" for "Al Fayed", "magistrates
    in Hexham" for "Hexham Magistrates Court", "Col Gadaffi" for "Gaddafi"). Cached: the
    judge asks it of each name for every pair of claims, and spelled-alike matching compares
    the name's words with every word of the text."""
    words = name_words(name)
    in_text = _text_words(text)
    found = {w for w in words if w in in_text or any(_spelled_alike(w, t) for t in in_text)}
    return bool(words) and 2 * len(found) >= len(words)


def surname_mentioned(name: str, text: str) -> bool:
    """Whether ``text`` gives the surname (last word) of the person ``name``: "Mr Dodd" for
    Brian Dodd. Stricter than ``mentioned``: a first name in a quote ("Meryl would join in")
    does not name Meryl Thomas."""
    words = _name_word_list(name)
    return bool(words) and words[-1] in _text_words(text)


@functools.lru_cache(maxsize=4096)
def _text_words(text: str) -> frozenset[str]:
    # A claim's text meets every name of the claims it is compared with: folded once.
    return frozenset(_NAME_WORD.findall(fold(text)))


def other_doers(doer_a: str, doer_b: str, a: Claim, b: Claim) -> bool:
    """Two named doers of one verb (of claims ``a`` and ``b``: ``Quantity.agent``,
    ``DateRef.agent``) that are not one person or body and that neither claim names beside its
    own: they did two things ("Mobil paid him £10,000" / "paid for by Mr Greer")."""
    return bool(doer_a and doer_b) and not (one_name(doer_a, doer_b) or mentioned(doer_a, b.text)
                                            or mentioned(doer_b, a.text))
