"""The report as JSON: the stable, versioned machine-readable format ``crosscheck.report/1``.

Shape (keys appear in this order; lists keep the report's order)::

    {"format": "crosscheck.report/1",
     "counts": {"articles", "claims", "corroborated", "contradicted", "unique", "conflicts",
                "rejected"},                                   # integers
     "articles": [{"id", "title", "source", "published", "url", "author", "origin"}],
     "claims": [{"id", "article", "text", "start", "end", "statement", "status",
                 "speaker": {"name", "key", "role", "kind", "mention"} | null,
                 "entities": [{"text", "label", "key", "role", "start", "end"}],
                 "numbers": [{"text", "low", "high", "unit", "dimension", "approx", "display",
                              "start", "end"}],
                 "dates": [{"text", "kind", "value", "start", "end"}],
                 "places": [place keys], "negated", "quotes": [strings], "headline"}],
     "verdicts": [{"id", "label", "claim_a", "claim_b", "score", "similarity",
                   "entity_overlap", "shared_quotes", "shared_slots", "reason",
                   "differences": [{"slot", "a", "b", "a_span", "b_span"}]}],
     "conflicts": [verdict ids of the conflicts, strongest first],
     "misquotes": [{"verdict", "claim_a", "claim_b", "quote_a", "quote_b",
                    "diff_a": [[words, differs]], "diff_b": [[words, differs]]}],
     "corroborated": [{"claim": claim id, "support": [ids of the agreeing claims],
                       "independent": other outlets among them, "same_outlet": reports of
                       the claim's own outlet among them}],
     "unique": {article id: [claim ids]},
     "rejected": [{"location", "reason"}],
     "quotes": [{"id", "article", "text", "start", "end", "speaker": {...} | null}],
     "set_aside": [{"article", "start", "end", "kind"}]}

Notes:

* ``counts.conflicts`` is the number of conflicts as reports list them (sources that give one
  side the same values count once: ``judge.groups``); ``conflicts`` lists every conflicting
  pair's verdict.
* ``start``/``end`` are character (code point) offsets into the article's ``text``; a span
  (``a_span``/``b_span``) is ``[start, end]`` in the article of claim A or B, or ``null``.
* ``status`` is ``"corroborated"``, ``"contradicted"`` or ``"unique"``; a verdict's ``label``
  is ``"agree"``, ``"conflict"`` or ``"related"``.
* JSON has no infinity: ``"high": null`` means the number is open-ended ("more than 60").
  Any other non-finite float is written as ``null`` too.
* a misquote is one quotation worded differently by two sources (a ``related`` verdict, never
  a contradiction); ``diff_a``/``diff_b`` are its two wordings as runs of words, ``differs``
  true where the other wording lacks them.
* ``shared_slots`` lists rare dates or compatible measurements both claims give
  (``"date: Wednesday / Wednesday"``), which alone can make two claims agree.
* ``similarity``, ``entity_overlap``, ``shared_quotes`` and ``shared_slots`` come from the
  verdict's alignment;
  they are ``null``/``[]`` if the report lacks that alignment.

The output is deterministic: the same report always gives the same bytes.
"""
from __future__ import annotations

import json
import math
from typing import Any

from crosscheck.model import (Article, Claim, DateRef, Difference, Entity, Quantity, Report,
                              Speaker, Verdict)
from crosscheck.report.build import Misquote, ReportView
from crosscheck.report.diff import runs, word_diff

