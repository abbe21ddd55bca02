"""The web UI's pages as data: each builder reads the store and returns the template
context of the HTML page and the document of its JSON twin, from the same values.

Builders raise :class:`PageError` for what a request got wrong (400) or asked for in
vain (404); the messages name what was asked, and templates escape them.
"""

from __future__ import annotations

import dataclasses
import shlex
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment

from newsweave.corpus.catalog import (
    HISTORY_SHOWN,
    copy_json,
    event_words,
    history_json,
    show_story,
    story_history,
)
from newsweave.errors import InputError
from newsweave.model import Article, Lineage, ReusePassage, Span, StoryAnalysis
from newsweave.report.dossier import item_record
from newsweave.report.html import make_environment
from newsweave.report.labels import article_labels
from newsweave.report.passages import snippet
from newsweave.report.views import (
    SECTIONS,
    ArticleRow,
    LineageLink,
    Statement,
    StoryView,
    Window,
    cited_spans,
    counted,
    mark_text,
    passage_anchor,
    published_line,
)
from newsweave.store import Store
from newsweave.store.records import CodecError, decode_record
from newsweave.webui import queries
from newsweave.webui.jsondoc import StoredJson
from newsweave.webui.links import WebLinks, article_href, paged, story_href

__all__ = [
    "MAX_PAGE",
    "MAX_QUERY",
    "PageError",
    "Pager",
    "article_page",
    "decode_analysis",
    "page_number",
    "render",
    "search_page",
    "section_name",
    "stories_page",
    "story_page",
    "story_view",
]

#: Stories per page of the list.
PER_PAGE = 50
#: Stories and articles per page of search results.
SEARCH_PER_PAGE = 20
#: Articles per page of an unanalysed story.
STORY_ARTICLES_PER_PAGE = 100
#: Items of each section an analysed story's page shows; the rest are on the section's pages
#: (a story of 863 articles has 13,000 reused passages, 2,300 links, 470 names: shown whole,
#: the pages of the six largest stories at 200k were 3.6-11.5 MB, now 0.19-0.50 MB). A
#: section without an entry is shown whole.
PREVIEW = {
    "articles": 50,
    "lineage": 40,
    "reuse": 12,
    "quotes": 40,
    "findings": 20,
    "timeline": 30,
    "entities": 60,
}
#: Items per page of a section's own pages.
SECTION_PER_PAGE = 50
#: Citation links shown per statement on a story's page; the last then opens the statement's
#: section page, which shows more.
PREVIEW_CITES = 8
#: Citation links shown per statement on a section's page; the last then opens the page's
#: JSON twin, which has them all (a finding of a story of 800 articles cites 500 passages:
#: shown whole, one findings page was 3.4 MB).
SECTION_CITES = 24
#: Highest page number accepted (a larger one is a bad request, not an SQL overflow).
MAX_PAGE = 1_000_000
#: Longest search accepted, in characters.
MAX_QUERY = 500
#: Longest piece of a request repeated in a message, in characters.
ECHO_CHARS = 120
#: What cites a passage, as the article page says it.
CITED_BY = {
    "summary": "summary",
    "finding": "agreements and conflicts",
    "timeline": "timeline",
    "quote": "quote",
    "reuse": "reused passage",
}


