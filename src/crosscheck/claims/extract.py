"""The claims stage: articles in, claims out.

Each sentence is parsed once with spaCy, split at coordinated clauses ("X talked by phone and
agreed to ...") into claims, and each claim gets its slots: speaker, entities with roles,
numbers, dates, places, polarity and direct quotes. Relative clauses on a named person ("Zelenskyy,
who was informed of the call, ...") become claims of their own.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from crosscheck.claims import attribution as attr
from crosscheck.clean import page_text, prose_view
from crosscheck.claims.agents import (doer_at, event_at, governing_verb, possessive_at,
                                      subject_at)
from crosscheck.claims.ages import age_holder, appositive_ages, untagged_name
from crosscheck.claims.attributions import quoted_speaker, read_attributions
from crosscheck.claims.dates import find_dates
from crosscheck.claims.names import PLACE_LABELS, entity_key, person_key, strip_possessive
from crosscheck.claims.quantities import find_quantities
from crosscheck.claims.quotes import find_quotes, quote_key
from crosscheck.claims.stamps import is_stamp
from crosscheck.ids import content_id
from crosscheck.model import (Article, Attribution, Claim, Entity, Quantity, Sentence,
                              SetAside, Speaker)
from crosscheck.nlp.spacy_model import load_spacy

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
MIN_CLAUSE_TOKENS = 5  # shorter conjuncts ("and left") stay with their sentence
# A verb whose object or complement comes after the cut would be left dangling by a split
# ("carried out well-practiced [and professionally executed] boarding action").
COMPLEMENT_DEPS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd", "prep", "agent",
                             "dative", "advmod", "npadvmod", "nsubjpass", "auxpass"})
HEADLINE_MAX_WORDS = 20
_END_PUNCT = tuple(".!?…\"”’»:")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the claims stage produces for a batch of articles."""

    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    attributions: tuple[Attribution, ...] = ()
    set_aside: tuple[SetAside, ...] = ()  # page text, never parsed


def extract_claims(articles: Sequence[Article], batch_size: int = 16) -> Extraction:
    """Parse each article's prose once and return its sentences and claims, in article order.

    The page text the cleaning stage finds (captions, stamps, share bars...) is blanked before
    parsing, so no claim comes from it; offsets still index the article's own text."""
    nlp = load_spacy()
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    attributions: list[Attribution] = []
    set_aside: list[SetAside] = []
    prose = []
    for article in articles:
        spans = page_text(article.text, article.id, article.title)
        set_aside.extend(spans)
        prose.append(replace(article, text=prose_view(article.text, spans)) if spans else article)
    docs = nlp.pipe((a.text for a in prose), batch_size=batch_size)
    for article, doc in zip(prose, docs):
        found = read_attributions(article, doc)  # from the same parse as the claims
        s, c = claims_from_doc(article, doc, found)
        sentences.extend(s)
        claims.extend(c)
        attributions.extend(found)
    return Extraction(tuple(sentences), tuple(claims), tuple(attributions), tuple(set_aside))


def claims_from_doc(article: Article, doc: Doc, attributions: Sequence[Attribution] = ()
                    ) -> tuple[list[Sentence], list[Claim]]:
    """Sentences and claims of one parsed article.

    A claim with no speaker of its own that lies inside a direct quotation of ``attributions``
    (a quote running over several sentences) takes the quotation's speaker.
    """
    mentions = attr.Mentions()
    finder = attr.SpeakerFinder(mentions)
    ents = tuple(doc.ents)  # once per document: Span.ents walks the whole document each time
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
        sent = _trim(sent)
        if sent is None:
            continue
        headline = _is_headline(sent)
        sentence = Sentence(content_id("snt", article.id, sent.start_char, sent.end_char),
                            article.id, index, sent.start_char, sent.end_char, sent.text, headline)
        sentences.append(sentence)
        attr.remember_people(sent, _within(ents, sent.start_char, sent.end_char), index, mentions)
        for piece, subject in _clauses(sent):
            claim = _claim(article, sentence, piece, subject, finder, index, ents)
            if claim is not None:
                claims.append(_quoted_speaker(claim, attributions))
        claims.extend(_relative_clause_claims(article, sentence, sent, finder, index, ents))
    return sentences, claims


def _quoted_speaker(claim: Claim, attributions: Sequence[Attribution]) -> Claim:
    if claim.speaker is not None:
        return claim
    speaker = quoted_speaker(attributions, claim.start, claim.end)
    return claim if speaker is None else replace(claim, speaker=speaker)


