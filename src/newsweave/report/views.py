"""What the HTML templates show of one story, as plain values (no markup but escaped markup).

The report file, the web UI and notebooks render the same templates
(``report/templates/``) from a :class:`StoryView`; only :class:`Links` differs:
the report links citations to passages in the same file, the web UI to the
article's own page. Everything taken from an article reaches a template as
text (Jinja2 escapes it) or as :class:`~markupsafe.Markup` built here from
escaped pieces (:func:`mark_text`) or by the picture functions of
``report/lineage.py`` and ``report/timeline.py``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Protocol

from markupsafe import Markup, escape

from newsweave.ingest.records import earliest_first
from newsweave.model import (
    Article,
    Citation,
    Entity,
    Finding,
    FindingValue,
    Publication,
    Quote,
    ReusePassage,
    Span,
    StoryAnalysis,
    TimelineEntry,
)
from newsweave.reconcile.findings import compatible
from newsweave.report.labels import article_labels
from newsweave.report.lineage import render_lineage, render_lineage_groups
from newsweave.report.passages import as_written, snippet
from newsweave.report.timeline import timeline_svg

__all__ = [
    "MAX_BOXES",
    "MAX_PAIRS",
    "MAX_PLACES",
    "SECTIONS",
    "TITLES",
    "ArticleRow",
    "Cite",
    "Cut",
    "LineageLink",
    "Links",
    "Pair",
    "ReportLinks",
    "Section",
    "Speaker",
    "Statement",
    "StoryView",
    "Window",
    "article_anchor",
    "cited_spans",
    "counted",
    "mark_text",
    "passage_anchor",
    "published_line",
    "side_by_side",
]

#: Most reused passages shown side by side per story in a report; the rest are counted.
MAX_PAIRS = 12
#: Most boxes of a lineage picture drawn on a story's web page; a larger one has its own page.
MAX_BOXES = 60
#: Most article names a web page lists for where an entity is mentioned; the rest are counted
#: (a report lists them all).
MAX_PLACES = 10


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a story that grows with it: its heading, what one and many of its
    items are called, and the :class:`StoryView` property that holds its items."""

    title: str
    one: str
    many: str
    items: str


#: The sections that grow with a story, in page order. A page may show a window of each
#: (:class:`Window`); the web UI pages through the rest.
SECTIONS = {
    "summary": Section("Summary", "summary sentence", "summary sentences", "summary"),
    "articles": Section("Articles", "article", "articles", "rows"),
    "lineage": Section(
        "Who copied whom", "link between articles", "links between articles", "lineage_links"
    ),
    "reuse": Section("Reused passages", "reused passage", "reused passages", "reuse"),
    "quotes": Section("Who said what", "statement", "statements", "statements"),
    "findings": Section("Agreements and conflicts", "finding", "findings", "findings"),
    "timeline": Section("Timeline", "dated event", "dated events", "timeline"),
    "entities": Section("People, organisations and places", "name", "names", "entities"),
}
#: The headings of a story's sections in page order (``texts``: a report's article texts).
TITLES = {**{name: section.title for name, section in SECTIONS.items()}, "texts": "Texts"}


def counted(section: str, total: int) -> str:
    """``total`` items of ``section`` in words, e.g. ``counted("articles", 812)`` is
    ``"812 articles"``."""
    kind = SECTIONS[section]
    return f"{total:,} {kind.one if total == 1 else kind.many}"


UNRESOLVED = "Speaker not resolved"
_SAFE_ID = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-")


def passage_anchor(article_id: str, span: Span) -> str:
    """The HTML id (and URL fragment) of one passage: ``p-<article>-<start>-<end>``.

    Characters of the article id other than ASCII letters, digits, ``.`` and ``-``
    are written ``_<hex>_``, so the anchor needs no escaping in HTML, URLs or CSS
    and two ids never share an anchor.

    >>> passage_anchor("a b", Span(3, 9))
    'p-a_20_b-3-9'
    """
    return f"p-{_safe(article_id)}-{span.start}-{span.end}"


