"""The verifier as the compare/story pipeline's judge, on top of the slot rules.

The rule-based judge (``judge/judge.py``) stays first: its slot conflicts come with exact spans
and gates tuned on the seed stories. The verifier then reads the remaining pairs, the claim of
article B against the sentence of article A:
- a confident contradiction explained by a slot clash (number, date, antonym) becomes a
  conflict on that slot, if the slot rules see a number or date clash there too;
- a "related" pair the verifier confidently finds supported both ways becomes corroboration,
  unless two different people said the two things, or one gives a count and the other the
  total it is part of.
Everything else keeps the rule's verdict.

Only pairs the verifier could change are read, all in one batch: an "agree" pair can only
become a conflict, which needs a slot clash, and the cheap clash check rules most pairs out
(on METER stories about 2% of pairs have one), so a long story costs a fraction of what
reading every pair would.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.claims.number_clash import part_and_total
from crosscheck.judge import numbers, slots
from crosscheck.model import SLOTS, Claim, Difference, Verdict
from crosscheck.verify import text as tx
from crosscheck.verify.features import slot_clashes


@dataclass(frozen=True, slots=True)
class VerifierJudgeSettings:
    contradict: float = 0.9  # verifier probability for a contradiction to become a conflict
    support: float = 0.9  # verifier probability for "related" to become corroboration


def refine(verdicts: Sequence[Verdict], claims: Mapping[str, Claim], verifier,  # type: ignore[no-untyped-def]
           settings: VerifierJudgeSettings = VerifierJudgeSettings(),
           vectors: Mapping[str, np.ndarray] | None = None) -> tuple[Verdict, ...]:
    """The verdicts with the verifier's changes. ``vectors`` (statement -> embedding, made with
    the verifier's own embedder) spares the verifier encoding the statements again."""
    if vectors:
        verifier.remember(vectors)
    read = [v for v in verdicts if _could_change(v, claims[v.claim_a], claims[v.claim_b])]
    # The quick trees (no cross-encoder): a compare must stay under a second.
    forward = verifier.verify_many([(claims[v.claim_b].statement, claims[v.claim_a].statement)
                                    for v in read], explain=False, cross_encoder=False)
    changed: dict[str, Verdict] = {}
    backward: list[tuple[Verdict, str]] = []  # with the forward reading's reason
    for verdict, result in zip(read, forward, strict=True):
        a, b = claims[verdict.claim_a], claims[verdict.claim_b]
        if (result.label == "contradicted" and result.score >= settings.contradict
                and result.clash is not None and result.clash[0] in SLOTS
                and _rules_see(result.clash, a, b) and _real_words(result.clash)
                and not _converse(result.clash, a, b)):
            slot, b_value, a_value = result.clash
            difference = Difference(slot, a_value, b_value)  # type: ignore[arg-type]
            changed[verdict.id] = verdict.relabelled("conflict", (difference,),
                                                     f"{slot}: {a_value} vs {b_value}")
        elif (result.label == "supported" and result.score >= settings.support
              and _may_corroborate(verdict, a, b)):
            backward.append((verdict, result.reason))
    # Corroboration is mutual: each claim must be supported by the other, so a fragment
    # ("captured three boats") is not taken to restate a fuller, different sentence.
    answers = verifier.verify_many([(claims[v.claim_a].statement, claims[v.claim_b].statement)
                                    for v, _ in backward], explain=False, cross_encoder=False)
    for (verdict, reason), back in zip(backward, answers, strict=True):
        if back.label == "supported" and back.score >= settings.support:
            changed[verdict.id] = verdict.relabelled("agree", (), "verifier: " + reason)
    return tuple(changed.get(v.id, v) for v in verdicts)


def _rules_see(clash: tuple[str, str, str], a: Claim, b: Claim) -> bool:
    """Whether the slot rules find the verifier's date, number or negation clash between the
    two claims too. The verifier asks whether each value of one claim has a match in the
    other, so a claim that only adds a date or a number ("suspended in January, over incidents
    in December 1998" against "suspended in January") reads as a clash; the rules compare two
    claims as equals, and numbers and dates of one verb only. A negation that the other claim
    says in other words ("refused to let" / "would not let") is no clash for the rules."""
    slot = clash[0]
    if slot == "polarity" and {"positive", "negative"} & set(clash[1:]):
        return slots.polarity_difference(a, b) is not None
    if slot == "date":
        return slots.date_difference(a, b) is not None
    if slot == "number":
        return bool(numbers.number_clashes(a, b))
    return True


def _real_words(clash: tuple[str, str, str]) -> bool:
    """An antonym clash between English words: a negative prefix taken to a word glued to
    the next one in the source ("incumbria" for "in Cumbria") makes no opposite."""
    from wordfreq import word_frequency

    slot, first, second = clash
    if slot != "polarity" or {first, second} & {"positive", "negative"}:
        return True
    return all(not w.isalpha() or word_frequency(w, "en") > 0 for w in (first, second))


# Opposites that name one relation from its two ends: "Heather Brown's husband, Colin Slane"
# and "Colin Slane's wife, Heather Brown" say the same; so do "Smith sold it to Jones" and
# "Jones bought it from Smith". Stemmed like the verifier's antonyms.
_CONVERSES = frozenset(frozenset(tx.stem(w) for w in pair.split()) for pair in (
    "husband wife", "buy sell", "bought sold", "borrow lend", "import export", "win lose",
    "won lost", "winner loser", "victory defeat"))


def _converse(clash: tuple[str, str, str], a: Claim, b: Claim) -> bool:
    """An antonym clash of the two ends of one relation, in claims that both name the same
    two people or organisations: the relation told from each end, not a contradiction."""
    slot, first, second = clash
    if slot != "polarity" or frozenset(tx.stem(w.lower()) for w in (first, second)) \
            not in _CONVERSES:
        return False
    names = [{e.key for e in c.entities if e.label in ("PERSON", "ORG")} for c in (a, b)]
    return len(names[0] & names[1]) >= 2


def _may_corroborate(verdict: Verdict, a: Claim, b: Claim) -> bool:
    """A "related" pair the verifier may turn into corroboration: not two different people
    saying things, nor a count and the total it is part of (those fit, yet are not one fact),
    nor counts of different things."""
    return (verdict.label == "related" and not slots.different_people(a, b)
            and part_and_total(a.quantities, b.quantities) is None
            and numbers.other_counts(a, b) is None)


def _could_change(verdict: Verdict, a: Claim, b: Claim) -> bool:
    if verdict.label == "conflict":
        return False
    if _may_corroborate(verdict, a, b):
        return True
    # Otherwise only a conflict is possible, and that needs a clash of numbers, dates or
    # antonyms between the claim and the evidence's best sentences (all of them for the
    # one- and two-sentence statements of the pipeline, so this check is exact there).
    sentences = [s.text for s in tx.split_sentences(a.statement)] or [a.statement]
    return bool(slot_clashes(b.statement, sentences))

