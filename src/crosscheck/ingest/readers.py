"""One reader per input format: plain text, HTML and JSON Lines.

Readers get the input's decoded text (see :mod:`crosscheck.ingest.normalize`), build
:class:`Article` records, and raise :class:`InputError` for an input that cannot be used.
The JSONL reader reports bad *lines* as :class:`Rejected` instead, so one bad line does
not cost the whole file.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

import trafilatura

from crosscheck.errors import InputError
from crosscheck.ingest.normalize import normalize_text, normalize_title
from crosscheck.model import Article, Rejected

MAX_TITLE_CHARS = 200

# A headline usually has no final sentence punctuation; a line ending in one of these is
# the first sentence (or a wrapped part of it), not a title. "?" and "!" are allowed only
# when a blank line follows, as in "Will rates fall?\n\nThe central bank..."
_SENTENCE_END = (".", "…", ",", ";", ":")
_QUESTION_END = ("?", "!")
_CLOSING_QUOTES = "\"'”’»)"
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")

_JSON_STRING_FIELDS = ("title", "source", "published", "url", "author")


# --- plain text --------------------------------------------------------------------------

def read_text(text: str, *, origin: str, source: str) -> Article:
    """Build an article from plain text (or Markdown), taking its first line as the title
    when it looks like one (see :func:`split_title`)."""
    title, body = split_title(normalize_text(text))
    if not body:
        raise InputError(origin, "empty file")
    return Article.create(body, title=title, source=source, origin=origin)


def split_title(text: str) -> tuple[str | None, str]:
    """Split normalised ``text`` into ``(title, body)``; ``title`` is None when the first
    line does not look like a headline, and then ``body`` is the whole text."""
    first, sep, rest = text.partition("\n")
    rest = rest.lstrip("\n")
    if not sep or not rest:
        return None, text  # a single line is the article itself, not a title
    candidate = _MARKDOWN_HEADING.sub("", first).strip()
    if not _looks_like_title(candidate, blank_after=text[len(first):].startswith("\n\n"),
                             next_line=rest):
        return None, text
    return candidate, rest


def _looks_like_title(line: str, *, blank_after: bool, next_line: str) -> bool:
    """Whether ``line`` reads like a headline rather than the start of the body."""
    if not line or len(line) > MAX_TITLE_CHARS or not any(ch.isalpha() for ch in line):
        return False
    end = line.rstrip(_CLOSING_QUOTES)
    if end.endswith(_SENTENCE_END) or (end.endswith(_QUESTION_END) and not blank_after):
        return False
    # Hard-wrapped prose continues in lower case on the next line; a body after a title
    # starts a new sentence.
    return blank_after or not next_line[:1].islower()


# --- HTML --------------------------------------------------------------------------------

def read_html(html: str, *, origin: str, source: str) -> Article:
    """Extract the main article of an HTML page with trafilatura, with its metadata.

    ``source`` is used only when the page names no site (``og:site_name`` and the like).
    """
    doc = _extract(html, origin)
    body = normalize_text(doc.text or "") if doc is not None else ""
    if not body:
        raise InputError(origin, "no article text found in the HTML")
    title = normalize_title(doc.title)
    # trafilatura keeps the page's <h1> as the first line; the title is stored apart.
    if title and body.partition("\n")[0] == title and "\n" in body:
        body = body.partition("\n")[2].lstrip("\n")
    return Article.create(body, title=title, source=normalize_title(doc.sitename) or source,
                          published=doc.date or None, url=doc.url or None,
                          author=normalize_title(doc.author), origin=origin)


def _extract(html: str, origin: str) -> Any:
    """Run trafilatura; ``None`` when it finds nothing."""
    try:
        return trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_images=False,
            # Only dates the page states (meta tags, <time>, JSON-LD), not guesses from prose.
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # a third-party parser on arbitrary input: any failure is "bad HTML"
        raise InputError(origin, f"could not parse the HTML ({type(exc).__name__}: {exc})") from exc


# --- JSON Lines --------------------------------------------------------------------------

def read_jsonl(text: str, *, origin: str, source: str) -> list[Article | Rejected]:
    """Read one JSON object per line: ``{"id","title","text","source","published","url"}``.

    Only ``text`` is required. Each bad line becomes a :class:`Rejected` at ``path:line``
    and the other lines go on; blank lines are skipped. A ``.json`` file holding a single
    pretty-printed object or an array of objects is read too (each item located at the line
    where it starts).
    """
    out: list[Article | Rejected] = []
    for lineno, item in _records(text, origin):
        location = f"{origin}:{lineno}"
        try:
            out.append(_record_to_article(item, location=location, source=source))
        except InputError as exc:
            out.append(Rejected(exc.location, exc.reason))
    return out


def read_jsonl_line(line: str, *, location: str, source: str) -> Article | Rejected:
    """One line of a JSON Lines file read as a stream (see ``sources``): an article, or the
    reason the line cannot be used."""
    try:
        return _record_to_article(_parse_line(line, location), location=location, source=source)
    except InputError as exc:
        return Rejected(exc.location, exc.reason)


def _records(text: str, origin: str) -> Iterator[tuple[int, Any]]:
    """Yield ``(line number, parsed JSON or InputError)`` for each record in ``text``."""
    stripped = text.lstrip()
    if not stripped:
        raise InputError(origin, "empty file")
    if stripped[0] in "[{" and not _is_json(stripped.partition("\n")[0]):
        # Not one object per line: a pretty-printed object, objects or an array.
        try:
            yield from _whole_document(text, len(text) - len(stripped))
            return
        except json.JSONDecodeError as exc:
            if stripped[0] == "[":  # an array cannot be JSON Lines: the file is broken
                raise InputError(origin, f"not valid JSON ({_json_problem(exc)} line "
                                         f"{exc.lineno} column {exc.colno})") from None
            # else: JSON Lines whose first line is broken; read line by line below.
    # Split on "\n" only: JSON strings may legally hold U+2028 and other line separators.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield lineno, _parse_line(line, f"{origin}:{lineno}")


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _parse_line(line: str, location: str) -> Any:
    """Parse one line; a bad line yields an :class:`InputError` (rejected by the caller)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(location, f"not valid JSON ({_json_problem(exc)} column {exc.colno})")


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The parser's message, ready to be followed by a position ("... at column 3")."""
    return exc.msg.removesuffix(" at") + " at"