def article_anchor(article_id: str) -> str:
    """The HTML id of an article's text in a report: ``text-<article>``."""
    return f"text-{_safe(article_id)}"


def _safe(article_id: str) -> str:
    return "".join(c if c in _SAFE_ID else f"_{ord(c):x}_" for c in article_id)


class Links(Protocol):
    """Where a page links an article and a cited passage."""

    def article(self, article_id: str) -> str: ...

    def passage(self, article_id: str, span: Span) -> str: ...


@dataclass(frozen=True, slots=True)
class ReportLinks:
    """Links inside one report file: texts are sections of the same page."""

    def article(self, article_id: str) -> str:
        return "#" + article_anchor(article_id)

    def passage(self, article_id: str, span: Span) -> str:
        return "#" + passage_anchor(article_id, span)


def published_line(article: Article, publications: Iterable[Publication]) -> tuple[str, str]:
    """When an article appeared as a reader sees it, and on what basis: the given date, else
    the story tier's inferred day (with its window when that is wider than a day)."""
    if article.published:
        return article.published, article.basis.get("published", "given in input")
    for publication in publications:
        if publication.article == article.id:
            window = ""
            early, late = publication.earliest, publication.latest
            if early and late and early != late:
                window = f" (between {early} and {late})"
            return (publication.value or "unknown") + window, publication.basis
    return "unknown", ""


def cited_spans(analysis: StoryAnalysis) -> dict[str, dict[Span, set[str]]]:
    """Per article, every passage the analysis cites and what cites it
    (``summary``, ``finding``, ``timeline``, ``quote``, ``reuse``)."""
    spans: dict[str, dict[Span, set[str]]] = {}

    def add(article: str, span: Span, why: str) -> None:
        spans.setdefault(article, {}).setdefault(span, set()).add(why)

    for sentence in analysis.summary:
        for c in sentence.citations:
            add(c.article, c.span, "summary")
    for finding in analysis.findings:
        for value in finding.values:
            for c in value.citations:
                add(c.article, c.span, "finding")
    for entry in analysis.timeline:
        for c in entry.citations:
            add(c.article, c.span, "timeline")
    for q in analysis.quotes:
        add(q.article, q.span, "quote")
    for p in analysis.reuse:
        add(p.source, p.source_span, "reuse")
        add(p.target, p.target_span, "reuse")
    return spans


#: Passages open at once in :func:`mark_text` (cited sentences nest a few deep at most).
MAX_OPEN_MARKS = 12


