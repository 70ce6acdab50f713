"""Tests for the ingest stage: formats, directory walking, stdin, and every kind of bad input."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from crosscheck.errors import NoUsableInputError
from crosscheck.ingest import IngestResult, normalize_text, read_inputs, require_articles
from crosscheck.model import Article, Rejected

PARAGRAPHS = [
    "The city council approved a new budget on Wednesday after a debate that lasted more "
    "than six hours. The plan raises spending on schools by 4 percent. Mayor Ana Ruiz "
    "called it “a budget for families.”",
    "Opponents said the plan relies on optimistic revenue forecasts. Councillor Tom Baker "
    "voted against it. He said the city’s reserves would fall to their lowest level in a "
    "decade.",
    "The budget takes effect on July 1. Officials expect to publish a detailed breakdown "
    "next month. Residents can comment on the plan until the end of March.",
]
HEADLINE = "Council approves new budget after long debate"


def page(*, site: str | None = "The Daily Ledger", charset: str = "utf-8",
         url: str | None = "https://ledger.example.com/news/budget") -> str:
    """A small but realistic news page, with navigation and a footer around the article."""
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>{HEADLINE} | The Daily Ledger</title>
<meta name="author" content="Jane Doe">
{site_meta}
<meta property="article:published_time" content="2025-02-12">
{canonical}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{HEADLINE}</h1>
{body}
</article>
<footer>Copyright 2025 The Daily Ledger. All rights reserved.</footer>
</body></html>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A good text file, read alongside each bad input to show the others still go on."""
    return write(tmp_path / "good" / "wire.txt", "Storm closes schools\n\nSchools closed on Monday.\n")


def assert_good_read(result: IngestResult, good: Path) -> None:
    assert [(a.origin, a.title, a.text) for a in result.articles] == [
        (str(good), "Storm closes schools", "Schools closed on Monday.")]


# --- normalize ---------------------------------------------------------------------------

def test_normalize_text_cleans_whitespace_and_controls_but_keeps_quotes() -> None:
    raw = ("\ufeff  He said \u201cno\u201d \u2014 it\u2019s\u00a0over.\t\t Really  \r\n"
           "Line\x07 two\rLine three\n\n\n\n\nCafe\u0301 \u00a010\u202f000\x00 \n  ")
    assert normalize_text(raw) == ("He said \u201cno\u201d \u2014 it\u2019s over. Really\n"
                                   "Line two\nLine three\n\nCaf\u00e9 10 000")


def test_normalize_text_keeps_single_newlines_and_one_blank_line() -> None:
    assert normalize_text("a\nb\n\nc\n \n \nd") == "a\nb\n\nc\n\nd"
    assert normalize_text(" \n\t\n") == ""


# --- plain text --------------------------------------------------------------------------

def test_txt_with_title_line(tmp_path: Path) -> None:
    path = write(tmp_path / "reuters.txt",
                 "\ufeffCouncil approves budget\r\n\r\nThe council voted on Wednesday.\r\n"
                 "Critics said it was rushed.\r\n")
    result = read_inputs([str(path)])
    assert result.rejected == ()
    (article,) = result.articles
    assert article.title == "Council approves budget"
    assert article.text == "The council voted on Wednesday.\nCritics said it was rushed."
    assert article.source == "reuters"
    assert article.origin == str(path)
    assert article.id == Article.create(article.text, title=article.title, source="reuters").id


def test_txt_title_followed_directly_by_body(tmp_path: Path) -> None:
    path = write(tmp_path / "ap.txt", "Council approves budget\nThe council voted on Wednesday.\n")
    (article,) = read_inputs([str(path)]).articles
    assert (article.title, article.text) == ("Council approves budget",
                                             "The council voted on Wednesday.")


