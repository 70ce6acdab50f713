"""From the paths a user gives to articles: walk directories, load bytes, pick a reader.

Every problem with one input becomes a :class:`Rejected` record and the other inputs go on;
nothing here raises for a bad input. The order of the result is deterministic: the order
of the paths given, then sorted names within a directory, then line order within a file.
"""
from __future__ import annotations

import codecs
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal, Sequence, TextIO

from crosscheck.errors import InputError, NoUsableInputError
from crosscheck.ingest.normalize import decode_html, decode_utf8
from crosscheck.ingest.readers import read_html, read_jsonl, read_jsonl_line, read_text
from crosscheck.model import Article, Rejected

Kind = Literal["text", "html", "jsonl"]

# Extensions read when walking a directory; anything else there is ignored. A file named
# explicitly with another extension is still read, its format sniffed from the content.
EXTENSIONS: dict[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".json": "jsonl",
}
STDIN_PATH = "-"
STDIN_LOCATION = "<stdin>"
STDIN_SOURCE = "stdin"
MAX_BYTES = 20 * 1024 * 1024  # news articles are kilobytes; more is a wrong file or a dump
# A JSON Lines file over MAX_BYTES is a dump of many articles (corpus mode): it is read line
# by line, so memory holds the articles, never the whole file; each line is one article and
# keeps the MAX_BYTES limit.
_SNIFF_BYTES = 8192
_MAX_CONTROL_RATIO = 0.1  # text has almost no control bytes; binary formats are full of them
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b")
# Something a reader could turn into words: not whitespace, control or invisible characters.
_VISIBLE = re.compile("[^\\s\x00-\x1f\x7f-\x9f\ufeff\u00ad\u200b\u2060]")


@dataclass(frozen=True, slots=True)
class IngestResult:
    """The articles read, and the inputs (files, lines, stdin) that could not be used."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejected, ...]


@dataclass(frozen=True, slots=True)
class _Input:
    """One thing to read: a file, or standard input when ``path`` is None."""

    location: str
    source: str  # the source name used when the content names none: file stem or "stdin"
    kind: Kind | None  # None: decide from the content
    path: Path | None = None

    @property
    def noun(self) -> str:
        return "file" if self.path is not None else "input"


def read_inputs(paths: Sequence[str], stdin: TextIO | None = None, *,
                unique: bool = True) -> IngestResult:
    """Read every article in ``paths``: files, directories (walked recursively) and ``-``
    for ``stdin`` (``sys.stdin`` when None). Never raises for a bad input: it is recorded
    in ``rejected``. An article read twice (same id) is kept once, at its first place,
    unless ``unique`` is False (``crosscheck cluster`` answers for every input record)."""
    articles: list[Article] = []
    seen: set[str] = set()
    rejected: dict[tuple[str, str], Rejected] = {}
    for item in _expand(paths):
        results = [item] if isinstance(item, Rejected) else _read(item, stdin)
        for result in results:
            if isinstance(result, Article):
                if not unique or result.id not in seen:
                    articles.append(result)
                seen.add(result.id)
            else:
                rejected.setdefault((result.location, result.reason), result)
    return IngestResult(tuple(articles), tuple(rejected.values()))


def require_articles(result: IngestResult) -> None:
    """Raise :class:`NoUsableInputError` when ``result`` holds no article, naming the first
    reasons so the user can fix their inputs."""
    if result.articles:
        return
    count = len(result.rejected)
    if not count:
        raise NoUsableInputError("no usable article among 0 inputs: no input was given")
    shown = "; ".join(f"{r.location}: {r.reason}" for r in result.rejected[:3])
    more = f"; and {count - 3} more" if count > 3 else ""
    plural = "input" if count == 1 else "inputs"
    raise NoUsableInputError(f"no usable article among {count} {plural}: {shown}{more}")


# --- finding inputs ----------------------------------------------------------------------

def _expand(paths: Sequence[str]) -> Iterator[_Input | Rejected]:
    """Turn the given paths into inputs, in order; directories expand to their files."""
    stdin_seen = False
    for raw in paths:
        if raw == STDIN_PATH:
            if not stdin_seen:  # stdin can be read only once; a second "-" adds nothing
                stdin_seen = True
                yield _Input(STDIN_LOCATION, STDIN_SOURCE, None)
        elif not raw:
            yield Rejected('""', "empty path")
        elif _is_dir(Path(raw)):
            yield from _walk_root(Path(raw), raw)
        else:
            path = Path(raw)
            yield _Input(raw, path.stem, EXTENSIONS.get(path.suffix.lower()), path)


def _walk_root(root: Path, location: str) -> Iterator[_Input | Rejected]:
    """The article files under ``root``; a directory with none is recorded as rejected."""
    found = False
    for item in _walk(root, set()):
        found = True
        yield item
    if not found:
        yield Rejected(location, "no article files in directory")


def _walk(directory: Path, visited: set[Path]) -> Iterator[_Input | Rejected]:
    """Depth first, entries sorted by name, hidden entries skipped (``.git``, ``.DS_Store``,
    editor swap files); symlinked directories are followed once, so a link loop ends."""
    try:
        real = directory.resolve()
        if real in visited:
            return
        visited.add(real)
        with os.scandir(directory) as scan:
            names = sorted(entry.name for entry in scan if not entry.name.startswith("."))
    except OSError as exc:
        yield Rejected(str(directory), _os_reason(exc, "directory"))
        return
    for name in names:
        path = directory / name
        if _is_dir(path):
            yield from _walk(path, visited)
        elif (kind := EXTENSIONS.get(path.suffix.lower())) is not None:
            yield _Input(str(path), path.stem, kind, path)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # unreadable parent: let reading the path report the real problem
        return False


# --- reading one input -------------------------------------------------------------------

def _read(item: _Input, stdin: TextIO | None) -> list[Article | Rejected]:
    """Read one input; any problem with it becomes a :class:`Rejected`."""
    if item.kind == "jsonl" and item.path is not None and _size(item.path) > MAX_BYTES:
        return list(_stream_jsonl(item))
    try:
        data = _load_file(item) if item.path is not None else _load_stdin(stdin)
        return _parse(data, item)
    except InputError as exc:
        return [Rejected(exc.location, exc.reason)]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:  # reading it will report the problem
        return 0


def _stream_jsonl(item: _Input) -> Iterator[Article | Rejected]:
    """A large JSON Lines file, line by line; a bad line is rejected at ``path:line``."""
    assert item.path is not None
    try:
        with item.path.open("rb") as handle:
            for lineno, raw in enumerate(handle, start=1):
                location = f"{item.location}:{lineno}"
                if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                if not raw.strip():
                    continue
                if len(raw) > MAX_BYTES:
                    yield Rejected(location, _too_large("line", len(raw)))
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Rejected(location, f"not valid UTF-8 at byte {exc.start} of the line; "
                                             f"save the file as UTF-8")
                    continue
                yield read_jsonl_line(line, location=location, source=item.source)
    except OSError as exc:
        yield Rejected(item.location, _os_reason(exc, "file"))


def _load_file(item: _Input) -> bytes:
    """The file's bytes, refusing files over :data:`MAX_BYTES` before reading them."""
    assert item.path is not None
    try:
        size = item.path.stat().st_size
        if item.path.is_file() and size > MAX_BYTES:
            raise InputError(item.location, _too_large(item.noun, size))
        with item.path.open("rb") as handle:  # pipes and devices have no size: cap the read
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(item.location, _os_reason(exc, "file")) from None
    if len(data) > MAX_BYTES:
        raise InputError(item.location, _too_large(item.noun, None))
    return data


