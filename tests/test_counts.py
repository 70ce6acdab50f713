"""Story-level judging: counts one source gives side by side are not a number conflict."""
from __future__ import annotations

from crosscheck.judge.counts import reconcile_counts
from crosscheck.judge.judge import JudgeSettings, judge
from crosscheck.model import Alignment, Claim, DateRef, Quantity, Verdict
from test_judge import claim, pair


def boats(text: str, n: float, total: bool = False) -> Quantity:
    return Quantity(text, 0, len(text), n, n, "boat", "count", total=total)


def rule(claims: list[Claim], pairs: list[Alignment]) -> tuple[dict[str, Claim], list[Verdict]]:
    by_id = {c.id: c for c in claims}
    return by_id, list(judge(pairs, by_id, JudgeSettings()))


CAPTURED = claim("A", "INS Sukanya captured three boats.", quantities=(boats("three boats", 3),))
DETECTED = claim("B", "INS Sukanya detected five boats.", quantities=(boats("five boats", 5),))
INTERCEPTED = claim("B", "The warship intercepted three boats.",
                    quantities=(boats("three boats", 3),))


def test_a_count_the_other_source_also_gives_is_not_a_conflict() -> None:
    claims, verdicts = rule([CAPTURED, DETECTED, INTERCEPTED],
                            [pair(CAPTURED, DETECTED, 0.7), pair(CAPTURED, INTERCEPTED, 0.7)])
    assert verdicts[0].label == "conflict"  # pair by pair, 3 boats vs 5 boats
    reconciled = reconcile_counts(verdicts, claims)
    assert (reconciled[0].label, reconciled[0].differences) == ("related", ())
    assert reconciled[0].reason == ("different counts: 3 boats and 5 boats are both given by "
                                    "one source")
    assert reconciled[1] == verdicts[1]


def test_the_other_count_must_be_about_the_same_thing() -> None:
    # B's "three boats" is not aligned with A's claim: it may count something else entirely.
    claims, verdicts = rule([CAPTURED, DETECTED, INTERCEPTED], [pair(CAPTURED, DETECTED, 0.7)])
    assert reconcile_counts(verdicts, claims) == tuple(verdicts)


def test_a_total_does_not_explain_a_part_away() -> None:
    # A: six rifles in this operation, 14 in all; B: 14 rifles confiscated from the boat.
    rifles = lambda text, n, total=False: Quantity(text, 0, len(text), n, n, "rifle",  # noqa: E731
                                                   "count", total=total)
    six = claim("A", "Six rifles were found during the operation.",
                quantities=(rifles("Six rifles", 6),))
    total = claim("A", "It has seized a total of 14 rifles in five operations.",
                  quantities=(rifles("14 rifles", 14, total=True),))
    fourteen = claim("B", "The Navy confiscated 14 rifles from the boat.",
                     quantities=(rifles("14 rifles", 14),))
    claims, verdicts = rule([six, total, fourteen],
                            [pair(six, fourteen, 0.7), pair(total, fourteen, 0.7)])
    assert verdicts[0].label == "conflict"
    assert reconcile_counts(verdicts, claims)[0] == verdicts[0]


def test_other_slots_stay_in_conflict() -> None:
    thursday = DateRef("Thursday", 0, 8, "weekday", "Thursday")
    friday = DateRef("Friday", 0, 6, "weekday", "Friday")
    captured = claim("A", "On Thursday INS Sukanya captured three boats.",
                     quantities=(boats("three boats", 3),), dates=(thursday,))
    detected = claim("B", "On Friday INS Sukanya detected five boats.",
                     quantities=(boats("five boats", 5),), dates=(friday,))
    claims, verdicts = rule([captured, detected, INTERCEPTED],
                            [pair(captured, detected, 0.7), pair(captured, INTERCEPTED, 0.7)])
    assert {d.slot for d in verdicts[0].differences} == {"number", "date"}
    reconciled = reconcile_counts(verdicts, claims)[0]
    assert reconciled.label == "conflict"
    assert [d.slot for d in reconciled.differences] == ["date"]
    assert reconciled.reason.startswith("date: Thursday vs Friday (different counts: ")


def test_a_hedged_figure_gives_no_count() -> None:
    """B's article says "about three boats" beside its "five boats": an estimate whose range
    takes three in is not the count A gives."""
    about = claim("B", "The warship intercepted about three boats.",
                  quantities=(Quantity("about three boats", 0, 17, 2.7, 3.3, "boat", "count",
                                       approx=True),))
    claims, verdicts = rule([CAPTURED, DETECTED, about],
                            [pair(CAPTURED, DETECTED, 0.7), pair(CAPTURED, about, 0.7)])
    assert verdicts[0].label == "conflict"
    assert reconcile_counts(verdicts, claims)[0] == verdicts[0]
