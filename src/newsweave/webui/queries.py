"""The web UI's reads of the store: parameterised SQL over a read-only connection.

Lists of ids travel as one JSON array parameter, never spliced into a statement;
search words reach FTS5 only as quoted strings (:func:`match_expression`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from newsweave.model import Article
from newsweave.store.events import merged_into
from newsweave.store.schema import independent_sources_sql
from newsweave.store.search import match_expression, search_terms
from newsweave.store.sqlite import read_articles
from newsweave.store.values import as_count, as_known_count, as_text

__all__ = [
    "HIT_END",
    "HIT_START",
    "RANKED_MATCHES",
    "AnalysisRow",
    "ArticleHit",
    "StoryRow",
    "analysis_created",
    "analysis_dossier",
    "analysis_row",
    "analysis_stamp",
    "article_stamp",
    "article_story",
    "count_stories",
    "load_articles",
    "match_expression",
    "merged_into",
    "search_articles",
    "search_stories",
    "search_terms",
    "stories_page",
    "story_row",
]

#: Private-use characters that mark the matched words of a search snippet.
HIT_START, HIT_END = "\ue000", "\ue001"
#: Words of article text around the matches in a search snippet.
SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as lists show it; ``independent_sources`` is None until it is analysed."""

    id: str
    headline: str
    size: int
    outlets: int
    first_published: str | None
    last_published: str | None
    status: str | None
    independent_sources: int | None
    updated: str = ""

    @property
    def analyzed(self) -> bool:
        return self.status == "done"


@dataclass(frozen=True, slots=True)
class AnalysisRow:
    status: str
    error: str | None
    record: str | None
    dossier: str | None
    created: str
    version: str


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article found by a search, with its snippet (matches between HIT marks)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    snippet: str


def _story_columns(conn: sqlite3.Connection) -> str:
    """The columns of a :class:`StoryRow` (stories ``s`` left joined to analyses ``a``)."""
    return (
        "s.id, s.headline, s.size, s.outlets, s.first_published, s.last_published, a.status, "
        f"CASE WHEN a.status = 'done' THEN {independent_sources_sql(conn, 'a')} END, s.updated"
    )


def _story(row: tuple[object, ...]) -> StoryRow:
    """A ``stories`` row as read, whatever a store made elsewhere holds in it: a value of
    the wrong type reads as unknown (0, or None), never as a failed page."""
    return StoryRow(
        id=as_text(row[0]) or "",
        headline=as_text(row[1]) or "",
        size=as_count(row[2]),
        outlets=as_count(row[3]),
        first_published=as_text(row[4]),
        last_published=as_text(row[5]),
        status=as_text(row[6]),
        independent_sources=as_known_count(row[7]),
        updated=as_text(row[8]) or "",
    )


def count_stories(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])


