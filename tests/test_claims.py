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


def test_a_passive_report_raised_into_a_to_clause_has_no_speaker() -> None:
    """"He is claimed to have been given ..." is said by unnamed people about him: not by him,
    nor by the speaker of the sentences before."""
    claims = claims_of("Mr Milford said the nurse had broken the rules.\n"
                       "William Brettwood died three days after he is claimed to have been "
                       "given six tablets by the nurse.")
    assert find(claims, "is claimed to").speaker is None


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
    # a verdict, however the parse attaches its "not"
    ("He pleaded not guilty.", True),
    ("The couple were formally found not guilty by the Recorder of Cardiff.", True),
    ("The Recorder formally found the couple not guilty of the charges.", True),
    ("He pleaded guilty.", False),
    # two negations do not cancel out: a verb negated twice in coordination, two clauses
    ("It is not and cannot be about which side is in the right.", True),
    ("It's not about poaching stars; it's not about imitating formats.", True),
    # negations elsewhere leave the claim's own verb alone
    ("Drummond, who had pleaded not guilty, was jailed for three months.", False),
    ("The organisation was no stranger to violence against its critics.", False),
    ("The council applied for the order against the boy, who cannot be named.", False),
])
def test_polarity_is_read_on_the_claims_own_verb(text: str, negated: bool) -> None:
    assert claims_of(text)[0].negated is negated


@pytest.mark.parametrize("text, stamp", [
    ("Published on: Fri, 11 Nov 2011 at 09:56 IST", True),
    ("Updated: November 11, 2011 18:50 IST", True),
    ("Posted at 3:21 PM ET, 01/5/2011", True),
    ("Thursday, Apr 2, 2009 | Updated 1:32 PM PDT", True),
    ("Last updated at 10:42 AM on 12th March 2012", True),
    # a stamp glued to a sentence, and sentences about updating, say something
    ("Posted on January 5, 2011, 3:37 PM EDT Pierre Thomas and Chris Ivory are out.", False),
    ("Shares were updated on Monday at 9 am.", False),
    ("The site was updated in 2011.", False),
    ("The call lasted 90 minutes on Wednesday.", False),
])
def test_publication_stamps_are_recognised(text: str, stamp: bool) -> None:
    from crosscheck.claims.stamps import is_stamp

    assert is_stamp(text) is stamp


def test_publication_stamps_are_not_claims() -> None:
    claims = claims_of("Published on: Fri, 11 Nov 2011 at 09:56 IST\n"
                       "Updated: November 11, 2011 18:50 IST\n"
                       "An Indian warship foiled a pirate attack on Friday.")
    assert [c.text for c in claims] == ["An Indian warship foiled a pirate attack on Friday."]


def test_a_pronoun_resolves_to_a_person_of_its_gender() -> None:
    # Without the honorifics' genders, "She" would take the last subject, Mr Aubrey.
    claims = claims_of("Mrs Margaret Price was arrested in May. Mr David Aubrey told the jury "
                       "about the arrest. She told police the allegations had been invented.")
    she = find(claims, "She told police")
    assert she.speaker is not None and she.speaker.key == "margaret price"
    he = find(claims_of("Mr David Aubrey told the jury about the arrest. Mrs Margaret Price "
                        "wept. He said the allegations were true."), "He said")
    assert he.speaker is not None and he.speaker.key == "david aubrey"


def test_dates_and_numbers_know_the_verb_they_belong_to() -> None:
    def verbs(text: str) -> list[tuple[str, str]]:
        return [(x.text, " ".join(x.verbs)) for c in claims_of(text)
                for x in (*c.dates, *c.quantities)]

    assert verbs("The businesswoman married Ken Paterson in 1994.") == [("1994", "marry")]
    assert verbs("She campaigned to save the home where she had lived since 1993.") == [
        ("1993", "live")]
    assert verbs("Police said the attack happened on Friday.") == [("Friday", "happen")]
    # a participle describing a noun passes its date on to the verb
    assert verbs("A warship foiled an attack on vessels transiting the Gulf on Friday.") == [
        ("Friday", "foil")]
    assert verbs("He was jailed for seven years.") == [("seven years", "jail")]
    # a number belongs to every verb of a coordination
    assert verbs("Six rifles were found and confiscated.") == [("Six rifles", "confiscate find")]
    # a claim whose root is no verb ("The attack on Friday, which ...") keeps its date unplaced
    assert verbs("The attack on Friday, which police said killed three people.") == [
        ("Friday", ""), ("three people", "kill")]


def test_a_negated_claim_knows_the_verb_it_denies() -> None:
    claim = claims_of("He said that the US would not support the plan.")[0]
    assert (claim.negated, claim.negated_verb) == (True, "support")
    assert "support" in claim.verbs and "say" in claim.verbs
    assert claims_of("It is not safe.")[0].negated_verb == ""  # an auxiliary
    assert claims_of("The US will support the plan.")[0].negated_verb == ""


def test_a_letter_o_inside_a_number_reads_as_a_zero() -> None:
    claim = claims_of("He was offered a total of £4O,000 to kill the couple.")[0]
    assert [(q.low, q.start, q.end) for q in claim.quantities] == [
        (40000.0, claim.text.index("£4O"), claim.text.index(" to kill"))]
    assert [q.low for q in claims_of("He withdrew £50O from the account.")[0].quantities] == [
        500.0]


def test_a_number_knows_the_named_doer_of_its_verb() -> None:
    def doers(text: str) -> list[tuple[str, str]]:
        return [(q.text, q.agent) for c in claims_of(text) for q in c.quantities]

    assert doers("Mobil paid him £10,000.") == [("£10,000", "Mobil")]
    assert doers("Air fares costing £1,594 were paid for by Mr Greer.") == [("£1,594", "Greer")]
    assert doers("He was paid £1,594.") == [("£1,594", "")]
    (announced,) = claims_of("On Saturday, Mayor Ed Murray of Seattle announced a ban.")
    assert [(d.text, d.agent) for d in announced.dates] == [("Saturday", "Ed Murray")]
