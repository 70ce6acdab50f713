"""The typed, frozen records that flow between stages.

Every record is immutable and its ``id`` is a hash of its content, so the same input always
yields the same ids (and a stage can run anywhere: in-process or on a distributed engine).
Character offsets (``start``/``end``) index the owning article's ``text`` as code points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from crosscheck.ids import content_id

Slot = Literal["speaker", "number", "age", "date", "time", "place", "address", "entity", "name",
               "polarity"]
Label = Literal["agree", "conflict", "related"]
Status = Literal["corroborated", "contradicted", "unique"]
SLOTS: tuple[Slot, ...] = ("speaker", "number", "age", "date", "time", "place", "address",
                           "entity", "name", "polarity")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from an input."""

    id: str
    text: str
    title: str | None = None
    source: str = ""
    published: str | None = None
    url: str | None = None
    author: str | None = None
    origin: str = ""  # where it was read from: a path, ``path:line`` or ``<stdin>``
    external_id: str | None = None  # the id the input gave it, if any

    @classmethod
    def create(cls, text: str, *, title: str | None = None, source: str = "",
               published: str | None = None, url: str | None = None, author: str | None = None,
               origin: str = "", external_id: str | None = None) -> "Article":
        """Build an article whose id hashes its source, title and text."""
        return cls(id=content_id("art", source, title or "", text), text=text, title=title,
                   source=source, published=published, url=url, author=author, origin=origin,
                   external_id=external_id)

    @property
    def label(self) -> str:
        """A short human name: the source, else the title, else the id."""
        return self.source or self.title or self.id


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be used, with where and why."""

    location: str
    reason: str


@dataclass(frozen=True, slots=True)
class SetAside:
    """A span of an article's text that is page text, not its prose (``crosscheck.clean``):
    kept in the article, shown on request, never compared."""

    article_id: str
    start: int
    end: int
    kind: str  # caption, credit, timestamp, share, copyright, transcript, social, related, ...


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    headline: bool = False  # a title or sub-heading rather than a sentence of the body


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity; ``key`` is its canonical form, shared by spelling variants."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT...
    key: str
    start: int
    end: int
    role: str | None = None  # "Defense Secretary" for "Defense Secretary Pete Hegseth"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, normalised to an interval in the unit's base (e.g. minutes)."""

    text: str
    start: int
    end: int
    low: float
    high: float  # ``math.inf`` for open-ended ("more than 60")
    unit: str  # base unit: "min", "year", "USD", "%", "people", or a counted noun lemma
    dimension: str  # "duration", "money", "percent", "count", "length", "mass", ...
    approx: bool = False
    low_inclusive: bool = True
    high_inclusive: bool = True
    total: bool = False  # a sum over several events ("a total of 14 in five raids"): scope.py
    # lemmas of the verb the number belongs to and those coordinated with it ("found and
    # confiscated six rifles"), from the claim's parse; () where unparsed
    verbs: tuple[str, ...] = ()
    # for an age, the name of the person it is given to ("Ian Beckett" for "Ian Beckett, 53,"),
    # from the claim's parse; "" where no name stands for it ("the 33-year-old sobbed")
    holder: str = ""
    # who does what the number's verb says ("Mobil" for "Mobil paid him £10,000", "Greer"
    # for "paid for by Mr Greer"), from the claim's parse; "" where no name does it
    agent: str = ""

    def overlaps(self, other: "Quantity") -> bool:
        """True when some value satisfies both intervals: such numbers never conflict.

        A total and a number not marked as one are a whole and a part: they fit when the
        part can be no larger than the whole."""
        if self.dimension != other.dimension or self.unit != other.unit:
            raise ValueError(f"cannot compare {self.unit!r} with {other.unit!r}")
        if self.total != other.total:
            part, whole = (other, self) if self.total else (self, other)
            return part.low < whole.high or (part.low == whole.high and part.low_inclusive
                                             and whole.high_inclusive)
        lo, lo_inc = max((self.low, self.low_inclusive), (other.low, other.low_inclusive),
                         key=lambda b: (b[0], not b[1]))
        hi, hi_inc = min((self.high, self.high_inclusive), (other.high, other.high_inclusive),
                         key=lambda b: (b[0], b[1]))
        return lo < hi or (lo == hi and lo_inc and hi_inc)

    @property
    def display(self) -> str:
        """A compact normalised form: "≈90 min", ">60 min", "2–3 year", "12 people"."""
        from crosscheck.claims.quantity_format import format_quantity
        return format_quantity(self)


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date or time expression; ``value`` is normalised ("Wednesday", "2025-02-12", "2022")."""

    text: str
    start: int
    end: int
    kind: Literal["weekday", "date", "month", "year", "relative", "time"]
    value: str
    # What the date is the date of, from the claim's parse (() where unparsed): the lemmas of
    # the verb it belongs to and those coordinated with it ("marry" for "married in 1993",
    # "live" for "the home where she had lived since 1993").
    verbs: tuple[str, ...] = ()
    # False when the text gives no year and the one in ``value`` came from the publication
    # date ("December 11" in an article of June 1997): a guess, which never contradicts a year
    # the text gives (only a weekday named beside it).
    year_known: bool = True
    # True when the text dates it over a year before the publication date ("In 1985, he was
    # jailed for 18 months" in a report of 1997): background, another occasion than the news.
    past: bool = False
    # who does what its verb says ("Ed Murray" for "On Saturday, Mayor Ed Murray announced"),
    # from the claim's parse; "" where no name does it (``claims/agents.py``)
    agent: str = ""
    # the subject of its verb, "act:lemma" or "pass:lemma" ("pass:visitation" for "a
    # visitation will be held Tuesday"); "" where none or a pronoun (``claims/agents.py``)
    subject: str = ""
    # the event noun it qualifies ("shooting" in "the shooting on Friday"), else ""
    event: str = ""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a claim is attributed to; ``key`` is the canonical person/organisation key."""

    name: str
    key: str
    role: str | None = None
    kind: Literal["person", "organization", "other"] = "person"
    mention: str | None = None  # the words that named them here ("he", "the spokesman"), if not the name
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in an article."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    speaker: Speaker | None = None


