"""Attribution cues in one parsed sentence: who (source), the cue words, and what (content).

Reads spaCy's dependency parse. A cue is a reporting, cognition or evidence verb ("said",
"told", "believes", "showed"), a report noun with a clause ("the claim that ..."), or "according
to". The source is the cue's subject phrase (the agent of a passive, the object of "according
to"); the content is the cue's clausal complement (``ccomp``/``xcomp``, with its object), or, for
"according to" and a parenthetical "..., he said", the clause the cue hangs on. Offsets are
``Token.idx`` character offsets into the article, so spans are fragments of the article text.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from crosscheck.claims.attribution import REPORT_NOUNS, REPORT_VERBS, is_passive, subject_of
from crosscheck.claims.cue_lexicon import CueLexicon

Spans = tuple[tuple[int, int], ...]

# Verbs that attribute a statement, a belief or a finding to someone, beyond REPORT_VERBS.
CUE_VERBS = REPORT_VERBS | frozenset("""
ask answer think believe hope want expect fear doubt worry wonder guess assume
show reveal conclude estimate calculate prove demonstrate
seem appear recall cite mention point boast complain lament joke quip muse
agree disagree propose recommend demand request order plead beg pledge threaten
endorse oppose reject defend attack blame slam blast mock question challenge
hint imply signal acknowledge realize realise learn recognize recognise
contend maintain allege speculate theorize forecast caution
refuse decline decide plan intend swear offer inform notify
confirm assure reassure remind convince persuade encourage advise instruct
""".split())
# Complements that carry what was said.
CLAUSE_DEPS = ("ccomp", "xcomp")
OBJECT_DEPS = ("dobj", "oprd")
REASON_PREPS = frozenset({"of", "for", "as"})
NOUN_CUES = REPORT_NOUNS | frozenset("""
belief view opinion argument report finding conclusion estimate prediction call demand request
hope fear concern question accusation allegation criticism charge suggestion insistence
""".split())
# "X seems/appears to be Y": the content is X with Y, and nobody is its source.
RAISING_VERBS = frozenset({"seem", "appear"})
# A noun's content in a prepositional phrase ("criticism of the plan", "support for Cruz").
NOUN_PREPS = frozenset({"of", "for", "about", "on", "against", "over", "to", "with"})
# Relations whose cue lemma counts when hand listed; the others need a learned accept.
LISTED_RELATIONS = frozenset({"ccomp", "xcomp", "dobj", "obj", "paren", "none", "acl"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
ASIDE_DEPS = frozenset({"relcl", "advcl", "acl", "appos"})
_EDGE_PUNCT = frozenset({",", ";", ":", "—", "–", "-", "--"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One attribution found in a sentence, before quotations are joined to it."""

    cue: Spans
    content: Spans
    source: Token | None  # the head of the source phrase ("spokesman" in "a Kremlin spokesman")
    source_span: Spans
    kind: str  # "verb", "noun", "according"
    key: str = ""  # "lemma|relation", see ``cue_lexicon``
    features: tuple[str, ...] = ()  # what the learned model weighs, ``cue_features``


def token_span(tokens: Iterable[Token]) -> tuple[int, int]:
    """(start, end) character offsets covering ``tokens``."""
    tokens = list(tokens)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def trimmed(tokens: list[Token]) -> list[Token]:
    """The tokens without the commas, dashes and blanks at their edges.

    Works on tokens, not on ``doc.text``: spaCy rebuilds that string on every access.
    """
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_space or tokens[start].text in _EDGE_PUNCT):
        start += 1
    while end > start and (tokens[end - 1].is_space or tokens[end - 1].text in _EDGE_PUNCT):
        end -= 1
    return tokens[start:end]


def subtree_spans(root: Token, without: Iterable[Token] = ()) -> Spans:
    """Fragments of ``root``'s subtree, leaving out the tokens of ``without`` (a cut-out clause)
    and a trailing aside set off by a comma (", which ...", ", as ...", ", often by ...")."""
    removed = {t.i for t in without}
    tokens = sorted((t for t in root.subtree if t.i not in removed), key=lambda t: t.i)
    tokens = tokens[:_aside_start(root, tokens)]
    fragments: list[list[Token]] = []
    for tok in tokens:
        if fragments and tok.i == fragments[-1][-1].i + 1:
            fragments[-1].append(tok)
        else:
            fragments.append([tok])
    kept = (trimmed(f) for f in fragments if any(not t.is_punct for t in f))
    return tuple(token_span(f) for f in kept if f)