def stories_page(conn: sqlite3.Connection, offset: int, limit: int) -> list[StoryRow]:
    """Stories newest first (last publication, undated last), then larger first.

    ``ORDER BY last_published DESC`` walks the ``stories_last_published`` index
    (SQLite sorts NULL lowest, so undated stories come last); only stories that
    share a date are sorted, so a page costs the same on 200,000 articles. The page's
    ids are found first and only its rows are read whole: skipping 2,000 stories with
    their columns and joins took 5 times as long.
    """
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM stories ORDER BY last_published DESC, size DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
    ]
    rows = conn.execute(
        f"SELECT {_story_columns(conn)} FROM stories s LEFT JOIN analyses a ON a.story = s.id "
        "WHERE s.id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    ).fetchall()
    place = {story: n for n, story in enumerate(ids)}
    return [_story(r) for r in sorted(rows, key=lambda r: place[r[0]])]


def story_row(conn: sqlite3.Connection, story_id: str) -> StoryRow | None:
    row = conn.execute(
        f"SELECT {_story_columns(conn)} FROM stories s LEFT JOIN analyses a ON a.story = s.id "
        "WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    return None if row is None else _story(row)


def analysis_row(conn: sqlite3.Connection, story_id: str) -> AnalysisRow | None:
    row = conn.execute(
        "SELECT status, error, record, dossier, created, version FROM analyses WHERE story = ?",
        (story_id,),
    ).fetchone()
    return None if row is None else AnalysisRow(*row)


def analysis_created(conn: sqlite3.Connection, story_id: str) -> str | None:
    """When the story's analysis was made (None without one)."""
    row = conn.execute("SELECT created FROM analyses WHERE story = ?", (story_id,)).fetchone()
    return None if row is None else str(row[0])


def analysis_outdated(conn: sqlite3.Connection, story_id: str) -> bool:
    """Whether the story's articles (members, texts or metadata) changed after its analysis:
    the story's fingerprint differs from the one the analysis was made for."""
    row = conn.execute(
        "SELECT a.fingerprint != s.fingerprint FROM analyses a JOIN stories s ON s.id = a.story "
        "WHERE a.story = ?",
        (story_id,),
    ).fetchone()
    return bool(row and row[0])


def analysis_dossier(conn: sqlite3.Connection, story_id: str) -> str | None:
    """The dossier JSON the story's analysis stored (None without one)."""
    row = conn.execute("SELECT dossier FROM analyses WHERE story = ?", (story_id,)).fetchone()
    value = None if row is None else row[0]
    if isinstance(value, bytes):  # a store another program wrote may keep it as a blob
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def analysis_stamp(conn: sqlite3.Connection, story_id: str) -> tuple[object, ...] | None:
    """What a page of a story depends on: when the story and its analysis last changed
    (None when there is no such story). Cheap: two primary-key lookups."""
    return conn.execute(
        "SELECT s.updated, s.size, a.status, a.created FROM stories s "
        "LEFT JOIN analyses a ON a.story = s.id WHERE s.id = ?",
        (story_id,),
    ).fetchone()


def article_stamp(conn: sqlite3.Connection, article_id: str) -> tuple[object, ...] | None:
    """What a page of an article depends on: its text and metadata, its story and that
    story's analysis (None when there is no such article)."""
    return conn.execute(
        "SELECT a.content_hash, a.title, a.outlet, a.published, m.story, s.updated, "
        "an.created FROM articles a LEFT JOIN story_members m ON m.article = a.id "
        "LEFT JOIN stories s ON s.id = m.story LEFT JOIN analyses an ON an.story = m.story "
        "WHERE a.id = ?",
        (article_id,),
    ).fetchone()


def article_story(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute(
        "SELECT story FROM story_members WHERE article = ?", (article_id,)
    ).fetchone()
    return None if row is None else str(row[0])


def load_articles(
    conn: sqlite3.Connection, ids: list[str], *, with_text: bool = True
) -> dict[str, Article]:
    """Stored articles by id (text empty when ``with_text`` is false)."""
    return {a.id: a for a in read_articles(conn, ids, with_text=with_text)}


def search_stories(
    conn: sqlite3.Connection, terms: list[str], offset: int, limit: int
) -> tuple[list[StoryRow], bool]:
    """Stories whose headline has every word: best first when at most
    :data:`RANKED_MATCHES` match (the second value says so), else newest first."""
    expression = match_expression(terms)
    ranked = _count(conn, _COUNT_STORIES, expression) <= RANKED_MATCHES
    rows = conn.execute(
        f"SELECT {_story_columns(conn)} FROM story_search f JOIN stories s ON s.id = f.story "
        "LEFT JOIN analyses a ON a.story = s.id WHERE story_search MATCH ? "
        + ("ORDER BY f.rank, s.id" if ranked else "ORDER BY f.rowid DESC")
        + " LIMIT ? OFFSET ?",
        (expression, limit, offset),
    ).fetchall()
    return [_story(r) for r in rows], ranked


def search_articles(
    conn: sqlite3.Connection, terms: list[str], offset: int, limit: int
) -> tuple[list[ArticleHit], bool]:
    """Articles whose title and text have every word, with a snippet: best first when at
    most :data:`RANKED_MATCHES` match (the second value says so), else newest first."""
    expression = match_expression(terms)
    ranked = _count(conn, _COUNT_ARTICLES, expression) <= RANKED_MATCHES
    rows = conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, m.story, "
        "snippet(article_search, 1, ?, ?, '…', ?) "
        "FROM article_search f JOIN articles a ON a.num = f.rowid "
        "LEFT JOIN story_members m ON m.article = a.id WHERE article_search MATCH ? "
        + ("ORDER BY f.rank, a.num" if ranked else "ORDER BY f.rowid DESC")
        + " LIMIT ? OFFSET ?",
        (HIT_START, HIT_END, SNIPPET_WORDS, expression, limit, offset),
    ).fetchall()
    return [ArticleHit(*r) for r in rows], ranked


#: Most matches ranked by relevance (bm25 scores every match: ~0.4 s for 50,000 articles);
#: beyond, results come newest first, which FTS5 reads straight from its index.
RANKED_MATCHES = 5_000
_COUNT_STORIES = (
    "SELECT count(*) FROM (SELECT rowid FROM story_search WHERE story_search MATCH ? LIMIT ?)"
)
_COUNT_ARTICLES = (
    "SELECT count(*) FROM (SELECT rowid FROM article_search WHERE article_search MATCH ? LIMIT ?)"
)


def _count(conn: sqlite3.Connection, statement: str, expression: str) -> int:
    """Matches of ``expression``, counted up to one more than :data:`RANKED_MATCHES`."""
    return int(conn.execute(statement, (expression, RANKED_MATCHES + 1)).fetchone()[0])
