"""Features of one claim against one evidence document, for the learned verifier.

Four families, each known to carry signal on stance and consistency data:
- relatedness: IDF-weighted coverage, BM25 and TF-IDF cosine of the claim against the whole
  document and its best sentences; MiniLM cosine against the best sentences;
- novelty (SummEdits-style hallucinations): claim words, names, numbers and dates that the
  document never mentions, also per claim sentence (the worst one decides);
- slot clashes against the best sentences: numbers of one unit that cannot both hold, dates
  that conflict, negation parity, antonyms;
- stance cues: refuting, hedging and confirming words in the document and its best sentences.

Retrieval is hybrid: BM25 picks candidate sentences per claim sentence, MiniLM re-ranks them.
"""
from __future__ import annotations

import math
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.claims.dates import dates_conflict, find_dates
from crosscheck.claims.number_clash import number_clashes
from crosscheck.claims.quantities import find_quantities
from crosscheck.model import DateRef, Quantity
from crosscheck.verify import text as tx
from crosscheck.verify.antonyms import flipped

Encode = Callable[[Sequence[str]], np.ndarray]
# BM25 candidates per claim sentence that MiniLM re-ranks. Embedding is ~80% of the time per
# pair with a new evidence document; 2 candidates (and no separate lead embedding) keep it fast.
CANDIDATES = 2
LEAD = 3  # sentences counted as the document's lead
# A sentence that refers to someone by pronoun ("In a similar vein, he said ...") is read with
# the names of the sentences just before it, where the pronoun's person was named: another
# outlet restating it names the person ("Hegseth said ..."), which is no edit of the sentence.
PRONOUNS = frozenset("he she his him her they their them".split())
CONTEXT = 3


@dataclass(frozen=True, slots=True)
class PreparedText:
    """A claim or a document, split and tokenised once."""

    text: str
    sentences: tuple[tx.Span, ...]
    sentence_terms: tuple[tuple[str, ...], ...]
    # per sentence: the name parts of the sentences before it that a pronoun in it may refer
    # to (empty when it has no pronoun)
    context_names: tuple[frozenset[str], ...]
    terms: tuple[str, ...]
    term_set: frozenset[str]
    name_parts: frozenset[str]
    numbers: frozenset[str]
    date_values: frozenset[str]
    word_count: int
    refute: int
    hedge: int
    confirm: int
    negations: int


def prepare(text: str) -> PreparedText:
    sentences = tx.split_sentences(text) or (tx.Span(0, len(text), text),)
    sentence_terms = tuple(tuple(tx.terms(s.text)) for s in sentences)
    all_terms = tuple(t for s in sentence_terms for t in s)
    tokens = tx.words(text)
    return PreparedText(
        text=text, sentences=sentences, sentence_terms=sentence_terms,
        context_names=_context_names(sentences), terms=all_terms,
        term_set=frozenset(all_terms), name_parts=frozenset(tx.name_parts(tx.names(text))),
        numbers=frozenset(tx.numbers(text)),
        date_values=frozenset(d.value.lower() for d in _dates(text)),
        word_count=len(tokens), refute=tx.cue_count(tokens, tx.REFUTE),
        hedge=tx.cue_count(tokens, tx.HEDGE), confirm=tx.cue_count(tokens, tx.CONFIRM),
        negations=tx.cue_count(tokens, tx.NEGATION))


def _context_names(sentences: Sequence[tx.Span]) -> tuple[frozenset[str], ...]:
    parts = [frozenset(p.replace("’", "'") for p in tx.name_parts(tx.names(s.text)))
             for s in sentences]  # apostrophes as ``tx.words`` writes them
    out = []
    for i, s in enumerate(sentences):
        refers = not PRONOUNS.isdisjoint(tx.words(s.text))
        out.append(frozenset().union(*parts[max(0, i - CONTEXT):i]) - parts[i] if refers
                   else frozenset())
    return tuple(out)


