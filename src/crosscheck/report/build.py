"""Assemble a ``Report`` and answer the questions renderers ask of it."""
from __future__ import annotations

from collections import Counter, defaultdict
from urllib.parse import urlsplit
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crosscheck.claims.quotes import find_quotes, quote_key
from crosscheck.judge.groups import conflict_groups
from crosscheck.judge.judge import MISQUOTE
from crosscheck.judge.slots import misquote
from crosscheck.model import (Alignment, Article, Claim, Quote, Rejected, Report, SetAside,
                              Status, Verdict)


def outlet(article: Article) -> str:
    """Who published the article, for telling independent sources apart: its source (a host
    or publisher name, "www." and case aside), else its URL's host, else the article itself."""
    name = article.source or urlsplit(article.url or "").hostname or ""
    name = name.strip().lower()
    return name.removeprefix("www.") or article.id


def claim_statuses(claims: Sequence[Claim], verdicts: Sequence[Verdict],
                   articles: Sequence[Article] = ()) -> dict[str, Status]:
    """contradicted if any source conflicts with it, else corroborated if an independent source
    agrees (another outlet: a second report of the same outlet is no corroboration), else
    unique. Without ``articles`` every article counts as its own outlet."""
    status: dict[str, Status] = {c.id: "unique" for c in claims}
    outlets = {a.id: outlet(a) for a in articles}
    article_of = {c.id: c.article_id for c in claims}

    def outlet_of(cid: str) -> str:
        return outlets.get(article_of[cid], article_of[cid])

    for verdict in verdicts:
        for cid in (verdict.claim_a, verdict.claim_b):
            if verdict.label == "conflict":
                status[cid] = "contradicted"
            elif (verdict.label == "agree" and status[cid] == "unique"
                  and outlet_of(verdict.claim_a) != outlet_of(verdict.claim_b)):
                status[cid] = "corroborated"
    return status


def build_report(articles: Sequence[Article], claims: Sequence[Claim],
                 alignments: Sequence[Alignment], verdicts: Sequence[Verdict],
                 rejected: Sequence[Rejected] = (), quotes: Sequence[Quote] = (),
                 set_aside: Sequence[SetAside] = ()) -> Report:
    return Report(tuple(articles), tuple(claims), tuple(alignments), tuple(verdicts),
                  tuple(rejected), claim_statuses(claims, verdicts, articles), tuple(quotes),
                  tuple(set_aside))


@dataclass(frozen=True, slots=True)
class Misquote:
    """Two claims quoting the same words differently, with each side's quotation as printed."""

    a: Claim
    b: Claim
    verdict: Verdict
    quote_a: str
    quote_b: str


def _reworded_quotes(a: Claim, b: Claim) -> tuple[str, str]:
    """The quotations of ``a`` and ``b`` (as printed) that the judge found to be one, reworded."""
    pair = misquote(a, b)
    if pair is None:
        raise ValueError(f"claims {a.id} and {b.id} share no reworded quotation")
    printed_a = {quote_key(q): q for _, _, q in find_quotes(a.text)}
    printed_b = {quote_key(q): q for _, _, q in find_quotes(b.text)}
    return printed_a.get(pair[0], pair[0]), printed_b.get(pair[1], pair[1])


@dataclass(frozen=True, slots=True)
class ConflictGroup:
    """One conflict as a reader sees it: its strongest verdict, with the sources of each side
    (the verdict's own first). Several sources giving one side the same values ("six AK-47
    rifles" in two reports, "14" in a third) are one conflict, not one per pair."""

    verdict: Verdict
    sources_a: tuple[str, ...]
    sources_b: tuple[str, ...]

    @property
    def label_a(self) -> str:
        return sources_label(self.sources_a)

    @property
    def label_b(self) -> str:
        return sources_label(self.sources_b)


def sources_label(sources: tuple[str, ...]) -> str:
    """"ndtv.com", or "ndtv.com; the same in pardaphash.com" for a side several sources give."""
    first, rest = sources[0], sources[1:]
    return f"{first}; the same in {', '.join(rest)}" if rest else first


def group_conflicts(verdicts: Sequence[Verdict], source: Callable[[str], str],
                    limit: int | None = None) -> list[ConflictGroup]:
    """Conflicting verdicts as groups, strongest first, one per claim and differing values
    (``judge.groups.conflict_groups``), each side named by its sources. ``source`` gives a
    claim id's source label; at most ``limit`` groups."""
    return [ConflictGroup(g.verdict, _sources(g.claims_a, source), _sources(g.claims_b, source))
            for g in conflict_groups(verdicts, limit)]