@pytest.mark.parametrize("content", [
    "The council voted on Wednesday.\n\nCritics said it was rushed.\n",  # a sentence, not a headline
    "The council voted on Wednesday to approve a budget that\nraises spending on schools.\n",
    "Why did the council vote so fast?\nCritics said it was rushed.\n",  # question with no gap
    "Only one line without a final period\n",
    ("A" * 201) + "\n\nBody text follows here.\n",  # too long for a headline
])
def test_txt_without_title_keeps_whole_text(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "bbc.txt", content)
    (article,) = read_inputs([str(path)]).articles
    assert article.title is None
    assert article.text == content.strip()


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "# Will rates fall?\n\nThe central bank meets today.\n")
    (article,) = read_inputs([str(path)]).articles
    assert (article.title, article.text) == ("Will rates fall?", "The central bank meets today.")


# --- HTML --------------------------------------------------------------------------------

def test_html_article_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "ledger.html", page())
    result = read_inputs([str(path)])
    assert result.rejected == ()
    (article,) = result.articles
    assert article.title == HEADLINE
    assert article.text == "\n".join(PARAGRAPHS)  # no nav, no footer, no repeated <h1>
    assert article.author == "Jane Doe"
    assert article.published == "2025-02-12"
    assert article.source == "The Daily Ledger"
    assert article.url == "https://ledger.example.com/news/budget"
    assert article.origin == str(path)


def test_html_without_site_name_uses_host_else_file_stem(tmp_path: Path) -> None:
    hosted = write(tmp_path / "hosted.htm", page(site=None))
    bare = write(tmp_path / "ledger.htm", page(site=None, url=None).replace("Ana", "Anna"))
    assert [a.source for a in read_inputs([str(hosted), str(bare)]).articles] == [
        "ledger.example.com", "ledger"]


def test_html_in_declared_charset(tmp_path: Path) -> None:
    # Labelled Latin-1 but, as so often, written in Windows-1252 (curly quotes at 0x93/0x94):
    # read as browsers read it.
    html = page(charset="iso-8859-1").replace("Ana Ruiz", "Ana Muñoz")
    path = write(tmp_path / "latin.html", html.encode("cp1252"))
    (article,) = read_inputs([str(path)]).articles
    assert "Mayor Ana Muñoz called it “a budget for families.”" in article.text


def test_html_invalid_in_declared_charset(tmp_path: Path) -> None:
    data = page(charset="utf-8").encode("utf-8").replace(b"Ruiz", b"Mu\xf1oz")
    path = write(tmp_path / "liar.html", data)
    assert read_inputs([str(path)]).rejected == (Rejected(
        str(path), f"not valid UTF-8 at byte {data.index(b'Mu') + 2}, though the page declares UTF-8; "
                   "save the file as UTF-8"),)


def test_html_undecodable_without_charset(tmp_path: Path, good: Path) -> None:
    html = page().replace('<meta charset="utf-8">', "").replace("Ana Ruiz", "Ana Muñoz")
    data = html.encode("latin-1", "replace")
    path = write(tmp_path / "nocharset.html", data)
    offset = data.index("ñ".encode("latin-1"))
    result = read_inputs([str(path), str(good)])
    assert result.rejected == (Rejected(str(path), f"not valid UTF-8 at byte {offset} "
                                        "and the page declares no known charset; save the file as UTF-8"),)
    assert_good_read(result, good)


def test_html_without_article_text_is_rejected(tmp_path: Path, good: Path) -> None:
    path = write(tmp_path / "gallery.html", "<html><head><title>Photos</title></head><body>"
                 "<img src='a.jpg'><script>var x = 1;</script></body></html>")
    result = read_inputs([str(path), str(good)])
    assert result.rejected == (Rejected(str(path), "no article text found in the HTML"),)
    assert_good_read(result, good)


# --- JSON Lines --------------------------------------------------------------------------

