"""Why a verdict: the slot and both values when contradicted, a short phrase otherwise.

The cheap regex clashes found while computing features (numbers, dates, antonyms) come first;
when they find nothing, the claim and its best evidence sentence go through the claims stage
(spaCy) and the judge's slot checks, which also see speakers, people, organisations and places.

People are also a slot that can overrule "supported" (``name_clash``): the same words put in
another person's mouth ("Lloyd Austin said ..." against "Pete Hegseth said ...") or said of
another person look like a restatement to every lexical and embedding feature, since all but
the name agree.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from crosscheck.claims.extract import extract_claims
from crosscheck.claims.names import one_name
from crosscheck.judge import numbers, slots
from crosscheck.judge.slots import speaker_label
from crosscheck.model import Article, Claim, Difference, Entity
from crosscheck.verify import text as tx
from crosscheck.verify.features import SlotClash

GENERIC_CONTRADICTION = "the best evidence sentence says otherwise"
# The refuting cues that deny or debunk on their own ("hoax", "denied", "untrue"). A plain
# negation ("don't", "not") or "despite" is a cue for the trees, but in a reason "the evidence
# denies it (don't)" would misreport a sentence whose negation the parse did not tie to the claim.
DENYING = tx.REFUTE - tx.NEGATION - {"despite"}
_SLOT_CHECKS = (slots.speaker_difference, numbers.number_difference, slots.date_difference,
                slots.place_difference, slots.entity_difference, slots.polarity_difference)


def contradiction_reason(claim: str, best_sentence: str, clashes: tuple[SlotClash, ...]) -> str:
    if clashes:
        c = clashes[0]
        return f"{c.slot}: {c.claim_value} vs {c.evidence_value}"
    difference = parsed_difference(claim, best_sentence)
    if difference is not None:
        return f"{difference.slot}: {difference.a} vs {difference.b}"
    refuting = sorted({w for w in tx.words(best_sentence) if w in DENYING})
    if refuting:
        return "the evidence denies or debunks it (" + ", ".join(refuting[:4]) + ")"
    return GENERIC_CONTRADICTION


@functools.lru_cache(maxsize=4096)
def _first_claim(text: str) -> Claim | None:
    claims = extract_claims([Article.create(text)]).claims
    return claims[0] if claims else None


def parsed_difference(claim: str, sentence: str) -> Difference | None:
    """The first slot on which the parsed claim and sentence differ, if any."""
    a, b = _first_claim(claim), _first_claim(sentence)
    if a is None or b is None:
        return None
    for check in _SLOT_CHECKS:
        difference = check(a, b)
        if difference is not None and not (difference.slot in _NAME_SLOTS
                                           and one_name(difference.a, difference.b)):
            return difference
    return None


_NAME_SLOTS = ("speaker", "entity", "place")


# Share of the claim's content, the differing name aside, that the evidence sentence must
# repeat: only then is it the same statement with one name swapped, not another statement.
SAME_STATEMENT = 0.8
# Names that can stand in for each other: people only (spaCy's PERSON). Swapped organisations
# and places were tried and mostly fired on aliases ("Islamic State"/"ISIS", "UN"/"U.N."), a
# place and the region around it ("Cape Cod"/"Massachusetts") and title-case headlines that
# spaCy reads as names: on held-out FNC-1 they turned 15 "discuss"/"agree" pairs into false
# contradictions.
SWAPPABLE = "PERSON"


@functools.lru_cache(maxsize=32)
def _document_claims(document: str) -> tuple[Claim, ...]:
    return tuple(extract_claims([Article.create(document)]).claims)


def evidence_claims(sentences: Sequence[tuple[int, str]], document: str | None = None
                    ) -> list[Claim | None]:
    """Each evidence sentence (start offset, text) parsed as a claim. Given the document, the
    claim is read in its context, so a sentence that names no speaker ("The goal ... was
    described as unrealistic") gets the one its neighbours give ("His remarks ...")."""
    in_context = _document_claims(document) if document else ()
    out: list[Claim | None] = []
    for start, text in sentences:
        found = next((c for c in in_context if start <= c.start < start + len(text)), None)
        out.append(found if found is not None else _first_claim(text))
    return out


def name_clash(claim: str, sentences: Sequence[str | tuple[int, str]],
               document: str | None = None) -> SlotClash | None:
    """The claim and an evidence sentence make the same statement with another person in it
    (as the speaker or anywhere else), and the claim's person is in no evidence sentence at
    all. A name's last word decides ("Austin" matches "Lloyd Austin", so a shortened name
    never clashes with the full one). Sentences given with their offsets in ``document`` are
    read in context (``evidence_claims``)."""
    if _title_case(claim):
        return None
    located = [s if isinstance(s, tuple) else (-1, s) for s in sentences]
    evidence_words = _stems(" ".join(text for _, text in located))
    if not {_name_stem(part) for part in tx.name_parts(tx.names(claim))} - evidence_words:
        return None  # every name of the claim is in the evidence: no parse needed
    a = _first_claim(claim)
    if a is None:
        return None
    absent = [e for e in a.entities
              if e.label == SWAPPABLE and _last_word(e.text) not in evidence_words]
    if not absent:
        return None
    claim_words = _stems(claim)
    for (_, sentence), b in zip(located, evidence_claims(located, document), strict=True):
        if b is None:
            continue
        for ea in absent:
            swapped = {_name_stem(w) for w in tx.words(ea.text)}
            content = [t for t in tx.terms(claim) if t not in swapped]
            if tx.weighted_coverage(content, set(tx.terms(sentence))) < SAME_STATEMENT:
                continue
            found = _counterpart(a, b, ea, claim_words)
            if found is not None:
                return found
    return None


def _counterpart(a: Claim, b: Claim, ea: Entity, claim_words: set[str]) -> SlotClash | None:
    """What the evidence has in place of the claim's name ``ea``. When ``ea`` speaks in the
    claim, only another person speaking in the evidence clashes (an organisation and its
    official may both be quoted for the same words; an unattributed sentence names no one);
    any other person clashes with a person the claim never mentions."""
    if a.speaker is not None and _last_word(a.speaker.name) == _last_word(ea.text):
        if (b.speaker is None or a.speaker.kind != "person" or b.speaker.kind != "person"
                or _last_word(b.speaker.name) in claim_words):
            return None
        return SlotClash("speaker", speaker_label(a.speaker), speaker_label(b.speaker))
    others = [e for e in b.entities
              if e.label == SWAPPABLE and _last_word(e.text) not in claim_words]
    if not others:
        return None
    return SlotClash("entity", ea.text, others[0].text)


def _stems(text: str) -> set[str]:
    """Stemmed words, so "Ukraine's", "Rivers'" and "Ukraine", "Rivers" are one name."""
    return {_name_stem(w) for w in tx.words(text)}


def _last_word(text: str) -> str:
    words = tx.words(text)
    return _name_stem(words[-1]) if words else ""


def _name_stem(word: str) -> str:
    return tx.stem(word.rstrip("'"))


def _title_case(text: str) -> bool:
    """A headline in title case ("Argentina's President Adopts Boy"): spaCy reads its
    capitalised verbs and nouns as names, so its names cannot be trusted."""
    long_words = re.findall(r"[A-Za-z]{4,}", text)
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) > 0.6 * len(long_words)


def other_reason(label: str, coverage: float, similarity: float) -> str:
    if label == "supported":
        return ("the best evidence sentence restates the claim" if similarity >= 0.7
                else "the evidence reports the claim's facts")
    if label == "unverified":
        return "the evidence is on the story but does not settle the claim"
    if coverage < 0.2:
        return "no sentence about the claim's subject"
    return "the evidence is about another story"


def warm_up() -> None:
    """Load the parser now, so that timing the first contradiction does not time spaCy's load."""
    _first_claim("Pete Hegseth said so.")