def _aside_start(root: Token, tokens: list[Token]) -> int:
    """Where a comma-led non-restrictive modifier that runs to the end of ``tokens`` begins.

    Attribution corpora (PolNeAR) end the content before such asides: they describe, they are
    not what was said.
    """
    if not tokens:
        return 0
    last = tokens[-1].i
    for n, tok in enumerate(tokens[1:], start=1):
        if tok.text != "," or n + 1 >= len(tokens):
            continue
        nxt = tokens[n + 1]
        head = nxt
        while head.head.i != head.i and head.head.i != root.i and head.head.left_edge.i == nxt.i:
            head = head.head
        if (head.dep_ in ASIDE_DEPS and head.i != root.i and head.left_edge.i == nxt.i
                and head.right_edge.i >= last - 1):
            return n
    return len(tokens)


def _cue_span(verb: Token) -> Spans:
    """The verb with its particle ("pointed out") as one or two fragments."""
    parts = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return tuple(sorted((t.idx, t.idx + len(t.text)) for t in parts))


def _source(verb: Token) -> tuple[Token | None, Spans]:
    subject = subject_of(verb)
    if subject is None or subject.dep_ == "nsubjpass":
        return None, ()
    if subject.dep_ == "csubj":
        return None, ()
    words = trimmed(list(subject.subtree))
    return subject, ((token_span(words),) if words else ())


def _verb_content(verb: Token) -> tuple[Spans, str]:
    """The complement clause, with a leading object ("urged Congress to act"), and its relation.
    """
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:  # a participle xcomp beside a ccomp ("said, adding ...") is another report
        return tuple(s for r in clauses for s in subtree_spans(r)), "ccomp"
    clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS
               or (clauses and c.dep_ in ("dobj", "dative") and c.i < clauses[0].i)]
    if objects:  # "accused Obama of lying", "praised her for ...": the reason goes with it
        objects += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in REASON_PREPS
                    and c.i > objects[0].i]
    relation = "xcomp" if clauses else ("dobj" if objects else "")
    if objects or clauses:
        return _joined(objects + clauses), relation
    return _prep_content(verb)


def _prep_content(head: Token) -> tuple[Spans, str]:
    """"talked about the wall", "called for a ban": the object of the first preposition."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.i > head.i:
            target = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if target is not None:
                return subtree_spans(target), f"prep:{prep.lower_}"
            return (), ""
    return (), ""


def _with_subject(verb: Token, content: Spans) -> Spans:
    """"His plan seems doomed", "Nabisco is expected to cut jobs": the subject is content too."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("it", "there") or subject.i > verb.i:
        return content
    return tuple(sorted(set(subtree_spans(subject)) | set(content)))


def _joined(roots: list[Token]) -> Spans:
    """One span from the first to the last subtree of ``roots`` ("called him a liar")."""
    spans = [s for r in roots for s in subtree_spans(r)]
    if not spans:
        return ()
    return ((min(s for s, _ in spans), max(e for _, e in spans)),)


def _parenthetical(verb: Token) -> Spans:
    """"The plan is dead, he said": the cue hangs on the clause it reports (parataxis)."""
    if verb.dep_ != "parataxis" or verb.head.i == verb.i:
        return ()
    return subtree_spans(verb.head, without=verb.subtree)


def verb_cue(verb: Token, lexicon: CueLexicon) -> Cue | None:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    content, relation = _verb_content(verb)
    if not content:
        content = _parenthetical(verb)
        relation = "paren" if content else "none"
    source, source_span = _source(verb)
    if relation in ("xcomp", "dobj") and (lemma in RAISING_VERBS or is_passive(verb)):
        content = _with_subject(verb, content)  # what seems or is expected is said of it
        source, source_span = None, ()
    if is_passive(verb):
        relation += ":pass"
    key = f"{lemma}|{relation}"
    features = cue_features(verb, key, source, content)
    if not lexicon.allows(features):
        return None
    return Cue(_cue_span(verb), content, source, source_span, "verb", key, features)