def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        '{"id": "a1", "title": "Budget passes", "text": "The council voted.", '
        '"source": "Ledger", "published": "2025-02-12", "url": "https://x.example/1", "extra": 1}',
        '{"text": "broken", "source": "x" "oops"}',
        "",
        '{"id": 7, "text": "No source given here."}',
        '{"title": "No text"}',
        '{"text": ["not", "a", "string"]}',
        '{"text": "   "}',
        '["an", "array"]',
        '{"text": "Bad title type.", "title": 3}',
        "   ",
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([str(path)])
    first, second = result.articles
    assert (first.external_id, first.title, first.text, first.source, first.published,
            first.url, first.origin) == ("a1", "Budget passes", "The council voted.", "Ledger",
                                         "2025-02-12", "https://x.example/1", f"{path}:1")
    assert (second.external_id, second.source, second.origin, second.title) == (
        "7", "feed", f"{path}:4", None)
    assert result.rejected == (
        Rejected(f"{path}:2", "not valid JSON (Expecting ',' delimiter at column 34)"),
        Rejected(f"{path}:5", 'missing or empty "text" field'),
        Rejected(f"{path}:6", '"text" must be a string, not an array'),
        Rejected(f"{path}:7", 'missing or empty "text" field'),
        Rejected(f"{path}:8", "not a JSON object (found an array)"),
        Rejected(f"{path}:9", '"title" must be a string, not a number'),
    )


def test_jsonl_bad_first_line_does_not_cost_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", '{"text": "cut off\n{"text": "Second line is fine."}\n')
    result = read_inputs([str(path)])
    assert [a.origin for a in result.articles] == [f"{path}:2"]
    assert result.rejected == (
        Rejected(f"{path}:1", "not valid JSON (Unterminated string starting at column 10)"),)


def test_pretty_printed_json_array(tmp_path: Path) -> None:
    path = write(tmp_path / "export.json",
                 '[\n  {\n    "text": "First story."\n  },\n  {"text": "Second story."}\n]\n')
    result = read_inputs([str(path)])
    assert result.rejected == ()
    assert [(a.origin, a.text) for a in result.articles] == [
        (f"{path}:2", "First story."), (f"{path}:5", "Second story.")]


def test_broken_json_array_is_rejected_whole(tmp_path: Path) -> None:
    path = write(tmp_path / "export.json", '[\n  {"text": "First story."}\n  {"text": "x"}\n]\n')
    assert read_inputs([str(path)]) == IngestResult((), (
        Rejected(str(path), "not valid JSON (Expecting ',' delimiter at line 3 column 3)"),))


# --- directories, sniffing, stdin --------------------------------------------------------

def test_directory_walk_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    root = tmp_path / "news"
    for name in ["b.txt", "a.md", "sub/c.text", "sub/deeper/d.txt", "z.jsonl", "A.txt"]:
        stem = Path(name).stem
        content = (f'{{"text": "Story {stem}."}}' if name.endswith(".jsonl")
                   else f"Story {stem}.")
        write(root / name, content)
    write(root / "notes.csv", "not,an,article")
    write(root / ".hidden.txt", "Hidden story.")
    write(root / ".git" / "x.txt", "Git internals.")
    result = read_inputs([str(root)])
    assert result.rejected == ()
    assert [a.origin for a in result.articles] == [
        str(root / "A.txt"), str(root / "a.md"), str(root / "b.txt"), str(root / "sub/c.text"),
        str(root / "sub/deeper/d.txt"), f"{root / 'z.jsonl'}:1"]


