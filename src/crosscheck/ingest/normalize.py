"""From an input's bytes to the canonical text every later stage sees: decoding and clean-up.

Character offsets in later stages index the *normalised* text, so this runs exactly once, on
ingest, and never changes quotation marks or apostrophes: quote detection relies on the
curly forms (“ ” ‘ ’) being kept as the outlet wrote them.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from crosscheck.errors import InputError

# Invisible characters that only break words apart for matching ("inter\u00adnational")
# and carry no meaning in news prose. ZWJ/ZWNJ are kept: emoji and some scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u00ad\u200b\u2060"), None)

# Line separators other than "\n": old Mac files, Unicode separators, page breaks.
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")

# Control characters (category Cc) other than "\n" and "\t": they come from copy-paste and
# broken exports and would otherwise end up inside sentences.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# Every Unicode space separator (Zs) except the plain space: outlets write "10\u00a0000" or a
# no-break space before units, and matching must not care which space was used.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

_SPACE_RUN = re.compile(r"[ \t]+")
_BLANK_RUN = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Return ``text`` in the canonical form every stage works on.

    Unicode NFC; all line breaks become ``\\n``; BOMs, soft hyphens, zero-width spaces and
    control characters (other than ``\\n``/``\\t``) are removed; Unicode spaces become plain
    spaces; runs of spaces/tabs become one space and each line is stripped; two or more
    blank lines become one blank line; the ends are stripped. Single newlines (paragraph
    structure) and curly quotes are kept.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text.translate(_INVISIBLE))
    text = _ODD_SPACES.sub(" ", text)
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    text = "\n".join(lines)
    return _BLANK_RUN.sub("\n\n", text).strip()


def normalize_title(title: str | None) -> str | None:
    """Normalise a title to a single line; an empty title becomes ``None``."""
    if title is None:
        return None
    title = normalize_text(title).replace("\n", " ")
    return title or None


# --- decoding ----------------------------------------------------------------------------

# <meta charset="x">, <meta http-equiv=... content="text/html; charset=x"> or <?xml encoding="x"?>
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG Encoding), a page labelled Latin-1 or ASCII is read as Windows-1252.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def decode_utf8(data: bytes, location: str, *, advice: str = "save the file as UTF-8") -> str:
    """Decode strict UTF-8 (a leading BOM is dropped). No other encoding is guessed, since a
    wrong guess would silently garble names and numbers."""
    text = _try_utf8(data)
    if isinstance(text, int):
        raise InputError(location, f"not valid UTF-8 at byte {text}; {advice}")
    return text


def _try_utf8(data: bytes) -> str | int:
    """The text without its BOM, or the file offset of the first byte that is not UTF-8."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start + bom


def decode_html(data: bytes, location: str) -> str:
    """Decode an HTML page: UTF-8 first (the usual case, and the safest when a page's
    declaration is wrong), else the charset the page itself declares."""
    text = _try_utf8(data)
    if isinstance(text, str):
        return text
    label, codec = _declared_charset(data[:4096])
    if codec is None or codec == "utf-8":
        why = " and the page declares no known charset" if codec is None else \
            ", though the page declares UTF-8"
        raise InputError(location, f"not valid UTF-8 at byte {text}{why}; save the file as UTF-8")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(location, f"not valid {label} (the charset the page declares) at "
                                   f"byte {exc.start}; save the file as UTF-8") from None


def _declared_charset(head: bytes) -> tuple[str | None, str | None]:
    """The charset label declared in the page's head and its Python codec (None: unknown)."""
    match = _DECLARED_CHARSET.search(head)
    if not match:
        return None, None
    label = (match.group(1) or match.group(2)).decode("ascii")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return label, None
    return label, _WHATWG_ALIASES.get(codec, codec)
