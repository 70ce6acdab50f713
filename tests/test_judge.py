"""Alignment and judging on hand-built claims (no models needed)."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from crosscheck.align.align import (AlignSettings, align_claims, shared_quotes, shared_slots,
                                    slot_anchors)
from crosscheck.claims.quantities import find_quantities
from crosscheck.align.matrix import KeyOverlap, pair_flags
from crosscheck.align.names import resolve_names
from crosscheck.errors import ConfigError
from crosscheck.claims.names import entity_key
from crosscheck.judge.judge import JudgeSettings, judge_pair
from crosscheck.judge.occasions import ordinals
from crosscheck.model import Alignment, Claim, DateRef, Entity, Quantity, Speaker, Verdict


def claim(article: str, text: str, *, speaker: Speaker | None = None,
          entities: tuple[Entity, ...] = (), quantities: tuple[Quantity, ...] = (),
          dates: tuple[DateRef, ...] = (), negated: bool = False,
          quotes: tuple[str, ...] = ()) -> Claim:
    return Claim(id=Claim.make_id(article, 0, len(text), text), article_id=article,
                 sentence_id="snt", text=text, start=0, end=len(text), statement=text,
                 speaker=speaker, entities=entities, quantities=quantities, dates=dates,
                 places=tuple(e for e in entities if e.label in ("GPE", "LOC", "FAC")),
                 negated=negated, quotes=quotes)


def person(name: str, key: str, role: str | None = None) -> Speaker:
    return Speaker(name=name, key=key, role=role, start=0, end=len(name))


def minutes(text: str, low: float, high: float, approx: bool = False,
            low_inclusive: bool = True) -> Quantity:
    return Quantity(text, 0, len(text), low, high, "min", "duration", approx, low_inclusive)


def pair(a: Claim, b: Claim, similarity: float, quotes: tuple[str, ...] = ()) -> Alignment:
    return Alignment.create(a.id, b.id, similarity, 0.0, quotes, similarity)


SETTINGS = JudgeSettings()


def test_same_quote_from_different_people_is_a_speaker_conflict() -> None:
    a = claim("A", "The goal was described as “unrealistic”.",
              speaker=person("Pete Hegseth", "pete hegseth", "US Secretary"), quotes=("unrealistic",))
    b = claim("B", "Lloyd Austin’s remark that the aspirations were “unrealistic”.",
              speaker=person("Lloyd Austin", "lloyd austin", "Defense Secretary"),
              quotes=("unrealistic",))
    verdict = judge_pair(pair(a, b, 0.5, ("unrealistic",)), a, b, SETTINGS)
    assert verdict.label == "conflict"
    assert verdict.slot == "speaker"
    assert verdict.reason == ("speaker: Pete Hegseth (US Secretary) vs "
                              "Lloyd Austin (Defense Secretary)")


def test_different_people_saying_similar_things_is_not_corroboration() -> None:
    a = claim("A", "The UN welcomes any initiative for peace.", speaker=person("Farhan Haq", "farhan haq"))
    b = claim("B", "Zelenskyy thanked Trump for his interest in peace.",
              speaker=person("Zelenskyy", "volodymyr zelenskyy"))
    assert judge_pair(pair(a, b, 0.7), a, b, SETTINGS).label == "related"


def test_overlapping_ranges_agree_and_disjoint_ones_conflict() -> None:
    nearly_90 = minutes("nearly 90 minutes", 76.5, 90, approx=True)
    hour_plus = minutes("hour-plus", 60, math.inf, low_inclusive=False)
    twenty = minutes("20 minutes", 20, 20)
    a = claim("A", "The call lasted nearly 90 minutes.", quantities=(nearly_90,))
    b = claim("B", "The hour-plus call.", quantities=(hour_plus,))
    c = claim("C", "The call lasted 20 minutes.", quantities=(twenty,))
    assert judge_pair(pair(a, b, 0.8), a, b, SETTINGS).label == "agree"
    verdict = judge_pair(pair(a, c, 0.8), a, c, SETTINGS)
    assert (verdict.label, verdict.slot) == ("conflict", "number")


def test_a_count_for_one_event_does_not_conflict_with_a_larger_total() -> None:
    from crosscheck.claims.quantities import find_quantities

    def counted(article: str, text: str) -> Claim:
        return claim(article, text, quantities=tuple(find_quantities(text)))

    total = counted("A", "The ship seized a total of 14 rifles during the five operations.")
    one = counted("B", "Six rifles were seized during the operation.")
    too_many = counted("C", "Twenty rifles were seized during the operation.")
    # they fit, but a count and the total it is part of are not one fact: no corroboration
    for a, b in ((total, one), (one, total)):
        verdict = judge_pair(pair(a, b, 0.9), a, b, SETTINGS)
        assert (verdict.label, verdict.reason) == ("related",
                                                   "a part and a total: Six rifles of 14 rifles")
    same = counted("D", "In all, 14 rifles were seized.")
    assert judge_pair(pair(total, same, 0.9), total, same, SETTINGS).label == "agree"
    verdict = judge_pair(pair(total, too_many, 0.8), total, too_many, SETTINGS)
    assert (verdict.label, verdict.slot) == ("conflict", "number")
    assert judge_pair(pair(one, too_many, 0.8), one, too_many, SETTINGS).label == "conflict"


def test_weekday_conflict() -> None:
    wed = DateRef("Wednesday", 0, 9, "weekday", "Wednesday")
    thu = DateRef("Thursday", 0, 8, "weekday", "Thursday")
    a = claim("A", "The call took place on Wednesday.", dates=(wed,))
    b = claim("B", "The call took place on Thursday.", dates=(thu,))
    verdict = judge_pair(pair(a, b, 0.9), a, b, SETTINGS)
    assert (verdict.label, verdict.slot) == ("conflict", "date")


def test_polarity_conflict_needs_the_same_statement() -> None:
    a = claim("A", "The US will support Ukraine joining NATO.")
    b = claim("B", "The US will not support Ukraine joining NATO.", negated=True)
    assert judge_pair(pair(a, b, 0.9), a, b, SETTINGS).slot == "polarity"
    assert judge_pair(pair(a, b, 0.6), a, b, SETTINGS).label == "related"


def test_spelling_variants_of_a_speaker_are_not_a_conflict() -> None:
    a = claim("A", "Zelensky said peace is near.", speaker=person("Zelensky", "volodymyr zelensky"))
    b = claim("B", "Zelenskyy said peace is near.", speaker=person("Zelenskyy", "zelenskyy"))
    a, b = resolve_names([a, b])
    assert judge_pair(pair(a, b, 0.95), a, b, SETTINGS).label == "agree"


@pytest.mark.parametrize("name_a, key_a, name_b, key_b", [
    ("Richard Thomas", "richard thomas", "Richard", "richard"),  # a first name alone
    ("Alun Jones", "alun jones", "Jones", "jones"),  # a surname left apart (two Joneses)
])
def test_a_name_and_a_part_of_it_are_not_a_speaker_conflict(name_a: str, key_a: str,
                                                             name_b: str, key_b: str) -> None:
    """The same words given to "Richard Thomas" and to "Richard" (another report's way of
    naming the boy): the names may be one person, so no conflict, and no "different people"."""
    a = claim("A", "“Meryl would join in by kicking me.”", speaker=person(name_a, key_a),
              quotes=("meryl would join in by kicking me",))
    b = claim("B", "“Meryl would join in by kicking me.”", speaker=person(name_b, key_b),
              quotes=("meryl would join in by kicking me",))
    verdict = judge_pair(pair(a, b, 0.99, ("meryl would join in by kicking me",)), a, b, SETTINGS)
    assert verdict.label == "agree"
    other = claim("B", b.text, speaker=person("Meryl Thomas", "meryl thomas"), quotes=b.quotes)
    assert judge_pair(pair(a, other, 0.99, b.quotes), a, other, SETTINGS).slot == "speaker"


@pytest.mark.parametrize("label, text_a, text_b", [
    ("FAC", "Holker Hall Estate", "Holker Hall"),
    ("ORG", "the Ministry of State Security", "the Ministry of State"),
])
def test_a_name_written_shorter_is_not_an_entity_or_place_conflict(label: str, text_a: str,
                                                                   text_b: str) -> None:
    sentence = "An agent for {} expressed his shock at the sentence."
    ea = Entity(text_a, label, text_a.lower().removeprefix("the "), 13, 13 + len(text_a))
    eb = Entity(text_b, label, text_b.lower().removeprefix("the "), 13, 13 + len(text_b))
    shared = Entity("Dickon Knight", "PERSON", "dickon knight", 0, 13)
    a = claim("A", sentence.format(text_a), entities=(shared, ea))
    b = claim("B", sentence.format(text_b), entities=(shared, eb))
    assert judge_pair(pair(a, b, 0.97), a, b, SETTINGS).label == "agree"


def test_alignment_keeps_pairs_across_articles_only() -> None:
    claims = [claim("A", "one"), claim("A", "two"), claim("B", "three")]
    vectors = np.eye(3, dtype=np.float32)
    vectors[2] = vectors[0]
    found = align_claims(claims, vectors, AlignSettings(min_score=0.5))
    assert [(al.claim_a, al.claim_b) for al in found] == [(claims[0].id, claims[2].id)]


def test_rare_shared_entities_weigh_more() -> None:
    common = Entity("Trump", "PERSON", "donald trump", 0, 5)
    rare = Entity("Witkoff", "PERSON", "steve witkoff", 0, 7)
    idf = {"donald trump": 0.1, "steve witkoff": 2.0}
    sets = [[common.key, rare.key], [common.key, rare.key], [common.key], [], []]
    overlap = KeyOverlap(sets, idf).rows(0, len(sets))
    assert overlap[0, 1] == pytest.approx(1.0)
    assert overlap[0, 2] == overlap[2, 0] == pytest.approx(0.1 / 2.1)
    assert overlap[3, 4] == 0.0  # two empty sets share nothing (no division by zero)


def test_pair_flags_only_try_pairs_sharing_a_key() -> None:
    tried: list[tuple[str, str]] = []

    def same_first_letter(a: Claim, b: Claim) -> bool:
        tried.append((a.text, b.text))
        return True

    claims = [claim("A", "apple"), claim("B", "avocado"), claim("C", "banana")]
    flags = pair_flags(claims, lambda c: (c.text[0],), same_first_letter)
    assert tried == [("apple", "avocado")]
    assert flags.toarray().tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]


def test_shared_quotes_ignore_tiny_fragments() -> None:
    a = claim("A", "x", quotes=("unrealistic", "ok"))
    b = claim("B", "y", quotes=("were unrealistic", "ok"))
    assert shared_quotes(a, b) == ("unrealistic",)


def test_a_one_word_quote_is_shared_only_with_a_short_one() -> None:
    """A scare-quoted word inside a long quotation is a word both use, not one remark; and
    quotes are matched word by word ("rist" is not inside "terrorist")."""
    term = claim("A", "x", quotes=("principles",))
    long = claim("B", "y", quotes=("the principles they lay out i m sure won t satisfy everybody",))
    assert shared_quotes(term, long) == ()
    assert shared_quotes(claim("C", "z", quotes=("the principles",)), term) == ("principles",)
    assert shared_quotes(claim("D", "w", quotes=("terror",)),
                         claim("E", "v", quotes=("terrorist",))) == ()
    words = claim("F", "u", quotes=("they lay out",))
    assert shared_quotes(words, long) == ("they lay out",)
    nickname = claim("G", "t", quotes=("bonehead",))
    assert shared_quotes(nickname, claim("H", "s", quotes=("let bonehead go",))) == ()


def test_settings_are_validated() -> None:
    with pytest.raises(ConfigError, match="per_article"):
        AlignSettings(per_article=0)
    with pytest.raises(ConfigError, match="agree"):
        JudgeSettings(agree=3.0)


def test_the_same_negations_written_on_both_sides_are_no_polarity_conflict() -> None:
    """Near-identical sentences can be parsed with opposite polarity; if both write the same
    negations, they are not opposed."""
    a = claim("A", "He said: 'Don't be stupid, it's dislocated'.", negated=False)
    b = claim("B", "He said: 'Don't be stupid, it's only dislocated'.", negated=True)
    assert judge_pair(pair(a, b, 0.97), a, b, SETTINGS).label != "conflict"
    written = claim("B", "You shouldn't walk out in front of a car.", negated=True)
    plain = claim("A", "You should not walk out in front of cars.", negated=False)
    assert judge_pair(pair(plain, written, 0.97), plain, written, SETTINGS).label != "conflict"
    c = claim("C", "The US will support Ukraine joining NATO.")
    d = claim("D", "The US won't support Ukraine joining NATO.", negated=True)
    assert judge_pair(pair(c, d, 0.9), c, d, SETTINGS).slot == "polarity"


def test_a_speaker_conflict_needs_one_speaker_named_in_the_claim() -> None:
    """Both speakers inferred (a "he", a speaker carried over from the sentence before): the
    inferences disagree, not the reports, so it is no conflict; one named in the claim is."""
    text = "“A friend of mine had asked me to go.”"
    inferred_a = Speaker("Naomi Campbell", "naomi campbell", start=200, end=214)
    inferred_b = Speaker("Ken Ferguson", "ken ferguson", mention="he", start=5, end=7)
    a = claim("A", text, speaker=inferred_a, quotes=("a friend of mine had asked me to go",))
    b = claim("B", text, speaker=inferred_b, quotes=a.quotes)
    assert judge_pair(pair(a, b, 1.0, a.quotes), a, b, SETTINGS).label != "conflict"
    named = claim("B", "“A friend of mine had asked me to go,” Ken Ferguson said.",
                  speaker=Speaker("Ken Ferguson", "ken ferguson", start=40, end=52),
                  quotes=a.quotes)
    assert judge_pair(pair(a, named, 1.0, a.quotes), a, named, SETTINGS).slot == "speaker"


def test_a_name_the_other_claim_gives_in_other_words_is_no_entity_swap() -> None:
    """ "Mr Al Fayed" against "Mr Fayed" and a name one report leaves out are no swap; two
    people in the same place of one statement are."""
    hamilton = Entity("Mr Hamilton", "PERSON", "hamilton", 0, 11)
    major = Entity("John Major", "PERSON", "john major", 50, 60)
    al_fayed = Entity("Al Fayed", "PERSON", "al fayed", 73, 81)
    a = claim("A", "Mr Hamilton, a former minister for corporate affairs under John Major, is "
                   "suing Mr Fayed over allegations that he accepted cash.",
              entities=(hamilton, major))
    b = claim("B", "Mr Hamilton is suing Mr Al Fayed over allegations that he received cash.",
              entities=(hamilton, al_fayed))
    assert judge_pair(pair(a, b, 0.95), a, b, SETTINGS).label != "conflict"
    gaddafi = Entity("Gaddafi", "PERSON", "gaddafi", 60, 67)
    c = claim("C", "Mr Hamilton referred to a rally where the Libyan leader Colonel Gaddafi spoke.",
              entities=(hamilton, gaddafi))
    d = claim("D", "Mr Hamilton referred to a rally where the Libyan leader Colonel Mubarak spoke.",
              entities=(hamilton, Entity("Mubarak", "PERSON", "mubarak", 60, 67)))
    assert judge_pair(pair(c, d, 0.95), c, d, SETTINGS).slot == "entity"


def test_a_claim_naming_both_speakers_is_no_speaker_conflict() -> None:
    """"He said ... the book Mr Dodd had kept": the parse took "he" for someone else, while
    the other report says Mr Dodd said it. A claim that names the other's speaker too is
    where the parse, not the report, goes wrong."""
    dodd = Speaker("Brian Dodd", "brian dodd", start=0, end=7)
    a = claim("A", "Mr Dodd said that the secretaries shredded pages from the book he had kept.",
              speaker=dodd)
    b = claim("B", "He said the secretaries shredded pages from the book Mr Dodd had kept.",
              speaker=Speaker("George Carman", "george carman", mention="He", start=0, end=2))
    assert judge_pair(pair(a, b, 0.95), a, b, SETTINGS).label != "conflict"
    austin = claim("C", "Lloyd Austin said that the secretaries shredded pages from the book.",
                   speaker=Speaker("Lloyd Austin", "lloyd austin", start=0, end=12))
    assert judge_pair(pair(a, austin, 0.95), a, austin, SETTINGS).slot == "speaker"


def test_dates_and_numbers_conflict_only_when_given_to_the_same_verb() -> None:
    def year(value: str, verb: str) -> DateRef:
        return DateRef(value, 0, 4, "year", value, (verb,) if verb else ())

    married_93 = claim("A", "They fell out after she married him in 1993.",
                       dates=(year("1993", "marry"),))
    married_94 = claim("B", "She married Ken Paterson in 1994.", dates=(year("1994", "marry"),))
    joined = claim("C", "She joined the home in 1991.", dates=(year("1991", "join"),))
    unparsed = claim("D", "Married in 1995.", dates=(year("1995", ""),))
    assert judge_pair(pair(married_93, married_94, 0.8), married_93, married_94,
                      SETTINGS).slot == "date"
    assert judge_pair(pair(joined, married_94, 0.8), joined, married_94,
                      SETTINGS).label != "conflict"
    # A date no verb governs is compared only with another such date: "Married in 1995."
    # against "joined the home in 1991" dates two things.
    assert judge_pair(pair(unparsed, joined, 0.8), unparsed, joined, SETTINGS).label != "conflict"
    heading = claim("H", "Wedding: 1996.", dates=(year("1996", ""),))
    assert judge_pair(pair(unparsed, heading, 0.8), unparsed, heading, SETTINGS).slot == "date"

    def years(text: str, low: float, verb: str) -> Quantity:
        return Quantity(text, 0, len(text), low, low, "year", "duration", verbs=(verb,))

    jailed_7 = claim("E", "He was jailed for seven years.",
                     quantities=(years("seven years", 7, "jail"),))
    jailed_5 = claim("F", "He was jailed for five years.",
                     quantities=(years("five years", 5, "jail"),))
    served_3 = claim("G", "He was jailed for seven years and served three years.",
                     quantities=(years("seven years", 7, "jail"), years("three years", 3, "serve")))
    assert judge_pair(pair(jailed_7, jailed_5, 0.8), jailed_7, jailed_5, SETTINGS).slot == "number"
    assert judge_pair(pair(jailed_7, served_3, 0.8), jailed_7, served_3, SETTINGS).label == "agree"
    assert judge_pair(pair(jailed_5, served_3, 0.8), jailed_5, served_3, SETTINGS).slot == "number"


def dated(article: str, text: str, verb: str, *dates: tuple[str, str, str]) -> Claim:
    """A claim with (text, kind, value) dates, all given to ``verb``."""
    refs = (DateRef(t, 0, len(t), k, v, (verb,)) for t, k, v in dates)  # type: ignore[arg-type]
    return claim(article, text, dates=tuple(refs))


@pytest.mark.parametrize("verb, a_dates, b_dates, lone", [
    # "March 1984" fits "1984", whatever the other dates there
    ("work", [("March 1984", "month", "1984-03"), ("August 1986", "month", "1986-08")],
     [("1984", "year", "1984"), ("1986", "year", "1986")], ("1990", "year", "1990")),
    # "postponed from Feb 2 to May 3" / "until May": Feb 2 fits nothing on the other side, but
    # the other side's May fits May 3: each side needs a date that fits none of the other's
    ("postpone", [("Feb 2", "date", "--02-02"), ("May 3", "date", "--05-03")],
     [("May", "month", "--05")], ("June", "month", "--06")),
])
def test_a_date_that_fits_one_of_the_others_is_no_conflict(
        verb: str, a_dates: list, b_dates: list, lone: tuple[str, str, str]) -> None:
    a = dated("A", "one account", verb, *a_dates)
    b = dated("B", "another account", verb, *b_dates)
    assert judge_pair(pair(a, b, 0.9), a, b, SETTINGS).label != "conflict"
    other = dated("C", "yet another account", verb, lone)
    assert judge_pair(pair(a, other, 0.9), a, other, SETTINGS).slot == "date"


def test_a_polarity_conflict_needs_the_denied_verb_on_the_other_side() -> None:
    denied = replace(claim("A", "I couldn't see his hands.", negated=True),
                     negated_verb="see", verbs=("see",))
    down = replace(claim("B", "His hands were down."), verbs=("be",))
    seen = replace(claim("C", "I could see his hands."), verbs=("can", "see"))
    unknown = claim("D", "I could see his hands.")  # hand-built, or stored before verbs were
    assert judge_pair(pair(denied, seen, 0.95), denied, seen, SETTINGS).slot == "polarity"
    assert judge_pair(pair(denied, down, 0.95), denied, down, SETTINGS).label != "conflict"
    assert judge_pair(pair(denied, unknown, 0.95), denied, unknown, SETTINGS).slot == "polarity"


def _parsed(text: str, published: str = "1997-06-20") -> Claim:
    from crosscheck.claims.extract import extract_claims
    from crosscheck.model import Article

    article = Article.create(text, source=f"test-{len(text)}", published=published)
    return extract_claims([article]).claims[0]


@pytest.mark.parametrize("text_a, text_b", [
    # a count denied and a count affirmed are two sets of charges
    ("The jury found him not guilty of 13 charges.", "He was found guilty of 27 charges."),
    # the rest of a count fits any larger total
    ("The jury cleared him of assaulting three people with CS spray.",
     "He was cleared of assaulting a colleague and two other people with CS spray."),
    ("The judge ordered that he be found not guilty of four other charges.",
     "The judge ordered that he be found not guilty of 13 charges."),
    # a rest fits the same rest on the other side
    ("Police questioned three men as well as two other men at the scene.",
     "Police questioned two men at the scene."),
    # an earlier sentence, dated long before the news, is not the sentence reported
    ("In 1985, he was jailed for 18 months at Bournemouth Crown Court.",
     "He was jailed for four-and-a-half years by a court in Prague."),
    # a rate and an amount; the period of a rate is no length of time
    ("They were paid about £1,900 a week when they rehearsed.",
     "They were paid about £100,000 each for the tour."),
    ("They were paid a flat rate of $5,000 a week for the eight-month tour.",
     "They were paid $2,500 (£1,600) a week when they rehearsed and $5,000 on the tour."),
    # parts and their sum
    ("She was ordered to pay £400 compensation and costs of £250.",
     "She was ordered to pay £650 by magistrates."),
])
def test_numbers_the_claims_own_words_make_other_counts_do_not_conflict(text_a: str,
                                                                         text_b: str) -> None:
    from crosscheck.judge.numbers import number_difference

    a, b = _parsed(text_a), _parsed(text_b)
    assert a.quantities and b.quantities
    assert number_difference(a, b) is None


def test_numbers_of_one_occasion_still_conflict() -> None:
    from crosscheck.judge.numbers import number_difference

    pairs = [("He was found guilty of 27 charges.", "He was found guilty of 25 charges."),
             ("In 1985, he was jailed for 18 months.", "In 1985 he was jailed for two years."),
             ("He was jailed in May for 18 months.", "He was jailed for two years."),
             ("More than 300 people were arrested.", "About 120 people were arrested."),
             ("His lease cost £480,000 a year.", "His lease cost £450,000 a year."),
             ("She was ordered to pay £400 and costs of £250.", "She was ordered to pay £500."),
             ("The search took a week.", "The search took ten days.")]
    for text_a, text_b in pairs:
        assert number_difference(_parsed(text_a), _parsed(text_b)) is not None, text_a


def test_ages_are_compared_person_by_person() -> None:
    """"Zeta Jones, 30, got engaged to 55-year-old Douglas" gives her age too: no conflict with
    "the 30-year-old star"; "Hobbs, 32, hacked 30-year-old Gillian Harvey" gives two people's
    ages; "Ian Beckett, 53" and "Ian Beckett, 52" is an age conflict, whatever the verbs (named
    people's ages are ruled across the story by ``judge/people.py``, not by the pair rules)."""
    from crosscheck.judge.numbers import number_difference
    from crosscheck.judge.people import people_conflicts

    engaged = _parsed("Zeta Jones, 30, got engaged to 55-year-old Douglas at his home.")
    star = _parsed("The 30-year-old star newly engaged to actor Michael Douglas launched a firm.")
    assert number_difference(engaged, star) is None
    hacked = _parsed("Drifter Alan Hobbs, 32, hacked 30-year-old Gillian Harvey to death.")
    high = _parsed("Alan Hobbs, 32, was high on drink and drugs when he killed Gillian Harvey.")
    assert number_difference(hacked, high) is None
    charged = _parsed("Deputy Chief Constable Ian Beckett, 53, faces four charges.")
    remanded = _parsed("Ian Beckett, 52, the Deputy Chief Constable, has been remanded.")
    assert number_difference(charged, remanded) is None
    al = pair(charged, remanded, 0.6)
    _, (verdict,) = people_conflicts([charged, remanded], [al],
                                     [judge_pair(al, charged, remanded, SETTINGS)], {})
    assert verdict.label == "conflict" and [(d.slot, d.a, d.b) for d in verdict.differences] == [
        ("age", "53 (Constable Ian Beckett)", "52 (Ian Beckett)")]
    # "the 33-year-old" stands for a woman: her age is not Kevin Cobb's
    sobbed = _parsed("The 33-year-old sobbed as she recalled seeing 38-year-old Kevin Cobb.")
    said = _parsed("The 33 year old said that Kevin Cobb was naked from the waist down.")
    assert number_difference(sobbed, said) is None
    # ages that fit none of the other's are other people's: related, never one fact
    leeds = _parsed("He abducted a 22-year-old as she returned to her car in Leeds.")
    nottingham = _parsed("He abducted a 23-year-old woman as she returned to her car.")
    verdict = judge_pair(pair(leeds, nottingham, 0.95), leeds, nottingham, SETTINGS)
    assert (verdict.label, verdict.reason) == (
        "related", "counts of different things: 22-year-old / 23-year-old")


def test_counts_of_different_things_are_related_not_corroboration() -> None:
    """Without the number conflict the pair once had, its like wording would read as one fact."""
    a = _parsed("The judge ordered that he be found guilty of four other charges.")
    b = _parsed("The judge ordered that he be found guilty of 27 charges.")
    verdict = judge_pair(pair(a, b, 0.95), a, b, SETTINGS)
    assert (verdict.label, verdict.reason) == (
        "related", "counts of different things: four other charges / 27 charges")
    # two people's ages in two orders are no counts of different things
    said = _parsed("Pc Sonia Campbell, 36, said Pc Peter Ferguson, 42, pushed his nose down.")
    pressed = _parsed("Pc Peter Ferguson, 42, pressed down his nose at Pc Sonia Campbell, 36.")
    assert judge_pair(pair(said, pressed, 0.95), said, pressed, SETTINGS).label == "agree"


@pytest.mark.parametrize("text_a, text_b, conflict", [
    ("He drove a £49,500 Mercedes.", "He drove a £50,000 Mercedes.", False),
    ("He drove a £480,000 Mercedes.", "He drove a £450,000 Mercedes.", True),
    ("The reading took 15 minutes.", "The reading took 16 minutes.", True),
    ("Mobil paid him £10,000.", "Mobil paid him £6,000.", True),
    ("He denied 10 charges.", "He denied 13 charges.", True),
    ("It is part of a £190million schedule.", "It is part of a £195 million schedule.", True),
    ("Police found £1.66m in assets.", "Police found £1.7m in assets.", False),
    ("Police found £1.66m in assets.", "Police found £1.6m in assets.", True),  # rounds to 1.7
])
def test_a_rounded_figure_fits_the_figure_it_rounds(text_a: str, text_b: str,
                                                    conflict: bool) -> None:
    from crosscheck.judge.numbers import number_difference

    assert (number_difference(_parsed(text_a), _parsed(text_b)) is not None) is conflict


def _speaker_conflict(a: Claim, b: Claim) -> Verdict:
    from crosscheck.judge.slots import speaker_difference

    difference = speaker_difference(a, b)
    assert difference is not None
    alignment = pair(a, b, 0.95)
    return Verdict.create(alignment, "conflict", 0.95, (difference,), "speaker")


def test_a_pronoun_the_report_could_mean_for_the_other_speaker_is_no_conflict() -> None:
    from crosscheck.judge.speakers import reconcile_speakers

    fudge = person("Marcia Fudge", "marcia fudge")
    she = replace(claim("A", "“We know how to win elections,” she said."),
                  speaker=replace(fudge, mention="she", start=-1, end=-1))
    pelosi = claim("B", "“We know how to win elections,” Ms. Pelosi said.",
                   speaker=replace(person("Nancy Pelosi", "nancy pelosi"), start=32, end=38))
    earlier = claim("A", "Nancy Pelosi met Marcia Fudge on Tuesday.")
    conflict = _speaker_conflict(she, pelosi)
    claims = {c.id: c for c in (she, pelosi, earlier)}
    [ruled] = reconcile_speakers([conflict], claims)
    assert ruled.label == "related" and "“she” in one report may be Nancy Pelosi" in ruled.reason
    # "he" cannot stand for Ms Pelosi
    he = replace(she, speaker=replace(she.speaker, name="Frank Dobson", key="frank dobson",
                                      mention="he"))
    ms_pelosi = replace(pelosi, speaker=replace(pelosi.speaker, role="Ms"))
    conflict_he = _speaker_conflict(he, ms_pelosi)
    claims = {c.id: c for c in (he, ms_pelosi, earlier)}
    assert reconcile_speakers([conflict_he], claims) == (conflict_he,)
    # a report that never names the other speaker keeps the conflict (the seed's Hegseth/Austin)
    other = claim("A", "Marcia Fudge met voters on Tuesday.")
    claims = {c.id: c for c in (she, pelosi, other)}
    assert reconcile_speakers([conflict], claims) == (conflict,)


def test_dates_of_different_occasions_are_not_compared() -> None:
    """"first played ... 1961" and "last played ... 1963" date two occasions of one verb;
    two claims with the same ordinal (or none) date one, and "last May" is a date."""
    def played(article: str, text: str, value: str) -> Claim:
        return claim(article, text, dates=(DateRef(value, 0, 4, "year", value, ("play",)),))

    first_61 = played("A", "Sir Paul first played the Cavern in 1961.", "1961")
    last_63 = played("B", "The Beatles last played there in 1963.", "1963")
    first_58 = played("C", "Sir Paul first played the Cavern in 1958.", "1958")
    assert judge_pair(pair(first_61, last_63, 0.8), first_61, last_63, SETTINGS).label != "conflict"
    assert judge_pair(pair(first_61, first_58, 0.8), first_61, first_58, SETTINGS).slot == "date"
    may = claim("D", "Matthew died last May.",
                dates=(DateRef("May", 0, 3, "month", "--05", ("die",)),))
    april = claim("E", "Matthew died last April.",
                  dates=(DateRef("April", 0, 5, "month", "--04", ("die",)),))
    assert judge_pair(pair(may, april, 0.8), may, april, SETTINGS).slot == "date"


@pytest.mark.parametrize("text, expected", [
    ("Sir Paul first played the Cavern in 1961.", {"first"}),
    ("He last played there in 1963.", {"last"}),
    ("for the first time", {"first"}),
    ("his second trial", {"second"}),
    ("died last May", set()),
    ("arrested last Tuesday", set()),
    ("jailed last year", set()),
    ("the next day", set()),
    ("at last he spoke", set()),
    ("a third of the vote", set()),
    ("a last-minute goal", set()),
    ("First Minister Alex Salmond", set()),
])
def test_occasion_ordinals(text: str, expected: set[str]) -> None:
    assert ordinals(text) == expected


def test_be_and_have_date_one_thing_only_in_claims_about_the_same_things() -> None:
    def dated_be(article: str, text: str, value: str, terms: tuple[str, ...]) -> Claim:
        ref = DateRef(value, 0, 4, "year", value, ("be",))
        return replace(claim(article, text, dates=(ref,)), terms=terms)

    trial = dated_be("A", "In July 1993, Smith was on trial again.", "1993",
                     ("july", "smith", "trial"))
    conviction = dated_be("B", "Then there was his conviction in 1987.", "1987",
                          ("conviction", "kidnap"))
    assert judge_pair(pair(trial, conviction, 0.8), trial, conviction,
                      SETTINGS).label != "conflict"
    wedding_5 = dated_be("C", "The wedding was in 1995.", "1995", ("wedding",))
    wedding_6 = dated_be("D", "The wedding was in 1996.", "1996", ("wedding",))
    assert judge_pair(pair(wedding_5, wedding_6, 0.8), wedding_5, wedding_6,
                      SETTINGS).slot == "date"


def negative(article: str, text: str, verb: str, *verbs: str) -> Claim:
    return replace(claim(article, text, negated=True), negated_verb=verb,
                   verbs=tuple(sorted({verb, *verbs})))


def positive(article: str, text: str, *verbs: str) -> Claim:
    return replace(claim(article, text), verbs=tuple(sorted(verbs)))


@pytest.mark.parametrize("affirming, denying, conflict", [
    # "no" said in other words than the denied verb
    (positive("A", "Alleyne denied the charges.", "deny"),
     negative("B", "Alleyne pleaded not guilty to the charges.", "plead"), False),
    (positive("A", "She refused to let staff free the girl.", "free", "let", "refuse"),
     negative("B", "She would not let staff free the girl.", "let", "free", "will"), False),
    (positive("A", "The couple were cleared of the charges.", "be", "clear"),
     negative("B", "The couple were found not guilty of the charges.", "find", "be"), False),
    (positive("A", "She told police people had made up the allegations.", "make", "tell"),
     negative("B", "She told police the allegations had not been made.", "make", "tell"), False),
    # the affirming one negates something too: which one the parse calls negated is a guess
    (positive("A", "Dr Bolsin replied: 'No.'", "reply"),
     negative("B", "Dr Bolsin replied: 'That is not the way I saw the request.'", "be",
              "reply", "see"), False),
    # the same verb denied and affirmed stays a conflict, an implicit "no" verb included
    (positive("A", "Alleyne denied the charges.", "deny"),
     negative("B", "Alleyne did not deny the charges.", "deny", "do"), True),
    (positive("A", "She let staff free the girl.", "free", "let"),
     negative("B", "She would not let staff free the girl.", "let", "free", "will"), True),
])
def test_a_polarity_conflict_needs_a_plain_affirmation(affirming: Claim, denying: Claim,
                                                       conflict: bool) -> None:
    verdict = judge_pair(pair(affirming, denying, 0.95), affirming, denying, SETTINGS)
    assert (verdict.slot == "polarity") is conflict


def place(text: str) -> Entity:
    return Entity(text, "GPE", entity_key(text, "GPE"), 0, len(text))


def test_short_forms_of_states_and_counties_are_the_same_place() -> None:
    ark = claim("A", "Huckabee made the announcement in his hometown of Hope, Ark.",
                entities=(place("Hope"), place("Ark.")))
    arkansas = claim("B", "Huckabee made the announcement in Hope, Arkansas.",
                     entities=(place("Hope"), place("Arkansas")))
    texas = claim("C", "Huckabee made the announcement in Austin, Texas.",
                  entities=(place("Austin"), place("Texas")))
    assert judge_pair(pair(ark, arkansas, 0.95), ark, arkansas, SETTINGS).label != "conflict"
    assert judge_pair(pair(ark, texas, 0.95), ark, texas, SETTINGS).slot == "place"
    assert entity_key("Bucks", "GPE") == entity_key("Buckinghamshire", "GPE")
    assert entity_key("R-Calif.", "GPE") == entity_key("California", "GPE")
    assert entity_key("Bucks", "PERSON") != entity_key("Buckinghamshire", "PERSON")
    # a short form the tagger did not take for a place still names it
    full = claim("D", "He lived in Wendover, Buckinghamshire, with his parents.",
                 entities=(place("Buckinghamshire"),))
    short = claim("E", "Jonathan lived at Wendover, Bucks, with his parents and Ursula.",
                  entities=(place("Ursula"),))
    assert judge_pair(pair(full, short, 0.95), full, short, SETTINGS).label != "conflict"


def test_a_place_in_lower_case_is_a_tagging_mistake() -> None:
    a = claim("A", "He is now director of anaesthesia at Geelong Hospital.",
              entities=(place("anaesthesia"),))
    b = claim("B", "He travelled from Australia, where he is director at Geelong Hospital.",
              entities=(place("Australia"),))
    assert judge_pair(pair(a, b, 0.95), a, b, SETTINGS).label != "conflict"


def test_a_spokesperson_and_the_side_they_speak_for_are_no_speaker_conflict() -> None:
    words = ("would end medicare as we know it",)
    campaign = claim("A", "The Obama campaign said the plan “would end Medicare as we know it”.",
                     speaker=person("Obama", "barack obama", "President"), quotes=words)
    smith = claim("B", "“The budget would end Medicare as we know it,” Lis Smith said.",
                  speaker=person("Lis Smith", "lis smith", "Obama campaign spokeswoman"),
                  quotes=words)
    jones = claim("C", "“The budget would end Medicare as we know it,” Ann Jones said.",
                  speaker=person("Ann Jones", "ann jones", "Republican spokeswoman"), quotes=words)
    assert judge_pair(pair(campaign, smith, 0.9, words), campaign, smith,
                      SETTINGS).label != "conflict"
    assert judge_pair(pair(campaign, jones, 0.9, words), campaign, jones,
                      SETTINGS).slot == "speaker"


def test_a_rate_and_a_one_off_amount_are_no_shared_fact() -> None:
    """"his £450,000-a-year lease" and "the estimated £500,000 bill" are close figures on
    different footings: they tie the claims to one fact no more than they clash."""
    def money(article: str, text: str, words: str) -> Claim:
        (found,) = [q for q in find_quantities(text) if q.text == words]
        return claim(article, text, quantities=(found,))

    lease = money("A", "Peyton claimed his £450,000-a-year lease protected him.", "£450,000")
    bill = money("B", "Forte will, however, pay the estimated £500,000 bill.",
                 "the estimated £500,000")
    costs = money("C", "The costs, estimated at £460,000, will be paid by Forte.", "£460,000")
    assert not shared_slots(lease, bill)
    assert shared_slots(bill, costs)
    assert slot_anchors([lease, bill], 5) == {}
    # the same figure, its period left out on one side, is one figure
    rent = money("D", "The lease cost him £450,000, the court heard.", "£450,000")
    assert shared_slots(lease, rent)


def test_numbers_of_two_named_doers_of_one_verb_are_not_compared() -> None:
    """"Mobil paid him £10,000" and "air fares costing £1,594 were paid for by Mr Greer" are
    two payments: counts of different things (related), not a conflict. The same doer, or a
    doer the other claim also names, or an unnamed one, are compared as before."""
    def paid(article: str, text: str, amount: float, doer: str) -> Claim:
        words = f"£{amount:,.0f}"
        money = Quantity(words, 0, len(words), amount, amount, "GBP", "money", verbs=("pay",),
                         agent=doer)
        return claim(article, text, quantities=(money,))

    mobil = paid("A", "Mobil paid him £10,000.", 10000, "Mobil")
    greer = paid("B", "Air fares costing £1,594 were paid for by Mr Greer.", 1594, "Greer")
    also_mobil = paid("C", "Mobil paid him £12,000.", 12000, "Mobil")
    someone = paid("D", "He was paid £1,594.", 1594, "")
    both = paid("E", "Mr Greer said Mobil paid him £12,000.", 12000, "Mobil")
    verdict = judge_pair(pair(mobil, greer, 0.8), mobil, greer, SETTINGS)
    assert (verdict.label, verdict.reason) == ("related", "counts of different things: "
                                                          "£10,000 / £1,594")
    for other in (also_mobil, someone):
        assert judge_pair(pair(mobil, other, 0.8), mobil, other, SETTINGS).slot == "number"
    assert judge_pair(pair(greer, both, 0.8), greer, both, SETTINGS).slot == "number"


def _dates_in(article: str, text: str, verb: str, *dates: tuple[str, str, str]) -> Claim:
    """A claim whose (words, kind, value) dates sit where ``text`` writes them."""
    refs = tuple(DateRef(t, text.index(t), text.index(t) + len(t), k, v, (verb,) if verb else ())  # type: ignore[arg-type]
                 for t, k, v in dates)
    return claim(article, text, dates=refs)


def test_a_date_inside_a_span_the_other_claim_gives_fits_it() -> None:
    admitted = _dates_in("A", "Barwell admitted rapes in Bradford in December 1982 and in Leeds "
                              "in January 1983.", "admit",
                         ("December 1982", "month", "1982-12"), ("January 1983", "month", "1983-01"))
    span = _dates_in("B", "He admitted sex attacks on four women between 1982 and 1995.", "admit",
                     ("1982", "year", "1982"), ("1995", "year", "1995"))
    apart = _dates_in("C", "He admitted sex attacks in 1982 and in 1995.", "admit",
                      ("1982", "year", "1982"), ("1995", "year", "1995"))
    assert judge_pair(pair(admitted, span, 0.8), admitted, span, SETTINGS).label != "conflict"
    assert judge_pair(pair(admitted, apart, 0.8), admitted, apart, SETTINGS).slot == "date"
    # the year an end leaves out comes from the span; a date past its end still conflicts
    charges = _dates_in("D", "Torturing her between Oct 18 and Oct 27, 1989.", "",
                        ("Oct 18", "date", "--10-18"), ("Oct 27, 1989", "date", "1989-10-27"))
    inside = _dates_in("E", "Between October 20, 1989 and an unknown date: her.", "",
                       ("October 20, 1989", "date", "1989-10-20"))
    after = _dates_in("F", "On November 20, 1989: her.", "",
                      ("November 20, 1989", "date", "1989-11-20"))
    assert judge_pair(pair(inside, charges, 0.8), inside, charges, SETTINGS).label != "conflict"
    assert judge_pair(pair(after, charges, 0.8), after, charges, SETTINGS).slot == "date"


def test_dates_of_two_named_doers_of_one_verb_are_not_compared() -> None:
    def announced(article: str, text: str, day: str, doer: str) -> Claim:
        return claim(article, text, dates=(DateRef(day, text.index(day), text.index(day) + len(day),
                                                   "weekday", day, ("announce",), agent=doer),))

    murray = announced("A", "On Saturday, Mayor Ed Murray announced a travel ban.", "Saturday",
                       "Ed Murray")
    inslee = announced("B", "Gov. Jay Inslee announced Monday that he would ban travel.",
                       "Monday", "Jay Inslee")
    murray_again = announced("C", "Mayor Ed Murray announced the ban on Monday.", "Monday",
                             "Ed Murray")
    assert judge_pair(pair(murray, inslee, 0.8), murray, inslee, SETTINGS).label != "conflict"
    assert judge_pair(pair(murray, murray_again, 0.8), murray, murray_again,
                      SETTINGS).slot == "date"


def test_the_same_words_read_at_two_depths_are_no_speaker_conflict() -> None:
    """One report gives the other's words and more: the readings differ on which speaker they
    take (Mrs Gee who says it, or the "he" inside it), not the reports."""
    words = ("he was trying to intimate that mum was poorly",)
    gee = claim("A", "“He was trying to intimate that mum was poorly,” said Mrs Gee.",
                speaker=person("Gee", "gee", "Mrs"), quotes=words)
    shipman = claim("B", "“He was trying to intimate that mum was poorly",
                    speaker=Speaker("Harold Shipman", "harold shipman", mention="He", start=1,
                                    end=3), quotes=words)
    assert judge_pair(pair(gee, shipman, 0.9, words), gee, shipman, SETTINGS).label != "conflict"
    # the "he" read from the sentences before, not from the words both give: a misattribution
    carried = replace(shipman, speaker=replace(shipman.speaker, start=300, end=302))
    assert judge_pair(pair(gee, carried, 0.9, words), gee, carried, SETTINGS).slot == "speaker"
