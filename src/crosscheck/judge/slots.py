"""Slot-by-slot comparison of two aligned claims.

Each function returns a ``Difference`` when the two claims, taken to report the same thing,
give incompatible values for one slot, and ``None`` otherwise. Compatible values are never a
difference: overlapping number ranges ("nearly 90 minutes" / "hour-plus"), spelling variants of
one name, a person and the organisation they speak for.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from crosscheck.claims.dates import dates_conflict, time_apart
from crosscheck.claims.names import mentioned, one_name, other_doers, surname_mentioned
from crosscheck.claims.place_abbreviations import short_form_in
from crosscheck.judge.occasions import same_occasion
from crosscheck.judge.spans import spans, within
from crosscheck.model import Claim, DateRef, Difference, Entity, Speaker


def speaker_label(speaker: Speaker) -> str:
    return f"{speaker.name} ({speaker.role})" if speaker.role else speaker.name


def different_people(a: Claim, b: Claim) -> bool:
    """Both claims are attributed to a named person, and not to the same one: other keys,
    and neither name a part of the other ("Richard" and "Richard Thomas", "Mr Jones" and
    "Alun Jones" may be one person; names resolution joins them only when the story has no
    other Richard or Jones, but a conflict needs names that cannot be one person)."""
    return (a.speaker is not None and b.speaker is not None and a.speaker.kind == "person"
            and b.speaker.kind == "person" and a.speaker.key != b.speaker.key
            and not one_name(a.speaker.name, b.speaker.name))


def speaker_difference(a: Claim, b: Claim) -> Difference | None:
    """Two people given the same words, at least one of them by name in the claim itself, and
    neither named in the other claim.

    When both speakers are inferred (a "he" resolved, a speaker carried over from the
    sentences before), the two inferences disagree more often than the reports do: on METER
    rewrites of one wire copy, such pairs were mostly the claims stage's own misreadings.
    So were pairs where one claim names both people ("He said the book Mr Dodd had kept",
    "Jailing Francis, Judge Bennett said"): which of two people in one sentence spoke is what
    the parse gets wrong, while a real misattribution names one person where the other report
    names another."""
    if not different_people(a, b) or not (_named_in(a) or _named_in(b)):
        return None
    assert a.speaker is not None and b.speaker is not None
    if surname_mentioned(a.speaker.name, b.text) or surname_mentioned(b.speaker.name, a.text):
        return None
    if _speaks_for(a.speaker, b.speaker) or _speaks_for(b.speaker, a.speaker):
        return None
    if _read_deeper(a, b) or _read_deeper(b, a):
        return None
    return Difference("speaker", speaker_label(a.speaker), speaker_label(b.speaker),
                      _span(a.speaker), _span(b.speaker))


def _speaks_for(speaker: Speaker, other: Speaker) -> bool:
    """``other``'s role names ``speaker``: "the Obama campaign said" and "Lis Smith, Obama
    campaign spokeswoman" report one side's words, not two people's."""
    return bool(other.role) and surname_mentioned(speaker.name, other.role or "")


def _read_deeper(part: Claim, whole: Claim) -> bool:
    """``part``'s speaker is a pronoun inside its own words, and all those words stand, in
    order, in ``whole``, which gives them and more ("'He was trying to intimate that mum was
    poorly" / "'He was trying to intimate that mum was poorly,' said Mrs Gee"): the two
    readings take speakers at two depths of one sentence (the "he" inside it, Mrs Gee who says
    it), and the reports do not differ. A quotation alone, its speaker from the sentences
    around it, is no such case: giving it to another person is the misattribution."""
    speaker = part.speaker
    if speaker is None or speaker.mention is None or not part.start <= speaker.start < part.end:
        return False
    words = " ".join(re.findall(r"\w+", part.text.lower()))
    around = " ".join(re.findall(r"\w+", whole.text.lower()))
    return bool(words) and f" {words} " in f" {around} "


def _named_in(claim: Claim) -> bool:
    """The claim's own words name its speaker ("Lloyd Austin's remark that ..."), rather than
    a pronoun or a neighbouring sentence."""
    speaker = claim.speaker
    return (speaker is not None and speaker.mention is None
            and claim.start <= speaker.start < claim.end)


def _span(speaker: Speaker) -> tuple[int, int] | None:
    return (speaker.start, speaker.end) if speaker.start >= 0 else None


