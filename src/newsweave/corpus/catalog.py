"""Listing and inspecting stored stories without analysing them (``newsweave stories``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsweave.errors import InputError
from newsweave.ingest.records import earliest_first
from newsweave.model import Article
from newsweave.store import Store
from newsweave.store.events import merged_into
from newsweave.store.schema import independent_sources_sql
from newsweave.store.search import match_expression, search_terms
from newsweave.store.values import as_count, as_known_count, as_text

__all__ = [
    "HISTORY_SHOWN",
    "STORIES_SCHEMA",
    "STORY_SCHEMA",
    "StoryDetail",
    "StoryEvent",
    "StorySummary",
    "copy_json",
    "count_stories",
    "event_words",
    "history_json",
    "list_stories",
    "missing_story",
    "show_story",
    "since_day",
    "stories_json",
    "story_history",
    "story_json",
]

STORIES_SCHEMA = "newsweave.stories/1"
#: ``newsweave stories show ID --json``: one story, its articles, history and analysis.
STORY_SCHEMA = "newsweave.story/1"


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One stored story as the list shows it."""

    id: str
    headline: str
    size: int
    article_ids: tuple[str, ...]
    #: duplicate clusters with more than one member, representative first
    duplicates: tuple[tuple[str, ...], ...]
    first_published: str | None
    last_published: str | None
    outlets: int
    #: independent lineages from the story tier, when the story has been analysed
    independent_sources: int | None
    analyzed: bool
    #: analysed, but articles joined, left or changed since (analyse it again for them)
    changed_since_analysis: bool = False


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One change in a story's history (a row of ``story_events``): what happened to the
    story itself (``story`` is its id), or another story merged into it or split from it."""

    at: str
    run: int | None
    story: str
    #: created, grew, shrank, updated, split_from, merged_into or ended
    event: str
    #: the story a split came from, or a merge went into
    other: str | None

    @property
    def when(self) -> str:
        """The moment as pages show it: ``2026-12-05 17:45:23`` (UTC, as recorded)."""
        return self.at.replace("T", " ")[:19]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    summary: StorySummary
    articles: tuple[Article, ...]
    #: how each copy matched its representative: article -> (representative, similarity, kind)
    copies: dict[str, tuple[str, float, str]]
    analysis_status: str | None
    analysis_error: str | None
    #: its history, oldest first: its own events, and the stories merged into it or split
    #: from it
    history: tuple[StoryEvent, ...] = ()


def list_stories(
    store: Store,
    *,
    search: str | None = None,
    since: str | None = None,
    min_size: int = 1,
    limit: int | None = None,
) -> list[StorySummary]:
    """Stored stories, newest first (by last publication date, then size).

    Args:
        search: words that must all appear in the headline or in an article title (whole
            words as the search index splits them, case and accents aside: "sao" finds
            "São", "war" does not find "award").
        since: an ISO date; only stories with an article published on or after it.
        min_size: the fewest articles a story may have.
        limit: the most stories returned.

    Raises:
        InputError: ``search`` is not blank but holds no word.
    """
    chosen = _chosen(store, search)
    rows = store.conn.execute(
        _LIST, _list_params(chosen, since_day(since), min_size, limit)
    ).fetchall()
    return _summaries(store.conn, rows)


def since_day(value: str | None) -> str | None:
    """A ``since`` bound as the ISO day it must be (None passes).

    Raises:
        InputError: the value is not a day (a time or a free-form date is not taken).

    Example: ``since_day(" 2019-11-10 ")`` is ``"2019-11-10"``.
    """
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError(
            f"{value!r} is not a date (write e.g. 2019-11-10; since takes a day)"
        ) from None


def count_stories(
    store: Store, *, search: str | None = None, since: str | None = None, min_size: int = 1
) -> int:
    """How many stories :func:`list_stories` finds with no limit."""
    params = _list_params(_chosen(store, search), since_day(since), min_size, None)
    return int(store.conn.execute(_COUNT, params).fetchone()[0])


def _chosen(store: Store, search: str | None) -> list[str] | None:
    """The stories a search allows (None: any).

    Raises:
        InputError: ``search`` is not blank but holds no word.
    """
    words = search_terms(search or "", None)
    if search and search.strip() and not words:
        raise InputError(f"the search {search!r} has no words (give letters or digits)")
    return _with_words(store.conn, words) if words else None


def _with_words(conn: sqlite3.Connection, words: list[str]) -> list[str]:
    """Ids of the stories where every word is in the headline or in an article's title."""
    found: set[str] | None = None
    for word in {w.casefold(): w for w in words}.values():  # each word once
        quoted = match_expression([word])
        ids = {r[0] for r in conn.execute(_HEADLINE_HAS, (quoted,))}
        ids.update(r[0] for r in conn.execute(_TITLE_HAS, (f"title : {quoted}",)))
        found = ids if found is None else found & ids
        if not found:
            return []
    return sorted(found or ())


