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



_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "that", "which"})


def subject_at(char: int, tokens: Sequence[Token]) -> str:
    """The subject of the verb governing the token at ``char`` (a date), as "act:lemma" or
    "pass:lemma" ("pass:visitation" for "a visitation will be held Tuesday"); "" when it has
    none, or it is not a common noun (a pronoun, a name, a dateline parsed as subject)."""
    verb = governing_verb(char, tokens)
    if verb is None:
        return ""
    first = verb.head if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") else verb
    for head in (verb, first):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                lemma = child.lemma_.lower()
                if lemma in _PRONOUNS or child.pos_ not in ("NOUN", "PROPN") or child.ent_type_:
                    return ""  # names are the doers' business (``doer_at``); a dateline
                    # before the sentence ("New Delhi/Mumbai: An Indian warship foiled") is
                    # often parsed as its subject
                return ("pass:" if child.dep_ == "nsubjpass" else "act:") + lemma
    return ""


def possessive_at(char: int, tokens: Sequence[Token]) -> bool:
    """Whether the words at ``char`` are a possessive ("Thursday night's gun battle"): such a
    date dates the noun it qualifies, not the clause's verb."""
    inside = [t for t in tokens if t.idx >= char]
    for token in inside[:4]:
        if token.dep_ == "case" and token.text in ("'s", "’s"):
            return True
        if token.is_punct or token.pos_ == "VERB":
            return False
    return False


# Nouns that name the event a local news story is about: a date or time given to one of them
# ("an accidental shooting on Friday afternoon") dates the event, whatever the verb.
EVENT_NOUNS = frozenset({"shooting", "killing", "slaying", "murder", "homicide", "stabbing",
                         "crash", "fire", "attack", "incident", "robbery", "standoff",
                         "gunfire", "ambush", "rampage", "massacre", "explosion", "blast"})


def event_at(char: int, tokens: Sequence[Token]) -> str:
    """The event noun (``EVENT_NOUNS``) a date at ``char`` qualifies: "the shooting on
    Friday", "Friday's shooting", "the 11 p.m. shooting"; "" when none."""
    token = next((t for t in tokens if t.idx <= char < t.idx + len(t.text)), None)
    for _ in range(3):
        if token is None or token.head.i == token.i:
            return ""
        head = token.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in EVENT_NOUNS:
            return head.lemma_.lower()
        if head.pos_ not in ("ADP", "NOUN", "PROPN", "NUM"):
            return ""
        token = head
    return ""