def noun_cue(noun: Token, lexicon: CueLexicon) -> Cue | None:
    """"Trump's claim that the vote was rigged", "criticism of the plan": a report noun with a
    clause or a prepositional object of its own."""
    if noun.pos_ != "NOUN":
        return None
    lemma = noun.lemma_.lower()
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and
               any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") for g in c.children)]
    if clauses:
        content, relation = tuple(s for c in clauses for s in subtree_spans(c)), "acl"
    else:
        content, relation = _prep_content(noun)
        if relation.removeprefix("prep:") not in NOUN_PREPS:
            return None
    key = f"n:{lemma}|{relation}"
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    features = cue_features(noun, key, owner, content)
    if not content or not lexicon.allows(features):
        return None
    source_span = (token_span(owner.subtree),) if owner is not None else ()
    return Cue(((noun.idx, noun.idx + len(noun.text)),), content, owner, source_span, "noun", key,
               features)


def cue_features(tok: Token, key: str, source: Token | None, content: Spans) -> tuple[str, ...]:
    """What tells a real attribution from a look-alike: the key, whether the hand lists know it,
    the cue's form and place in the parse, who its source is and how long its content is."""
    lemma, relation = key.split("|", 1)
    size = sum(e - s for s, e in content)
    length = "long" if size > 80 else "mid" if size > 25 else "short" if size else "empty"
    who = "none" if source is None else (source.ent_type_ or source.pos_)
    return (f"key={key}", f"lemma={lemma}", f"rel={relation}", f"listed={listed(key)}",
            f"tag={tok.tag_}", f"dep={tok.dep_}", f"src={who}", f"len={length}",
            f"rel+src={relation}+{who}", f"rel+dep={relation}+{tok.dep_}", f"rel+len={relation}+{length}")


def listed(key: str) -> bool:
    """Whether the hand lists make ``key`` ("lemma|relation") a cue."""
    word, relation = key.split("|", 1)
    relation = relation.removesuffix(":pass")
    if word.startswith("n:"):
        return word[2:] in NOUN_CUES and relation == "acl"
    return word in CUE_VERBS and relation in LISTED_RELATIONS


def according_cue(tok: Token) -> Cue | None:
    """"..., according to the report, ...": the source is the object, the content the clause."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
        to = tok.nbor()
    if to is None:
        return None
    target = next((c for c in to.children if c.dep_ == "pobj"), None)
    if target is None:
        return None
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and clause.head.i != clause.i:
        clause = clause.head
    content = subtree_spans(clause, without=tok.subtree) if clause.i != tok.i else ()
    cue = ((tok.idx, to.idx + len(to.text)),)
    return Cue(cue, content, target, (token_span(target.subtree),), "according",
               "according|according", ("key=according|according", "listed=True"))


def cue_candidates(doc: Doc, lexicon: CueLexicon) -> list[int]:
    """Indexes of the tokens whose lemma could be a cue, read from one array of the whole doc.

    Building a ``Token`` per word costs more than all the rest of the stage, so only these are.
    An open lexicon (training) takes every verb and noun.
    """
    if lexicon.open:
        return [t.i for t in doc if t.pos_ in ("VERB", "AUX", "NOUN") or t.lower_ == "according"]
    wanted = np.array(sorted(_cue_lemma_ids(doc.vocab.strings, lexicon)), dtype=np.uint64)
    lemmas = doc.to_array([LEMMA]).astype(np.uint64).reshape(-1)
    return [int(i) for i in np.flatnonzero(np.isin(lemmas, wanted))]


def _cue_lemma_ids(strings: StringStore, lexicon: CueLexicon) -> set[int]:
    words = CUE_VERBS | NOUN_CUES | lexicon.lemmas | {"accord"}
    return {strings.add(w) for word in words for w in (word, word.capitalize())}


def sentence_cues(sent: Span, candidates: Sequence[int], lexicon: CueLexicon) -> list[Cue]:
    """Every cue of a sentence, in reading order; ``candidates`` from ``cue_candidates``."""
    found: list[Cue] = []
    doc = sent.doc
    for i in candidates[bisect_left(candidates, sent.start):bisect_left(candidates, sent.end)]:
        tok = doc[i]
        cue = verb_cue(tok, lexicon) or noun_cue(tok, lexicon) or according_cue(tok)
        if cue is not None:
            found.append(cue)
    return found