_HEADLINE_HAS = "SELECT story FROM story_search WHERE story_search MATCH ?"
_TITLE_HAS = (
    "SELECT DISTINCT m.story FROM article_search f JOIN articles a ON a.num = f.rowid "
    "JOIN story_members m ON m.article = a.id WHERE article_search MATCH ?"
)


_CHOSEN = """
FROM stories s
WHERE s.size >= :min_size
  AND (:since IS NULL OR s.last_published >= :since)
  AND (:chosen IS NULL OR s.id IN (SELECT value FROM json_each(:chosen)))
"""
_LIST = f"""
SELECT s.id, s.headline, s.size, s.first_published, s.last_published, s.outlets
{_CHOSEN}
ORDER BY s.last_published IS NULL, s.last_published DESC, s.size DESC, s.id
LIMIT :limit
"""
_COUNT = f"SELECT count(*) {_CHOSEN}"


def _list_params(
    chosen: list[str] | None, since: str | None, min_size: int, limit: int | None
) -> dict[str, object]:
    return {
        "min_size": min_size,
        "since": since,
        "chosen": None if chosen is None else json.dumps(chosen),
        "limit": -1 if limit is None else limit,
    }


def _summaries(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> list[StorySummary]:
    ids = json.dumps([r[0] for r in rows])
    members: dict[str, list[tuple[str, str, str]]] = {}
    for story, article, rep, kind in conn.execute(_MEMBERS, (ids,)):
        members.setdefault(story, []).append((article, rep, kind))
    analysed = {
        story: (status, dossier, bool(changed))
        for story, status, dossier, changed in conn.execute(
            f"SELECT a.story, a.status, {independent_sources_sql(conn, 'a')}, "
            "a.fingerprint != s.fingerprint FROM analyses a JOIN stories s ON s.id = a.story "
            "WHERE a.story IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }
    out = []
    for story, headline, size, first, last, outlets in rows:
        ms = members.get(story, [])
        status, independent, changed = analysed.get(story, (None, None, False))
        out.append(
            StorySummary(  # the values as a store someone else made may hold them
                id=story,
                headline=as_text(headline) or "",
                size=as_count(size),
                article_ids=tuple(a for a, _, _ in ms),
                duplicates=_duplicate_groups(ms),
                first_published=as_text(first),
                last_published=as_text(last),
                outlets=as_count(outlets),
                independent_sources=as_known_count(independent) if status == "done" else None,
                analyzed=status == "done",
                changed_since_analysis=status == "done" and changed,
            )
        )
    return out


_MEMBERS = """
SELECT m.story, m.article, COALESCE(d.representative, m.article), COALESCE(d.kind, 'representative')
FROM story_members m LEFT JOIN duplicates d ON d.article = m.article
WHERE m.story IN (SELECT value FROM json_each(?))
ORDER BY m.story, m.article
"""


def _duplicate_groups(members: Sequence[tuple[str, str, str]]) -> tuple[tuple[str, ...], ...]:
    groups: dict[str, list[str]] = {}
    for article, rep, _ in members:
        groups.setdefault(rep, []).append(article)
    return tuple(
        tuple([rep, *sorted(a for a in arts if a != rep)])
        for rep, arts in sorted(groups.items())
        if len(arts) > 1
    )


def show_story(store: Store, story_id: str) -> StoryDetail:
    """One stored story: its articles, duplicate clusters and analysis status.

    Raises:
        InputError: no stored story has that id.
    """
    rows = store.conn.execute(
        "SELECT id, headline, size, first_published, last_published, outlets FROM stories "
        "WHERE id = ?",
        (story_id,),
    ).fetchall()
    if not rows:
        raise missing_story(store, story_id)
    (summary,) = _summaries(store.conn, rows)
    articles = store.load_articles(summary.article_ids, with_text=False)
    copies = {
        article: (rep, similarity, kind)
        for article, rep, similarity, kind in store.conn.execute(
            "SELECT article, representative, similarity, kind FROM duplicates "
            "WHERE article IN (SELECT value FROM json_each(?)) AND kind != 'representative'",
            (json.dumps(list(summary.article_ids)),),
        )
    }
    status = store.conn.execute(
        "SELECT status, error FROM analyses WHERE story = ?", (story_id,)
    ).fetchone()
    return StoryDetail(
        summary=summary,
        articles=tuple(sorted(articles, key=earliest_first)),
        copies=copies,
        analysis_status=None if status is None else status[0],
        analysis_error=None if status is None else status[1],
        history=story_history(store.conn, story_id),
    )


def story_history(conn: sqlite3.Connection, story_id: str) -> tuple[StoryEvent, ...]:
    """The recorded events of a story, oldest first: its own (created, grew, ...), and each
    story that was merged into it or split from it."""
    rows = conn.execute(
        "SELECT at, run, story, event, other FROM story_events WHERE story = ? "
        "OR (other = ? AND event IN ('merged_into', 'split_from')) ORDER BY id",
        (story_id, story_id),
    )
    return tuple(  # the values as a store someone else made may hold them
        StoryEvent(
            at=as_text(at) or "",
            run=as_known_count(run),
            story=as_text(story) or "",
            event=as_text(event) or "",
            other=as_text(other),
        )
        for at, run, story, event, other in rows
    )


#: Events of a story's history that its pages list (the latest; the rest are counted).
HISTORY_SHOWN = 12


def event_words(story_id: str, event: StoryEvent) -> tuple[str, str | None, str]:
    """How the history of story ``story_id`` says one of its events: the words before the
    other story it names, that story's id (None when it names none), the words after.

    Example: another story merged into it reads ``("absorbed story ", "s1",
    " (merged into this one)")``.
    """
    if event.story != story_id:  # another story, merged into this one or split from it
        if event.event == "merged_into":
            return "absorbed story ", event.story, " (merged into this one)"
        return "story ", event.story, " split from it"
    if event.event in ("split_from", "merged_into") and event.other:
        return f"{event.event.replace('_', ' ')} story ", event.other, ""
    said = {"grew": "grew (articles joined)", "shrank": "shrank (articles left)"}
    return said.get(event.event, event.event), None, ""


def stories_json(stories: Sequence[StorySummary]) -> dict[str, object]:
    """The ``newsweave.stories/1`` document of ``stories``."""
    return {"schema": STORIES_SCHEMA, "stories": [_story_entry(s) for s in stories]}


def story_json(detail: StoryDetail) -> dict[str, object]:
    """The ``newsweave.story/1`` document of one story: the entry ``stories --json`` gives
    it, then its articles (earliest first; a copy names the text it copies, how, and how
    closely), its history (oldest first) and its analysis."""
    return {
        "schema": STORY_SCHEMA,
        "story": _story_entry(detail.summary),
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "url": a.url,
                "published": a.published,
                "source": a.source,
                "copy_of": copy_json(detail.copies.get(a.id)),
            }
            for a in detail.articles
        ],
        "history": history_json(detail.history),
        "analysis": {"status": detail.analysis_status, "error": detail.analysis_error},
    }


def copy_json(copy: tuple[str, float, str] | None) -> dict[str, object] | None:
    """How an article copies another text (a :attr:`StoryDetail.copies` value), as the JSON
    documents say it; None for an article that copies none."""
    if copy is None:
        return None
    article, similarity, kind = copy
    return {"article": article, "similarity": similarity, "kind": kind}


def history_json(history: Sequence[StoryEvent]) -> list[dict[str, object]]:
    """A story's events as the JSON documents list them, in order."""
    return [
        {"at": e.at, "run": e.run, "story": e.story, "event": e.event, "other": e.other}
        for e in history
    ]


def _story_entry(s: StorySummary) -> dict[str, object]:
    return {
        "id": s.id,
        "headline": s.headline,
        "size": s.size,
        "article_ids": list(s.article_ids),
        "duplicates": [list(group) for group in s.duplicates],
        "first_published": s.first_published,
        "last_published": s.last_published,
        "independent_sources": s.independent_sources,
        "analyzed": s.analyzed,
        "changed_since_analysis": s.changed_since_analysis,
    }


def missing_story(store: Store, story_id: str) -> InputError:
    """The error for a story id the store does not hold: the story its articles are in now
    when it was merged into another, else how to list the stories."""
    now = merged_into(store.conn, story_id)
    if now is not None:
        return InputError(
            f"story {story_id!r} was merged into story {now!r} (newsweave stories show {now})"
        )
    return InputError(f"no story {story_id!r} in {store.path} (list them with 'newsweave stories')")
