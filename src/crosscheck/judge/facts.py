"""Facts of a story compared across its reports, whatever the aligner paired: what the finders
of ``people`` (ages, name spellings) and ``addresses`` (street numbers) found, made verdicts.

A disagreement is shown on the first two claims that show it, once per article pair, slot and
referent: an existing verdict on those two claims is ruled again with the difference added; a
pair never aligned gets an alignment and a verdict of its own.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crosscheck.model import Alignment, Claim, Difference, Verdict


@dataclass(frozen=True, slots=True)
class Found:
    """A disagreement between two claims of two reports (or an update, ``label`` related)."""

    a: Claim
    b: Claim
    difference: Difference
    referent: str  # whose or what: a person's key, two spellings, a street
    label: str = "conflict"
    reason: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """One disagreement per article pair, slot and referent."""
        articles = sorted((self.a.article_id, self.b.article_id))
        return (*articles, self.difference.slot, self.referent)


def claim_texts(claims: Iterable[Claim]) -> dict[str, str]:
    """Article id -> the words of its claims, in order: what a report says, page text left out,
    for asking whether it mentions someone (``names.mentioned``)."""
    parts: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        parts[claim.article_id].append(claim.text)
    return {article_id: " ".join(words) for article_id, words in parts.items()}


def add_found(alignments: Sequence[Alignment], verdicts: Sequence[Verdict],
              found: Sequence[Found]) -> tuple[tuple[Alignment, ...], tuple[Verdict, ...]]:
    """The alignments and verdicts with each found disagreement shown once (see the module)."""
    by_pair = {frozenset((v.claim_a, v.claim_b)): i for i, v in enumerate(verdicts)}
    out = list(verdicts)
    added: list[Alignment] = []
    shown: set[tuple[str, str, str, str]] = set()
    for item in found:
        if item.key in shown:
            continue
        shown.add(item.key)
        pair = frozenset((item.a.id, item.b.id))
        if pair in by_pair:
            out[by_pair[pair]] = with_found(out[by_pair[pair]], item)
            continue
        al = Alignment.create(item.a.id, item.b.id, 0.0, 0.0, (), 0.0)
        added.append(al)
        by_pair[pair] = len(out)
        out.append(with_found(Verdict.create(al, "related", 0.0), item))
    return (*alignments, *added), tuple(out)


def with_found(verdict: Verdict, item: Found) -> Verdict:
    """The verdict with the found difference added (a conflict stays one; a birthday only
    relabels a pair that is not already a conflict)."""
    diff = item.difference
    if verdict.claim_a != item.a.id:  # the verdict's own orientation
        diff = Difference(diff.slot, diff.b, diff.a, diff.b_span, diff.a_span)
    if item.label != "conflict":
        if verdict.label == "conflict":
            return verdict
        return verdict.relabelled("related", (), item.reason)
    if any(d.slot == diff.slot for d in verdict.differences) and verdict.label == "conflict":
        return verdict
    kept = verdict.differences if verdict.label == "conflict" else ()
    differences = (diff, *kept)
    reason = "; ".join(f"{d.slot}: {d.a} vs {d.b}" for d in differences)
    return verdict.relabelled("conflict", differences, reason)


