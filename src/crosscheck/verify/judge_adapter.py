"""The verifier as the compare/story pipeline's judge, on top of the slot rules.

The rule-based judge (``judge/judge.py``) stays first: its slot conflicts come with exact spans
and gates tuned on the seed stories. The verifier then reads each remaining pair, the claim of
article B against the sentence of article A:
- a confident contradiction explained by a slot clash (number, date, antonym) becomes a
  conflict on that slot;
- a "related" pair the verifier confidently finds supported both ways becomes corroboration,
  unless two different people said the two things.
Everything else keeps the rule's verdict.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosscheck.judge import slots
from crosscheck.model import SLOTS, Claim, Difference, Verdict


@dataclass(frozen=True, slots=True)
class VerifierJudgeSettings:
    contradict: float = 0.9  # verifier probability for a contradiction to become a conflict
    support: float = 0.9  # verifier probability for "related" to become corroboration


def refine(verdicts: Sequence[Verdict], claims: Mapping[str, Claim], verifier,  # type: ignore[no-untyped-def]
           settings: VerifierJudgeSettings = VerifierJudgeSettings()) -> tuple[Verdict, ...]:
    return tuple(_refine(v, claims[v.claim_a], claims[v.claim_b], verifier, settings)
                 for v in verdicts)


def _refine(verdict: Verdict, a: Claim, b: Claim, verifier,  # type: ignore[no-untyped-def]
            settings: VerifierJudgeSettings) -> Verdict:
    if verdict.label == "conflict":
        return verdict
    result = verifier.verify(b.statement, a.statement)
    if (result.label == "contradicted" and result.score >= settings.contradict
            and result.clash is not None and result.clash[0] in SLOTS):
        slot, b_value, a_value = result.clash
        difference = Difference(slot, a_value, b_value)  # type: ignore[arg-type]
        return _with(verdict, "conflict", (difference,), f"{slot}: {a_value} vs {b_value}")
    if (verdict.label == "related" and result.label == "supported"
            and result.score >= settings.support and not slots.different_people(a, b)):
        # Corroboration is mutual: each claim must be supported by the other, so a fragment
        # ("captured three boats") is not taken to restate a fuller, different sentence.
        back = verifier.verify(a.statement, b.statement)
        if back.label == "supported" and back.score >= settings.support:
            return _with(verdict, "agree", (), "verifier: " + result.reason)
    return verdict


def _with(verdict: Verdict, label: str, differences: tuple[Difference, ...],
          reason: str) -> Verdict:
    from crosscheck.ids import content_id

    return Verdict(content_id("vrd", verdict.alignment_id, label), verdict.alignment_id,
                   verdict.claim_a, verdict.claim_b, label, verdict.score,  # type: ignore[arg-type]
                   differences, reason)