Fragments = tuple[tuple[int, int], ...]  # [start, end) character spans; several where split


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what: a source, the cue words that attribute, and the content attributed.

    ``source`` is where the speaker is mentioned here ("he", "a Kremlin spokesman"), ``speaker``
    who that resolves to; ``direct`` is True for a quotation (its content is inside quote marks).
    """

    id: str
    article_id: str
    content: Fragments
    cue: Fragments = ()
    source: Fragments = ()
    speaker: Speaker | None = None
    direct: bool = False

    @classmethod
    def create(cls, article_id: str, content: Fragments, cue: Fragments = (),
               source: Fragments = (), speaker: Speaker | None = None,
               direct: bool = False) -> "Attribution":
        return cls(content_id("att", article_id, content, cue), article_id, content, cue,
                   source, speaker, direct)

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]

    @property
    def role(self) -> str | None:
        return self.speaker.role if self.speaker is not None else None


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement: a sentence, or a clause split off one."""

    id: str
    article_id: str
    sentence_id: str
    text: str  # the words as they stand in the article
    start: int
    end: int
    statement: str  # ``text`` made to stand alone (subject restored), used for matching
    speaker: Speaker | None = None
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateRef, ...] = ()
    places: tuple[Entity, ...] = ()
    negated: bool = False
    quotes: tuple[str, ...] = ()  # direct quotations inside the claim, normalised
    headline: bool = False
    terms: tuple[str, ...] = ()  # content-word lemmas (sorted, unique), for lexical overlap
    # the lemma of the verb a negated claim denies ("support" in "won't support"); "" when it
    # is an auxiliary ("is not safe"), not negated, or unparsed
    negated_verb: str = ""
    verbs: tuple[str, ...] = ()  # lemmas of the claim's verbs and auxiliaries (sorted, unique)

    @staticmethod
    def make_id(article_id: str, start: int, end: int, text: str) -> str:
        return content_id("clm", article_id, start, end, text)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two claims from different articles that may report the same thing."""

    id: str
    claim_a: str
    claim_b: str
    similarity: float  # cosine similarity of the statements' embeddings
    entity_overlap: float  # IDF-weighted overlap of canonical entity keys
    shared_quotes: tuple[str, ...]
    score: float
    shared_slots: tuple[str, ...] = ()  # rare slot values both give: "date: Wednesday"

    @classmethod
    def create(cls, claim_a: str, claim_b: str, similarity: float, entity_overlap: float,
               shared_quotes: tuple[str, ...], score: float,
               shared_slots: tuple[str, ...] = ()) -> "Alignment":
        return cls(content_id("aln", claim_a, claim_b), claim_a, claim_b, round(similarity, 4),
                   round(entity_overlap, 4), shared_quotes, round(score, 4), shared_slots)


@dataclass(frozen=True, slots=True)
class Difference:
    """What differs on one slot: ``a`` is claim A's value, ``b`` claim B's."""

    slot: Slot
    a: str
    b: str
    a_span: tuple[int, int] | None = None  # offsets of the differing words in claim A's article
    b_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judge's ruling on an alignment."""

    id: str
    alignment_id: str
    claim_a: str
    claim_b: str
    label: Label
    score: float
    differences: tuple[Difference, ...] = ()
    reason: str = ""

    @classmethod
    def create(cls, alignment: Alignment, label: Label, score: float,
               differences: tuple[Difference, ...] = (), reason: str = "") -> "Verdict":
        return cls(content_id("vrd", alignment.id, label), alignment.id, alignment.claim_a,
                   alignment.claim_b, label, round(score, 4), differences, reason)

    def relabelled(self, label: Label, differences: tuple[Difference, ...],
                   reason: str) -> "Verdict":
        """The same alignment's verdict, ruled again by a later stage (same score)."""
        return Verdict(content_id("vrd", self.alignment_id, label), self.alignment_id,
                       self.claim_a, self.claim_b, label, self.score, differences, reason)

    @property
    def slot(self) -> Slot | None:
        return self.differences[0].slot if self.differences else None


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a comparison found; renderers turn it into text, Markdown, HTML or JSON."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    alignments: tuple[Alignment, ...]
    verdicts: tuple[Verdict, ...]
    rejected: tuple[Rejected, ...] = ()
    statuses: dict[str, Status] = field(default_factory=dict)  # claim id -> status
    quotes: tuple[Quote, ...] = ()
    set_aside: tuple[SetAside, ...] = ()  # page text the claims were not read from
