"""Meaning-preserving rewrites of a document sentence: the positives of the synthetic pairs.

Another outlet restating a fact rarely repeats its words: it swaps a word for a synonym,
contracts "would not", drops a trailing clause, or wraps the fact in an attribution. Positives
that were the document's own sentence taught the trees that any word missing from the best
evidence sentence is an edit, so a faithful restatement came out "contradicted". Each rewrite
here keeps the meaning and costs some word overlap.

Synonyms come from WordNet (``crosscheck.nlp.wordnet``): only lower-case nouns, adjectives
and adverbs in their base form (no inflection to rebuild), only when that part of speech is
the word's commonest, and only a synonym whose own commonest sense is that same synset ("goal"
becomes "end" nowhere, since "end" mostly means something else) and that is a common word
itself (``wordfreq``: no "hebdomad" for "week").
"""
from __future__ import annotations

import random
import re

from wordfreq import zipf_frequency

from crosscheck.nlp.wordnet import WordNet
from crosscheck.verify import text as tx

_CONTRACTIONS = {"is not": "isn't", "are not": "aren't", "was not": "wasn't",
                 "were not": "weren't", "do not": "don't", "does not": "doesn't",
                 "did not": "didn't", "has not": "hasn't", "have not": "haven't",
                 "had not": "hadn't", "would not": "wouldn't", "could not": "couldn't",
                 "should not": "shouldn't", "will not": "won't", "cannot": "can't"}
_EXPANSIONS = {short: long for long, short in _CONTRACTIONS.items()}
_CONTRACTED = re.compile(r"\b(" + "|".join(map(re.escape, _CONTRACTIONS)) + "|"
                         + "|".join(map(re.escape, _EXPANSIONS)) + r")\b")
_ATTRIBUTIONS = ("According to the report, ", "Reports say that ", "It was reported that ")
_SWAPPABLE_POS = ("n", "a", "r")  # verbs are left alone: their inflection would need rebuilding
# A synonym must be about as common as the word it replaces (Zipf scale: log10 per billion).
MIN_ZIPF = 3.0
MAX_ZIPF_DROP = 1.0
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")


def synonym(word: str, wordnet: WordNet) -> str | None:
    """A one-word synonym of ``word`` in its commonest sense, or None."""
    if word in tx.STOPWORDS or word in tx.NEGATION:
        return None
    by_pos = {pos: wordnet.synsets(word, pos) for pos in ("n", "v", "a", "r")}
    pos = max(by_pos, key=lambda p: (len(by_pos[p]), -"nvar".index(p)))
    if pos not in _SWAPPABLE_POS or wordnet.base_forms(word, pos)[:1] != [word]:
        return None
    first = by_pos[pos][0]
    floor = max(MIN_ZIPF, zipf_frequency(word, "en") - MAX_ZIPF_DROP)
    options = sorted(w for w in first.words
                     if w.isalpha() and w.islower() and w != word
                     and tx.stem(w) != tx.stem(word) and zipf_frequency(w, "en") >= floor
                     and [s.key for s in wordnet.synsets(w, pos)[:1]] == [first.key])
    return options[0] if options else None


def swap_synonyms(sentence: str, wordnet: WordNet, rng: random.Random, count: int = 1) -> str:
    found = [(m.start(), m.end(), s) for m in _LOWER_WORD.finditer(sentence)
             if (s := synonym(m.group(), wordnet)) is not None]
    for start, end, replacement in sorted(rng.sample(found, min(count, len(found))),
                                          reverse=True):
        sentence = sentence[:start] + replacement + sentence[end:]
    return sentence


def toggle_contraction(sentence: str) -> str:
    """"would not" -> "wouldn't" and back (the first one found)."""
    m = _CONTRACTED.search(sentence.replace("’", "'"))
    if m is None:
        return sentence
    word = m.group()
    other = _CONTRACTIONS.get(word) or _EXPANSIONS[word]
    return sentence[: m.start()] + other + sentence[m.end():]


def drop_trailing_clause(sentence: str) -> str:
    parts = sentence.rsplit(", ", 1)
    if len(parts) == 2 and len(parts[0].split()) >= 8:
        return parts[0].rstrip(",;") + "."
    return sentence


def attribute(sentence: str, rng: random.Random) -> str:
    """The fact as a report of it ("According to the report, the ..."); only when the first
    word is a common word, so no name loses its capital."""
    first = sentence.split(" ", 1)[0]
    if first.lower() not in tx.STOPWORDS:
        return sentence
    return rng.choice(_ATTRIBUTIONS) + sentence[0].lower() + sentence[1:]


# "he" as the subject of a report or a state, not any "he" ("the doctor said he talked to me")
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|He|She)(?= (?:said|says|told|added|noted|stated"
                              r"|argued|claimed|insisted|warned|explained|was|is|has|had"
                              r"|would|will)\b)")


def name_the_pronoun(sentence: str, person: str) -> str | None:
    """"In a similar vein, he said ..." -> "In a similar vein, Hegseth said ...": the first
    "he"/"she" that says or is something replaced by the person's last name, as another
    outlet quoting the sentence alone would write it; None when there is no such pronoun."""
    m = _SUBJECT_PRONOUN.search(sentence)
    if m is None:
        return None
    return sentence[:m.start()] + person.split()[-1] + sentence[m.end():]


def rewrite(sentence: str, wordnet: WordNet, rng: random.Random) -> str:
    """One to three of the rewrites, drawn with ``rng``; the sentence itself when none applies."""
    out = swap_synonyms(sentence, wordnet, rng, count=rng.choice((1, 1, 2)))
    if rng.random() < 0.5:
        out = toggle_contraction(out)
    if rng.random() < 0.3:
        out = drop_trailing_clause(out)
    if rng.random() < 0.25:
        out = attribute(out, rng)
    return out