def mark_text(text: str, passages: Mapping[Span, str]) -> Markup:
    """Escaped ``text`` with every passage in ``<mark>`` elements, anchored by its id.

    ``passages`` maps spans to their anchor. Nested passages nest; a passage that
    crosses the end of one opened before it is cut there and continued, so the
    markup is well formed: its first piece carries ``id``, every piece carries
    ``data-p`` (the page's script highlights all pieces of the target; without a
    script ``:target`` highlights the first). The text content of the pieces of a
    passage is exactly its characters. At most :data:`MAX_OPEN_MARKS` passages are open at
    any point: one that would open past them gets only its anchor (an empty element with
    its ``id``), so a link to it still lands, and the markup stays in proportion to the
    text however many passages cross (a crafted record of 2,000 crossing passages made a
    109 MB page).
    """
    spans = sorted(
        (s for s in passages if s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end)
    )
    starts: dict[int, list[Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    for n, cut in enumerate(cuts):
        ending = [k for k, s in enumerate(stack) if s.end == cut]
        if ending:
            reopened = [s for s in stack[ending[0] :] if s.end != cut]
            out.append("</mark>" * (len(stack) - ending[0]))
            del stack[ending[0] :]
            for span in reopened:
                out.append(_open_mark(passages[span], first=False))
                stack.append(span)
        for span in starts.get(cut, ()):
            if len(stack) >= MAX_OPEN_MARKS:
                out.append(f'<span class="p-anchor" id="{escape(passages[span])}"></span>')
                continue
            out.append(_open_mark(passages[span], first=True))
            stack.append(span)
        if n + 1 < len(cuts):
            out.append(str(escape(text[cut : cuts[n + 1]])))
    return Markup("".join(out))


def _open_mark(anchor: str, *, first: bool) -> str:
    name = escape(anchor)
    return (
        f'<mark class="p" id="{name}" data-p="{name}">'
        if first
        else f'<mark class="p" data-p="{name}">'
    )


def side_by_side(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Both passages as runs of words: ``("same", words)``, ``("del", words)`` on the
    left (dropped by the right) and ``("ins", words)`` on the right (added by it)."""
    left_words, right_words = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=left_words, b=right_words, autojunk=False)
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = " ".join(left_words[i1:i2]), " ".join(right_words[j1:j2])
        if op == "equal":
            left.append(("same", old))
            right.append(("same", new))
            continue
        if old:
            left.append(("del", old))
        if new:
            right.append(("ins", new))
    return left, right


#: Citations from lineages already cited, from which a report without section pages folds
#: them behind one link (fewer stay in line).
FOLD_COPIES = 3


@dataclass(frozen=True, slots=True)
class Cite:
    """One citation link: where it goes, the article's name, the cited words; ``article`` and
    ``span`` say what it cites (empty for the link to citations a page leaves out)."""

    href: str
    label: str
    words: str
    note: str = ""
    article: str = ""
    span: Span | None = None
    #: citations folded behind this one (shown on demand): those of lineages cited before
    folded: tuple[Cite, ...] = ()


@dataclass(frozen=True, slots=True)
class Window:
    """The items ``[start, stop)`` of one section that a page shows (``stop`` None: to the end)."""

    start: int = 0
    stop: int | None = None


@dataclass(frozen=True, slots=True)
class Cut:
    """What a page leaves out of a section: ``shown`` of ``total`` items are on it, the rest
    are at ``href`` (None where there is no such page, as in a report file)."""

    section: str
    total: int
    shown: int
    href: str | None

    @property
    def left_out(self) -> int:
        return self.total - self.shown

    @property
    def counted(self) -> str:
        """The whole section counted, e.g. ``"812 articles"``."""
        return counted(self.section, self.total)


@dataclass(frozen=True, slots=True)
class LineageLink:
    """One line of the lineage list: ``article`` derives from ``other`` (``kind`` "derivation",
    ``share`` of its text), or the two print one shared text (``kind`` "shared", ``share`` and
    ``other_share`` of each)."""

    kind: str
    article: str
    other: str
    share: float
    other_share: float
    basis: str


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    label: str
    title: str
    href: str
    published: str
    published_basis: str
    group: int | None
    basis: str
    source: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Side:
    article: str
    label: str
    href: str
    span: Span
    runs: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Pair:
    """A reused passage; ``directed`` says a derivation orients it (source and copy)."""

    kind: str
    similarity: float
    directed: bool
    left: Side
    right: Side


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording of a statement and the quotes that print it."""

    text: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing said, once, with its wordings and the quotes that carry it."""

    speaker: str
    text: str
    independent_sources: int | None
    variants: list[Variant]
    quotes: tuple[Quote, ...]
    #: other speakers some carriers give the same words to, each with the labels of those
    #: carriers, sorted
    disputed: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    statements: list[Statement]


@dataclass(frozen=True, slots=True)
class Text:
    id: str
    anchor: str
    label: str
    title: str
    html: Markup


#: Words a statement must share with another, in a row, for one to be the other's words.
DISPUTE_WORDS = 4
_WORDS = re.compile(r"[^\W_]+")


def _by_speaker(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(speaker, carrier) pairs as each speaker with its carriers, both sorted, each once."""
    grouped: dict[str, set[str]] = {}
    for speaker, carrier in pairs:
        grouped.setdefault(speaker, set()).add(carrier)
    return tuple((speaker, tuple(sorted(grouped[speaker]))) for speaker in sorted(grouped))


def _said_by(quotes: Sequence[Quote]) -> str | None:
    """Who said a statement: the speaker most of its carriers name (the first named on a
    tie), else the words that stand for one ("a spokesman")."""
    named = Counter(q.speaker_name for q in quotes if q.speaker_name)
    if named:
        return named.most_common(1)[0][0]
    return next((q.speaker_text for q in quotes if q.speaker_text), None)


def _report_windows() -> dict[str, Window]:
    return {"reuse": Window(0, MAX_PAIRS)}


@dataclass
class StoryView:
    """One analysed story as the templates show it.

    ``articles`` are the story's articles (a missing one, or one without text, is
    shown by id and its passages without words); ``number`` orders stories in a
    report; ``with_texts`` puts the marked article texts on the page (the report
    file) instead of linking each article's own page (the web UI).

    A page shows, of each section of :data:`SECTIONS`, the items of its ``windows``
    entry (all of a section without one; a report shows the :data:`MAX_PAIRS` longest
    reused passages); ``section_href(name, page)`` is where a section's items are paged
    in full, ``per_page`` a page (None in a report file), ``section_json_href`` their
    JSON twins, and ``paged`` the section a page is of, which says no more of it.
    ``max_cites`` caps the citation links shown per statement; the last link then leads
    to all of them.
    """

    analysis: StoryAnalysis
    articles: Mapping[str, Article]
    links: Links = field(default_factory=ReportLinks)
    number: int = 1
    with_texts: bool = True
    labels: Mapping[str, str] = field(default_factory=dict)
    windows: Mapping[str, Window] = field(default_factory=_report_windows)
    section_href: Callable[[str, int], str] | None = None
    section_json_href: Callable[[str, int], str] | None = None
    per_page: int = 50
    paged: str | None = None
    max_cites: int | None = None

    def __post_init__(self) -> None:
        self._place_maps: dict[str, dict[int, int]] = {}
        self._origin: StoryView | None = None
        known = dict(self.articles)
        self.missing = frozenset(a for a in self.analysis.story.article_ids if a not in known)
        for article_id in self.missing:
            known[article_id] = Article(id=article_id, source=article_id, text="")
        self.articles = known
        if not self.labels:
            self.labels = article_labels(known.values())

    def windowed(self, **changes: object) -> StoryView:
        """This story with other ``windows``, ``paged`` or ``max_cites``, sharing with this
        view what does not depend on them (each section's items, computed here once, and
        the lineage pictures): the pages of one story are views of one of these."""
        view = replace(self, **changes)  # type: ignore[arg-type]
        view.missing = self.missing
        view._place_maps = self._place_maps
        view._origin = self._origin or self
        for section in SECTIONS.values():
            if isinstance(getattr(StoryView, section.items), cached_property):
                view.__dict__[section.items] = getattr(self, section.items)
        return view

    # ------------------------------------------------------------------ small pieces

    @property
    def story(self) -> StoryAnalysis:
        return self.analysis

    @property
    def has_texts(self) -> bool:
        return any(a.text for a in self.articles.values())

    def label(self, article_id: str) -> str:
        return self.labels.get(article_id, article_id)

    def cite(self, citation: Citation, note: str = "") -> Cite:
        article = self.articles.get(citation.article)
        words = snippet(article.text, citation.span) if article and article.text else ""
        return Cite(
            self.links.passage(citation.article, citation.span),
            self.label(citation.article),
            words,
            note,
            citation.article,
            citation.span,
        )

    def cites(self, citations: Iterable[Citation], more: str | None = None) -> list[Cite]:
        """The links of ``citations``, at most ``max_cites`` of them and then one to ``more``,
        the page that shows them all."""
        return self._capped([(c, "") for c in citations], more)

    def quote_cites(self, variant: Variant, more: str | None = None) -> list[Cite]:
        """The links of the quotes that print ``variant`` (each with its cue), capped as
        :meth:`cites` caps."""
        return self._capped(
            [(Citation(q.article, q.span), q.cue or "") for q in variant.quotes], more
        )

    def _capped(self, cited: list[tuple[Citation, str]], more: str | None) -> list[Cite]:
        """At most ``max_cites`` links when a page ``more`` holds the rest: one of each
        lineage, then the link to all, "+N copies" when it leads only to copies of the
        lineages shown (a wire text's forty reprints are one link, not seven and "+34")."""
        if self.max_cites is None or more is None:
            return self._folded(cited)
        limit = max(2, self.max_cites)  # at least one citation before the link to the rest
        if len(cited) <= limit:
            return self._folded(cited)
        heads, _ = self._heads_and_copies(cited)
        shown = [self.cite(c, note) for c, note in heads[: limit - 1]]
        left = len(cited) - len(shown)
        kind = "copies" if len(shown) == len(heads) else "more"
        return [*shown, Cite(more, f"+{left} {kind}", f"{left} more citations")]

    def _folded(self, cited: list[tuple[Citation, str]]) -> list[Cite]:
        """Every citation, where no page shows the rest: the first of each lineage, then, when
        at least :data:`FOLD_COPIES` more come from lineages already cited (a wire text and
        its forty reprints), those folded behind one "+N copies" that opens them."""
        heads, copies = self._heads_and_copies(cited)
        if len(copies) < FOLD_COPIES:
            return [self.cite(c, note) for c, note in cited]
        shown = [self.cite(c, note) for c, note in heads]
        return [*shown, self._fold([self.cite(c, note) for c, note in copies])]

    @staticmethod
    def _fold(cites: Sequence[Cite]) -> Cite:
        words = f"{len(cites)} more citations, from articles of lineages cited before"
        return Cite("", f"+{len(cites)} copies", words, folded=tuple(cites))

    def _heads_and_copies(
        self, cited: list[tuple[Citation, str]]
    ) -> tuple[list[tuple[Citation, str]], list[tuple[Citation, str]]]:
        """One citation of each lineage group, in the order the groups are first cited (its
        independent sources, shown before the reprints of one of them), and the rest in
        their order. A group's citation is its original's (an article the lineage derives
        from nothing, else the earliest published), not the first reprint that happens to
        be cited."""
        by_group: dict[object, list[int]] = {}
        for k, (citation, _) in enumerate(cited):
            group = self.lineage_group.get(citation.article, citation.article)
            by_group.setdefault(group, []).append(k)
        heads = [min(ks, key=lambda k: self._age(cited[k][0].article)) for ks in by_group.values()]
        chosen = set(heads)
        return [cited[k] for k in heads], [c for k, c in enumerate(cited) if k not in chosen]

    def _age(self, article_id: str) -> tuple[object, ...]:
        """Originals before copies (articles the lineage derives from nothing), then the
        earliest published."""
        article = self.articles.get(article_id) or Article(
            id=article_id, source=article_id, text=""
        )
        return (article_id in self._derived, *earliest_first(article))

    @cached_property
    def _derived(self) -> frozenset[str]:
        return frozenset(d.article for d in self.analysis.lineage.derivations)

    @cached_property
    def lineage_group(self) -> dict[str, int]:
        """Each article's lineage group (its index in the analysis' groups)."""
        groups = self.analysis.lineage.groups
        return {a: n for n, g in reversed(list(enumerate(groups))) for a in g}

    def written(self, value: FindingValue) -> str:
        """A finding's value as its cited passages spell it (values are compared folded)."""
        passages = (
            c.span.slice(self.articles[c.article].text)
            for c in value.citations
            if c.article in self.articles
        )
        return as_written(value.value, passages)

    @staticmethod
    def fits_all(finding: Finding, value: FindingValue) -> bool:
        """Whether a value of a conflict can stand beside every other one ("October 2019"
        beside "20 October 2019" and "21 October 2019"): a coarser value, not a side."""
        others = [v.value for v in finding.values if v is not value]
        return (
            finding.kind == "conflict"
            and bool(others)
            and all(compatible(value.value, other) for other in others)
        )

    def flags(self, sentence: object) -> tuple[str, ...]:
        """A summary sentence's flags (empty until the summariser sets them)."""
        return tuple(getattr(sentence, "flags", ()) or ())

    def anchor(self, section: str) -> str:
        """The HTML id of one of this story's sections (unique among a report's stories)."""
        return f"story-{self.number}-{section}"

    @property
    def contents(self) -> list[tuple[str, str, str]]:
        """(name, anchor, heading) of each section this page has, in page order: the page
        and its table of contents (the template of section NAME is ``_NAME.html``)."""
        present = [s for s in TITLES if s not in ("entities", "texts")]
        if self.entities:
            present.append("entities")
        if self.with_texts and self.has_texts:
            present.append("texts")
        return [(s, self.anchor(s), TITLES[s]) for s in present]

    # ------------------------------------------------------------------ windows on sections

    def items(self, section: str) -> Sequence[object]:
        """Every item of ``section`` (a name of :data:`SECTIONS`), in page order.

        Raises:
            KeyError: for a name that is not a section's.
        """
        return getattr(self, SECTIONS[section].items)

    @property
    def summary(self) -> Sequence[object]:
        return self.analysis.summary

    def window(self, section: str) -> Window:
        return self.windows.get(section, Window())

    def shown(self, section: str) -> Sequence[object]:
        """The items of ``section`` this page shows. A story page's timeline shows the
        best supported of its events (by independent groups, then citations), by date."""
        window = self.window(section)
        items = self.items(section)
        if section == "timeline" and self.paged is None and window.stop is not None:
            return self._best_events(window.stop)
        return items[window.start : window.stop]

    def _best_events(self, count: int) -> list[TimelineEntry]:
        if count >= len(self.timeline):
            return self.timeline
        group = self.lineage_group

        def support(entry: TimelineEntry) -> tuple[int, int]:
            cited = {c.article for c in entry.citations}
            return len({group.get(a, a) for a in cited}), len(cited)

        best = sorted(
            range(len(self.timeline)), key=lambda i: support(self.timeline[i]), reverse=True
        )
        return [self.timeline[i] for i in sorted(best[:count])]

    def cut(self, section: str) -> Cut | None:
        """What this page leaves out of ``section``, and where it is; None when it shows it
        all, or is the page of that section (its pager says the rest)."""
        total = len(self.items(section))
        shown = len(self.shown(section))
        if shown == total or section == self.paged:
            return None
        href = self.section_href(section, 1) if self.section_href else None
        return Cut(section, total, shown, href)

    def more(self, section: str, item: object) -> str | None:
        """The page of ``section`` that shows ``item`` (one of its items) with every
        citation: its section page, or on that page its JSON twin (None without section
        pages)."""
        if self.section_href is None:
            return None
        page = self._places(section).get(id(item), 0) // self.per_page + 1
        if section == self.paged and self.section_json_href is not None:
            return self.section_json_href(section, page)
        return self.section_href(section, page)

    def _places(self, section: str) -> dict[int, int]:
        places = self._place_maps.get(section)
        if places is None:
            places = {id(item): n for n, item in enumerate(self.items(section))}
            self._place_maps[section] = places
        return places

    def prepare(self) -> StoryView:
        """Make every section's items and their places now, so that the views
        :meth:`windowed` makes of this one (on any thread) only read it: a
        ``cached_property`` made by two threads at once (Python 3.12 dropped its lock) could
        give each its own list, and a place looked up in the other's would be wrong."""
        for section in SECTIONS:
            self._places(section)
        return self

    # ------------------------------------------------------------------ sections

    @cached_property
    def rows(self) -> list[ArticleRow]:
        """The story's articles in story order, with publication date and its basis."""
        grouped = self.lineage_group
        rows = []
        for article_id in self.analysis.story.article_ids:
            article = self.articles[article_id]
            published, basis = published_line(article, self.analysis.publications)
            inferred = "; ".join(
                f"{k}: {v}" for k, v in sorted(article.basis.items()) if k != "published"
            )
            group = grouped[article_id] + 1 if article_id in grouped else None
            rows.append(
                ArticleRow(
                    id=article_id,
                    label=self.label(article_id),
                    title=article.title or "",
                    href=self.links.article(article_id),
                    published=published,
                    published_basis=basis,
                    group=group,
                    basis=inferred,
                    source=article.source,
                    url=article.url if article.url != article.source else None,
                )
            )
        return rows

    @cached_property
    def lineage_links(self) -> list[LineageLink]:
        """Each derivation (the copy, its source, the share taken), then each pair of
        articles printing one shared text whose direction is unknown."""
        lineage = self.analysis.lineage
        links = [
            LineageLink("derivation", d.article, d.derived_from, d.share, 0.0, d.basis)
            for d in lineage.derivations
        ]
        links += [
            LineageLink("shared", a, b, share_a, share_b, "")
            for a, b, share_a, share_b in lineage.undirected
        ]
        return links

    @cached_property
    def lineage_boxes(self) -> int:
        """How many articles the lineage picture draws (those derived from or shared)."""
        linked = {a for link in self.lineage_links for a in (link.article, link.other)}
        return len(linked & set(self.analysis.story.article_ids))

    @property
    def large_lineage(self) -> bool:
        """Whether the lineage is too large to read article by article (more than
        :data:`MAX_BOXES` linked): it is then drawn first as one bar per group."""
        return self.lineage_boxes > MAX_BOXES

    @property
    def draws_lineage(self) -> bool:
        """Whether this page draws the lineage picture: a report always does, a story's web
        page when it has at most :data:`MAX_BOXES` boxes, the lineage section on its first
        page."""
        if self.paged == "lineage":
            return self.window("lineage").start == 0
        return self.section_href is None or self.lineage_boxes <= MAX_BOXES

    @cached_property
    def lineage_groups_picture(self) -> Markup:
        """The lineage as one bar per group (``report/lineage.py``), for a story whose
        article-by-article picture is on its own page."""
        if self._origin is not None:
            return self._origin.lineage_groups_picture
        return Markup(render_lineage_groups(self.analysis, self.articles, self.labels))

    @cached_property
    def lineage_picture(self) -> Markup:
        """The lineage graph of ``report/lineage.py`` (it escapes what it draws)."""
        if self._origin is not None:
            return self._origin.lineage_picture
        return Markup(render_lineage(self.analysis, self.articles, self.labels))

    @cached_property
    def timeline_picture(self) -> Markup:
        """The picture of ``report/timeline.py`` of the entries this page shows (the
        template lists them with this page's links)."""
        if not self.analysis.timeline or not self.has_texts:
            return Markup("")
        shown = self.shown("timeline")
        entries = None if len(shown) == len(self.timeline) else shown
        return Markup(timeline_svg(self.analysis, self.articles, self.labels, entries))  # type: ignore[arg-type]

    @cached_property
    def reuse(self) -> list[ReusePassage]:
        """The reused passages, longest first."""
        return sorted(
            self.analysis.reuse, key=lambda p: (-len(p.target_span), p.target, p.target_span.start)
        )

    @property
    def pairs(self) -> list[Pair]:
        """The reused passages this page shows, side by side."""
        return [self._pair(p) for p in self.shown("reuse")]  # type: ignore[arg-type]

    def _pair(self, passage: ReusePassage) -> Pair:
        source, target = self.articles[passage.source], self.articles[passage.target]
        left, right = side_by_side(
            passage.source_span.slice(source.text), passage.target_span.slice(target.text)
        )
        return Pair(
            kind=passage.kind,
            similarity=passage.similarity,
            directed=bool(getattr(passage, "directed", False)),
            left=self._side(passage.source, passage.source_span, left),
            right=self._side(passage.target, passage.target_span, right),
        )

    def _side(self, article_id: str, span: Span, runs: list[tuple[str, str]]) -> Side:
        return Side(
            article_id, self.label(article_id), self.links.passage(article_id, span), span, runs
        )

    @cached_property
    def statements(self) -> list[Statement]:
        """Who said what: each statement once with its wordings and carriers, by speaker
        (most statements first, unresolved speakers last)."""
        by_group: dict[str, list[Quote]] = {}
        for q in self.analysis.quotes:
            by_group.setdefault(q.group or q.id, []).append(q)
        groups = {g.id: g for g in self.analysis.quote_groups}
        by_speaker: dict[str, list[str]] = {}
        for key, quotes in by_group.items():
            by_speaker.setdefault(_said_by(quotes) or UNRESOLVED, []).append(key)
        order = sorted(by_speaker, key=lambda s: (s == UNRESOLVED, -len(by_speaker[s]), s))
        statements = [
            self._statement(name, by_group[k], groups.get(k))
            for name in order
            for k in by_speaker[name]
        ]
        return self._with_disputes(statements)

    def _with_disputes(self, statements: list[Statement]) -> list[Statement]:
        """Each statement with the other speakers that carriers give the same words to: a
        statement whose words hold another's (at least four words) under another speaker
        ("This bridge is long overdue," given to a councillor by one outlet and to the mayor
        by two) is a disputed attribution, said beside both."""
        folded = [" ".join(_WORDS.findall(st.text.casefold())) for st in statements]
        index: dict[str, set[int]] = {}
        for k, text in enumerate(folded):
            words = text.split()
            for n in range(len(words) - DISPUTE_WORDS + 1):
                index.setdefault(" ".join(words[n : n + DISPUTE_WORDS]), set()).add(k)
        others: dict[int, set[tuple[str, str]]] = {}
        for members in index.values():
            for a in members:
                for b in members:
                    speaker_a, speaker_b = statements[a].speaker, statements[b].speaker
                    if speaker_a in (speaker_b, UNRESOLVED) or speaker_b == UNRESOLVED:
                        continue
                    if folded[b] in folded[a] or folded[a] in folded[b]:
                        carriers = {self.label(q.article) for q in statements[b].quotes}
                        others.setdefault(a, set()).update((speaker_b, c) for c in carriers)
        return [
            replace(
                st,
                disputed=_by_speaker(
                    [(name, c) for name, carriers in st.disputed for c in carriers]
                    + sorted(others[k])
                ),
            )
            if k in others
            else st
            for k, st in enumerate(statements)
        ]

    @property
    def speakers(self) -> list[Speaker]:
        """The statements this page shows, under their speakers."""
        speakers: list[Speaker] = []
        for statement in self.shown("quotes"):
            assert isinstance(statement, Statement)
            if not speakers or speakers[-1].name != statement.speaker:
                speakers.append(Speaker(statement.speaker, []))
            speakers[-1].statements.append(statement)
        return speakers

    def _statement(self, speaker: str, quotes: list[Quote], group: object) -> Statement:
        wordings: dict[str, list[Quote]] = {}
        for q in quotes:
            wordings.setdefault(" ".join(q.text.split()), []).append(q)
        variants = [Variant(text, tuple(qs)) for text, qs in wordings.items()]
        support = getattr(group, "independent_sources", None)
        disputed = _by_speaker(
            (q.speaker_name, self.label(q.article))
            for q in quotes
            if q.speaker_name and q.speaker_name != speaker
        )
        return Statement(
            speaker, max(wordings, key=len), support, variants, tuple(quotes), disputed
        )

    @cached_property
    def findings(self) -> list[Finding]:
        """Conflicts first, then agreements."""
        return sorted(
            self.analysis.findings, key=lambda f: (f.kind != "conflict", f.slot, f.subject)
        )

    @cached_property
    def timeline(self) -> list[TimelineEntry]:
        return sorted(self.analysis.timeline, key=lambda e: e.date)

    @cached_property
    def entities(self) -> list[tuple[Entity, int, str]]:
        """(entity, mentions, where) for the story's entities, most mentioned first."""
        out = []
        for entity in sorted(self.analysis.entities, key=lambda e: (-len(e.mentions), e.name)):
            where = sorted({self.label(m.article) for m in entity.mentions})
            cap = len(where) if self.section_href is None else MAX_PLACES
            listed = ", ".join(where[:cap])
            if len(where) > cap:
                listed += f" and {len(where) - cap:,} more"
            out.append((entity, len(entity.mentions), listed))
        return out

    @cached_property
    def texts(self) -> list[Text]:
        """Every article's text with the passages the analysis cites marked."""
        spans = cited_spans(self.analysis)
        out = []
        for row in self.rows:
            article = self.articles[row.id]
            anchors = {s: passage_anchor(row.id, s) for s in spans.get(row.id, {})}
            out.append(
                Text(
                    row.id,
                    article_anchor(row.id),
                    row.label,
                    row.title or article.source,
                    mark_text(article.text, anchors),
                )
            )
        return out