def date_difference(a: Claim, b: Claim) -> Difference | None:
    """Two dates that cannot both be right, given to the same verb ("married in 1993" /
    "married in 1994"; "died last May" / "died last April"). Dates of different verbs date
    different things ("arrested in March 1998" / "went to Leeds on January 7 1992"): on METER
    stories, such pairs made nearly all date conflicts, and nearly all of them were false,
    even when each date was its claim's main event. A date no verb governs (a heading, a list
    of charges, "the 1997 parliament") is compared only with another such date. Dates of
    different occasions ("first played ... in 1961" / "last played ... in 1963") are not
    compared (``occasions``). A date conflicts only with the other claim's dates when it fits
    none of them."""
    if any(x.value == y.value for x in a.dates for y in b.dates) or not same_occasion(a, b):
        return None
    if _other_people(a, b):
        return None
    # A date that fits one of the other's ("March 1984" and "from 1984 until 1986") is no
    # conflict, whatever the other dates there; each side needs a date that fits none.
    lone_a = [(da, _rivals(da, b, a)) for da in a.dates if _fits_none(da, b, a)]
    if not lone_a or not any(_fits_none(db, a, b) for db in b.dates):
        return None
    da, rivals = lone_a[0]
    db = rivals[0]
    return Difference("date", da.text, db.text, (da.start, da.end), (db.start, db.end))


# How far apart two clock times of one event may be and both be right: reports round ("around
# 11 p.m." / "shortly before 11"), and an approximate one by more.
TIME_TOLERANCE = 20  # minutes, both times exact
APPROX_TIME_TOLERANCE = 45  # minutes, either time "around", "about", "just before"...
_APPROX_TIME = re.compile(r"(?:around|about|approximately|roughly|nearly|almost|just|shortly|"
                          r"some time|sometime|close to|near|before|after)\s*\Z", re.IGNORECASE)


def time_difference(a: Claim, b: Claim) -> Difference | None:
    """Two clock times of one event that cannot both be right ("around 11 p.m." / "2:30
    a.m."): of one event noun ("the 11 p.m. shooting"), or of one verb in claims that name a
    person or a building in common, and further apart than reports round
    (``TIME_TOLERANCE``)."""
    if _other_people(a, b):
        return None
    # a person or a building in common; a city is shared by every shooting of a round-up
    shared = ({e.key for e in a.entities if e.label in ("PERSON", "FAC")}
              & {e.key for e in b.entities if e.label in ("PERSON", "FAC")})
    for ta in (d for d in a.dates if d.kind == "time"):
        # one verb alone is too little for a time: a round-up's shootings are all "shot"
        rivals = [tb for tb in b.dates if tb.kind == "time" and (
            (ta.event and ta.event == tb.event) or (shared and _same_verb(ta, tb, a, b)))]
        if not rivals:
            continue
        tolerance = max(_tolerance(a, ta), *(_tolerance(b, tb) for tb in rivals))
        if all(time_apart(ta, tb) > tolerance for tb in rivals):
            tb = rivals[0]
            return Difference("time", ta.text, tb.text, (ta.start, ta.end), (tb.start, tb.end))
    return None


def _tolerance(claim: Claim, time: DateRef) -> int:
    before = claim.text[max(0, time.start - claim.start - 20):time.start - claim.start]
    return APPROX_TIME_TOLERANCE if _APPROX_TIME.search(before) else TIME_TOLERANCE


def _other_people(a: Claim, b: Claim) -> bool:
    """Both claims name people and share none: their dates are other people's doings ("Nelson
    pleaded guilty Tuesday" / "Lee and Kinchen each pleaded guilty Thursday")."""
    people_a = [e for e in a.entities if e.label == "PERSON"]
    people_b = [e for e in b.entities if e.label == "PERSON"]
    return bool(people_a and people_b) and not any(
        x.key == y.key or one_name(x.text, y.text) for x in people_a for y in people_b)


def _rivals(date: DateRef, other: Claim, claim: Claim) -> list[DateRef]:
    """The other claim's dates that ``date`` (of ``claim``) can be compared with: of the same
    verb (both unparsed, or sharing a verb), and no relative phrases or clock times."""
    return [d for d in other.dates if d.kind not in ("relative", "time")
            and _same_verb(date, d, claim, other)]


# "Be" and "have" say too little to make two dates dates of one thing ("In July 1993, Smith
# was on trial" / "there was his conviction in 1987"; "By January 1999, she had had enough" /
# "she had planned to have them murdered in April"): they need the claims to share most of
# their content words too ("the wedding was on June 5" / "the wedding was on June 6").
_LIGHT_VERBS = frozenset({"be", "have"})
LIGHT_VERB_OVERLAP = 0.5  # share of the shorter claim's content words the other must have