def _load_stdin(stdin: TextIO | None) -> bytes:
    """Standard input as bytes, so that it goes through the same checks as a file."""
    stream = stdin if stdin is not None else sys.stdin
    if stream is None:
        raise InputError(STDIN_LOCATION, "no standard input to read")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:  # the real stdin: raw bytes give exact error offsets
            data = buffer.read(MAX_BYTES + 1)
        else:  # a text stream (StringIO): undo any surrogate-escaped bytes
            data = stream.read(MAX_BYTES + 1).encode("utf-8", "surrogateescape")
    except (OSError, UnicodeError) as exc:
        raise InputError(STDIN_LOCATION, f"could not read standard input ({exc})") from None
    if len(data) > MAX_BYTES:
        raise InputError(STDIN_LOCATION, _too_large("input", None))
    return data


def _parse(data: bytes, item: _Input) -> list[Article | Rejected]:
    """Check that ``data`` is text, decode it and hand it to the reader for its format."""
    _check_is_text(data, item)
    kind = item.kind or _sniff(data)
    advice = "save the file as UTF-8" if item.path is not None else "send UTF-8 text"
    text = decode_html(data, item.location) if kind == "html" else \
        decode_utf8(data, item.location, advice=advice)
    if not _VISIBLE.search(text):
        raise InputError(item.location, f"empty {item.noun}")
    if kind == "html":
        return [read_html(text, origin=item.location, source=item.source)]
    if kind == "jsonl":
        return read_jsonl(text, origin=item.location, source=item.source)
    return [read_text(text, origin=item.location, source=item.source)]


def _check_is_text(data: bytes, item: _Input) -> None:
    """Reject empty input, UTF-16/32 text and binary files with a reason that says which."""
    head = data[:_SNIFF_BYTES]
    if not data.strip():
        raise InputError(item.location, f"empty {item.noun}")
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(item.location, "UTF-32 text, not UTF-8; save the file as UTF-8")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(item.location, "UTF-16 text, not UTF-8; save the file as UTF-8")
    if b"\x00" in head:
        raise InputError(item.location, f"binary {item.noun}, not text (found NUL bytes)")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_RATIO * len(head):
        raise InputError(item.location,
                         f"binary {item.noun}, not text (too many control characters)")


def _sniff(data: bytes) -> Kind:
    """Guess the format of an input with no known extension: ``<`` first means HTML, every
    non-blank line starting with ``{`` means JSON Lines, anything else is plain text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if data.lstrip().startswith(b"<"):
        return "html"
    lines = [line.strip() for line in data.split(b"\n") if line.strip()]
    if lines and all(line.startswith(b"{") for line in lines):
        return "jsonl"
    return "text"


def _too_large(noun: str, size: int | None) -> str:
    """The reason for an input over :data:`MAX_BYTES`; ``size`` is None when unknown (a pipe)."""
    limit = f"{MAX_BYTES // 2**20} MB"
    if size is None:
        return f"{noun} too large (more than the {limit} limit)"
    return f"{noun} too large ({size / 2**20:.1f} MB; the limit is {limit})"


def _os_reason(exc: OSError, noun: str) -> str:
    """A plain reason for an operating-system error on a file or directory."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"could not read the {noun} ({exc.strerror or exc})"
