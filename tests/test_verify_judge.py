"""The verifier as judge: which rule verdicts it may change, and how (a scripted verifier)."""
from __future__ import annotations

from crosscheck.model import Alignment, Claim, Speaker, Verdict
from crosscheck.verify.judge_adapter import refine
from crosscheck.verify.verifier import Verification


def _claim(cid: str, text: str, speaker: str | None = None) -> Claim:
    who = Speaker(speaker, speaker.lower()) if speaker else None
    return Claim(cid, "art-" + cid, "snt-" + cid, text, 0, len(text), text, speaker=who)


class Scripted:
    """Answers by claim text, records what it was asked."""

    def __init__(self, answers: dict[str, Verification]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, str]] = []

    def verify_many(self, pairs: list[tuple[str, str]], explain: bool = True,
                    cross_encoder: bool = True) -> list[Verification]:
        # The judge asks for the quick reading: no parses, no cross-encoder.
        assert not explain and not cross_encoder
        self.asked.extend(pairs)
        return [self.answers[claim] for claim, _ in pairs]


def _verdict(a: Claim, b: Claim, label: str) -> Verdict:
    return Verdict.create(Alignment.create(a.id, b.id, 0.7, 0.5, (), 0.7), label, 0.7)  # type: ignore[arg-type]


A = _claim("a", "The call lasted 90 minutes.")
B = _claim("b", "The call lasted 20 minutes.")
SUPPORTED = Verification("supported", 0.95, (), "restates")
CONTRA = Verification("contradicted", 0.95, (), "number: 20 minutes vs 90 minutes",
                      clash=("number", "20 minutes (20 min)", "90 minutes (90 min)"))


def test_confident_slot_contradiction_becomes_a_conflict() -> None:
    out = refine([_verdict(A, B, "agree")], {"a": A, "b": B}, Scripted({B.text: CONTRA}))[0]
    assert out.label == "conflict" and out.slot == "number"
    assert out.differences[0].a == "90 minutes (90 min)"  # claim A's value first
    assert out.reason == "number: 90 minutes (90 min) vs 20 minutes (20 min)"


def test_contradiction_without_a_slot_or_unsure_keeps_the_rule_verdict() -> None:
    vague = Verification("contradicted", 0.99, (), "the evidence denies it")
    unsure = Verification("contradicted", 0.6, (), "x", clash=CONTRA.clash)
    for answer in (vague, unsure):
        verdict = _verdict(A, B, "related")
        assert refine([verdict], {"a": A, "b": B}, Scripted({B.text: answer}))[0] == verdict


def test_related_becomes_agree_only_when_supported_both_ways() -> None:
    c = _claim("c", "Officials said the call lasted an hour and a half.")
    both = Scripted({c.text: SUPPORTED, A.text: SUPPORTED})
    assert refine([_verdict(A, c, "related")], {"a": A, "c": c}, both)[0].label == "agree"
    assert both.asked == [(c.text, A.text), (A.text, c.text)]
    one_way = Scripted({c.text: SUPPORTED, A.text: Verification("unverified", 0.8, (), "x")})
    assert refine([_verdict(A, c, "related")], {"a": A, "c": c}, one_way)[0].label == "related"


def test_rule_conflicts_and_different_speakers_are_kept() -> None:
    conflict = _verdict(A, B, "conflict")
    scripted = Scripted({})
    assert refine([conflict], {"a": A, "b": B}, scripted)[0] == conflict and not scripted.asked
    x = _claim("x", "The talks failed.", "Pete Hegseth")
    y = _claim("y", "The talks failed.", "Lloyd Austin")
    kept = refine([_verdict(x, y, "related")], {"x": x, "y": y}, Scripted({y.text: SUPPORTED}))
    assert kept[0].label == "related"


def test_agree_pairs_are_read_only_when_a_slot_clash_is_possible() -> None:
    # "agree" can only become a conflict, which needs a clash of numbers, dates or antonyms:
    # pairs without one are never sent to the (costly) verifier.
    same = _claim("s", "The call lasted 90 minutes, officials said.")
    scripted = Scripted({B.text: CONTRA, same.text: SUPPORTED})
    out = refine([_verdict(A, same, "agree"), _verdict(A, B, "agree")],
                 {"a": A, "b": B, "s": same}, scripted)
    assert scripted.asked == [(B.text, A.text)]
    assert [v.label for v in out] == ["agree", "conflict"]