def in_context(doc: PreparedText, index: int) -> set[str]:
    """The terms of sentence ``index`` and of the names its pronouns may refer to."""
    return set(doc.sentence_terms[index]) | {tx.stem(n) for n in doc.context_names[index]}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The document sentences that bear most on the claim, best first."""

    indices: tuple[int, ...]
    scores: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class SlotClash:
    """A slot on which the claim and an evidence sentence cannot both be right."""

    slot: str
    claim_value: str
    evidence_value: str


FEATURES: tuple[str, ...] = (
    "cov_doc", "cov_best", "cov_top_mean", "bm25_best", "bm25_top_mean", "tfidf_doc", "cov_lead",
    "novel_frac", "novel_rare", "novel_common", "worst_sent_cov_doc", "worst_sent_cov_best",
    "claim_words", "log_doc_words", "claim_sents",
    "claim_numbers", "numbers_missing", "number_clash", "number_match",
    "claim_dates", "dates_missing", "date_clash",
    "claim_names", "names_missing", "names_missing_frac", "names_off_best", "numbers_off_best",
    "neg_claim", "neg_best", "neg_mismatch", "antonym_best", "antonym_doc",
    "refute_doc", "refute_best", "hedge_doc", "hedge_best", "confirm_doc", "refute_lead",
    "hedge_lead", "doc_questions",
    "refute_claim", "hedge_claim", "claim_question",
    "emb_best", "emb_top_mean", "emb_worst_sent",
)


def candidate_sentences(claim: PreparedText, doc: PreparedText
                        ) -> tuple[list[int], list[float]]:
    """The document sentences MiniLM re-ranks (BM25's best per claim sentence and overall),
    and every sentence's BM25 score against the whole claim. Computed apart from
    ``featurize`` so a batch of pairs can encode all its candidates in one call first."""
    per_sentence = [_best_for(c_terms, doc) for c_terms in claim.sentence_terms]
    whole = tx.bm25(claim.terms, doc.sentence_terms)
    chosen = {i for cands in per_sentence for i in cands} | set(_top(whole, CANDIDATES))
    return sorted(chosen), whole


def nli_premise(doc: PreparedText, chosen: Sequence[int]) -> str:
    """What the cross-encoder reads the claim against: the candidate sentences in document
    order (BM25's best per claim sentence and overall), so training and verifying agree."""
    return " ".join(doc.sentences[i].text for i in sorted(chosen)) or doc.text[:2000]


def featurize(claim: PreparedText, doc: PreparedText, encode: Encode,
              candidates: tuple[list[int], list[float]] | None = None
              ) -> tuple[np.ndarray, Evidence, tuple[SlotClash, ...]]:
    """The feature row (ordered as ``FEATURES``), the best evidence and the slot clashes.
    ``candidates``: ``candidate_sentences(claim, doc)`` when the caller has it already."""
    chosen, whole = candidates if candidates is not None else candidate_sentences(claim, doc)
    lead = list(range(min(LEAD, len(doc.sentences))))
    vectors = encode([s.text for s in claim.sentences]
                     + [doc.sentences[i].text for i in chosen])
    n_claim = len(claim.sentences)
    claim_vecs, cand_vecs = vectors[:n_claim], vectors[n_claim:]
    cos = claim_vecs @ cand_vecs.T  # claim sentence x candidate
    whole_vec = _unit(claim_vecs.mean(axis=0))
    whole_cos = cand_vecs @ whole_vec
    # Hybrid ranking: lexical BM25 and semantic cosine, equally weighted.
    combined = [whole[i] + float(whole_cos[k]) for k, i in enumerate(chosen)]
    order = sorted(range(len(chosen)), key=lambda k: -combined[k])
    evidence = Evidence(tuple(chosen[k] for k in order[:CANDIDATES]),
                        tuple(round(combined[k], 4) for k in order[:CANDIDATES]))
    best = [in_context(doc, i) for i in evidence.indices]
    best_text = " ".join(doc.sentences[i].text for i in evidence.indices)
    clashes = slot_clashes(claim.text, [doc.sentences[i].text for i in evidence.indices])
    context = frozenset().union(*(doc.context_names[i] for i in evidence.indices))
    row = _lexical(claim, doc, whole, best, lead)
    row += _slots(claim, doc, best, best_text, clashes, context)
    row += _cues(claim, doc, best_text)
    worst_sent = min((float(cos[j].max()) for j in range(n_claim)), default=0.0)
    top_cos = sorted((float(c) for c in whole_cos), reverse=True)[:CANDIDATES]
    row += [max(top_cos, default=0.0), float(np.mean(top_cos)) if top_cos else 0.0, worst_sent]
    return np.asarray(row, dtype=np.float32), evidence, clashes


def _best_for(claim_terms: Sequence[str], doc: PreparedText) -> list[int]:
    return _top(tx.bm25(claim_terms, doc.sentence_terms), CANDIDATES)


def _top(scores: Sequence[float], k: int) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def _lexical(claim: PreparedText, doc: PreparedText, whole: list[float], best: list[set[str]],
             lead: list[int]) -> list[float]:
    best_cov = [tx.weighted_coverage(claim.terms, b) for b in best] or [0.0]
    top_bm25 = sorted(whole, reverse=True)[:CANDIDATES] or [0.0]
    lead_terms = {t for i in lead for t in doc.sentence_terms[i]}
    missing = [t for t in claim.term_set if t not in doc.term_set]
    per_sent_doc = [tx.weighted_coverage(s, doc.term_set) for s in claim.sentence_terms if s]
    per_sent_best = [max(tx.weighted_coverage(s, set(doc.sentence_terms[i]))
                         for i in _best_for(s, doc)) for s in claim.sentence_terms if s]
    return [tx.weighted_coverage(claim.terms, doc.term_set), max(best_cov),
            float(np.mean(best_cov)), top_bm25[0], float(np.mean(top_bm25)),
            tx.tfidf_cosine(claim.terms, doc.terms), tx.weighted_coverage(claim.terms, lead_terms),
            len(missing) / max(1, len(claim.term_set)), sum(1 for t in missing if tx.idf(t) >= 4.5),
            sum(1 for t in missing if tx.idf(t) < 4.5),
            min(per_sent_doc, default=0.0), min(per_sent_best, default=0.0),
            claim.word_count, math.log1p(doc.word_count), len(claim.sentences)]


def _slots(claim: PreparedText, doc: PreparedText, best: list[set[str]], best_text: str,
           clashes: tuple[SlotClash, ...], context: frozenset[str]) -> list[float]:
    best_terms = set().union(*best) if best else set()
    numbers_missing = len(claim.numbers - doc.numbers)
    dates_missing = len(claim.date_values - doc.date_values)
    names_missing = len(claim.name_parts - {tx.stem(w) for w in doc.term_set} - _lower_words(doc))
    neg_best = tx.cue_count(tx.words(best_text), tx.NEGATION)
    claim_set = set(claim.term_set)
    # Names and numbers the document has, but not in the sentences that best match the claim:
    # an entity moved from one fact to another ("entity modification").
    best_words = set(tx.words(best_text)) | context
    names_off = len({n for n in claim.name_parts if n not in best_words} - (
        claim.name_parts - _lower_words(doc)))
    numbers_off = len((claim.numbers & doc.numbers) - tx.numbers(best_text))
    return [len(claim.numbers), numbers_missing, _has(clashes, "number"),
            float(_number_match(claim.text, best_text)),
            len(claim.date_values), dates_missing, _has(clashes, "date"),
            len(claim.name_parts), names_missing, names_missing / max(1, len(claim.name_parts)),
            names_off, numbers_off,
            claim.negations, neg_best, float((claim.negations > 0) != (neg_best > 0)),
            len(flipped(claim_set, best_terms)), len(flipped(claim_set, set(doc.term_set)))]


def _lower_words(doc: PreparedText) -> set[str]:
    return set(tx.words(doc.text))


def _has(clashes: tuple[SlotClash, ...], slot: str) -> float:
    return float(any(c.slot == slot for c in clashes))


def _cues(claim: PreparedText, doc: PreparedText, best_text: str) -> list[float]:
    best_words = tx.words(best_text)
    per100 = 100.0 / max(1, doc.word_count)
    lead_words = tx.words(" ".join(s.text for s in doc.sentences[:LEAD + 2]))
    return [doc.refute * per100, tx.cue_count(best_words, tx.REFUTE),
            doc.hedge * per100, tx.cue_count(best_words, tx.HEDGE), doc.confirm * per100,
            tx.cue_count(lead_words, tx.REFUTE), tx.cue_count(lead_words, tx.HEDGE),
            doc.text.count("?"), claim.refute, claim.hedge, float("?" in claim.text)]


def _number_match(claim_text: str, best_text: str) -> bool:
    qa, qb = _quantities(claim_text), _quantities(best_text)
    return any(_same_unit(a, b) and a.overlaps(b) for a in qa for b in qb)


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return a.dimension == b.dimension and a.unit == b.unit


def slot_clashes(claim_text: str, sentences: Sequence[str]) -> tuple[SlotClash, ...]:
    """Numbers, dates, negation and antonyms on which the claim and its evidence disagree.

    A value counts as contradicted only when no evidence sentence supports it: "90 minutes" vs
    a sentence saying "20 minutes" clashes, unless another best sentence also says 90.
    """
    found: list[SlotClash] = []
    joined = " ".join(sentences)
    number = _number_clash(_quantities(claim_text), _quantities(joined))
    if number:
        found.append(number)
    date = _date_clash(_dates(claim_text), _dates(joined))
    if date:
        found.append(date)
    flips = flipped(_term_set(claim_text), _term_set(joined))
    if flips:
        found.append(SlotClash("polarity", _surface(claim_text, flips[0][0]),
                               _surface(joined, flips[0][1])))
    return tuple(found)


MEASURE_SIMILARITY = 0.35  # MiniLM cosine from which a sentence measures what the claim does


def measuring_sentence(claim: str, doc: PreparedText, encode: Encode
                       ) -> tuple[int, SlotClash | None] | None:
    """The document sentence that measures what the claim measures, and the clash when the
    two values cannot both hold; None when no sentence does.

    For claims whose best sentences hold no such value: "Trump and Putin spoke for 20
    minutes" meets "This call, lasting nearly 90 minutes" though the two share no word but
    "minutes". Counts are left out ("three boats" and "five boats" are often different
    boats); of the sentences giving a measurement of the claim's kind, the one closest in
    meaning decides, and only when it is close enough."""
    measures = [q for q in _quantities(claim) if q.dimension != "count"]
    if not measures:
        return None
    candidates = [i for i, s in enumerate(doc.sentences)
                  if any(_same_unit(q, e) for q in measures for e in _quantities(s.text))]
    if not candidates:
        return None
    vectors = encode([claim] + [doc.sentences[i].text for i in candidates])
    similarity = vectors[1:] @ vectors[0]
    best = int(np.argmax(similarity))
    if similarity[best] < MEASURE_SIMILARITY:
        return None
    index = candidates[best]
    return index, _number_clash(measures, _quantities(doc.sentences[index].text))


# In the pipeline each statement meets many others: the slot readers are pure functions of
# the text, so each text is read once.
@functools.lru_cache(maxsize=8192)
def _quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(find_quantities(text))


@functools.lru_cache(maxsize=8192)
def _dates(text: str) -> tuple[DateRef, ...]:
    return tuple(find_dates(text))


@functools.lru_cache(maxsize=8192)
def _term_set(text: str) -> frozenset[str]:
    return frozenset(tx.terms(text))


def _surface(text: str, term: str) -> str:
    """The word as written ("increased") for a stemmed term ("increas")."""
    return next((w for w in tx.words(text) if tx.stem(w) == term), term)


def _number_clash(claim_q: Sequence[Quantity], ev_q: Sequence[Quantity]) -> SlotClash | None:
    clashes = number_clashes(claim_q, ev_q, each=True)
    if not clashes:
        return None
    qa, qb = clashes[0]
    return SlotClash("number", f"{qa.text} ({qa.display})", f"{qb.text} ({qb.display})")


def _date_clash(claim_d: Sequence[DateRef], ev_d: Sequence[DateRef]) -> SlotClash | None:
    values = {d.value for d in ev_d}
    for da in claim_d:
        if da.value in values:
            continue
        for db in ev_d:
            if dates_conflict(da, db):
                return SlotClash("date", da.text, db.text)
    return None
