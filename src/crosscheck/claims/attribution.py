"""Who said it: reporting verbs and nouns, pronoun and description resolution.

Works on one article's spaCy parse. A ``Mentions`` memory, filled sentence by sentence in reading
order, resolves "he"/"his" to the nearest person (preferring grammatical subjects) whose
honorific does not say otherwise ("he" is never "Mrs Begbie", "she" never "Mr Aubrey") and "the
American president" to the nearest person whose role fits; a passive report with no agent
("was described as ...") takes the speaker of the sentences just before it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from crosscheck.claims.names import (entity_key, fold, person_key, same_person, split_title,
                                     strip_possessive)
from crosscheck.model import Speaker

REPORT_VERBS = frozenset("""
say tell state add describe claim announce insist warn note argue post write confirm deny suggest
emphasize emphasise reiterate acknowledge admit assert explain report predict promise vow declare
indicate intimate stress tweet urge accuse portray comment remark reply respond thank call
characterize characterise label dismiss praise criticize criticise welcome concede testify
""".split())
REPORT_NOUNS = frozenset("""
remark comment statement claim word announcement post message tweet speech interview assertion
testimony warning pledge promise denial admission suggestion
""".split())
# Nouns that describe a person by role ("the spokesman said"), resolved to a named person.
ROLE_NOUNS = frozenset("""
president minister secretary spokesman spokeswoman spokesperson leader official envoy chancellor
director chief senator governor mayor general ambassador adviser advisor premier king queen
""".split())
PRONOUNS = frozenset({"he", "she", "him", "his", "her", "hers"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# Honorifics that say whether a person is a man or a woman; most names alone do not.
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                    "dame": "f", "lady": "f"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
AMBIENT_WINDOW = 2  # sentences a passive report looks back for its speaker


@dataclass
class Mention:
    key: str
    name: str
    sentence: int
    subject: bool  # subject (or the possessor of the subject) of its clause
    main: bool = False  # subject of the sentence's main clause


@dataclass
class Mentions:
    """People named so far in the article, in reading order, with the roles they were given."""

    items: list[Mention] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    speakers: list[tuple[int, Speaker]] = field(default_factory=list)
    resolved: dict[int, Mention] = field(default_factory=dict)  # pronoun token index -> person
    genders: dict[str, str] = field(default_factory=dict)  # key -> "m"/"f", from honorifics

    def canonical(self, key: str) -> str:
        """A bare surname ("trump") becomes the full name seen earlier ("donald trump")."""
        if " " in key or key in self.names:
            return key
        full = [k for k in self.names if " " in k and same_person(key, k)]
        return full[0] if len(full) == 1 else key

    def add(self, mention: Mention, role: str | None, gender: str | None = None) -> Mention:
        mention.key = self.canonical(mention.key)
        if gender is not None:
            self.genders.setdefault(mention.key, gender)
        self.items.append(mention)
        if len(mention.name.split()) >= len(self.names.get(mention.key, "").split()):
            self.names[mention.key] = mention.name
        if role and mention.key not in self.roles:
            self.roles[mention.key] = role
        return mention

    def pronoun(self, sentence: int, since: int = 0, objective: bool = False,
                gender: str | None = None) -> Mention | None:
        """The person a he/his/him most likely means, among those whose known gender (from an
        honorific) is ``gender``, or not known.

        In order: for "him", the latest non-subject person earlier in the same sentence; a
        subject earlier in the same sentence; the main-clause subject of the last two sentences;
        any subject there; the latest person named.
        """
        items = [m for m in self.items if self._fits(m, gender)]
        since = sum(1 for m in self.items[:since] if self._fits(m, gender))
        here = items[since:]
        if objective:
            others = [m for m in here if not m.subject]
            if others:
                return others[-1]
        subjects = [m for m in here if m.subject]
        if subjects:
            return subjects[-1]
        recent = [m for m in items[:since] if 1 <= sentence - m.sentence <= 2]
        for wanted in ([m for m in recent if m.main], [m for m in recent if m.subject]):
            if wanted:
                latest = max(m.sentence for m in wanted)
                return [m for m in wanted if m.sentence == latest][0 if wanted[0].main else -1]
        return items[-1] if items else None

    def _fits(self, mention: Mention, gender: str | None) -> bool:
        return gender is None or self.genders.get(mention.key, gender) == gender

    def description(self, noun: str, modifiers: set[str]) -> Mention | None:
        """The latest person whose role contains ``noun`` and no clashing modifier."""
        for mention in reversed(self.items):
            role = self.roles.get(mention.key, "").lower()
            if noun in role.split() and not _clashes(role, modifiers):
                return mention
        return None

    def ambient(self, sentence: int) -> Speaker | None:
        """The speaker of a report in the last few sentences."""
        for where, speaker in reversed(self.speakers):
            if sentence - where <= AMBIENT_WINDOW:
                return speaker
        return None


def _clashes(role: str, modifiers: set[str]) -> bool:
    """"the American president" must not resolve to a "Russian President": a role with
    modifiers of its own clashes with a description modifier it lacks."""
    role_words = set(role.split())
    return len(role_words) > 1 and any(w[:1].isalpha() and w not in role_words for w in modifiers)


def role_of(ent: Span) -> str | None:
    """Title words before a person's name ("U.S. Defense Secretary") or an apposition."""
    doc = ent.doc
    collected = set(range(ent.start, ent.end))
    i = ent.start - 1
    while i >= ent.sent.start:
        tok = doc[i]
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i in collected and tok.pos_ != "DET":
            collected.add(i)
            i -= 1
        else:
            break
    if i + 1 < ent.start:
        return doc[i + 1:ent.start].text.strip()
    for tok in ent.root.children:
        if tok.dep_ == "appos" and tok.i > ent.end - 1:
            words = []
            for t in tok.subtree:  # up to a comma or quotation mark: "the captain, “and ...”"
                if t.is_quote or t.text == ",":
                    break
                if t.dep_ != "det" and not t.is_punct:
                    words.append(t)
            return doc[words[0].i:words[-1].i + 1].text if words else None
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject (the agent of a passive), climbing through shared-subject conjuncts."""
    seen = 0
    while seen < 6:
        for child in verb.children:
            if child.dep_ == "agent":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


class SpeakerFinder:
    """Turns subject tokens into ``Speaker`` records, resolving pronouns and descriptions."""

    def __init__(self, mentions: Mentions) -> None:
        self.mentions = mentions

    def from_token(self, tok: Token, sentence: int) -> Speaker | None:
        if tok.lemma_.lower() in REPORT_NOUNS:  # "His remarks suggested": the possessor speaks
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            return self.from_token(owner, sentence) if owner is not None else None
        low = tok.text.lower()
        if low in PRONOUNS:
            found = self.mentions.resolved.get(tok.i) or self.mentions.pronoun(
                sentence, gender=PRONOUN_GENDER[low])
            return self._person(found, tok, mention=tok.text) if found else None
        ent = _entity_at(tok)
        known = self.mentions.canonical(person_key(ent.text if ent is not None else tok.text))
        if (ent is not None and ent.label_ == "PERSON") or (
                tok.pos_ == "PROPN" and known in self.mentions.names):
            key = known
            ent_text = ent.text if ent is not None else tok.text
            start = ent.start_char if ent is not None else tok.idx
            name, title = split_title(self.mentions.names.get(key, ent_text))
            return Speaker(name=name, key=key,
                           role=(role_of(ent) if ent is not None else None)
                           or self.mentions.roles.get(key) or title,
                           start=start, end=start + len(ent_text))
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP"):
            return Speaker(name=ent.text, key=entity_key(ent.text, ent.label_),
                           kind="organization", start=ent.start_char, end=ent.end_char)
        if tok.lemma_.lower() in ROLE_NOUNS:
            modifiers = {c.text.lower() for c in tok.children if c.dep_ in ("amod", "compound")}
            found = self.mentions.description(tok.lemma_.lower(), modifiers)
            phrase = tok.doc[min(t.i for t in tok.subtree):tok.i + 1].text
            if found:
                return self._person(found, tok, mention=phrase)
            return _unnamed(tok, phrase)
        if tok.pos_ == "NOUN":  # "officials said", "analysts said"
            return _unnamed(tok, tok.doc[min(t.i for t in tok.subtree):tok.i + 1].text)
        return None

    def _person(self, found: Mention, tok: Token, mention: str) -> Speaker:
        return Speaker(name=self.mentions.names.get(found.key, found.name), key=found.key,
                       role=self.mentions.roles.get(found.key), mention=mention,
                       start=tok.idx, end=tok.idx + len(tok.text))


def _unnamed(tok: Token, phrase: str) -> Speaker:
    """An unnamed source ("a Russian leader"): kept as said, never matched to a named person."""
    return Speaker(name=phrase, key=fold(phrase), kind="other", mention=phrase, start=tok.idx,
                   end=tok.idx + len(tok.text))


def _entity_at(tok: Token) -> Span | None:
    """The named entity covering ``tok`` or the compound/flat name it heads."""
    if tok.ent_type_:
        doc, start, end = tok.doc, tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":  # walk to the entity's first token
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return Span(doc, start, end, label=tok.ent_type_)
    for child in tok.children:
        if child.dep_ in ("compound", "conj") and child.ent_type_ == "PERSON":
            return _entity_at(child)
    return None


def governing_report(head: Token) -> Token | None:
    """The reporting verb or noun above ``head`` in the parse (or ``head`` itself)."""
    tok: Token | None = head
    while tok is not None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in REPORT_VERBS:
            return tok
        if tok.pos_ == "NOUN" and lemma in REPORT_NOUNS:
            return tok
        if tok.head is tok or tok.dep_ == "ROOT":
            return None
        tok = tok.head
    return None


def embedded_report(tokens: list[Token]) -> Token | None:
    """A report inside a clause ("follows Austin's remark that ..."): the first in the clause."""
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in REPORT_NOUNS and any(c.dep_ == "poss" for c in tok.children):
            return tok
        if tok.pos_ == "VERB" and lemma in REPORT_VERBS and subject_of(tok) is not None:
            return tok
    return None


def speaker_for(report: Token, finder: SpeakerFinder, sentence: int) -> Speaker | None:
    """Who makes the report: its subject, its possessor, or (passive, no agent) the last speaker."""
    if report.pos_ == "NOUN":
        owner = next((c for c in report.children if c.dep_ == "poss"), None)
        return finder.from_token(owner, sentence) if owner is not None else None
    if is_passive(report) and _hearsay(report):
        return None
    subject = subject_of(report)
    if subject is not None and subject.dep_ not in ("nsubjpass",):
        found = finder.from_token(subject, sentence)
        if found is not None:
            return found
    if is_passive(report) or subject is None:
        return finder.mentions.ambient(sentence)
    return None


def _hearsay(report: Token) -> bool:
    """A passive report raising its subject into a "to" clause ("he is claimed to have been
    given", "she was said to be"): unnamed people say it about the subject, so the speaker of
    the sentences before is not who says it (unlike "was described as “unrealistic”")."""
    return any(c.dep_ == "xcomp" and any(t.tag_ == "TO" for t in c.children)
               for c in report.children)


def remember_people(sent: Span, sent_ents: list[Span], index: int, mentions: Mentions) -> None:
    """Record the people named and the pronouns resolved in this sentence, in reading order."""
    ents = {e.start: e for e in sent_ents if e.label_ == "PERSON"}
    since = len(mentions.items)
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        if i in ents:
            ent = ents[i]
            name = strip_possessive(ent.text)
            mentions.add(Mention(person_key(name), name, index, subject_like(ent.root),
                                 main_subject(ent.root)), role_of(ent), _gender(ent))
            i = ent.end
            continue
        if tok.lower_ in PRONOUNS:
            found = mentions.pronoun(index, since, objective=tok.lower_ == "him",
                                     gender=PRONOUN_GENDER[tok.lower_])
            if found is not None:
                mentions.resolved[tok.i] = found
                mentions.add(Mention(found.key, found.name, index, subject_like(tok),
                                     main_subject(tok)), None)
        i += 1


def _gender(ent: Span) -> str | None:
    """"m" or "f" when an honorific in or just before the name says so ("Mrs Begbie")."""
    first = ent.start - 1 if ent.start > ent.sent.start else ent.start
    for tok in ent.doc[first:ent.end]:
        gender = HONORIFIC_GENDER.get(tok.lower_.rstrip("."))
        if gender is not None:
            return gender
    return None


def subject_like(tok: Token) -> bool:
    """A subject, or the possessor of one ("His remarks suggested ...")."""
    if tok.dep_ in ("poss", "compound") and tok.head.dep_ in SUBJECT_DEPS:
        return True
    return tok.dep_ in SUBJECT_DEPS


def main_subject(tok: Token) -> bool:
    if tok.dep_ in ("poss", "compound"):
        tok = tok.head
    verb = tok.head
    return tok.dep_ in SUBJECT_DEPS and (verb.dep_ == "ROOT" or (
        verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))