# Verbs of saying date the statement, not the event: two reports quote two statements made on
# two days ("Zimmerman said early Friday" / "Zimmerman said Saturday that ...").
_REPORTING = frozenset({"say", "tell", "report", "confirm", "add", "state", "write", "post",
                        "tweet", "speak", "talk", "comment"})


def _same_verb(x: DateRef, y: DateRef, claim_x: Claim, claim_y: Claim) -> bool:
    """Whether two dates date one thing: of one verb, done by one doer (two named ones that
    neither claim names beside its own did two things: ``claims/agents.py``), with one
    subject ("a visitation will be held Tuesday" / "services will be held Wednesday" are two
    events; an active and a passive subject are not compared: "a girl was killed Saturday" /
    "a boy killed a girl Friday" is one killing), and not a verb of saying."""
    if x.event and x.event == y.event:
        return True  # "an accidental shooting on Friday" / "the shooting Wednesday"
    if not x.verbs or not y.verbs:
        return not x.verbs and not y.verbs
    if other_doers(x.agent, y.agent, claim_x, claim_y):
        return False
    if (x.subject and y.subject and x.subject != y.subject
            and x.subject.split(":")[0] == y.subject.split(":")[0]):
        return False
    shared = set(x.verbs) & set(y.verbs)
    if shared and shared <= _REPORTING:
        return False
    if not shared or shared - _LIGHT_VERBS:
        return bool(shared)
    terms_x, terms_y = set(claim_x.terms), set(claim_y.terms)
    fewer = min(len(terms_x), len(terms_y))
    return fewer == 0 or len(terms_x & terms_y) >= LIGHT_VERB_OVERLAP * fewer


def _fits_none(date: DateRef, other: Claim, claim: Claim) -> bool:
    """``date`` fits none of the other claim's dates of its verb, nor falls inside a span of
    them ("January 1983" inside "between 1982 and 1995": ``spans``)."""
    rivals = _rivals(date, other, claim)
    return (bool(rivals) and all(dates_conflict(date, d) for d in rivals)
            and not any(within(date, span) for span in spans(other)
                        if span[0] in rivals and span[1] in rivals))


def place_difference(a: Claim, b: Claim) -> Difference | None:
    """Each names a place the other never mentions (and no place in common). A "place" with
    no capital letter is the tagger's mistake ("director of anaesthesia"), not a place."""
    keys_a = {e.key for e in a.entities}
    keys_b = {e.key for e in b.entities}
    only_a = [p for p in a.places if p.key not in keys_b and not _place_in(p, b.text)]
    only_b = [p for p in b.places if p.key not in keys_a and not _place_in(p, a.text)]
    shared = {p.key for p in a.places} & {p.key for p in b.places}
    if only_a and only_b and not shared:
        return Difference("place", only_a[0].text, only_b[0].text, _espan(only_a[0]),
                          _espan(only_b[0]))
    return None


def _place_in(place: Entity, text: str) -> bool:
    """Whether ``text`` names ``place``, in full or in short ("Bucks"); a "place" in lower case
    counts as named everywhere: it is the tagger's mistake, no place."""
    return (place.text.islower() or mentioned(place.text, text)
            or short_form_in(place.key, text))


def _espan(entity: Entity) -> tuple[int, int]:
    return (entity.start, entity.end)


def entity_difference(a: Claim, b: Claim) -> Difference | None:
    """One person or organisation swapped for another of the same kind, the rest shared.
    Neither may be named in the other claim in other words ("Mr Fayed" for "Al Fayed"):
    then one report only leaves a name out, or writes it its own way."""
    speakers = {s.key for s in (a.speaker, b.speaker) if s is not None}
    keys_a = {e.key for e in a.entities if e.label in ("PERSON", "ORG")} - speakers
    keys_b = {e.key for e in b.entities if e.label in ("PERSON", "ORG")} - speakers
    if not keys_a & keys_b and not ({e.key for e in a.entities} & {e.key for e in b.entities}):
        return None
    # Each claim's names that the other never gives, in any wording: the swap candidates.
    gone_a = [e for e in a.entities if e.key in keys_a - keys_b and not mentioned(e.text, b.text)]
    gone_b = [e for e in b.entities if e.key in keys_b - keys_a and not mentioned(e.text, a.text)]
    for ea in gone_a:
        for eb in gone_b:
            if eb.label == ea.label and not one_name(ea.text, eb.text):
                return Difference("entity", ea.text, eb.text, _espan(ea), _espan(eb))
    return None


