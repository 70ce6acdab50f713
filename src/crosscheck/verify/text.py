"""Cheap text primitives for verification: sentences with offsets, terms, IDF, BM25, cues.

Everything here is regular expressions and table look-ups (no parser), because the verifier
must handle tens of claim/evidence pairs a second on two cores; spaCy runs only to explain a
contradiction (see ``reasons.py``).
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from wordfreq import zipf_frequency

from crosscheck.nlp.sentences import Span, split_sentences  # noqa: F401 (``tx.Span`` etc.)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+(?:\s+(?:of\s+|de\s+|al-)?[A-Z][a-zA-Z'’-]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being am do
does did has have had having it its it's this that these those there here he she they we you i
me him her them us our your their his my mine what which who whom whose when where why how not
no nor so than too very can could will would shall should may might must just also about into
over under after before again further then once all any both each few more most other some such
only own same s t don now said says say according new one two up out
""".split())

# Words that deny or debunk (FNC "disagree") and words that keep a distance (FNC "discuss").
REFUTE = frozenset("""fake fraud hoax false deny denies denied denying not despite nope doubt
doubts bogus debunk debunks debunked debunking refute refutes refuted untrue incorrect misleading
baseless rumor rumour rumors rumours prank fabricated satire satirical never no isn't wasn't
didn't doesn't don't aren't weren't hasn't haven't""".split())
HEDGE = frozenset("""reportedly allegedly alleged claim claims claimed claiming purportedly
apparently rumored rumoured suggest suggests suggested may might could possibly unconfirmed
unverified believed appears appear report reports reported says according sources source
speculation speculate""".split())
CONFIRM = frozenset("""confirmed confirms confirm official officially announced verified
statement indeed revealed shows showed""".split())
NEGATION = frozenset("""not no never n't nobody nothing none neither nor without cannot isn't
wasn't aren't weren't don't doesn't didn't won't wouldn't can't couldn't shouldn't hasn't haven't
hadn't""".split())


@functools.lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Lower-case words; cached, as the same sentence is read for every claim it meets."""
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(text))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match "denies"/"denied"/"deny", "rise"/"rising"."""
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl, min_len in (("ies", "y", 5), ("ied", "y", 5), ("ing", "", 6),
                                  ("ed", "", 5), ("es", "", 5), ("s", "", 4)):
        if word.endswith(suffix) and len(word) >= min_len and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + repl
            break
    # A final silent e goes too, so "close"/"closed"/"closing" share "clos".
    if len(word) >= 4 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Stemmed content words, in order (stop words dropped)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


@functools.lru_cache(maxsize=200_000)
def idf(term: str) -> float:
    """Rarity from English word frequencies (no corpus statistics to store or to drift)."""
    if term[0].isdigit():
        return 6.0  # numbers are specific: a shared number is strong evidence
    return min(8.0, max(0.5, 8.0 - zipf_frequency(term, "en")))


def weighted_coverage(claim_terms: Iterable[str], other: set[str] | frozenset[str]) -> float:
    """Share of the claim's IDF mass found in ``other``."""
    unique = set(claim_terms)
    total = sum(idf(t) for t in unique)
    return sum(idf(t) for t in unique if t in other) / total if total else 0.0


def bm25(claim_terms: Sequence[str], sentence_terms: Sequence[Sequence[str]],
         k1: float = 1.2, b: float = 0.75) -> list[float]:
    """BM25 of the claim against each sentence, divided by the claim's IDF mass (so 0..~1)."""
    if not sentence_terms:
        return []
    avg = sum(len(s) for s in sentence_terms) / len(sentence_terms) or 1.0
    query = set(claim_terms)
    norm = sum(idf(t) for t in query) or 1.0
    scores = []
    for sent in sentence_terms:
        tf = Counter(sent)
        denom_base = k1 * (1 - b + b * len(sent) / avg)
        s = sum(idf(t) * tf[t] * (k1 + 1) / (tf[t] + denom_base) for t in query if t in tf)
        scores.append(s / (norm * (k1 + 1)))
    return scores


def tfidf_cosine(a: Sequence[str], b: Sequence[str]) -> float:
    ca, cb = Counter(a), Counter(b)
    dot = sum(ca[t] * cb[t] * idf(t) ** 2 for t in ca if t in cb)
    na = math.sqrt(sum((c * idf(t)) ** 2 for t, c in ca.items()))
    nb = math.sqrt(sum((c * idf(t)) ** 2 for t, c in cb.items()))
    return dot / (na * nb) if na and nb else 0.0


def names(text: str) -> set[str]:
    """Capitalised word runs not at a sentence start, lower-cased: a cheap stand-in for NER."""
    found = set()
    for m in _NAME.finditer(text):
        if m.start() == 0 or text[max(0, m.start() - 2):m.start()].strip() in (".", "!", "?", "\""):
            if len(m.group().split()) == 1:
                continue  # a lone capitalised first word is usually just a sentence start
        found.add(m.group().lower())
    return found


def name_parts(found: set[str]) -> set[str]:
    return {part for n in found for part in n.split() if part not in STOPWORDS}


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def cue_count(tokens: Iterable[str], vocabulary: frozenset[str]) -> int:
    return sum(1 for t in tokens if t in vocabulary)
