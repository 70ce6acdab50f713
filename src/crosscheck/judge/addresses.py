"""Street addresses compared across a story: "shots fired at 19 Plymouth St." / "18 Plymouth
St.", "the 5300 block of Fannin" / "the 5000 block of Fannin".

Where a shooting happened is one fact of the story, whichever sentence gives it, so, like ages
(``people``), addresses are compared across all the story's claims, aligned or not. Two
reports disagree on a street when each gives it one number (a house number, or a block: "the
5300 block" is 5300 to 5399) and the numbers do not fit. A report that gives one street two
numbers (two scenes, or a house and its block) is no evidence either way and is left out.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.judge.facts import Found
from crosscheck.model import Claim, Difference

_TYPES = (r"St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|Ln|Lane|Way|Ct|Court|Pl|"
          r"Place|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Ter|Terrace|Trail|Pike|Loop")
_DIRECTION = r"(?:[NSEW]\.?|North|South|East|West)"
_NAME = r"[A-Z0-9][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"
_HOUSE = re.compile(rf"\b(?P<number>\d{{1,6}}) (?P<street>(?:{_DIRECTION} )?{_NAME} (?:{_TYPES}))\b")
_BLOCK = re.compile(rf"\b(?P<number>\d{{2,6}}) block of (?P<street>(?:{_DIRECTION} )?{_NAME})")
_TYPE_WORD = re.compile(rf"\s+(?:{_TYPES})\.?\Z")
_DIRECTION_WORD = re.compile(rf"\A{_DIRECTION}\s+")
REASON = "address: {a} vs {b}"


@dataclass(frozen=True, slots=True)
class Address:
    """A number on a street as one claim gives it; ``high`` ends a block's range."""

    claim: Claim
    street: str  # the street's name, folded, without its type or direction ("plymouth")
    low: int
    high: int
    start: int
    end: int
    text: str

    def fits(self, other: "Address") -> bool:
        return self.low <= other.high and other.low <= self.high


def addresses(claim: Claim) -> list[Address]:
    """The house numbers and blocks the claim gives, in order."""
    found = []
    for pattern, span in ((_BLOCK, 99), (_HOUSE, 0)):
        for m in pattern.finditer(claim.text):
            start = claim.start + m.start()
            if any(a.start <= start < a.end for a in found):
                continue
            number = int(m.group("number"))
            found.append(Address(claim, street_key(m.group("street")), number, number + span,
                                 start, claim.start + m.end(), m.group()))
    return sorted(found, key=lambda a: a.start)


def street_key(street: str) -> str:
    """"N. Plymouth St." and "Plymouth Street" are one street: "plymouth"."""
    name = _DIRECTION_WORD.sub("", _TYPE_WORD.sub("", street.strip()))
    return " ".join(name.lower().replace(".", "").split())


def address_conflicts(claims: Sequence[Claim]) -> list[Found]:
    """Each pair of reports that give one street numbers that do not fit, on the first two
    claims that show it (for ``facts.add_found``)."""
    given: dict[tuple[str, str], list[Address]] = defaultdict(list)
    for claim in claims:
        for address in addresses(claim):
            given[(claim.article_id, address.street)].append(address)
    # one number per report and street: two scenes, or a house and its block, say nothing
    single = {key: found[0] for key, found in given.items()
              if all(a.fits(found[0]) and found[0].fits(a) for a in found)}
    found: list[Found] = []
    keys = sorted(single)
    for i, key_a in enumerate(keys):
        for key_b in keys[i + 1:]:
            x, y = single[key_a], single[key_b]
            if key_a[1] != key_b[1] or key_a[0] == key_b[0] or x.fits(y):
                continue
            diff = Difference("address", x.text, y.text, (x.start, x.end), (y.start, y.end))
            found.append(Found(x.claim, y.claim, diff, x.street,
                               reason=REASON.format(a=x.text, b=y.text)))
    return found
