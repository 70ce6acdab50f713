"""Antonym pairs for the polarity features: a claim word whose opposite stands in the evidence.

A hand-written list of the opposites that news and summaries flip most ("rise"/"fall",
"win"/"lose", "approve"/"reject"). WordNet (``crosscheck.nlp.wordnet``, used for training
rewrites) would give more pairs, but most are rare senses that fire on unrelated text, and
features must not need the system package at run time; these are the common ones.
Words are stemmed with ``text.stem`` so inflections match.
"""
from __future__ import annotations

import functools

from crosscheck.verify.text import stem

_PAIRS = """
increase decrease; increase reduce; rise fall; rise drop; rise decline; up down; higher lower;
more less; more fewer; gain loss; gain lose; win lose; won lost; winner loser; victory defeat;
approve reject; accept reject; accept refuse; agree disagree; allow ban; allow forbid;
allow prohibit; permit ban; support oppose; for against; pro anti; positive negative;
success failure; succeed fail; pass fail; strong weak; strengthen weaken; large small;
big small; high low; long short; early late; before after; first last; begin end; start end;
start stop; open close; opened closed; enter leave; arrive depart; buy sell; bought sold;
borrow lend; import export; hire fire; employ dismiss; include exclude; add remove;
add subtract; expand shrink; grow shrink; above below; over under; inside outside;
internal external; public private; legal illegal; guilty innocent; convict acquit;
true false; real fake; correct incorrect; right wrong; safe dangerous; safe unsafe;
healthy sick; alive dead; live die; survive die; rich poor; cheap expensive; profit loss;
surplus deficit; optimistic pessimistic; happy sad; like dislike; love hate; best worst;
better worse; always never; all none; everyone nobody; arrest release; attack defend;
war peace; confirm deny; admit deny; present absent; old new; old young; ancient modern;
male female; man woman; men women; husband wife; boy girl; north south; east west;
left right; import export; minimum maximum; majority minority; increase cut; raise lower;
raise cut; accelerate slow; fast slow; quick slow; heavy light; full empty; hot cold;
warm cool; wet dry; hard easy; difficult easy; simple complex; possible impossible;
likely unlikely; able unable; known unknown; certain uncertain; clear unclear;
complete incomplete; available unavailable; include omit; launch cancel; continue stop;
continue halt; resign appoint; elect defeat; join leave; ally enemy; friend enemy;
Democrat Republican; democratic republican; liberal conservative
"""


def _build() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for pair in _PAIRS.replace("\n", " ").split(";"):
        parts = pair.split()
        if len(parts) != 2:
            continue
        a, b = (stem(p.lower()) for p in parts)
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in table.items()}


ANTONYMS: dict[str, frozenset[str]] = _build()


# Negative prefixes: "likely"/"unlikely", "agree"/"disagree", "legal"/"illegal".
_PREFIXES = ("un", "dis", "in", "im", "il", "ir", "non")


@functools.lru_cache(maxsize=65536)
def opposites(term: str) -> frozenset[str]:
    """Listed antonyms plus the word with a negative prefix added or taken away."""
    found = set(ANTONYMS.get(term, ()))
    found.update(p + term for p in _PREFIXES if len(term) >= 4)
    for prefix in _PREFIXES:
        if term.startswith(prefix) and len(term) - len(prefix) >= 4:
            found.add(term[len(prefix):])
    return frozenset(found)


def flipped(claim_terms: set[str], evidence_terms: set[str]) -> list[tuple[str, str]]:
    """(claim word, evidence opposite) pairs where the evidence lacks the claim's own word."""
    found = []
    for term in sorted(claim_terms - evidence_terms):
        for opposite in sorted(opposites(term)):
            if opposite in evidence_terms and opposite not in claim_terms:
                found.append((term, opposite))
    return found
