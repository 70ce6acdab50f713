"""Who a sentence's pronoun names: the evidence read with the names before it, the synthetic
pairs that teach it, name variants that are no difference, and restatements the trees may
not call contradicted."""
from __future__ import annotations

import random

import numpy as np
import pytest

from crosscheck.verify import text as tx
from crosscheck.verify.data import _person_pairs
from crosscheck.verify.features import FEATURES, in_context, prepare
from crosscheck.claims.names import one_name
from crosscheck.verify.reasons import parsed_difference
from crosscheck.verify.rewrites import name_the_pronoun
from crosscheck.verify.verifier import EvidenceSpan, _restated

DOCUMENT = ("US Secretary Pete Hegseth spoke at the alliance's headquarters in Brussels on "
            "Wednesday. His remarks suggested that Washington had changed its position. "
            "In a similar vein, he said that the US would not support Ukraine joining the "
            "alliance as part of any peace deal. Officials in Kyiv reacted with dismay, and "
            "Volodymyr Zelensky said talks without Ukraine would fail.")


def test_a_pronoun_sentence_is_read_with_the_names_before_it() -> None:
    doc = prepare(DOCUMENT)
    said = next(i for i, s in enumerate(doc.sentences) if "he said" in s.text)
    assert {tx.stem("hegseth"), tx.stem("pete")} <= in_context(doc, said)
    # the first sentence refers to no one by pronoun, and a name is never its own context
    assert doc.context_names[0] == frozenset()
    assert "hegseth" not in in_context(doc, 0) - set(doc.sentence_terms[0])


def test_the_pronoun_that_says_or_is_something_gets_the_name() -> None:
    assert name_the_pronoun("In a similar vein, he said that the US would not.",
                            "Pete Hegseth") == "In a similar vein, Hegseth said that the US would not."
    assert name_the_pronoun("She was unable to see anything.", "Jane Doe") == (
        "Doe was unable to see anything.")
    # "he" as the object of another's report is not the person before the sentence
    assert name_the_pronoun("The doctor said he talked to me about cats.", "Jane Doe") is None


def test_person_pairs_name_the_pronoun_right_and_wrong() -> None:
    text = ("Maria Lopez runs the bakery on the square in the old town centre. "
            + DOCUMENT)
    pairs = _person_pairs("doc", text, ["Maria Lopez", "Tom Baker"], random.Random(1))
    by_kind = {p.id.split("-", 2)[2]: p for p in pairs}
    assert by_kind["named-pos"].label == "supported"
    assert "Hegseth said that the US would not support" in by_kind["named-pos"].claim
    wrong = by_kind["named-neg"]
    assert wrong.label == "contradicted" and "Hegseth" not in wrong.claim
    assert any(n in wrong.claim for n in ("Lopez said", "Zelensky said"))
    outside = by_kind["outside-neg"]
    assert outside.label == "contradicted" and "Tom Baker" in outside.claim


@pytest.mark.parametrize("a, b, same", [
    ("Trump", "Donald Trump (President)", True),
    ("COMIC Les Dawson", "Les Dawson", True),
    ("Yorks", "Yorkshire", True),
    ("Lloyd Austin", "Pete Hegseth", False),
    ("North Korea", "South Korea", False),
    ("Austria", "Australia", False),
    ("Constable Ian Beckett", "Mr Beckett", True),  # honorifics and ranks left out
    ("Ken Jones", "Kenneth Jones", True),
    ("Witney Magistrates Court", "Witney Magistrates' Court", True),
    ("Mr Smith", "Mrs Smith", False),
    ("Peter Melchett", "Melchett 51", True),  # an age kept in the name
    ("Ministry of Defence", "Ministry of State", False),
    ("John Major", "John Smith", False),  # "Major" is a surname, not a rank
])
def test_one_name_written_two_ways(a: str, b: str, same: bool) -> None:
    assert one_name(a, b) is same


def test_a_shortened_name_is_no_parsed_difference() -> None:
    assert parsed_difference("Trump said the talks would start immediately.",
                             "President Donald Trump said the talks would start immediately.") is None
    found = parsed_difference("Lloyd Austin said the talks would start immediately.",
                              "Pete Hegseth said the talks would start immediately.")
    assert found is not None and found.slot == "speaker"


def _row(similarity: float) -> np.ndarray:
    row = np.zeros(len(FEATURES), dtype=np.float32)
    row[FEATURES.index("emb_best")] = similarity
    return row


def test_restated_needs_a_close_sentence_with_nothing_differing_or_denied() -> None:
    claim = "A businessman was jailed for life yesterday for shooting his lover's husband."
    span = (EvidenceSpan("A businessman was jailed for life today for shooting his lover's "
                         "husband.", 0, 70),)
    assert _restated(claim, _row(0.95), (), span, explain=True)
    assert not _restated(claim, _row(0.8), (), span, explain=True)
    denied = (EvidenceSpan("Police denied that a businessman was jailed for life.", 0, 52),)
    assert not _restated(claim, _row(0.95), (), denied, explain=True)
    # a speaker the parse finds different is a difference the reader can be shown
    assert not _restated("Lloyd Austin said the talks would start immediately.", _row(0.95), (),
                         (EvidenceSpan("Pete Hegseth said the talks would start immediately.",
                                       0, 50),), explain=True)
