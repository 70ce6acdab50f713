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
# A capitalised word right after a word ending in lower case (so also after another name), a
# digit, a comma or a bracket: mid-sentence, where capitals mark names.
_NAME = re.compile(r"(?<=[a-z0-9,)] )[A-Z][A-Za-z'’\-]*[A-Za-z]")


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


@functools.lru_cache(maxsize=200_000)
def _number_frequency(token: str) -> float:
    # wordfreq estimates numbers from their digit pattern; its lookup is slow, hence the cache.
    from wordfreq import word_frequency

    return word_frequency(token, "en")


@functools.lru_cache(maxsize=500_000)
def rarity(word: str) -> float:
    """-ln(frequency of lower-case ``word`` in English); 0 for function words."""
    freq = _number_frequency(word) if word[0].isdigit() else _frequencies().get(word, 0.0)
    if freq > _FUNCTION_WORD_FREQ:
        return 0.0
    return -math.log(max(freq, _FLOOR_FREQ))


def _counts(text: str) -> tuple[Counter[str], Counter[str]]:
    """Word counts and name counts (capitalised words inside a sentence: a word at the start
    of a sentence or line may be capitalised whatever it is)."""
    words = Counter(_WORD.findall(text.lower().replace("’", "'")))
    names = Counter(_NAME.findall(text.replace("’", "'")))
    return words, Counter({name.lower(): count for name, count in names.items()})


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
