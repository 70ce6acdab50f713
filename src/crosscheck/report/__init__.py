"""Reports: the comparison's findings as text, Markdown, HTML or JSON."""
from __future__ import annotations

from crosscheck.errors import ConfigError
from crosscheck.model import Report

FORMATS: tuple[str, ...] = ("text", "md", "markdown", "html", "json")


def render(report: Report, fmt: str, *, color: bool = False, width: int | None = None) -> str:
    """Render ``report`` in format ``fmt``; ``color`` and ``width`` apply to "text" only.

    The renderers are imported on demand so that importing ``crosscheck.report.build`` (as the
    pipeline does) does not pull in rich and Jinja2.
    """
    if fmt == "text":
        from crosscheck.report.text import render_text
        return render_text(report, width=width, color=color)
    if fmt in ("md", "markdown"):
        from crosscheck.report.markdown import render_markdown
        return render_markdown(report)
    if fmt == "html":
        from crosscheck.report.html import render_html
        return render_html(report)
    if fmt == "json":
        from crosscheck.report.json_report import render_json
        return render_json(report)
    raise ConfigError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