def test_directory_without_article_files(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty"
    write(empty / "data.csv", "a,b")
    result = read_inputs([str(empty), str(good)])
    assert result.rejected == (Rejected(str(empty), "no article files in directory"),)
    assert_good_read(result, good)


def test_paths_keep_the_order_given(tmp_path: Path) -> None:
    b = write(tmp_path / "b.txt", "Story b.")
    a = write(tmp_path / "a.txt", "Story a.")
    assert [x.origin for x in read_inputs([str(b), str(a)]).articles] == [str(b), str(a)]


@pytest.mark.parametrize(("content", "expected_title", "expected_origin_suffix"), [
    (page(), HEADLINE, ""),
    ('{"text": "From a feed.", "title": "Feed item"}\n\n{"text": "Second."}\n', "Feed item", ":1"),
    ("Plain headline\n\nPlain body.\n", "Plain headline", ""),
])
def test_explicit_unknown_extension_is_sniffed(tmp_path: Path, content: str,
                                               expected_title: str,
                                               expected_origin_suffix: str) -> None:
    path = write(tmp_path / "download.dat", content)
    result = read_inputs([str(path)])
    assert result.rejected == ()
    assert result.articles[0].title == expected_title
    assert result.articles[0].origin == str(path) + expected_origin_suffix


def test_stdin_text(good: Path) -> None:
    result = read_inputs(["-", str(good), "-"], stdin=io.StringIO("Piped headline\n\nPiped body.\n"))
    assert result.rejected == ()
    assert [(a.origin, a.source, a.title, a.text) for a in result.articles][0] == (
        "<stdin>", "stdin", "Piped headline", "Piped body.")
    assert len(result.articles) == 2  # the second "-" adds nothing


def test_stdin_html_and_jsonl() -> None:
    (html,) = read_inputs(["-"], stdin=io.StringIO(page())).articles
    assert (html.origin, html.source, html.title) == ("<stdin>", "The Daily Ledger", HEADLINE)
    result = read_inputs(["-"], stdin=io.StringIO('{"text": "One."}\n{"text": 2}\n'))
    assert [a.origin for a in result.articles] == ["<stdin>:1"]
    assert result.rejected == (Rejected("<stdin>:2", '"text" must be a string, not a number'),)


def test_empty_stdin() -> None:
    assert read_inputs(["-"], stdin=io.StringIO(" \n")).rejected == (
        Rejected("<stdin>", "empty input"),)


# --- bad inputs: each is rejected with a reason and the good input is still read ------------

@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n  \n", "empty file"),
    ("bom-only.txt", b"\xef\xbb\xbf\n", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text (found NUL bytes)"),
    ("noise.txt", bytes(range(1, 9)) * 20 + b"some text",
     "binary file, not text (too many control characters)"),
    ("latin1.txt", "Le café est fermé.".encode("latin-1"),
     "not valid UTF-8 at byte 6; save the file as UTF-8"),
    ("bom-latin1.txt", b"\xef\xbb\xbfcaf\xe9", "not valid UTF-8 at byte 6; save the file as UTF-8"),
    ("utf16.txt", "Hello".encode("utf-16"), "UTF-16 text, not UTF-8; save the file as UTF-8"),
    ("empty.jsonl", b"\n\n  \n", "empty file"),
])
def test_bad_file_is_rejected_and_others_go_on(tmp_path: Path, good: Path, name: str,
                                               content: bytes, reason: str) -> None:
    bad = write(tmp_path / name, content)
    result = read_inputs([str(bad), str(good)])
    assert result.rejected == (Rejected(str(bad), reason),)
    assert_good_read(result, good)


def test_bad_jsonl_line_is_rejected_and_others_go_on(tmp_path: Path, good: Path) -> None:
    feed = write(tmp_path / "feed.jsonl", '{"text": "Fine line."}\n{text: "no quotes"}\n')
    result = read_inputs([str(feed), str(good)])
    assert result.rejected == (
        Rejected(f"{feed}:2", "not valid JSON (Expecting property name enclosed in double "
                              "quotes at column 2)"),)
    assert [a.origin for a in result.articles] == [f"{feed}:1", str(good)]


