"""The report as (GitHub-flavoured) Markdown.

In a conflict, A's differing words are struck through (``~~old~~``) and B's are bold
(``**new**``). Article text is untrusted: every character that Markdown would read as
formatting is backslash-escaped, so a claim can neither restyle the page nor inject HTML.
"""
from __future__ import annotations

import re

from crosscheck.model import Article, Claim, Report
from crosscheck.report.build import (ConflictGroup, Corroboration, ReportView, agreement_note,
                                     set_aside_note)
from crosscheck.report.diff import Marked, claim_diff, runs, word_diff
from crosscheck.report.wording import shown

# ``~`` is escaped too: "~~" in an article would otherwise strike text through.
_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")
_HEADING_MARK = re.compile(r"^(\s*)#", re.MULTILINE)
_COUNTS = ("articles", "claims", "corroborated", "contradicted", "unique", "conflicts",
           "rejected")


def md_escape(text: str, *, table: bool = False) -> str:
    """Escape ``text`` so it renders literally; ``table`` also escapes the cell separator ``|``."""
    escaped = _HEADING_MARK.sub(r"\1\\#", _SPECIAL.sub(r"\\\1", text))
    return escaped.replace("|", "\\|") if table else escaped


def _inline(text: str) -> str:
    """Escaped text on one line: a line break inside a list item or quote would end it."""
    return md_escape(" ".join(text.split()))


def render_markdown(report: Report) -> str:
    view = ReportView(report)
    blocks = ["# Crosscheck report", _counts_table(view), _sources(view), _conflicts(view),
              _misquotes(view), _corroborated(view), *_unique(view), _rejected(view)]
    return "\n\n".join(block for block in blocks if block) + "\n"


def _table(header: list[str], rows: list[list[str]], align: str = "---") -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join([align] * len(header)) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _counts_table(view: ReportView) -> str:
    counts = view.counts()
    return _table([name.capitalize() for name in _COUNTS],
                  [[str(counts[name]) for name in _COUNTS]], align="---:")


def _sources(view: ReportView) -> str:
    rows = [_source_row(article) for article in view.report.articles]
    notes = [f"- {md_escape(article.label)}: {note}" for article in view.report.articles
             for note in [set_aside_note(view.report, article)] if note]
    table = "## Sources\n\n" + _table(["Source", "Title", "Published"], rows)
    return table + ("\n\n" + "\n".join(notes) if notes else "")


def _source_row(article: Article) -> list[str]:
    cells = [article.label, article.title or "", article.published or ""]
    return [md_escape(" ".join(cell.split()), table=True) for cell in cells]


def _conflicts(view: ReportView) -> str:
    conflicts = view.conflict_groups()
    if not conflicts:
        return "## Conflicts\n\nNo conflicts found."
    return "## Conflicts\n\n" + "\n\n".join(_conflict(view, g) for g in conflicts)


def _conflict(view: ReportView, group: ConflictGroup) -> str:
    verdict = group.verdict
    a, b = view.claims[verdict.claim_a], view.claims[verdict.claim_b]
    first = verdict.differences[0] if verdict.differences else None
    title = (f"{first.slot.capitalize()} conflict: {_inline(first.a)} vs {_inline(first.b)}"
             if first else "Conflict")
    parts = [f"### {title}"]
    if verdict.reason:
        parts.append(_inline(verdict.reason))
    parts += [f"Also differs on {d.slot}: {_inline(d.a)} vs {_inline(d.b)}"
              for d in verdict.differences[1:]]
    marked_a, marked_b = claim_diff(a, b, verdict.differences)
    parts.append(f"> **A** ({_inline(group.label_a)}) says: {_marked(marked_a, '~~')}\n>\n"
                 f"> **B** ({_inline(group.label_b)}) says: {_marked(marked_b, '**')}")
    return "\n\n".join(parts)


def _misquotes(view: ReportView) -> str:
    """Same quotation, different wording: a word diff of the two quotations, not a conflict."""
    found = view.misquotes()
    if not found:
        return ""
    parts = ["## Misquotes"]
    for item in found:
        marked_a, marked_b = word_diff(item.quote_a, item.quote_b)
        parts.append(f"> **A** ({_inline(view.source(item.a))}) quotes: {_marked(marked_a, '~~')}"
                     f"\n>\n> **B** ({_inline(view.source(item.b))}) quotes: "
                     f"{_marked(marked_b, '**')}")
    return "\n\n".join(parts)


def _marked(marked: Marked, fence: str) -> str:
    """The claim's words, each run of differing words wrapped in ``fence`` on both sides."""
    return " ".join(f"{fence}{md_escape(run)}{fence}" if differs else md_escape(run)
                    for run, differs in runs(marked))


def _corroborated(view: ReportView) -> str:
    groups = view.corroborated()
    if not groups:
        return "## Corroborated\n\nNo claim is reported by more than one source."
    return "## Corroborated\n\n" + "\n".join(_corroboration(view, group) for group in groups)


def _corroboration(view: ReportView, group: Corroboration) -> str:
    lines = [f"- {_inline(shown(group.claim))} (*{_inline(view.source(group.claim))}*; "
             f"{group.note})"]
    lines += [f"  - also reported by *{_inline(view.source(claim))}* ({_inline(agreement_note(verdict))}): "
              f"{_inline(shown(claim))}" for claim, verdict in group.support]
    return "\n".join(lines)


def _unique(view: ReportView) -> list[str]:
    return [_unique_section(view.articles[article_id], claims)
            for article_id, claims in view.unique().items() if claims]


def _unique_section(article: Article, claims: list[Claim]) -> str:
    items = "\n".join(f"- {_inline(shown(claim))}" for claim in claims)
    return f"## Unique to {_inline(article.label)}\n\n{items}"


def _rejected(view: ReportView) -> str:
    if not view.report.rejected:
        return ""
    items = "\n".join(f"- {_inline(item.location)}: {_inline(item.reason)}"
                      for item in view.report.rejected)
    return f"## Rejected inputs\n\n{items}"
