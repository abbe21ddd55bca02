"""The records that flow through the pipeline.

Every record is a frozen dataclass. Anything taken from an article points back
to it with a :class:`Span`, a half-open ``[start, end)`` range of ``str``
indices into that article's stored ``text``. Dicts appear only at the edges
(JSON, SQL rows); see :mod:`newsweave.report.dossier` for the JSON shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Literal

__all__ = [
    "Article",
    "Citation",
    "Claim",
    "Derivation",
    "Dossier",
    "Entity",
    "Finding",
    "FindingValue",
    "Lineage",
    "Mention",
    "Publication",
    "Quote",
    "QuoteGroup",
    "Rejection",
    "ReuseKind",
    "ReusePassage",
    "Segmentation",
    "Span",
    "Story",
    "StoryAnalysis",
    "SummarySentence",
    "TimelineEntry",
    "Timex",
]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into one article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """Return the characters of ``text`` that this span covers."""
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    @classmethod
    def stripped(cls, text: str, start: int, end: int) -> Span | None:
        """The span ``[start, end)`` of ``text`` without surrounding whitespace; None if blank."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(start, end) if end > start else None


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer to the passage of an article that supports a statement."""

    article: str
    span: Span


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Article:
    """One analysed document.

    ``basis`` maps each metadata field that was not given explicitly in the
    input (``outlet``, ``title``, ``published`` ...) to how it was obtained,
    e.g. ``{"outlet": "credit line '-BBC' at the end of the text"}``.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    basis: Mapping[str, str] = field(default_factory=dict)
    content_hash: str = ""

    def __reduce__(self) -> tuple[type[Article], tuple[object, ...]]:
        """Pickled as its fields in order: the state methods dataclasses give a slotted class
        look its fields up for every article, which cost the corpus tier's workers and the
        process reading from them 2.5 + 5.1 ms a thousand articles; this, 0.9 + 3.0."""
        return (Article, _article_fields(self))


#: An article's field values in declaration order (the arguments that make it again).
_article_fields = attrgetter(*(f.name for f in fields(Article)))


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be analysed, and why (never silently dropped)."""

    source: str
    reason: str


# --------------------------------------------------------------------------- segmentation


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Paragraph and sentence boundaries of one article."""

    article: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about the same events."""

    id: str
    article_ids: tuple[str, ...]
    headline: str


# --------------------------------------------------------------------------- reuse and lineage

ReuseKind = Literal["verbatim", "near-verbatim", "paraphrase"]


@dataclass(frozen=True, slots=True)
class ReusePassage:
    """A passage of ``target`` taken from ``source`` (source is the older side
    when the direction is known; otherwise the pair is ordered by id).

    ``directed`` is True only where a derivation of the story's lineage orients the pair;
    otherwise the two articles share the wording and neither is the copy."""

    source: str
    target: str
    source_span: Span
    target_span: Span
    kind: ReuseKind
    similarity: float
    directed: bool = False


@dataclass(frozen=True, slots=True)
class Derivation:
    """``article`` derives from ``derived_from``; ``share`` is the fraction of
    ``article``'s text taken from it; ``basis`` says how direction was decided."""

    article: str
    derived_from: str
    share: float
    basis: str


@dataclass(frozen=True, slots=True)
class Lineage:
    """Independent groups of a story: articles in one group share a text."""

    derivations: tuple[Derivation, ...]
    groups: tuple[tuple[str, ...], ...]
    #: linked pairs whose direction neither dates nor containment told (shared text), with the
    #: share of each side's text found in the other
    undirected: tuple[tuple[str, str, float, float], ...] = ()

    def group_of(self, article_id: str) -> int:
        """Index of the group holding ``article_id`` (each article is in one)."""
        for index, group in enumerate(self.groups):
            if article_id in group:
                return index
        raise KeyError(article_id)

    def count_groups(self, article_ids: object) -> int:
        """Number of independent groups among ``article_ids``."""
        return len({self.group_of(a) for a in article_ids})  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    span: Span
    text: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, normalised across a story's articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation; ``span`` covers the quoted words without the marks."""

    id: str
    article: str
    span: Span
    text: str
    speaker: str | None
    speaker_text: str | None
    speaker_name: str | None
    cue: str | None
    group: str | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One statement carried by several articles (verbatim, truncated or
    translated differently); ``independent_sources`` counts lineage groups."""

    id: str
    speaker: str | None
    speaker_name: str | None
    text: str
    quotes: tuple[str, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    independent_sources: int


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised to TIMEX3 ``type`` and ``value``."""

    article: str
    span: Span
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Publication:
    """When an article was published, and how that is known.

    ``value`` is an ISO date or ``None``; ``earliest``/``latest`` bound it when
    it is inferred, so that uncertainty is carried, not hidden.
    """

    article: str
    value: str | None
    basis: str
    earliest: str | None = None
    latest: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A factual statement that carries a value (a count, a date, a role ...)."""

    id: str
    article: str
    span: Span
    slot: str
    subject: str
    value: str
    unit: str | None = None
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class FindingValue:
    value: str
    articles: tuple[str, ...]
    citations: tuple[Citation, ...]
    independent_support: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    """Agreement or conflict between articles on one slot of one subject."""

    kind: Literal["agreement", "conflict"]
    slot: str
    subject: str
    values: tuple[FindingValue, ...]
    independent_support: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    event: str
    citations: tuple[Citation, ...]
    basis: str = ""


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]
    #: what a reader should know about the sentence, e.g. ``"conflict: ..."`` where sources
    #: disagree on a fact it states, ``"unsupported: 42"`` for a generated sentence
    flags: tuple[str, ...] = ()


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """Everything newsweave found about one story."""

    story: Story
    independent_sources: int
    lineage: Lineage
    reuse: tuple[ReusePassage, ...] = ()
    publications: tuple[Publication, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()
    timexes: tuple[Timex, ...] = ()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[SummarySentence, ...] = ()

    def _repr_html_(self) -> str:
        """The story as a notebook shows it (the report's templates; no article texts)."""
        from newsweave.report.html import render_story_fragment

        return render_story_fragment(self)


@dataclass(frozen=True, slots=True)
class Dossier:
    """The result of :func:`newsweave.analyze`."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejection, ...]
    reuse: tuple[ReusePassage, ...]
    stories: tuple[StoryAnalysis, ...]
    version: str = ""

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def _repr_html_(self) -> str:
        """The dossier as a notebook shows it: the report, in one scoped ``<div>``."""
        from newsweave.report.html import render_fragment

        return render_fragment(self)