FORMAT = "crosscheck.report/1"


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready values, in the shape documented above."""
    view = ReportView(report)
    return {
        "format": FORMAT,
        "counts": view.counts(),
        "articles": [_article(article) for article in report.articles],
        "claims": [_claim(claim, report.statuses.get(claim.id, "unique"))
                   for claim in report.claims],
        "verdicts": [_verdict(view, verdict) for verdict in report.verdicts],
        "conflicts": [verdict.id for verdict in view.conflicts()],
        "misquotes": [_misquote(item) for item in view.misquotes()],
        "corroborated": [{"claim": group.claim.id, "support": [c.id for c, _ in group.support],
                          "independent": group.independent, "same_outlet": group.same_outlet}
                         for group in view.corroborated()],
        "unique": {aid: [c.id for c in claims] for aid, claims in view.unique().items()},
        "rejected": [{"location": r.location, "reason": r.reason} for r in report.rejected],
        "quotes": [{"id": q.id, "article": q.article_id, "text": q.text, "start": q.start,
                    "end": q.end, "speaker": _speaker(q.speaker)} for q in report.quotes],
        "set_aside": [{"article": s.article_id, "start": s.start, "end": s.end, "kind": s.kind}
                      for s in report.set_aside],
    }


def _misquote(item: Misquote) -> dict[str, Any]:
    marked_a, marked_b = word_diff(item.quote_a, item.quote_b)
    return {"verdict": item.verdict.id, "claim_a": item.a.id, "claim_b": item.b.id,
            "quote_a": item.quote_a, "quote_b": item.quote_b,
            "diff_a": [list(run) for run in runs(marked_a)],
            "diff_b": [list(run) for run in runs(marked_b)]}


def render_json(report: Report) -> str:
    # allow_nan=False: a stray infinity must fail loudly here, not produce invalid JSON.
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False, sort_keys=False,
                      allow_nan=False) + "\n"


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _article(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "source": article.source,
            "published": article.published, "url": article.url, "author": article.author,
            "origin": article.origin}


def _claim(claim: Claim, status: str) -> dict[str, Any]:
    return {"id": claim.id, "article": claim.article_id, "text": claim.text,
            "start": claim.start, "end": claim.end, "statement": claim.statement,
            "status": status, "speaker": _speaker(claim.speaker),
            "entities": [_entity(e) for e in claim.entities],
            "numbers": [_number(q) for q in claim.quantities],
            "dates": [_date(d) for d in claim.dates],
            "places": [place.key for place in claim.places], "negated": claim.negated,
            "quotes": list(claim.quotes), "headline": claim.headline}


def _speaker(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {"name": speaker.name, "key": speaker.key, "role": speaker.role,
            "kind": speaker.kind, "mention": speaker.mention}


def _entity(entity: Entity) -> dict[str, Any]:
    return {"text": entity.text, "label": entity.label, "key": entity.key,
            "role": entity.role, "start": entity.start, "end": entity.end}


def _number(quantity: Quantity) -> dict[str, Any]:
    return {"text": quantity.text, "low": _finite(quantity.low), "high": _finite(quantity.high),
            "unit": quantity.unit, "dimension": quantity.dimension, "approx": quantity.approx,
            "display": quantity.display, "start": quantity.start, "end": quantity.end}


def _date(date: DateRef) -> dict[str, Any]:
    return {"text": date.text, "kind": date.kind, "value": date.value, "start": date.start,
            "end": date.end}


def _verdict(view: ReportView, verdict: Verdict) -> dict[str, Any]:
    alignment = view.alignments.get(verdict.alignment_id)
    return {"id": verdict.id, "label": verdict.label, "claim_a": verdict.claim_a,
            "claim_b": verdict.claim_b, "score": _finite(verdict.score),
            "similarity": _finite(alignment.similarity) if alignment else None,
            "entity_overlap": _finite(alignment.entity_overlap) if alignment else None,
            "shared_quotes": list(alignment.shared_quotes) if alignment else [],
            "shared_slots": list(alignment.shared_slots) if alignment else [],
            "reason": verdict.reason,
            "differences": [_difference(d) for d in verdict.differences]}


def _difference(difference: Difference) -> dict[str, Any]:
    return {"slot": difference.slot, "a": difference.a, "b": difference.b,
            "a_span": list(difference.a_span) if difference.a_span else None,
            "b_span": list(difference.b_span) if difference.b_span else None}
