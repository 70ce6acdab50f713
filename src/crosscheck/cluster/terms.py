"""What an article is about, as a sparse weighted term vector for story clustering.

Words are weighted by how rare they are in English at large (``wordfreq``), not by counts in
the corpus seen so far: the weights are the same for the first article as for the millionth,
so clustering needs no corpus statistics in its state and a resumed run weighs words exactly
as an uninterrupted one. Names get their own dimensions (``@name``) because two reports of one
event share the people and places, while two similar events (two quakes, two heists) mostly
share only the vocabulary.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter

from crosscheck.model import Article

Vector = dict[str, float]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:[.,]\d+)*")
_FUNCTION_WORD_FREQ = 1e-3  # "the", "of", "said"... carry no topic
_FLOOR_FREQ = 1e-8  # words wordfreq has never seen count as this rare
_BREAKS = ".!?:;\"“”\n"


@functools.lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """-ln(frequency of ``word`` in English); 0 for function words."""
    from wordfreq import word_frequency

    freq = word_frequency(word, "en")
    if freq > _FUNCTION_WORD_FREQ:
        return 0.0
    return -math.log(max(freq, _FLOOR_FREQ))


def _counts(text: str) -> tuple[Counter[str], Counter[str]]:
    """Word counts and name counts (capitalised words that do not start a sentence)."""
    words: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        token = match.group()
        lower = token.lower().replace("’", "'")
        words[lower] += 1
        if token[0].isupper() and not _starts_sentence(text, match.start()):
            names[lower] += 1
    return words, names


def _starts_sentence(text: str, start: int) -> bool:
    # Any word may be capitalised at the start of a sentence or line; only later ones are names.
    before = text[max(0, start - 4):start]
    stripped = before.rstrip(" \t")
    return not stripped or stripped[-1] in _BREAKS


def _weighted(counts: Counter[str], limit: int) -> Vector:
    weights = {t: (1.0 + math.log(c)) * rarity(t) for t, c in counts.items()}
    top = sorted(((w, t) for t, w in weights.items() if w > 0), reverse=True)[:limit]
    norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
    return {t: w / norm for w, t in top}


def article_vector(article: Article, name_weight: float, title_repeat: int = 2,
                   limit: int = 150) -> Vector:
    """Unit vector of the article's words and names; the title counts ``title_repeat`` times."""
    text = "\n".join([article.title or ""] * title_repeat + [article.text])
    words, names = _counts(text)
    word_part = _weighted(words, limit)
    name_part = _weighted(names, limit // 3)
    scale_words, scale_names = math.sqrt(1.0 - name_weight), math.sqrt(name_weight)
    if not name_part:  # no names: the words carry the whole vector
        scale_words, scale_names = 1.0, 0.0
    vector = {t: w * scale_words for t, w in word_part.items()}
    vector.update({"@" + t: w * scale_names for t, w in name_part.items()})
    return vector