def _within(ents: tuple[Span, ...], start: int, end: int) -> list[Span]:
    return [e for e in ents if start <= e.start_char and e.end_char <= end]


def _trim(span: Span) -> Span | None:
    """The span without leading/trailing whitespace tokens."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end] if end > start else None


def _is_headline(sent: Span) -> bool:
    text = sent.text.strip()
    return not text.endswith(_END_PUNCT) and len(text.split()) <= HEADLINE_MAX_WORDS


def _clauses(sent: Span) -> list[tuple[list[Token], Token]]:
    """Split a sentence at coordinated verbs; each piece comes with its head verb.

    No cut falls inside a direct quotation, and a piece too short to stand alone keeps the
    sentence whole.
    """
    quoted = [(s, e) for s, e, _ in find_quotes(sent.text, sent.start_char)]
    cuts: list[tuple[int, Token]] = []
    for verb in sent:
        if not (verb.dep_ == "conj" and verb.pos_ in ("VERB", "AUX")
                and verb.head.pos_ in ("VERB", "AUX") and verb.i > verb.head.i):
            continue
        left = min(t.i for t in verb.subtree)
        char = sent.doc[left].idx
        if verb.i - left > 12 or any(s <= char < e for s, e in quoted):
            continue
        if not any(c.dep_ in COMPLEMENT_DEPS and c.i < left for c in verb.head.children):
            continue
        cuts.append((left, verb))
    bounds = [sent.start] + [c for c, _ in cuts] + [sent.end]
    heads = [sent.root] + [v for _, v in cuts]
    pieces: list[tuple[list[Token], Token]] = []
    for n, ((lo, hi), head) in enumerate(zip(zip(bounds, bounds[1:]), heads)):
        tokens = _strip_joiners(list(sent.doc[lo:hi]), first=n == 0, last=n == len(heads) - 1)
        if sum(1 for t in tokens if not t.is_punct) < MIN_CLAUSE_TOKENS:
            return [(list(sent), sent.root)]  # a fragment: keep the sentence whole
        pieces.append((tokens, head))
    return pieces


def _strip_joiners(tokens: list[Token], first: bool, last: bool) -> list[Token]:
    """Drop the "and"/"but"/"that"/commas that joined a piece to its neighbours."""
    while not first and tokens and (tokens[0].dep_ in ("cc", "mark") or tokens[0].is_punct
                                    or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_space or (not last and (
            tokens[-1].dep_ == "cc" or (tokens[-1].is_punct and tokens[-1].text in ",;:")))):
        tokens.pop()
    return tokens


def _claim(article: Article, sentence: Sentence, tokens: list[Token], head: Token,
           finder: attr.SpeakerFinder, index: int, doc_ents: tuple[Span, ...],
           prefix: str | None = None) -> Claim | None:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # The article's own string, not ``doc.text``: spaCy rebuilds that from every token on each
    # access, which made this line a quarter of claim extraction.
    text = article.text[start:end]
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens) or is_stamp(text):
        # datelines, bylines, sub-headings ("51AM IST MUMBAI:") and publication stamps
        # ("Updated: November 11, 2011 18:50 IST") state nothing
        return None
    speaker = _speaker(tokens, head, finder, index)
    if speaker is not None and not plausible_speaker(speaker.name):
        speaker = None
    if speaker is not None:
        finder.mentions.speakers.append((index, speaker))
    ents = [e for e in _within(doc_ents, start, end) if e.label_ in ENTITY_LABELS]
    entities = tuple(_entity(e) for e in ents)
    entities += _untagged_people(text, start, entities)
    statement = _statement(tokens, head, finder, index, prefix)
    negated, denied = _negated(tokens, head)
    return Claim(
        id=Claim.make_id(article.id, start, end, text), article_id=article.id,
        sentence_id=sentence.id, text=text, start=start, end=end, statement=statement,
        speaker=speaker, entities=entities,
        quantities=_quantities(text, start, tokens, entities),
        dates=tuple(replace(d, verbs=() if possessive_at(d.start, tokens)
                            else _verbs_at(d.start, tokens),
                            agent=doer_at(d.start, tokens, entities),
                            subject=subject_at(d.start, tokens),
                            event=event_at(d.start, tokens))
                    for d in find_dates(text, start, article.published)),
        places=tuple(e for e in entities if e.label in PLACE_LABELS),
        negated=negated, negated_verb=denied,
        quotes=tuple(quote_key(q) for _, _, q in find_quotes(text)),
        headline=sentence.headline, terms=_terms(tokens),
        verbs=tuple(sorted({t.lemma_.lower() for t in tokens if t.pos_ in ("VERB", "AUX")})))


# A letter O typed (or scanned) for a zero inside a number: "£4O,000", "withdrew £50O". Read as
# a zero, with the same offsets; "£4" and "£50" were false conflicts with "£40,000" and "£500".
_DIGIT_O = re.compile(r"(?<=\d)[Oo](?=[\d,.]\d|[\d,.]?(?![\w]))")


def _quantities(text: str, start: int, tokens: list[Token],
                entities: Sequence[Entity]) -> tuple[Quantity, ...]:
    """The claim's numbers, each with the verbs it belongs to and, for an age, whose it is."""
    found = find_quantities(_DIGIT_O.sub("0", text), start)
    found += [age for age in appositive_ages(text, start)
              if not any(q.start < age.end and age.start < q.end for q in found)]
    return tuple(replace(q, verbs=_verbs_at(q.start, tokens),
                         holder=age_holder(q, tokens, entities) if q.dimension == "age" else "",
                         agent=doer_at(q.start, tokens, entities))
                 for q in sorted(found, key=lambda q: q.start))


