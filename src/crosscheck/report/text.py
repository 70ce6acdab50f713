"""The report as terminal text, drawn with ``rich``.

In colour mode A's differing words are bold red and B's bold green. In plain mode there are
no escape codes at all; differing words are wrapped like ``git diff --word-diff`` does:
``[-A's words-]`` and ``{+B's words+}``. Article text is always added as ``rich.text.Text``,
never as console markup, so brackets in an article cannot restyle the report.
"""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crosscheck.model import Article, Claim, Report
from crosscheck.report.build import (ConflictGroup, Corroboration, ReportView, agreement_note,
                                     set_aside_note)
from crosscheck.report.diff import Marked, claim_diff, runs, word_diff
from crosscheck.report.wording import shown

_STYLE_A = "bold red"
_STYLE_B = "bold green"


def render_text(report: Report, width: int | None = None, color: bool = False) -> str:
    """Render ``report`` as text ``width`` columns wide (None: the terminal's width, else 80)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, markup=False,
                      emoji=False, legacy_windows=False)
    view = ReportView(report)
    _header(console, view)
    _conflicts(console, view, color)
    _misquotes(console, view, color)
    _corroborated(console, view)
    _unique(console, view)
    _rejected(console, view)
    output = buffer.getvalue()
    # Table cells pad lines to the column width; trailing blanks are noise in files and diffs.
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _header(console: Console, view: ReportView) -> None:
    counts = view.counts()
    console.print(Text(
        f"crosscheck report: {_count(counts['articles'], 'article')}, "
        f"{_count(counts['claims'], 'claim')}: "
        f"{counts['corroborated']} corroborated, {counts['contradicted']} contradicted"
        # the contradicted claims make fewer conflicts: "Conflicts (2)" below lists those
        + (f" ({_count(counts['conflicts'], 'conflict')})" if counts["conflicts"] else "")
        + f", {counts['unique']} unique", style="bold"))
    console.print(Text("Sources:"))
    for article in view.report.articles:
        _item(console, "  • ", Text(_describe(article)))
        note = set_aside_note(view.report, article)
        if note:
            _item(console, "    ", Text(note, style="dim"))


def _describe(article: Article) -> str:
    """The article as "Reuters: Title (2025-02-12)"; a title that is the label is not repeated."""
    text = article.label
    if article.title and article.title != article.label:
        text += f": {article.title}"
    return text + (f" ({article.published})" if article.published else "")


def _heading(console: Console, title: str) -> None:
    # The rule under the title keeps sections apart in plain text, where styles do not show.
    console.print()
    console.print(Text(title, style="bold"))
    console.print(Text("─" * len(title), style="dim"))


def _item(console: Console, prefix: str, body: Text) -> None:
    """One line with a hanging indent: wrapped lines of ``body`` start under its first word."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(prefix), body)
    console.print(grid)


def _conflicts(console: Console, view: ReportView, color: bool) -> None:
    conflicts = view.conflict_groups()
    _heading(console, f"Conflicts ({len(conflicts)})")
    if not conflicts:
        console.print(Text("No conflicts found."))
    for index, group in enumerate(conflicts):
        if index:
            console.print()
        _conflict(console, view, group, color)


def _conflict(console: Console, view: ReportView, group: ConflictGroup, color: bool) -> None:
    verdict = group.verdict
    a, b = view.claims[verdict.claim_a], view.claims[verdict.claim_b]
    first = verdict.differences[0] if verdict.differences else None
    slot = (first.slot if first else "claim").upper()
    reason = verdict.reason or (f"{first.a} vs {first.b}" if first else "the claims disagree")
    console.print(Text.assemble((slot, "bold yellow"), "  ", reason))
    for extra in verdict.differences[1:]:
        console.print(Text.assemble("  also ", (extra.slot.upper(), "bold yellow"),
                                    f": {extra.a} vs {extra.b}"))
    marked_a, marked_b = claim_diff(a, b, verdict.differences)
    _item(console, f"  A ({group.label_a}): ", _quoted(_diff_text(marked_a, "a", color)))
    _item(console, f"  B ({group.label_b}): ", _quoted(_diff_text(marked_b, "b", color)))


def _misquotes(console: Console, view: ReportView, color: bool) -> None:
    """Same quotation, different wording: shown as a word diff, not as a conflict."""
    found = view.misquotes()
    if not found:
        return
    _heading(console, f"Misquotes ({len(found)})")
    for index, item in enumerate(found):
        if index:
            console.print()
        speaker = item.a.speaker or item.b.speaker
        who = f" attributed to {speaker.name}" if speaker is not None else ""
        console.print(Text.assemble(("MISQUOTE", "bold yellow"), f"  the same quotation{who}, "
                                    "worded differently"))
        marked_a, marked_b = word_diff(item.quote_a, item.quote_b)
        _item(console, f"  A ({view.source(item.a)}): ", _quoted(_diff_text(marked_a, "a", color)))
        _item(console, f"  B ({view.source(item.b)}): ", _quoted(_diff_text(marked_b, "b", color)))


def _diff_text(marked: Marked, side: str, color: bool) -> Text:
    """The claim's words, with each run of differing words styled or wrapped in markers."""
    text = Text()
    for index, (run, differs) in enumerate(runs(marked)):
        if index:
            text.append(" ")
        if not differs:
            text.append(run)
        elif color:
            text.append(run, style=_STYLE_A if side == "a" else _STYLE_B)
        else:
            text.append(f"[-{run}-]" if side == "a" else f"{{+{run}+}}")
    return text


def _quoted(body: Text) -> Text:
    return Text.assemble("«", body, "»")


def _claim(claim: Claim) -> Text:
    # Words re-joined with single spaces, as in the conflicts, so line breaks inside a claim
    # do not break the layout.
    return _quoted(Text(shown(claim)))


def _corroborated(console: Console, view: ReportView) -> None:
    groups = view.corroborated()
    _heading(console, f"Corroborated ({len(groups)})")
    if not groups:
        console.print(Text("No claim is reported by more than one source."))
    for group in groups:
        _corroboration(console, view, group)


def _corroboration(console: Console, view: ReportView, group: Corroboration) -> None:
    _item(console, "• ", Text.assemble(_claim(group.claim), f" ({view.source(group.claim)}; "
                                       f"{group.note})"))
    for claim, verdict in group.support:
        _item(console, "    also reported by: ",
              Text.assemble((view.source(claim), "cyan"), f" ({agreement_note(verdict)}) ",
                            _claim(claim)))


def _unique(console: Console, view: ReportView) -> None:
    for article_id, claims in view.unique().items():
        if not claims:
            continue
        _heading(console, f"Unique to {view.articles[article_id].label} ({len(claims)})")
        for claim in claims:
            _item(console, "• ", _claim(claim))


def _rejected(console: Console, view: ReportView) -> None:
    rejected = view.report.rejected
    if not rejected:
        return
    _heading(console, f"Rejected inputs ({len(rejected)})")
    for item in rejected:
        _item(console, "• ", Text(f"{item.location}: {item.reason}"))