def _whole_document(text: str, pos: int) -> list[tuple[int, Any]]:
    """Parse a multi-line document: an array of objects, or objects one after another.

    Each item is paired with the line it starts on. Raises ``json.JSONDecodeError``.
    """
    decoder = json.JSONDecoder()
    in_array = text[pos] == "["
    if in_array:
        pos = _skip_space(text, pos + 1)
    items = []
    while pos < len(text) and not (in_array and text[pos] == "]"):
        obj, end = decoder.raw_decode(text, pos)
        items.append((text.count("\n", 0, pos) + 1, obj))
        pos = _skip_space(text, end)
        if in_array and text[pos:pos + 1] == ",":
            pos = _skip_space(text, pos + 1)
        elif in_array and text[pos:pos + 1] != "]":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    if in_array and pos >= len(text):
        raise json.JSONDecodeError("Expecting ']'", text, len(text) - 1)
    if in_array and _skip_space(text, pos + 1) < len(text):
        raise json.JSONDecodeError("Extra data", text, _skip_space(text, pos + 1))
    return items


def _skip_space(text: str, pos: int) -> int:
    """The index of the first non-whitespace character at or after ``pos``."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _record_to_article(item: Any, *, location: str, source: str) -> Article:
    """Validate one parsed JSON record and build its article."""
    if isinstance(item, InputError):
        raise item
    if not isinstance(item, dict):
        raise InputError(location, f"not a JSON object (found {_json_type(item)})")
    raw_text = item.get("text")
    if raw_text is not None and not isinstance(raw_text, str):
        raise InputError(location, f"\"text\" must be a string, not {_json_type(raw_text)}")
    text = normalize_text(raw_text or "")
    if not text:
        raise InputError(location, "missing or empty \"text\" field")
    fields = {name: _optional_string(item, name, location) for name in _JSON_STRING_FIELDS}
    return Article.create(
        text, title=normalize_title(fields["title"]),
        source=normalize_title(fields["source"]) or source,
        published=fields["published"], url=fields["url"],
        author=normalize_title(fields["author"]), origin=location,
        external_id=_external_id(item, location))


def _optional_string(item: dict[str, Any], name: str, location: str) -> str | None:
    """The field's value, stripped; absent, null or blank → None; any other type → error."""
    value = item.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(location, f"\"{name}\" must be a string, not {_json_type(value)}")
    return value.strip() or None


def _external_id(item: dict[str, Any], location: str) -> str | None:
    """The record's own id; numbers are common in exports and are accepted as text."""
    value = item.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _optional_string(item, "id", location)


def _json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for error messages."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
