"""The attribution stage: who said what in one parsed article (``crosscheck quotes``).

Works on the article's one spaCy parse (shared with claim extraction). Sentence by sentence, in
reading order, it records the people named (so "he" and "the spokesman" resolve to the nearest
compatible person, see ``attribution.Mentions``) and reads the cues of the sentence (``cues``).
Then the direct quotations of the whole article are joined to them:

* a cue whose content touches a quotation takes the whole quotation (all its paragraphs);
* a quotation split by its attribution ("…," he said, "…") joins the first part's attribution
  when only the attribution stands between the parts;
* a cue with nothing to report ("He said:") takes the quotation right after it;
* a quotation signed with a dash ("“…” ― Jane Doe") is attributed to the name after the dash.

An attribution whose cue lies inside another one's content is part of what that one reports,
and is left out (``outermost``).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from crosscheck.claims import attribution as attr
from crosscheck.claims.attribution import subject_of
from crosscheck.claims.cue_lexicon import CueLexicon, load_lexicon
from crosscheck.claims.cues import Cue, Spans, cue_candidates, sentence_cues, token_span
from crosscheck.claims.quotes import quotation_spans
from crosscheck.model import Article, Attribution, Speaker

DIRECT_SHARE = 0.6  # content at least this much inside quote marks is a direct quotation
_GAP_CHARS = " \t\n,.;:—–-"  # what may stand between an attribution and the quote it takes
_SIGNATURE_DASHES = ("―", "—", "–", "--", "-")
_LATE = 1 << 30  # a sentence index past the article: the speaker memory is complete by then


@dataclass
class _Draft:
    """An attribution being assembled; frozen into an ``Attribution`` at the end."""

    cue: Spans
    content: list[tuple[int, int]]
    source: Spans
    speaker: Speaker | None
    sentence_end: int  # where the cue's sentence ends: a quotation after it may continue
    quotes: list[int] = field(default_factory=list)  # indexes into the quotation list
    features: tuple[str, ...] = ()  # the cue's features (``cues.cue_features``)

    @property
    def extent_end(self) -> int:
        return max(e for _, e in (*self.cue, *self.source, *self.content))


def read_attributions(article: Article, doc: Doc) -> tuple[Attribution, ...]:
    """Every attribution of a parsed article, in reading order of their content."""
    return outermost([a for a, _ in keyed_attributions(article, doc, load_lexicon())])


def outermost(found: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """The attributions whose cue is not inside another one's content.

    "Smith said the union had warned that ..." reports Smith's words; the union's warning is
    part of them, and attribution corpora (PolNeAR) annotate no attribution inside another's content.
    Two that hold each other's cue ("A, he said, B" read both ways) both stay.
    """
    return tuple(a for a in found if not any(
        _inside(a.cue, b.content) and not _inside(b.cue, a.content) for b in found if b is not a))


def _inside(cue: Sequence[tuple[int, int]], content: Sequence[tuple[int, int]]) -> bool:
    return bool(cue) and all(any(s <= cs and ce <= e for s, e in content) for cs, ce in cue)


def keyed_attributions(article: Article, doc: Doc, lexicon: CueLexicon
                       ) -> list[tuple[Attribution, tuple[str, ...]]]:
    """The attributions with their cue's features, in reading order of their content."""
    mentions = attr.Mentions()
    finder = attr.SpeakerFinder(mentions)
    ents = tuple(doc.ents)  # Span.ents walks the whole document each time: take them once
    drafts: list[_Draft] = []
    candidates = cue_candidates(doc, lexicon)
    text = doc.text  # spaCy rebuilds this string on every access: take it once
    for index, sent in enumerate(s for s in doc.sents if text[s.start_char:s.end_char].strip()):
        people = [e for e in ents if sent.start <= e.start < sent.end and e.label_ == "PERSON"]
        attr.remember_people(sent, people, index, mentions)
        drafts.extend(_draft(cue, finder, index, sent.end_char)
                      for cue in sentence_cues(sent, candidates, lexicon))
    quotes = quotation_spans(text)
    drafts = _join_quotes(drafts, quotes, doc, text, finder)
    found: dict[str, tuple[Attribution, tuple[str, ...]]] = {}
    for draft in drafts:
        frozen = _freeze(article, draft, quotes)
        if frozen is not None:
            found.setdefault(frozen.id, (frozen, draft.features))
    return sorted(found.values(), key=lambda pair: (pair[0].content, pair[0].cue))


