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
# after an age ("and", "who", "of", "from"): "Cobb, 38, of Yateley".
_APPOSITIVE_AGE = re.compile(
    r"(?P<word>[A-Za-z][\w'’-]*)\s*,\s+(?P<age>\d{1,3})(?=\s*,|\s+(?:and|who|of|from)\b)")
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
    return next((e.text for e in entities if e.start <= head.idx < e.end), "")