class PageError(Exception):
    """A request that gets an error page: its status, a title and what happened."""

    def __init__(
        self, status: int, title: str, message: str, link: tuple[str, str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
        #: where to go instead, as (page href, JSON twin href, words), when there is a place
        self.link = link


def echo(text: str) -> str:
    """A piece of a request fit to repeat in a message (shortened; templates escape it)."""
    text = " ".join(text.split())
    return text if len(text) <= ECHO_CHARS else text[: ECHO_CHARS - 1] + "…"


@dataclass(frozen=True, slots=True)
class Pager:
    page: int
    pages: int | None
    previous: str | None
    next: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "page": self.page,
            "pages": self.pages,
            "previous": self.previous,
            "next": self.next,
        }


def page_number(value: str | None) -> int:
    """The ``page`` parameter: a whole number from 1 to :data:`MAX_PAGE` (1 when absent).

    Raises:
        PageError: 400 for anything else.
    """
    if value is None or value == "":
        return 1
    if (
        not value.isascii()
        or not value.isdigit()
        or len(value) > len(str(MAX_PAGE))  # out of range, and int() refuses 4,300 digits
        or not 1 <= int(value) <= MAX_PAGE
    ):
        raise PageError(
            400,
            "Bad page number",
            f"“{echo(value)}” is not a page number: use ?page=1 to ?page={MAX_PAGE}.",
        )
    return int(value)


def render(template: str, **context: Any) -> str:
    """One web page (stylesheet and script linked from ``/static``)."""
    page = {"self_contained": False, "static": "/static", "max_query": MAX_QUERY}
    return _environment().get_template(template).render(page=page, **context)


@cache
def _environment() -> Environment:
    env = make_environment()
    env.filters["story_href"] = story_href
    env.filters["article_href"] = article_href
    return env


def _story_json(row: queries.StoryRow) -> dict[str, object]:
    return {
        "id": row.id,
        "headline": row.headline,
        "size": row.size,
        "outlets": row.outlets,
        "first_published": row.first_published,
        "last_published": row.last_published,
        "analyzed": row.analyzed,
        "independent_sources": row.independent_sources,
        "href": story_href(row.id),
        "json": story_href(row.id, ".json"),
    }


def _pager(path: str, page: int, pages: int | None, has_next: bool, **params: str) -> Pager:
    return Pager(
        page,
        pages,
        paged(path, page - 1, **params) if page > 1 else None,
        paged(path, page + 1, **params) if has_next else None,
    )


# ---------------------------------------------------------------------------------- stories


def stories_page(conn: sqlite3.Connection, page: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The list of stories, newest first, :data:`PER_PAGE` a page.

    Raises:
        PageError: 404 for a page past the last (as for a story's section pages).
    """
    total = queries.count_stories(conn)
    pages = max(1, -(-total // PER_PAGE))
    if page > pages:
        raise PageError(
            404,
            "No such page",
            f"The store has {pages:,} page{'s' if pages != 1 else ''} of stories "
            f"({total:,} stor{'y' if total == 1 else 'ies'}, {PER_PAGE} a page).",
        )
    rows = queries.stories_page(conn, (page - 1) * PER_PAGE, PER_PAGE)
    html_pager = _pager("/", page, pages, page < pages)
    json_pager = _pager("/stories.json", page, pages, page < pages)
    context = {
        "stories": rows,
        "total": total,
        "pager": html_pager,
        "json_href": paged("/stories.json", page),
    }
    document = {
        "schema": "newsweave.webui.stories/1",
        "total": total,
        "per_page": PER_PAGE,
        **json_pager.as_json(),
        "stories": [_story_json(r) for r in rows],
    }
    return context, document


# ---------------------------------------------------------------------------------- search


def search_page(
    conn: sqlite3.Connection, has_search: bool, query: str, page: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Stories (by headline) and articles (by title and text) with every word of ``query``.

    Raises:
        PageError: 400 when the query is longer than :data:`MAX_QUERY`; 404 for a page past
            the last of its matches.
    """
    if len(query) > MAX_QUERY:
        raise PageError(
            400,
            "Search too long",
            f"A search has at most {MAX_QUERY} characters; this one has {len(query)}.",
        )
    terms = queries.search_terms(query)
    note = ""
    stories: list[queries.StoryRow] = []
    hits: list[queries.ArticleHit] = []
    more = False
    if not has_search:
        note = (
            "This store has no search index yet: open it once with this version of newsweave "
            "(for example 'newsweave stories --db FILE') to build it."
        )
    elif not terms and query.strip():
        note = "No words to search for: a search matches letters and digits."
    elif terms:
        offset = (page - 1) * SEARCH_PER_PAGE
        try:
            stories, ranked_stories = queries.search_stories(
                conn, terms, offset, SEARCH_PER_PAGE + 1
            )
            hits, ranked_articles = queries.search_articles(
                conn, terms, offset, SEARCH_PER_PAGE + 1
            )
        except sqlite3.OperationalError:
            raise PageError(400, "Cannot search for that", "The search index refused it.") from None
        dropped = len(queries.search_terms(query, None)) - len(terms)
        if dropped:
            note = f"A search uses its first {len(terms)} words; {dropped} more were left out. "
        if not (ranked_stories and ranked_articles):
            note += (
                f"More than {queries.RANKED_MATCHES:,} stories or articles have "
                f"{'this word' if len(terms) == 1 else 'these words'}: the newest come first. "
                "Add words to rank them by relevance."
            )
        more = len(stories) > SEARCH_PER_PAGE or len(hits) > SEARCH_PER_PAGE
        stories, hits = stories[:SEARCH_PER_PAGE], hits[:SEARCH_PER_PAGE]
        if page > 1 and not stories and not hits:
            raise PageError(
                404,
                "No such page",
                f"This search has no page {page:,}: its matches fill fewer pages "
                f"({SEARCH_PER_PAGE} stories and {SEARCH_PER_PAGE} articles a page).",
            )
    q = query.strip()
    pager = _pager("/search", page, None, more, q=q)
    json_pager = _pager("/search.json", page, None, more, q=q)
    context = {
        "query": query,
        "terms": terms,
        "note": note,
        "stories": stories,
        "hits": [(h, _hit_runs(h.snippet)) for h in hits],
        "pager": pager,
        "json_href": paged("/search.json", page, q=q),
    }
    document = {
        "schema": "newsweave.webui.search/1",
        "query": query,
        "terms": terms,
        "note": note or None,
        **json_pager.as_json(),
        "stories": [_story_json(r) for r in stories],
        "articles": [
            {
                "id": h.id,
                "title": h.title,
                "outlet": h.outlet,
                "published": h.published,
                "story": h.story,
                "snippet": h.snippet.replace(queries.HIT_START, "").replace(queries.HIT_END, ""),
                "matches": [text for hit, text in _hit_runs(h.snippet) if hit],
                "href": article_href(h.id),
            }
            for h in hits
        ],
    }
    return context, document


def _hit_runs(text: str) -> list[tuple[bool, str]]:
    """A snippet as (is a match, text) runs, split at the marks FTS5 put around matches."""
    runs: list[tuple[bool, str]] = []
    inside = False
    for piece in text.replace(queries.HIT_END, queries.HIT_START).split(queries.HIT_START):
        if piece:
            runs.append((inside, piece))
        inside = not inside
    return runs


# ---------------------------------------------------------------------------------- a story


def decode_analysis(row: queries.AnalysisRow | None) -> StoryAnalysis | None:
    """The stored analysis record, or None (none, failed, or written by another version)."""
    if row is None or row.status != "done" or not row.record:
        return None
    try:
        value = decode_record(row.record)
    except CodecError:
        return None
    if not isinstance(value, StoryAnalysis) or not references_fit(value):
        return None
    return value


#: Fields of the story tier's records that name one of the story's articles, or several.
_ONE_ARTICLE = frozenset({"article", "derived_from"})
_ARTICLES = frozenset({"articles"})


def _lineage_fits(lineage: Lineage, known: set[str]) -> bool:
    """Its groups share out the story's articles, each once, and its undirected pairs name
    them (a derivation's ends are checked as every record's articles are)."""
    members = [a for group in lineage.groups for a in group]
    pairs = {a for pair in lineage.undirected for a in pair[:2]}
    return len(members) == len(set(members)) and set(members) == known and pairs <= known


def references_fit(analysis: StoryAnalysis) -> bool:
    """Whether every article an analysis names is one of its story's: a stored record
    (someone else's store, or a damaged one) that names others is treated as no analysis,
    as one that does not decode is, not shown half."""
    known = set(analysis.story.article_ids)
    pending: list[object] = [getattr(analysis, f.name) for f in dataclasses.fields(analysis)]
    while pending:
        node = pending.pop()
        if type(node) is tuple:
            pending.extend(node)
            continue
        if not dataclasses.is_dataclass(node) or isinstance(node, type):
            continue
        if isinstance(node, ReusePassage) and not {node.source, node.target} <= known:
            return False
        if isinstance(node, Lineage) and not _lineage_fits(node, known):
            return False
        for field in dataclasses.fields(node):
            value = getattr(node, field.name)
            if field.name in _ONE_ARTICLE and value not in known:
                return False
            if field.name in _ARTICLES and not set(value) <= known:
                return False
            if type(value) is tuple or dataclasses.is_dataclass(value):
                pending.append(value)
    return True


def missing_story(conn: sqlite3.Connection, story_id: str) -> PageError:
    """The 404 of a story id the store does not have (saying where a merged one went)."""
    merged = queries.merged_into(conn, story_id)
    where = f" It was merged into story {merged}." if merged else ""
    return PageError(
        404,
        "No such story",
        f"There is no story “{echo(story_id)}” in this store.{where}",
        (story_href(merged), story_href(merged, ".json"), f"Story {merged}") if merged else None,
    )


def missing_article(article_id: str) -> PageError:
    return PageError(
        404, "No such article", f"There is no article “{echo(article_id)}” in this store."
    )


def section_name(value: str | None) -> str | None:
    """The ``section`` parameter: a name of a story's :data:`SECTIONS`, or None when absent.

    Raises:
        PageError: 400 for anything else.
    """
    if value is None or value == "":
        return None
    if value not in SECTIONS:
        names = ", ".join(SECTIONS)
        raise PageError(
            400, "No such section", f"A story has no section “{echo(value)}”: use one of {names}."
        )
    return value


def story_page(
    conn: sqlite3.Connection,
    store_path: Path,
    story_id: str,
    page: int,
    analysis: StoryAnalysis | StoryView | None,
    section: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A story: its analysis when it has one (``analysis``, or its :func:`story_view`),
    else its articles and how to analyse it; with ``section``, that section of its
    analysis, page ``page``.

    Raises:
        PageError: 404 when there is no such story, 400 for a section of an unanalysed one.
    """
    row = queries.story_row(conn, story_id)
    if row is None:
        raise missing_story(conn, story_id)
    base = {
        "schema": "newsweave.webui.story/1",
        **_story_json(row),
        "html": story_href(row.id),
    }
    if analysis is None and section is not None:
        raise PageError(
            400,
            "This story is not analysed",
            f"Story “{echo(row.id)}” has no analysis, so no section “{section}”: "
            "its page lists its articles and says how to analyse it.",
        )
    if analysis is None:
        return _with_history(conn, row.id, *_unanalysed(conn, store_path, row, page, base))
    view = analysis if isinstance(analysis, StoryView) else story_view(conn, analysis)
    if section is not None:
        return _section(row, view, section, page)
    return _with_history(conn, row.id, *_analysed(conn, row, view, base))


def _with_history(
    conn: sqlite3.Connection, story_id: str, context: dict[str, Any], document: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A story page with the story's history: its last :data:`HISTORY_SHOWN` events on
    the page, every event in its JSON twin."""
    history = story_history(conn, story_id)
    shown = history[-HISTORY_SHOWN:]
    context = {
        **context,
        "history": [(e.when, e.run, *event_words(story_id, e)) for e in shown],
        "history_earlier": len(history) - len(shown),
    }
    document = {**document, "history": history_json(history)}
    return context, document


def _section_href(story_id: str, suffix: str = "") -> Callable[[str, int], str]:
    """Where page ``page`` of a section of the story is (``suffix=".json"``: its twin)."""

    def href(section: str, page: int) -> str:
        return paged(story_href(story_id, suffix), page, section=section)

    return href


def story_view(conn: sqlite3.Connection, analysis: StoryAnalysis) -> StoryView:
    """The whole analysed story as its web pages show it, each a window on this view
    (:meth:`StoryView.windowed`); it holds the story's articles, and is made whole here
    (:meth:`StoryView.prepare`) so that threads sharing it only read it."""
    return StoryView(
        analysis,
        queries.load_articles(conn, list(analysis.story.article_ids)),
        links=WebLinks(),
        with_texts=False,
        windows={},
        section_href=_section_href(analysis.story.id),
        section_json_href=_section_href(analysis.story.id, ".json"),
        per_page=SECTION_PER_PAGE,
    ).prepare()


def _analysed(
    conn: sqlite3.Connection,
    row: queries.StoryRow,
    whole: StoryView,
    base: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    windows = {name: Window(0, shown) for name, shown in PREVIEW.items()}
    view = whole.windowed(windows=windows, max_cites=PREVIEW_CITES)
    analysis = view.analysis
    ids = list(analysis.story.article_ids)
    members = {
        r[0] for r in conn.execute("SELECT article FROM story_members WHERE story = ?", (row.id,))
    }
    joined, left = sorted(members - set(ids)), sorted(set(ids) - members)
    edited = not joined and not left and queries.analysis_outdated(conn, row.id)
    context = {
        "story": row,
        "view": view,
        "joined": joined,
        "left": left,
        "edited": edited,
        "json_href": story_href(row.id, ".json"),
    }
    html_href, json_href = _section_href(row.id), _section_href(row.id, ".json")
    document = {
        **base,
        "independent_sources": analysis.independent_sources,
        "analysed_at": queries.analysis_created(conn, row.id),
        "changed_since_analysis": {"joined": joined, "left": left, "edited": edited},
        "articles": [
            _article_json(view.articles[i], view.label(i)) for i in ids if i not in view.missing
        ],
        "sections": {
            name: {
                "total": len(view.items(name)),
                "pages": _pages(len(view.items(name))),
                "href": html_href(name, 1),
                "json": json_href(name, 1),
            }
            for name in SECTIONS
        },
        "analysis": StoredJson(lambda: queries.analysis_dossier(conn, row.id)),
    }
    return context, document


def _pages(total: int) -> int:
    return max(1, -(-total // SECTION_PER_PAGE))


def _section(
    row: queries.StoryRow, whole: StoryView, section: str, page: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One section of an analysed story, :data:`SECTION_PER_PAGE` items a page."""
    start = (page - 1) * SECTION_PER_PAGE
    view = whole.windowed(
        windows={section: Window(start, start + SECTION_PER_PAGE)},
        paged=section,
        max_cites=SECTION_CITES,
    )
    total = len(view.items(section))
    pages = _pages(total)
    if page > pages:
        raise PageError(
            404,
            "No such page",
            f"{SECTIONS[section].title} of story “{echo(row.id)}” has {pages} "
            f"page{'s' if pages != 1 else ''} of {SECTION_PER_PAGE} ({counted(section, total)}).",
        )
    html, twin = story_href(row.id), story_href(row.id, ".json")
    context = {
        "story": row,
        "view": view,
        "section": section,
        "title": SECTIONS[section].title,
        "partial": f"_{section}.html",
        "total": total,
        "counted": counted(section, total),
        "pager": _pager(html, page, pages, page < pages, section=section),
        "json_href": paged(twin, page, section=section),
    }
    document = {
        "schema": "newsweave.webui.story-section/1",
        "story": row.id,
        "headline": row.headline,
        "section": section,
        "total": total,
        "per_page": SECTION_PER_PAGE,
        **_pager(twin, page, pages, page < pages, section=section).as_json(),
        "html": paged(html, page, section=section),
        "story_href": story_href(row.id),
        "items": [_item_json(view, item) for item in view.shown(section)],
    }
    return context, document


def _item_json(view: StoryView, item: object) -> Any:
    """One item of a section page's twin: the dossier's record where it has one (an
    entity's without its mentions, which are counted: the story's twin lists them)."""
    if isinstance(item, ArticleRow):
        return {
            **_article_json(view.articles[item.id], item.label),
            "published": item.published,
            "published_basis": item.published_basis,
            "group": item.group,
        }
    if isinstance(item, LineageLink):
        return {
            "kind": item.kind,
            "article": item.article,
            "other": item.other,
            "share": round(item.share, 4),
            "other_share": round(item.other_share, 4) if item.kind == "shared" else None,
            "basis": item.basis or None,
        }
    if isinstance(item, Statement):
        return {
            "speaker": item.speaker,
            "text": item.text,
            "independent_sources": item.independent_sources,
            "wordings": len(item.variants),
            "quotes": [item_record(q) for q in item.quotes],
        }
    if isinstance(item, tuple):  # an entity, its mentions, where
        entity, mentions, _ = item
        record = {k: v for k, v in item_record(entity).items() if k != "mentions"}
        articles = len({m.article for m in entity.mentions})
        return {**record, "mention_count": mentions, "article_count": articles}
    return item_record(item)


def _article_json(article: Article, label: str) -> dict[str, object]:
    return {
        "id": article.id,
        "label": label,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "source": article.source,
        "href": article_href(article.id),
        "json": article_href(article.id, ".json"),
    }


def _unanalysed(
    conn: sqlite3.Connection,
    store_path: Path,
    row: queries.StoryRow,
    page: int,
    base: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        detail = show_story(Store(conn, str(store_path)), row.id)
    except InputError:
        raise missing_story(conn, row.id) from None
    labels = article_labels(detail.articles)
    pages = max(1, -(-len(detail.articles) // STORY_ARTICLES_PER_PAGE))
    start = (page - 1) * STORY_ARTICLES_PER_PAGE
    shown = detail.articles[start : start + STORY_ARTICLES_PER_PAGE]
    command = shlex.join(
        ["newsweave", "analyze", "--story", row.id, "--db", str(store_path), "--json",
         "dossier.json", "--html", "report.html"]
    )  # fmt: skip
    context = {
        "story": row,
        "view": None,
        "articles": [(a, labels[a.id], detail.copies.get(a.id)) for a in shown],
        "labels": labels,
        "duplicates": detail.summary.duplicates,
        "status": detail.analysis_status,
        "error": detail.analysis_error,
        "command": command,
        "pager": _pager(story_href(row.id), page, pages, page < pages),
        "json_href": story_href(row.id, ".json"),
    }
    document = {
        **base,
        "analysis": None,
        "analysis_status": detail.analysis_status,
        "analysis_error": detail.analysis_error,
        "analyze_command": command,
        **_pager(story_href(row.id, ".json"), page, pages, page < pages).as_json(),
        "articles": [
            {**_article_json(a, labels[a.id]), "copy_of": copy_json(detail.copies.get(a.id))}
            for a in shown
        ],
        "duplicates": [list(group) for group in detail.summary.duplicates],
    }
    return context, document


# ---------------------------------------------------------------------------------- an article


@dataclass(frozen=True, slots=True)
class Passage:
    anchor: str
    span: Span
    cited_by: tuple[str, ...]
    words: str


def article_page(
    conn: sqlite3.Connection,
    article_id: str,
    analysis: StoryAnalysis | None,
    cited: Mapping[str, Mapping[Span, set[str]]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An article's text with every passage its story's analysis cites marked and anchored
    (``cited``: :func:`cited_spans` of the analysis, when the caller keeps it).

    Raises:
        PageError: 404 when there is no such article.
    """
    article = queries.load_articles(conn, [article_id]).get(article_id)
    if article is None:
        raise missing_article(article_id)
    story_id = queries.article_story(conn, article_id)
    story = queries.story_row(conn, story_id) if story_id else None
    mine: Mapping[Span, set[str]] = {}
    if analysis is not None and article_id in analysis.story.article_ids:
        mine = (cited if cited is not None else cited_spans(analysis)).get(article_id, {})
    passages = [
        Passage(passage_anchor(article_id, span), span, _cited_by(why), snippet(article.text, span))
        for span, why in sorted(mine.items(), key=lambda kv: (kv[0].start, -kv[0].end))
    ]
    label = article_labels([article])[article_id]
    published, basis = published_line(article, analysis.publications if analysis else ())
    context = {
        "article": article,
        "label": label,
        "story": story,
        "analysed": analysis is not None,
        "published": published,
        "published_basis": basis,
        "text": mark_text(article.text, {p.span: p.anchor for p in passages}),
        "passages": passages,
        "json_href": article_href(article_id, ".json"),
    }
    document = {
        "schema": "newsweave.webui.article/1",
        **_article_json(article, label),
        "language": article.language,
        "basis": dict(article.basis),
        "published_inferred": None if article.published else published,
        "story": story_id,
        "story_href": story_href(story_id) if story_id else None,
        "html": article_href(article_id),
        "text": article.text,
        "passages": [
            {
                "anchor": p.anchor,
                "span": [p.span.start, p.span.end],
                "cited_by": list(p.cited_by),
                "href": f"{article_href(article_id)}#{p.anchor}",
            }
            for p in passages
        ],
    }
    return context, document


def _cited_by(why: set[str]) -> tuple[str, ...]:
    return tuple(CITED_BY[k] for k in CITED_BY if k in why)