# Ranks and titles a sentence splitter cuts a speaker at ("LAPD Sgt." + "Bruce Borihanh said").
_TITLE_END = re.compile(r"\b(?:Sgt|Lt|Capt|Det|Cpl|Cmdr|Insp|Supt|Gov|Sen|Rep|Gen|Col|Maj|"
                        r"Officer|Chief|Deputy|Spokesman|Spokeswoman|Spokesperson)\.?\Z")


def plausible_speaker(name: str) -> bool:
    """A person's or organisation's name, not a dateline ("LOS ANGELES") or a title the
    sentence was cut after ("LAPD Sgt")."""
    words = name.split()
    if len(words) >= 2 and name.isupper():
        return False
    return not _TITLE_END.search(name)


def _untagged_people(text: str, start: int, entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """People named before an age between commas whom the tagger missed, as entities."""
    found = []
    for age in appositive_ages(text, start):
        if any(e.end == age.start - 2 or e.start <= age.start - 2 < e.end for e in entities):
            continue
        name = untagged_name(text[:age.start - start])
        if name is None:
            continue
        at = start + name[0]
        if not any(e.start < at + len(name[1]) and at < e.end for e in entities):
            found.append(Entity(name[1], "PERSON", person_key(name[1]), at, at + len(name[1])))
    return tuple(found)


def _verbs_at(char: int, tokens: list[Token]) -> tuple[str, ...]:
    """The lemmas of the verb governing the token at ``char`` and of the verbs coordinated
    with it ("were found and confiscated"); () when no verb governs it. Participles that only
    describe a noun are passed ("vessels transiting the Gulf on Friday"): where such a phrase
    belongs is a guess the parse often gets wrong."""
    verb = governing_verb(char, tokens)
    if verb is None:
        return ()
    first = verb.head if verb.dep_ == "conj" else verb
    group = [first, *(c for c in first.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    return tuple(sorted({t.lemma_.lower() for t in group}))


def _terms(tokens: list[Token]) -> tuple[str, ...]:
    """Content-word lemmas: what two claims about the same fact tend to share."""
    return tuple(sorted({t.lemma_.lower() for t in tokens if t.pos_ in CONTENT_POS
                         and not t.is_stop and len(t.text) > 1 and t.is_alpha}))


def _entity(ent: Span) -> Entity:
    label = ent.label_
    role = attr.role_of(ent) if label == "PERSON" else None
    text = strip_possessive(ent.text)
    return Entity(text=text, label=label, key=entity_key(text, label), start=ent.start_char,
                  end=ent.start_char + len(text), role=role)


def _speaker(tokens: list[Token], head: Token, finder: attr.SpeakerFinder,
             index: int) -> Speaker | None:
    """The attribution governing the clause, else one embedded in it, else "according to X"."""
    for report in (attr.governing_report(head), attr.embedded_report(tokens)):
        found = attr.speaker_for(report, finder, index) if report is not None else None
        if found is not None:
            return found
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 2 < len(tok.doc) and tok.nbor().lower_ == "to":
            target = next((c for c in tok.nbor().children if c.dep_ == "pobj"), tok.nbor(2))
            return finder.from_token(target, index)
    return None


# Clauses that carry the claim's own content: what is said ("said [that the US would not
# support ...]") or attempted ("refused [to comment]"). Relative and adverbial clauses,
# coordinated clauses and modifiers say something else ("Drummond, [who had pleaded not
# guilty], was jailed"; "the boy, [who cannot be named], ...").
CONTENT_CLAUSES = frozenset({"ccomp", "xcomp"})
# Where a claim's negation may sit besides its verb: the clauses that carry its content, and
# its adjective complements ("pleaded not guilty", "found the couple not guilty"), which the
# parse attaches one way or another.
NEGATABLE = CONTENT_CLAUSES | {"acomp", "oprd"}
NEGATIONS = frozenset({"never", "neither", "nor"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "neither"})  # "Nobody came"


def _negative_subject(token: Token) -> bool:
    """A subject that denies the verb: "nobody", "no one", "neither side", "no charges"."""
    return token.dep_ in attr.SUBJECT_DEPS and (token.lower_ in NEGATIVE_SUBJECTS or any(
        d.dep_ == "det" and d.lower_ in ("no", "neither") for d in token.children))


def _negated(tokens: list[Token], head: Token) -> tuple[bool, str]:
    """(negated, the verb denied): a negation on the claim's verb, the clauses that carry its
    content or its adjective complements: "did not say", "never agreed", "said the US
    wouldn't support", "pleaded not guilty", "it's not about X; it's not about Y" (two
    negations do not cancel out: they are mostly two clauses each denying, rarely a double
    negative). Negations inside a relative or adverbial clause, or on a noun ("no stranger to
    violence"), are left out. The verb is the first one negated, as its lemma; "" for an
    auxiliary ("is not safe") or when not negated."""
    inside = {t.i for t in tokens}
    denied: list[Token] = []
    stack = [head]
    while stack:
        verb = stack.pop()
        if any(c.i in inside and (c.dep_ == "neg" or c.lower_ in NEGATIONS
                                  or _negative_subject(c))
               for c in verb.children):
            denied.append(verb)
        stack.extend(c for c in verb.children if c.dep_ in NEGATABLE and c.i in inside)
    if not denied:
        return False, ""
    return True, denied[0].lemma_.lower() if denied[0].pos_ == "VERB" else ""


def _statement(tokens: list[Token], head: Token, finder: attr.SpeakerFinder, index: int,
               prefix: str | None) -> str:
    """The clause made to stand alone: subject restored, he/his replaced by the person's name."""
    if prefix is None and not any(t.dep_ in attr.SUBJECT_DEPS for t in head.children):
        subject = attr.subject_of(head)
        if subject is not None and subject.i < tokens[0].i:
            prefix = _words(sorted(subject.subtree, key=lambda t: t.i), finder)
    body = _words(tokens, finder)
    return f"{prefix} {body}" if prefix else body


def _words(tokens: list[Token], finder: attr.SpeakerFinder) -> str:
    # A source's own words are never rewritten: "He's being detained," inside quotation marks
    # stays as the source wrote it (a resolved "he" there became "Rudy Lopez's being detained").
    if not tokens:
        return ""
    span = tokens[0].doc[min(t.i for t in tokens):max(t.i for t in tokens) + 1]
    quoted = [(s, e) for s, e, _ in find_quotes(span.text, span.start_char)]
    return "".join((t.text if any(s <= t.idx < e for s, e in quoted) else _resolved(t, finder))
                   + t.whitespace_ for t in tokens).strip()


def _resolved(tok: Token, finder: attr.SpeakerFinder) -> str:
    """A he/she/his token replaced by the name it was resolved to while reading."""
    found = finder.mentions.resolved.get(tok.i)
    if found is None:
        return tok.text
    name = finder.mentions.names.get(found.key, found.name)
    return name + "’s" if tok.lower_ in ("his", "her") and tok.dep_ == "poss" else name


def _relative_clause_claims(article: Article, sentence: Sentence, sent: Span,
                            finder: attr.SpeakerFinder, index: int,
                            doc_ents: tuple[Span, ...]) -> list[Claim]:
    """"Zelenskyy, who was informed of the call, ..." -> "Zelenskyy was informed of the call"."""
    found: list[Claim] = []
    for tok in sent:
        if tok.dep_ != "relcl" or tok.head.ent_type_ != "PERSON":
            continue
        tokens = sorted(tok.subtree, key=lambda t: t.i)
        relative = [t for t in tokens if t.lower_ in ("who", "whom", "which", "that")]
        if not relative or relative[0].dep_ not in attr.SUBJECT_DEPS:
            continue
        tokens = [t for t in tokens if t is not relative[0] and not t.is_punct]
        if len(tokens) < 2:
            continue
        key = finder.mentions.canonical(person_key(tok.head.text))
        name = finder.mentions.names.get(key, tok.head.text)
        claim = _claim(article, sentence, tokens, tok, finder, index, doc_ents, prefix=name)
        if claim is not None:
            found.append(claim)
    return found