def _draft(cue: Cue, finder: attr.SpeakerFinder, index: int, sentence_end: int) -> _Draft:
    return _Draft(cue.cue, list(cue.content), cue.source_span, _speaker(cue.source, finder, index),
                  sentence_end, features=cue.features)


def _speaker(tok: Token | None, finder: attr.SpeakerFinder, index: int) -> Speaker | None:
    """Who the source phrase names; "who" in "Smith, who said ..." is the person it modifies."""
    if tok is None:
        return None
    if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    return finder.from_token(tok, index)


def _overlaps(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _join_quotes(drafts: list[_Draft], quotes: list[tuple[tuple[int, int], ...]], doc: Doc,
                 text: str, finder: attr.SpeakerFinder) -> list[_Draft]:
    claimed: set[int] = set()
    starts = sorted(fragments[0][0] for fragments in quotes)
    for draft in drafts:  # a source phrase ends where a quotation begins
        draft.source = tuple((s, min([e] + [q for q in starts if s < q < e])) for s, e in draft.source)
    for draft in drafts:  # a content that touches a quotation takes all of it ...
        for q, fragments in enumerate(quotes):
            # ... unless the cue is itself quoted: "I think," inside a quote reports no quote
            if (draft.content and _overlaps(draft.content, fragments)
                    and not _overlaps(draft.cue, fragments)):
                draft.quotes.append(q)
                claimed.add(q)
    for draft in drafts:  # "He said:" with the quotation after it
        if not draft.content:
            _take(draft, _next_quote(text, draft.extent_end, quotes, claimed), claimed)
    for draft in drafts:  # "“…,” he said. “…”": the second part follows the attribution
        if draft.quotes and draft.extent_end >= quotes[draft.quotes[-1]][-1][1]:
            _take(draft, _continuation(text, draft, quotes, claimed, starts), claimed)
    # Attribution corpora leave out the cues inside a quotation ("I think", "you know"): they
    # are the speaker's own words, not the article's attribution.
    drafts = [d for d in drafts if (d.content or d.quotes)
              and not any(_overlaps(d.cue, fragments) for fragments in quotes)]
    for q, fragments in enumerate(quotes):
        if q not in claimed:
            found = _signature(doc, text, fragments[-1][1], finder) or _introduced(doc, fragments[0][0],
                                                                             finder)
            if found is not None:
                cue, source, speaker = found
                drafts.append(_Draft(cue, [], source, speaker, fragments[-1][1], [q], ("key=quote",)))
    return drafts


def _take(draft: _Draft, q: int | None, claimed: set[int]) -> None:
    if q is not None:
        draft.quotes.append(q)
        claimed.add(q)


def _continuation(text: str, draft: _Draft, quotes: list[tuple[tuple[int, int], ...]],
                  claimed: set[int], starts: list[int]) -> int | None:
    """The quotation that goes on after the attribution of its first part: right after it
    ("…," he said, "…") or after the rest of its sentence ("…," he said of it. "…")."""
    q = _next_quote(text, draft.extent_end, quotes, claimed)
    end = _words_end(text, draft.sentence_end, starts)
    if q is None and end > draft.extent_end:
        q = _next_quote(text, end, quotes, claimed)
    return q


def _words_end(text: str, end: int, starts: list[int]) -> int:
    """Where a sentence's words end: the parser may leave the opening mark of the next
    quotation at the end of the sentence before it ("…," he said. “ | Next …")."""
    last = end
    while last > 0 and text[last - 1].isspace():
        last -= 1
    i = bisect_left(starts, last - 2)  # a mark is one or two characters ("“", "''")
    return starts[i] if i < len(starts) and starts[i] < last else end


def _next_quote(text: str, after: int, quotes: list[tuple[tuple[int, int], ...]],
                claimed: set[int]) -> int | None:
    """The unclaimed quotation that starts right after ``after`` (punctuation between at most)."""
    for q, fragments in enumerate(quotes):
        start = fragments[0][0]
        if start >= after and q not in claimed:
            return q if not text[after:start].strip(_GAP_CHARS) else None
    return None


def _signature(doc: Doc, text: str, end: int, finder: attr.SpeakerFinder
               ) -> tuple[Spans, Spans, Speaker | None] | None:
    """"“…” ― Jane Doe": the dash and the name that sign a quotation."""
    rest = text[end:end + 6]
    stripped = rest.lstrip(" ")
    dash = next((d for d in _SIGNATURE_DASHES if stripped.startswith(d)), None)
    if dash is None:
        return None
    dash_start = end + len(rest) - len(stripped)
    name_start = dash_start + len(dash)
    span = doc.char_span(name_start, name_start + 1, alignment_mode="expand")
    tokens = [t for t in doc[span.start:span.start + 6]] if span is not None else []
    name = _name_tokens(tokens)
    if not name:
        return None
    source = token_span(name)
    return ((dash_start, name_start),), (source,), finder.from_token(name[-1], _LATE)


def _introduced(doc: Doc, start: int, finder: attr.SpeakerFinder
                ) -> tuple[Spans, Spans, Speaker | None] | None:
    """"The protesters chanted: “…”": the clause just before a quotation introduces it."""
    before = doc.char_span(max(0, start - 1), start, alignment_mode="expand")
    if before is None or before.start == 0:
        return None
    tok = doc[before.start - 1] if doc[before.start].idx >= start else doc[before.start]
    while tok.i > 0 and tok.is_space:
        tok = doc[tok.i - 1]
    if tok.text not in (":", ","):
        return None
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.lower_ in ("it", "there", "this"):
        return None
    cue = ((verb.idx, verb.idx + len(verb.text)),)
    return cue, (token_span(subject.subtree),), _speaker(subject, finder, _LATE)


def _name_tokens(tokens: list[Token]) -> list[Token]:
    """The capitalised words of a name at the start of ``tokens`` ("Edwin G. Monroy")."""
    name: list[Token] = []
    for tok in tokens:
        if tok.is_space and not name:
            continue
        if not (tok.text[:1].isupper() and (tok.is_alpha or tok.text.endswith("."))):
            break
        name.append(tok)
    return name


def _freeze(article: Article, draft: _Draft, quotes: list[tuple[tuple[int, int], ...]]
            ) -> Attribution | None:
    fragments = set(draft.content)
    quoted = [f for q in draft.quotes for f in quotes[q]]
    fragments.update(quoted)
    content = _merge(fragments)
    if not content:
        return None
    length = sum(e - s for s, e in content)
    direct = bool(quoted) and _overlaps(content, _merge(set(quoted))) >= DIRECT_SHARE * length
    return Attribution.create(article.id, content, tuple(draft.cue), tuple(draft.source),
                              draft.speaker, direct)


def _merge(spans: set[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted fragments with overlapping or touching ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def quoted_speaker(attributions: Sequence[Attribution], start: int, end: int) -> Speaker | None:
    """The speaker of the direct quotation that [start, end) lies inside, if any."""
    for attribution in attributions:
        if (attribution.direct and attribution.speaker is not None
                and _overlaps(attribution.content, [(start, end)]) * 10 >= (end - start) * 9):
            return attribution.speaker
    return None
