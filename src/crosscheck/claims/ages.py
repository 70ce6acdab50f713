"""Ages written after a name or a noun, between commas: "Zeta Jones, 30, got engaged",
"The schoolgirl, 13, who cannot be named", "Rahmlee Davis, 51, and Louis Satterfield, 61".

News gives most ages this way, and a claim with two people in it often gives one age so and
the other as "55-year-old Douglas". Read alone, the second looks like the claim's only age, and
a report giving the first person's "30-year-old" seemed to contradict it. Whose age a number
is comes from the parse (``age_holder``): the judge compares ages person by person.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from crosscheck.claims.dates import MONTH_PATTERN
from crosscheck.model import Entity, Quantity

# A word, a comma, a number of one to three digits, and then a comma or the words that go on
# after an age ("and", "who", "of", "from"): "Cobb, 38, of Yateley"; or the end of the
# sentence after a name ("the murder of Alexis Malone, 19."; "Oshlushla Smith, 20; and").
_APPOSITIVE_AGE = re.compile(
    r"(?P<word>[A-Za-z][\w'’-]*)\s*,\s+(?P<age>\d{1,3})"
    r"(?=\s*,|\s+(?:and|who|of|from)\b|(?P<end>[.;](?:\s|\Z)|\Z))")
_NOT_A_HOLDER = re.compile(
    rf"(?:{MONTH_PATTERN}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|and|or|"
    r"of|to|by|in|on|at|from|than|between|total|all|aged|age|ages|number|numbers|no|page|pages|"
    r"chapter|section|article|clause|room|flat|platform|gate|route|junction|terminal)\Z",
    re.IGNORECASE)
_OLDEST = 120


def appositive_ages(text: str, offset: int = 0) -> list[Quantity]:
    """Each age between commas after a word, as an age in years; offsets shifted by
    ``offset``."""
    found = []
    for m in _APPOSITIVE_AGE.finditer(text):
        age = int(m.group("age"))
        if m.group("end") is not None and not m.group("word")[0].isupper():
            continue  # "rose by 4, 5." is no age; a name before the full stop is
        if 0 < age <= _OLDEST and not _NOT_A_HOLDER.match(m.group("word")):
            start, end = m.start("age") + offset, m.end("age") + offset
            found.append(Quantity(m.group("age"), start, end, float(age), float(age), "year",
                                  "age"))
    return found


def age_holder(age: Quantity, tokens: Sequence[Token], entities: Sequence[Entity]) -> str:
    """The name of the person the parse gives ``age`` to, or "" when it gives it to no name:
    "Zeta Jones, 30," (an apposition), "55-year-old Douglas" and "47-year-old antiques dealer
    Ken Jones" (a modifier of the name, or of a noun compounded with it); not "the
    33-year-old sobbed", where the age stands for the person."""
    inside = [t for t in tokens if age.start <= t.idx < age.end]
    heads = [t.head for t in inside if not age.start <= t.head.idx < age.end]
    if not heads:
        return ""
    head = heads[0]
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    # any label: the tagger calls some people ORG ("22-year-old prostitute Amanda Walker"), and
    # name resolution relabels them; the judge asks for a person
    named = next((e for e in entities if e.start <= head.idx < e.end), None)
    if named is not None and _near(age, named) and not any(
            t.pos_ in ("VERB", "AUX") for t in tokens if age.end <= t.idx < named.start):
        return named.text
    return _before(inside[0], entities)


HOLDER_REACH = 30  # characters between "47-year-old" and the name it qualifies, at most


def _near(age: Quantity, name: Entity) -> bool:
    """The name stands next to the age: right after it ("47-year-old antiques dealer Ken
    Jones") or just before it ("Zeta Jones, 30"); a name the parse reaches across a clause
    or over a verb ("the 15-year-old shot Wilson") is someone else."""
    return 0 <= name.start - age.end <= HOLDER_REACH or 0 <= age.start - name.end <= 3


def _before(first: Token, entities: Sequence[Entity]) -> str:
    """The name just before ", 19": the parse often hangs an age between commas on the verb
    ("Police arrested Murjan Issack Abdi, 19, on Wednesday")."""
    doc = first.doc
    if first.i < 2 or doc[first.i - 1].text != ",":
        return ""
    name_end = doc[first.i - 2].idx + len(doc[first.i - 2].text)
    return next((e.text for e in entities if e.end == name_end and e.label == "PERSON"), "")


# Two to four capitalised words right before ", 19": a name the tagger missed ("Police
# arrested Murjan Issack Abdi, 19, on Wednesday"). Local news names suspects and victims the
# small model has never seen.
_NAME_BEFORE = re.compile(r"(?<![\w'’-])((?:[A-Z][a-z'’-]+\.? ){1,3}[A-Z][a-z'’-]+)\s*,\s*\Z")
_NOT_NAME_WORDS = frozenset({"Police", "The", "A", "An", "And", "But", "Officers", "Authorities",
                             "County", "City", "Street", "Avenue", "Road", "Park"})


def untagged_name(before: str) -> tuple[int, str] | None:
    """(offset, name) of a name that ends ``before`` (the text up to an age between commas),
    or None: its words must be capitalised, none a month, weekday or common sentence opener."""
    m = _NAME_BEFORE.search(before)
    if m is None:
        return None
    words = m.group(1).split()
    while words and (words[0] in _NOT_NAME_WORDS or _NOT_A_HOLDER.match(words[0].rstrip("."))):
        words = words[1:]
    if len(words) < 2 or any(w in _NOT_NAME_WORDS or _NOT_A_HOLDER.match(w) for w in words):
        return None
    name = " ".join(words)
    return m.end(1) - len(name), name
