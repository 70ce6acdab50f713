"""The verifier as judge: which rule verdicts it may change, and how (a scripted verifier)."""
from __future__ import annotations

from dataclasses import replace

from crosscheck.claims.quantities import find_quantities
from crosscheck.model import Alignment, Claim, Entity, Speaker, Verdict
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


def _counted(claim: Claim) -> Claim:
    return replace(claim, quantities=tuple(find_quantities(claim.text)))


A = _counted(_claim("a", "The call lasted 90 minutes."))
B = _counted(_claim("b", "The call lasted 20 minutes."))
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


def test_a_count_and_the_total_it_is_part_of_never_become_corroboration() -> None:
    total = _counted(_claim("t", "The ship seized a total of 14 rifles in the five operations."))
    one = _counted(_claim("o", "Six rifles were seized during the operation."))
    scripted = Scripted({total.text: SUPPORTED, one.text: SUPPORTED})
    out = refine([_verdict(total, one, "related")], {"t": total, "o": one}, scripted)
    assert out[0].label == "related"


def test_a_number_clash_the_slot_rules_do_not_see_stays_the_rules_verdict() -> None:
    # The verifier finds "20 minutes" unmatched; the rules see numbers of two verbs (the call
    # lasted 90 minutes; the wait took 20): counts of different things, no conflict.
    lasted = replace(A, quantities=tuple(replace(q, verbs=("last",)) for q in A.quantities))
    waited = replace(B, quantities=tuple(replace(q, verbs=("wait",)) for q in B.quantities))
    verdict = _verdict(lasted, waited, "related")
    out = refine([verdict], {"a": lasted, "b": waited}, Scripted({waited.text: CONTRA}))
    assert out[0] == verdict


def test_an_antonym_clash_needs_two_english_words() -> None:
    # "in Cumbria" glued into "incumbria" in the source is no opposite of "Cumbria"
    a = _claim("a", "The badgers were found on the estate in Cumbria.")
    b = _claim("b", "The badgers were found on the estate incumbria.")
    glued = Verification("contradicted", 0.95, (), "antonym",
                         clash=("polarity", "incumbria", "cumbria"))
    verdict = _verdict(a, b, "related")
    assert refine([verdict], {"a": a, "b": b}, Scripted({b.text: glued}))[0] == verdict
    husband = _claim("h", "Her husband was accused of assaulting her.")
    wife = _claim("w", "His wife was accused of assaulting her.")
    swapped = Verification("contradicted", 0.95, (), "antonym",
                           clash=("polarity", "wife", "husband"))
    out = refine([_verdict(husband, wife, "related")], {"h": husband, "w": wife},
                 Scripted({wife.text: swapped}))[0]
    assert (out.label, out.slot) == ("conflict", "polarity")


def test_the_two_ends_of_one_relation_are_no_antonym_clash() -> None:
    """"Heather Brown's husband, Colin Slane" and "Colin Slane's wife, Heather Brown" tell one
    marriage from its two ends; with only one of them named, "husband" against "wife" stays a
    clash (the test above)."""
    people = tuple(Entity(n, "PERSON", n.lower(), 0, 0) for n in ("Heather Brown", "Colin Slane"))
    husband = replace(_claim("h", "Heather Brown said her husband, Colin Slane, assaulted her."),
                      entities=people)
    wife = replace(_claim("w", "Colin Slane is accused of assaulting his wife Heather Brown."),
                   entities=people[::-1])
    swapped = Verification("contradicted", 0.95, (), "antonym",
                           clash=("polarity", "wife", "husband"))
    verdict = _verdict(husband, wife, "related")
    assert refine([verdict], {"h": husband, "w": wife}, Scripted({wife.text: swapped}))[0] == verdict


def test_a_negation_clash_needs_the_rules_to_see_a_denial() -> None:
    """The verifier's negation clash stands only where the polarity rule sees one too: not
    for "refused to let" against "would not let" (one says "no" in other words)."""
    refused = replace(_claim("r", "She refused to let members of staff free the girl."),
                      verbs=("free", "let", "refuse"))
    not_let = replace(_claim("n", "She would not let staff help the girl."), negated=True,
                      negated_verb="let", verbs=("help", "let", "will"))
    let = replace(_claim("l", "She let staff help the girl."), verbs=("help", "let"))
    flipped = Verification("contradicted", 0.95, (), "negation",
                           clash=("polarity", "negative", "positive"))
    kept = _verdict(refused, not_let, "related")
    assert refine([kept], {"r": refused, "n": not_let}, Scripted({not_let.text: flipped}))[0] == kept
    out = refine([_verdict(let, not_let, "related")], {"l": let, "n": not_let},
                 Scripted({not_let.text: flipped}))[0]
    assert (out.label, out.slot) == ("conflict", "polarity")