def _sources(claim_ids: Sequence[str], source: Callable[[str], str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(source(cid) for cid in claim_ids))


@dataclass(frozen=True, slots=True)
class Corroboration:
    """A claim and the claims of other sources that agree with it; ``independent`` counts the
    other outlets among them, ``same_outlet`` the supporting reports of the claim's own."""

    claim: Claim
    support: tuple[tuple[Claim, Verdict], ...]
    independent: int = 0
    same_outlet: int = 0

    @property
    def note(self) -> str:
        """"corroborated by 2 independent sources (and 1 more report of the same outlet)"."""
        sources = "source" if self.independent == 1 else "sources"
        text = f"corroborated by {self.independent} independent {sources}"
        if self.same_outlet:
            reports = "report" if self.same_outlet == 1 else "reports"
            text += f" (and {self.same_outlet} more {reports} of the same outlet)"
        return text


def set_aside_note(report: Report, article: Article) -> str:
    """"4 lines set aside as page text (caption 3, share 1)", or "" when none was."""
    kinds = Counter(s.kind for s in report.set_aside if s.article_id == article.id)
    if not kinds:
        return ""
    total = sum(kinds.values())
    parts = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items(), key=lambda k: (-k[1], k[0])))
    return f"{total} {'line' if total == 1 else 'lines'} set aside as page text ({parts})"


def agreement_note(verdict: Verdict) -> str:
    """Why two claims agree, in words a reader can check: the shared date or number, "same
    statement", "same facts" or the verifier's reason. Not the alignment score: a bare "1.18"
    means nothing to a reader (the JSON report keeps it)."""
    return verdict.reason or "same facts"


class ReportView:
    """Read-only lookups over a report, shared by all renderers."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.claims = {c.id: c for c in report.claims}
        self.articles = {a.id: a for a in report.articles}
        self.alignments = {a.id: a for a in report.alignments}

    def article(self, claim: Claim) -> Article:
        return self.articles[claim.article_id]

    def source(self, claim: Claim) -> str:
        return self.article(claim).label

    def conflicts(self) -> list[Verdict]:
        found = [v for v in self.report.verdicts if v.label == "conflict"]
        return sorted(found, key=lambda v: -v.score)

    def conflict_groups(self) -> list[ConflictGroup]:
        """The conflicts, strongest first, each listed once (``group_conflicts``)."""
        return group_conflicts(self.conflicts(), lambda cid: self.source(self.claims[cid]))

    def corroborated(self) -> list[Corroboration]:
        """Claims with agreeing claims elsewhere, grouped on the earliest claim of each group."""
        support: dict[str, list[tuple[Claim, Verdict]]] = defaultdict(list)
        order = {c.id: i for i, c in enumerate(self.report.claims)}
        covered: set[str] = set()
        for verdict in sorted((v for v in self.report.verdicts if v.label == "agree"),
                              key=lambda v: (order[v.claim_a], -v.score)):
            if verdict.claim_b in covered and verdict.claim_a in covered:
                continue
            support[verdict.claim_a].append((self.claims[verdict.claim_b], verdict))
            covered.update((verdict.claim_a, verdict.claim_b))
        anchors = [cid for cid in support if not any(
            cid == c.id for other in support if other != cid for c, _ in support[other])]
        return [self._corroboration(self.claims[cid], tuple(support[cid]))
                for cid in sorted(anchors, key=order.__getitem__)
                if self.report.statuses.get(cid) != "unique"]

    def _corroboration(self, claim: Claim, support: tuple[tuple[Claim, Verdict], ...]
                       ) -> Corroboration:
        own = outlet(self.article(claim))
        outlets = [outlet(self.article(c)) for c, _ in support]
        return Corroboration(claim, support, len({o for o in outlets if o != own}),
                             sum(1 for o in outlets if o == own))

    def unique(self) -> dict[str, list[Claim]]:
        """Article id -> its claims no other source corroborates or contradicts."""
        found: dict[str, list[Claim]] = {a.id: [] for a in self.report.articles}
        for claim in self.report.claims:
            if self.report.statuses.get(claim.id) == "unique":
                found[claim.article_id].append(claim)
        return found

    def related(self) -> list[Verdict]:
        return [v for v in self.report.verdicts if v.label == "related"]

    def misquotes(self) -> list[Misquote]:
        """The same quotation worded differently by two sources (never a contradiction)."""
        found = []
        for verdict in self.related():
            if verdict.reason.startswith(MISQUOTE + ":"):
                a, b = self.claims[verdict.claim_a], self.claims[verdict.claim_b]
                found.append(Misquote(a, b, verdict, *_reworded_quotes(a, b)))
        return found

    def counts(self) -> dict[str, int]:
        statuses = list(self.report.statuses.values())
        return {"articles": len(self.report.articles), "claims": len(self.report.claims),
                "corroborated": statuses.count("corroborated"),
                "contradicted": statuses.count("contradicted"), "unique": statuses.count("unique"),
                "conflicts": len(self.conflict_groups()), "rejected": len(self.report.rejected)}
