"""Word-level differences between two claims, for renderers to highlight.

A side is a list of ``(word, differs)`` pairs, one per whitespace-separated word of the claim
text (punctuation stays attached to its word, as in ``git diff --word-diff``). Renderers
usually want :func:`runs`, which merges neighbouring words with the same flag so a change of
several words is marked once ("[-Pete Hegseth-]" rather than "[-Pete-] [-Hegseth-]").
"""
from __future__ import annotations


import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from crosscheck.model import Claim, Difference

Marked = list[tuple[str, bool]]

_WORD = re.compile(r"\S+")


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each word of ``text``, in order."""
    return [m.span() for m in _WORD.finditer(text)]


def word_diff(a: str, b: str) -> tuple[Marked, Marked]:
    """Mark the words of ``a`` and ``b`` that the other text lacks (case-insensitively)."""
    marked_a, marked_b, _ = _word_diff(a, b)
    return marked_a, marked_b


def _word_diff(a: str, b: str) -> tuple[Marked, Marked, float]:
    """:func:`word_diff`, and the similarity of the two word lists (``SequenceMatcher.ratio``)
    from the same matching, which :func:`claim_diff` needs too."""
    words_a = _WORD.findall(a)
    words_b = _WORD.findall(b)
    # autojunk would treat frequent words ("the") as junk and mark them as changed in long texts.
    matcher = SequenceMatcher(None, [w.lower() for w in words_a], [w.lower() for w in words_b],
                              autojunk=False)
    flags_a = [True] * len(words_a)
    flags_b = [True] * len(words_b)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            flags_a[i1:i2] = [False] * (i2 - i1)
            flags_b[j1:j2] = [False] * (j2 - j1)
    return list(zip(words_a, flags_a)), list(zip(words_b, flags_b)), matcher.ratio()


def mark_span(claim: Claim, marked: Marked, span: tuple[int, int] | None) -> Marked:
    """Also mark the words of ``claim`` that overlap ``span`` (offsets into the claim's article).

    A conflict's span names exactly the words in dispute, so they are marked even where the
    word diff found them equal (the same surname with a different role, say). A span outside
    the claim (a speaker named in an earlier sentence) marks nothing.
    """
    if span is None:
        return list(marked)
    start, end = span[0] - claim.start, span[1] - claim.start
    spans = word_spans(claim.text)
    if len(spans) != len(marked):
        raise ValueError("marked words do not belong to this claim's text")
    return [(word, differs or (ws < end and we > start))
            for (word, differs), (ws, we) in zip(marked, spans)]


REWORDED = 0.5  # below this word-level similarity a word diff marks nearly everything


def claim_diff(a: Claim, b: Claim, differences: Iterable[Difference] = ()) -> tuple[Marked, Marked]:
    """The word diff of two claims, with each difference's spans marked on its side too.

    When the two sentences are worded apart, a word diff would mark almost every word and hide
    what matters, so only the differing slot values (the spans) are marked.
    """
    differences = list(differences)
    # One matching gives both the marks and the similarity (it was computed twice: the
    # conflict cards' diffs were a fifth of a story page's time).
    marked_a, marked_b, similarity = _word_diff(a.text, b.text)
    reworded = similarity < REWORDED
    if reworded and any(d.a_span or d.b_span for d in differences):
        marked_a = [(w, False) for w, _ in marked_a]
        marked_b = [(w, False) for w, _ in marked_b]
    for difference in differences:
        marked_a = mark_span(a, marked_a, difference.a_span)
        marked_b = mark_span(b, marked_b, difference.b_span)
    return marked_a, marked_b


def runs(marked: Sequence[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Merge neighbouring words with the same flag into one space-joined run."""
    merged: list[tuple[str, bool]] = []
    for word, differs in marked:
        if merged and merged[-1][1] == differs:
            merged[-1] = (f"{merged[-1][0]} {word}", differs)
        else:
            merged.append((word, differs))
    return merged