def test_missing_file(tmp_path: Path, good: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = read_inputs([str(missing), str(good)])
    assert result.rejected == (Rejected(str(missing), "no such file"),)
    assert_good_read(result, good)


def test_file_too_large(tmp_path: Path, good: Path) -> None:
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:  # sparse: costs no disk space and is never read
        handle.truncate(21 * 1024 * 1024)
    result = read_inputs([str(big), str(good)])
    assert result.rejected == (Rejected(str(big), "file too large (21.0 MB; the limit is 20 MB)"),)
    assert_good_read(result, good)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs file permissions that apply (not root)")
def test_permission_denied(tmp_path: Path, good: Path) -> None:
    locked = write(tmp_path / "locked.txt", "Secret story.")
    locked.chmod(0)
    try:
        result = read_inputs([str(locked), str(good)])
    finally:
        locked.chmod(0o644)
    assert result.rejected == (Rejected(str(locked), "permission denied"),)
    assert_good_read(result, good)


def test_permission_denied_even_as_root(tmp_path: Path, good: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", "Secret story.")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    result = read_inputs([str(locked), str(good)])
    assert result.rejected == (Rejected(str(locked), "permission denied"),)
    assert_good_read(result, good)


def test_bad_inputs_in_a_directory_are_rejected_one_by_one(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    write(root / "a.txt", "Story a.")
    write(root / "b.txt", b"")
    write(root / "c.txt", b"caf\xe9")
    write(root / "d.txt", "Story d.")
    result = read_inputs([str(root)])
    assert [a.origin for a in result.articles] == [str(root / "a.txt"), str(root / "d.txt")]
    assert result.rejected == (
        Rejected(str(root / "b.txt"), "empty file"),
        Rejected(str(root / "c.txt"), "not valid UTF-8 at byte 3; save the file as UTF-8"))


# --- determinism, duplicates, require_articles ------------------------------------------

def test_reading_twice_gives_the_same_articles(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", "Headline A\n\nBody A.")
    write(tmp_path / "in" / "b.html", page())
    write(tmp_path / "in" / "c.jsonl", '{"text": "C one."}\n{"text": "C two."}\n')
    first = read_inputs([str(tmp_path / "in")])
    second = read_inputs([str(tmp_path / "in")])
    assert len(first.articles) == 4
    assert [a.id for a in first.articles] == [a.id for a in second.articles]
    assert first == second


def test_duplicates_are_kept_once(tmp_path: Path) -> None:
    path = write(tmp_path / "in" / "a.txt", "Headline A\n\nBody A.")
    bad = write(tmp_path / "in" / "b.txt", b"")
    result = read_inputs([str(path), str(tmp_path / "in"), str(path), str(bad)])
    assert [a.origin for a in result.articles] == [str(path)]
    assert result.rejected == (Rejected(str(bad), "empty file"),)


def test_require_articles(tmp_path: Path, good: Path) -> None:
    require_articles(read_inputs([str(good)]))  # does not raise
    empty = write(tmp_path / "empty.txt", b"")
    result = read_inputs([str(tmp_path / "nope.txt"), str(empty)])
    assert result.articles == ()
    with pytest.raises(NoUsableInputError) as caught:
        require_articles(result)
    assert str(caught.value) == (f"no usable article among 2 inputs: {tmp_path / 'nope.txt'}: "
                                 f"no such file; {empty}: empty file")
    with pytest.raises(NoUsableInputError, match="no usable article among 0 inputs"):
        require_articles(read_inputs([]))


def test_large_jsonl_is_streamed_line_by_line(tmp_path: Path) -> None:
    from crosscheck.ingest import MAX_BYTES

    line = json.dumps({"id": "n", "text": "x" * 4000 + " filler."}) + "\n"
    count = MAX_BYTES // len(line) + 10  # just over the whole-file limit
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(line.replace('"n"', f'"{n}"').replace("filler", f"filler {n}"))
        handle.write("{not json}\n")
        handle.write('{"text": "caf\\u00e9 ok"}\n')
    with dump.open("ab") as handle:
        handle.write(b'{"text": "caf\xe9"}\n')
    result = read_inputs([str(dump)])
    assert len(result.articles) == count + 1
    assert result.articles[0].external_id == "0" and result.articles[0].origin == f"{dump}:1"
    assert [r.location for r in result.rejected] == [f"{dump}:{count + 1}", f"{dump}:{count + 3}"]
    assert "not valid UTF-8 at byte 13 of the line" in result.rejected[1].reason