# Words that negate: two claims writing the same ones are not opposed, whatever their parses
# say (near-identical sentences do get different parses: "Don't be stupid, it's dislocated").
_NEGATION_WORDS = re.compile(
    r"\b(?:not|no|never|neither|nor|nobody|nothing|none|cannot)\b|n[’']t\b", re.IGNORECASE)


# Verbs and words that say "no" without a negation word: "denied the charges" is "pleaded not
# guilty", "refused to let staff help" is "would not let staff help", "the couple were
# cleared" is "found not guilty", "had made up the allegations" is "none was true".
IMPLICIT_NEGATIVE_VERBS = frozenset({
    "deny", "refuse", "decline", "reject", "fail", "clear", "acquit", "dispute", "fabricate",
    "invent", "dismiss", "lack", "forbid", "prevent", "stop", "avoid", "rebut"})
_IMPLICIT_NEGATIVE_WORDS = re.compile(
    r"\b(?:false(?:ly)?|untrue|innocent|without|made\s+up|lie[ds]|ruled\s+out)\b",
    re.IGNORECASE)


def polarity_difference(a: Claim, b: Claim) -> Difference | None:
    """One claim denies what the other affirms. Not when the affirming one negates something
    too (which of two negated sentences the parse calls negated is a guess: "Dr Bolsin
    replied: 'No.'" / "'That is not the way I saw it'"), nor when it says "no" in other words
    (``IMPLICIT_NEGATIVE_VERBS``) than the verb the other one denies ("denied the charges" /
    "pleaded not guilty"; but "denied it" / "did not deny it" stays a conflict)."""
    if a.negated == b.negated or _negations(a.text) == _negations(b.text):
        return None
    negative, positive = (a, b) if a.negated else (b, a)
    if _negations(positive.text) or _says_no(positive, negative.negated_verb):
        return None
    return Difference("polarity", "negative" if a.negated else "positive",
                      "negative" if b.negated else "positive")


def _says_no(claim: Claim, denied_verb: str) -> bool:
    """Whether ``claim`` says "no" in other words than a negation of ``denied_verb``."""
    return (bool((set(claim.verbs) & IMPLICIT_NEGATIVE_VERBS) - {denied_verb})
            or _IMPLICIT_NEGATIVE_WORDS.search(claim.text) is not None)


def denies_a_verb_of(a: Claim, b: Claim) -> bool:
    """Whether the negated one of two claims denies a verb the other uses ("won't support" /
    "will support"), as two reports of one fact do. Otherwise the negation is about something
    else ("I couldn't see his hands" / "His hands were down"): on METER stories such pairs
    were most polarity conflicts. True for an auxiliary ("is not safe"), and when the verbs
    are unknown (hand-built claims, or stored before verbs were kept). The verifier does not
    ask this: its claims and evidence are edits of one another ("we do not show" / "results
    indicate"), where a paraphrased verb is the rule."""
    negative, positive = (a, b) if a.negated else (b, a)
    return (not negative.negated_verb or not positive.verbs
            or negative.negated_verb in positive.verbs)


MISQUOTE_SIMILARITY = 0.6  # word-sequence similarity from which two quotes are one, reworded
MISQUOTE_MIN_WORDS = 4  # shorter quotes ("unrealistic") are too short to call reworded


def misquote(a: Claim, b: Claim) -> tuple[str, str] | None:
    """The same quotation worded differently in the two claims: (A's words, B's words).

    Quotes are compared as normalised word sequences (``quote_key``); identical ones, or one
    inside the other, are the same quote and no misquote.
    """
    best: tuple[float, str, str] | None = None
    for qa in a.quotes:
        for qb in b.quotes:
            words_a, words_b = qa.split(), qb.split()
            if qa == qb or qa in qb or qb in qa or min(len(words_a), len(words_b)) < MISQUOTE_MIN_WORDS:
                continue
            ratio = SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
            if ratio >= MISQUOTE_SIMILARITY and (best is None or ratio > best[0]):
                best = (ratio, qa, qb)
    return (best[1], best[2]) if best else None


def _negations(text: str) -> list[str]:
    # "not", "n't" and "cannot" are one negation written three ways
    words = (m.lower().replace("’", "'") for m in _NEGATION_WORDS.findall(text))
    return sorted("not" if w in ("n't", "cannot") else w for w in words)
