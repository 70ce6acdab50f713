"""The claims stage on short texts, with the real spaCy model."""
from __future__ import annotations

import pytest

from crosscheck.claims.extract import extract_claims
from crosscheck.model import Article, Claim

pytestmark = pytest.mark.slow


def claims_of(text: str) -> list[Claim]:
    return list(extract_claims([Article.create(text, source="test")]).claims)


def find(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if words in c.text]
    assert found, f"no claim contains {words!r}: {[c.text for c in claims]}"
    return found[0]


def test_coordinated_clauses_are_split_with_subject_restored() -> None:
    claims = claims_of("President Donald Trump said that he and Russian President Vladimir Putin "
                       "had talked by telephone and agreed to start negotiating to end the war.")
    assert len(claims) == 2
    second = find(claims, "agreed to start negotiating")
    assert second.text.startswith("agreed")
    assert second.statement.startswith("Donald Trump and Russian President Vladimir Putin agreed")
    assert second.speaker is not None and second.speaker.name == "Donald Trump"


def test_role_is_kept_apart_from_the_name() -> None:
    claim = claims_of("Defense Secretary Pete Hegseth said the goal was unrealistic.")[0]
    assert claim.speaker is not None
    assert (claim.speaker.name, claim.speaker.role) == ("Pete Hegseth", "Defense Secretary")
    person = [e for e in claim.entities if e.label == "PERSON"][0]
    assert (person.key, person.role) == ("pete hegseth", "Defense Secretary")


def test_pronoun_and_passive_reports_take_the_last_speaker() -> None:
    claims = claims_of("US Secretary Pete Hegseth spoke at NATO headquarters in Brussels.\n"
                       "His remarks suggested that Washington had changed its position.\n"
                       "The goal of restoring the old borders was described as “unrealistic”.\n"
                       "In a similar vein, he said that the US would not support the plan.")
    for words in ("His remarks", "described as", "In a similar vein"):
        speaker = find(claims, words).speaker
        assert speaker is not None and speaker.key == "pete hegseth", words
    assert find(claims, "described as").quotes == ("unrealistic",)
    assert find(claims, "In a similar vein").negated


def test_possessive_report_noun_names_the_speaker() -> None:
    claim = claims_of("The discussion follows U.S. Defense Secretary Lloyd Austin’s remark that "
                      "Ukraine’s aspirations to join NATO were “unrealistic,” analysts said.")[0]
    assert claim.speaker is not None and claim.speaker.key in ("lloyd austin", "analysts")


def test_description_resolves_to_a_named_person() -> None:
    claims = claims_of("President Donald Trump spoke to reporters on Wednesday.\n"
                       "The American president said a meeting might be imminent.")
    speaker = find(claims, "American president").speaker
    assert speaker is not None and speaker.key == "donald trump"
    assert speaker.mention == "The American president"


def test_relative_clause_on_a_person_becomes_a_claim() -> None:
    claims = claims_of("Ukrainian President Volodymyr Zelenskyy, who was informed of the call, "
                       "thanked Trump.")
    informed = [c for c in claims if c.statement.startswith("Volodymyr Zelenskyy was informed")]
    assert informed, [c.statement for c in claims]


def test_slots_numbers_dates_places() -> None:
    claim = claims_of("The call on Wednesday lasted nearly 90 minutes, officials in Brussels said.")[0]
    assert [d.value for d in claim.dates] == ["Wednesday"]
    assert [q.display for q in claim.quantities] == ["≈90 min"]
    assert [p.text for p in claim.places] == ["Brussels"]
    assert not claim.negated


def test_headlines_are_marked_and_offsets_point_into_the_text() -> None:
    text = "Trump shifts US policy on Ukraine War\nTrump said peace talks could start soon."
    claims = claims_of(text)
    assert claims[0].headline and not claims[1].headline
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text


def test_same_text_same_ids() -> None:
    text = "Trump said peace talks could start soon. Putin agreed."
    assert [c.id for c in claims_of(text)] == [c.id for c in claims_of(text)]


@pytest.mark.parametrize("text, negated", [
    ("The US will not support Ukraine joining NATO.", True),
    ("He said that the US wouldn't support Ukraine joining NATO.", True),  # what is said
    ("Trump never agreed to the deal.", True),
    ("Neither side would comment.", True),
    ("No charges were brought.", True),
    # a verb negated twice in coordination is negated once
    ("It is not and cannot be about which side is in the right.", True),
    # negations elsewhere leave the claim's own verb alone
    ("Drummond, who had pleaded not guilty, was jailed for three months.", False),
    ("The organisation was no stranger to violence against its critics.", False),
    ("The council applied for the order against the boy, who cannot be named.", False),
])
def test_polarity_is_read_on_the_claims_own_verb(text: str, negated: bool) -> None:
    assert claims_of(text)[0].negated is negated
