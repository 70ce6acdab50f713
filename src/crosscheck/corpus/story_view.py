"""``crosscheck story ID``: a stored story's comparison, drawn by the report renderers, with
its copies listed after it (copies are not compared, but a reader should see who ran them).
"""
from __future__ import annotations

import html
import json
import sqlite3
from dataclasses import dataclass

from crosscheck.corpus.listing import story_record, time_span
from crosscheck.model import Article, Report
from crosscheck.report import render
from crosscheck.report.json_report import report_to_dict
from crosscheck.store.articles import copies_of_story, story_articles
from crosscheck.store.comparisons import load_comparison
from crosscheck.store.stories import StorySummary, story_summary

STORY_FORMAT = "crosscheck.story/1"


@dataclass(frozen=True, slots=True)
class StoryView:
    summary: StorySummary
    report: Report | None  # None: never compared (fewer than two independent articles)
    originals: tuple[Article, ...]
    copies: tuple[tuple[Article, str], ...]  # (copy, id of its original)

    @property
    def note(self) -> str | None:
        """Why the comparison shown is missing or may be out of date."""
        if self.report is None and self.summary.independent < 2:
            return "not compared: the story has only one independent article"
        if self.summary.needs_compare:
            return ("the comparison is out of date: the story gained articles since; run "
                    "`crosscheck run` again (without --no-compare) to update it")
        return None


def load_story(conn: sqlite3.Connection, story_id: str, *, outline: bool = False) -> StoryView:
    """The stored story; ``outline``: its comparison as the web pages need it, cheaper to
    load (see ``load_comparison``), not for rendering or exporting whole reports."""
    summary = story_summary(conn, story_id)
    return StoryView(summary, load_comparison(conn, story_id, outline=outline),
                     tuple(story_articles(conn, story_id, independent=True)),
                     tuple(copies_of_story(conn, story_id)))


def render_story(view: StoryView, fmt: str, *, color: bool = False,
                 width: int | None = None) -> str:
    if fmt == "json":
        return _json(view)
    # Without a comparison, the renderers still list the sources, with no claims.
    report = view.report or Report(view.originals, (), (), ())
    body = render(report, fmt, color=color, width=width) if fmt == "text" else render(report, fmt)
    if fmt == "html":
        return _html(view, body)
    if fmt in ("md", "markdown"):
        return _markdown(view, body)
    return _text(view, body)


def _headline(view: StoryView) -> str:
    s = view.summary
    copies = f" ({s.copies} {'copy' if s.copies == 1 else 'copies'})" if s.copies else ""
    return (f"{s.articles} article{'s' if s.articles != 1 else ''}{copies}, "
            f"{s.sources} source{'s' if s.sources != 1 else ''}, "
            f"{s.conflicts} conflict{'s' if s.conflicts != 1 else ''}; "
            f"{time_span(s.first_published, s.last_published)}")


def _copy_line(copy: Article, original: str, labels: dict[str, str]) -> str:
    title = f": {copy.title}" if copy.title and copy.title != copy.label else ""
    when = f" ({copy.published})" if copy.published else ""
    return f"{copy.label}{title}{when} [{copy.id}], copy of {labels.get(original, original)}"


def _labels(view: StoryView) -> dict[str, str]:
    return {a.id: f"{a.label} [{a.id}]" for a in view.originals}


def _text(view: StoryView, body: str) -> str:
    lines = [f"story {view.summary.id}: {view.summary.title or ''}", _headline(view)]
    if view.note:
        lines.append(f"note: {view.note}")
    lines += ["", body.rstrip("\n")]
    if view.copies:
        title = f"Copies ({len(view.copies)})"
        labels = _labels(view)
        lines += ["", title, "─" * len(title)]
        lines += [f"• {_copy_line(copy, original, labels)}" for copy, original in view.copies]
    return "\n".join(lines) + "\n"


def _markdown(view: StoryView, body: str) -> str:
    from crosscheck.report.markdown import md_escape

    head = [f"# Story {view.summary.id}: {md_escape(view.summary.title or '')}",
            md_escape(_headline(view))]
    if view.note:
        head.append(f"> **Note:** {md_escape(view.note)}")
    # The report's own top heading becomes a section of the story page.
    parts = ["\n\n".join(head), body.replace("# Crosscheck report", "## Comparison", 1).rstrip()]
    if view.copies:
        labels = _labels(view)
        rows = "\n".join(f"- {md_escape(_copy_line(c, o, labels))}" for c, o in view.copies)
        parts.append(f"## Copies ({len(view.copies)})\n\n{rows}")
    return "\n\n".join(parts) + "\n"


def _html(view: StoryView, page: str) -> str:
    # The report page is complete; the story's header and copies go inside its <main>, as
    # escaped text like everything else on the page.
    labels = _labels(view)
    head = (f"<h1>Story {html.escape(view.summary.id)}: {html.escape(view.summary.title or '')}"
            f"</h1>\n<p>{html.escape(_headline(view))}</p>\n")
    if view.note:
        head += f"<p><strong>Note:</strong> {html.escape(view.note)}</p>\n"
    copies = ""
    if view.copies:
        items = "".join(f"<li>{html.escape(_copy_line(c, o, labels))}</li>\n"
                        for c, o in view.copies)
        copies = f"<section>\n<h2>Copies ({len(view.copies)})</h2>\n<ul>\n{items}</ul>\n</section>\n"
    page = page.replace("<main>\n", "<main>\n" + head, 1)
    return page.replace("</main>", copies + "</main>", 1)


def _json(view: StoryView) -> str:
    data = {
        "format": STORY_FORMAT,
        "story": story_record(view.summary),
        "note": view.note,
        "articles": [a.id for a in view.originals],
        "copies": [{"id": c.id, "title": c.title, "source": c.source, "published": c.published,
                    "url": c.url, "copy_of": original} for c, original in view.copies],
        "report": report_to_dict(view.report) if view.report is not None else None,
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
