"""A speaker conflict that rests on our reading of "he" or "she" is withdrawn when the report of
that pronoun also names the other report's speaker.

"'We know how to win elections,' she added" against "'We know how to win elections,' Ms.
Pelosi said": the claims stage gives "she" to the last woman named before it, which was
somebody else, while the report was about Pelosi all along. Which person a pronoun stands for
is our guess, not the report's words; when the report names both people, the guess is what
disagrees. A report that never names the other person stays a conflict: the seed's "His" stands
for Pete Hegseth in a report that never mentions Lloyd Austin, to whom the other report gives
the remark.

Like ``counts``, this looks beyond a pair: at all the claims of the pronoun's article.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from crosscheck.claims.attribution import HONORIFIC_GENDER, PRONOUN_GENDER
from crosscheck.claims.names import surname_mentioned
from crosscheck.judge.facts import claim_texts
from crosscheck.model import Claim, Speaker, Verdict

REASON = "who said it: {mention} in one report may be {name}, whom that report also names"


def reconcile_speakers(verdicts: Sequence[Verdict],
                       claims: Mapping[str, Claim]) -> tuple[Verdict, ...]:
    """The verdicts, with speaker conflicts that rest on a pronoun the report could mean for
    the other speaker withdrawn."""
    articles = claim_texts(claims.values())
    return tuple(_reconciled(v, claims, articles) for v in verdicts)


def _reconciled(verdict: Verdict, claims: Mapping[str, Claim],
                articles: Mapping[str, str]) -> Verdict:
    if verdict.label != "conflict" or not any(d.slot == "speaker" for d in verdict.differences):
        return verdict
    a, b = claims[verdict.claim_a], claims[verdict.claim_b]
    doubt = _doubt(a, b, articles) or _doubt(b, a, articles)
    if doubt is None:
        return verdict
    kept = tuple(d for d in verdict.differences if d.slot != "speaker")
    if kept:
        reason = "; ".join(f"{d.slot}: {d.a} vs {d.b}" for d in kept)
        return verdict.relabelled("conflict", kept, reason)
    return verdict.relabelled("related", (), doubt)


def _doubt(inferred: Claim, named: Claim, articles: Mapping[str, str]) -> str | None:
    """Why ``inferred``'s speaker may be ``named``'s: ``inferred`` has it from a pronoun or a
    description ("he", "the president") and its article names ``named``'s speaker."""
    mine, theirs = inferred.speaker, named.speaker
    if mine is None or theirs is None or mine.mention is None or not _named(theirs):
        return None
    pronoun = PRONOUN_GENDER.get(mine.mention.lower())
    if pronoun is not None and _gender(theirs) not in (None, pronoun):
        return None  # "he" cannot be Ms Coughlan
    if not surname_mentioned(theirs.name, articles.get(inferred.article_id, "")):
        return None
    return REASON.format(mention=f"“{mine.mention}”", name=theirs.name)


def _named(speaker: Speaker) -> bool:
    return speaker.mention is None and speaker.kind == "person"


def _gender(speaker: Speaker) -> str | None:
    """"m" or "f" when an honorific in the speaker's role or name says so ("Ms", "Mr")."""
    words = f"{speaker.role or ''} {speaker.name}".lower().replace(".", " ").split()
    return next((HONORIFIC_GENDER[w] for w in words if w in HONORIFIC_GENDER), None)
