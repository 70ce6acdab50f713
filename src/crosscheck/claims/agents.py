"""Who does what the verb of a number or a date says: "Mobil paid him £10,000" (Mobil), "air
fares costing £1,594 were paid for by Mr Greer" (Mr Greer), "On Saturday, Mayor Ed Murray
announced a ban" (Ed Murray).

Two reports can give one verb two amounts because two people did it: one payment by Mobil and
another by Mr Greer are not one fact told two ways, nor are a ban Mayor Murray announced on
Saturday and one Governor Inslee announced on Monday. So each number and date keeps the name of
its verb's doer where the parse gives one (``Quantity.agent``, ``DateRef.agent``: the subject,
or the "by" agent of a passive), and the judge compares those of two named doers only when they
are one person or body (``names.other_doers``; ``judge/numbers.py``, ``judge/slots.py``). A
pronoun or a common noun ("she", "the firm") names no one here: such numbers and dates are
compared as before.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from crosscheck.claims.attribution import subject_of
from crosscheck.model import Entity

AGENT_LABELS = frozenset({"PERSON", "ORG"})


def governing_verb(char: int, tokens: Sequence[Token]) -> Token | None:
    """The verb governing the token at ``char``, passing participles that only describe a noun
    ("vessels transiting the Gulf on Friday"): where such a phrase belongs is a guess the parse
    often gets wrong. None when no verb governs it."""
    verb = next((t for t in tokens if t.idx <= char < t.idx + len(t.text)), None)
    while verb is not None and verb.head.i != verb.i and (
            verb.pos_ not in ("VERB", "AUX")
            or (verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN"))):
        verb = verb.head
    return verb if verb is not None and verb.pos_ in ("VERB", "AUX") else None


def doer_at(char: int, tokens: Sequence[Token], entities: Sequence[Entity]) -> str:
    """The name of the person or organisation doing what the verb governing the token at
    ``char`` (a number, a date) says, or ""."""
    verb = governing_verb(char, tokens)
    subject = subject_of(verb) if verb is not None else None
    if subject is None:
        return ""
    return next((e.text for e in entities if e.label in AGENT_LABELS
                 and e.start <= subject.idx < e.end), "")

