"""Writing a new grouping into the stored stories: ids (the rule in
:mod:`newsweave.corpus.identity`), rows, memberships and the history of events."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsweave.cluster.headlines import has_title, titled_headline
from newsweave.cluster.stories import headline
from newsweave.corpus.identity import Assignment, assign_ids
from newsweave.ingest.records import in_utc, published_instant
from newsweave.model import Article
from newsweave.store import Store
from newsweave.store.corpus import StoryRow

__all__ = ["StoryChanges", "apply_groups", "story_fingerprint"]


@dataclass(frozen=True, slots=True)
class StoryChanges:
    created: tuple[str, ...]
    grown: tuple[str, ...]
    #: previous id -> the id that carries its articles on
    merged: Mapping[str, str]
    split: tuple[str, ...]
    #: new article id -> the story it joined
    joined: Mapping[str, str]


def story_fingerprint(articles: Sequence[Article]) -> str:
    """What a story's analysis depends on: its articles' ids, texts and metadata."""
    digest = hashlib.sha256()
    for a in sorted(articles, key=lambda a: a.id):
        for part in (a.id, a.content_hash, a.title or "", a.outlet or "", a.published or ""):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
    return digest.hexdigest()[:16]


def apply_groups(
    store: Store, groups: Sequence[Sequence[str]], new_articles: set[str], run: int | None
) -> StoryChanges:
    """Give ``groups`` (article ids) their story ids and write them; inside a transaction."""
    tables = store.corpus
    everything = sorted({a for g in groups for a in g})
    previous = tables.stories_of(everything)
    old_rows = tables.story_rows(set(previous.values()))
    created_at = {sid: row.created for sid, row in old_rows.items()}
    assignments, retirements = assign_ids(
        groups, previous, created_at, tables.story_ids().__contains__
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    events: list[tuple[str, str, str | None, int | None, str]] = []
    for retired in retirements:
        tables.end_story(retired.id)
        events.append((retired.id, retired.event, retired.into, run, now))
    meta = {a.id: a for a in store.load_articles(everything, with_text=False)}
    created: list[str] = []
    grown: list[str] = []
    split: list[str] = []
    changed = [
        a for a in assignments if a.id not in old_rows or not _unchanged(a, old_rows[a.id], meta)
    ]
    headlines = _headlines(store, [[meta[x] for x in a.articles] for a in changed])
    rows = []
    for assignment, line in zip(changed, headlines, strict=True):
        old = old_rows.get(assignment.id)
        articles = [meta[a] for a in assignment.articles]
        rows.append((_row(assignment, articles, line, old, now), assignment.articles))
        kind = _event(assignment, old, previous)
        events.append((assignment.id, kind, assignment.origin, run, now))
        {"created": created, "grew": grown, "split_from": split}.get(kind, []).append(assignment.id)
    tables.save_stories(rows)
    tables.record_events(events)
    joined = {a: x.id for x in assignments for a in x.articles if a in new_articles}
    merged = {r.id: r.into for r in retirements if r.into}
    return StoryChanges(tuple(created), tuple(grown), merged, tuple(split), joined)


def _unchanged(assignment: Assignment, old: StoryRow, meta: Mapping[str, Article]) -> bool:
    return old.fingerprint == story_fingerprint([meta[a] for a in assignment.articles])


def _event(assignment: Assignment, old: StoryRow | None, previous: Mapping[str, str]) -> str:
    """What happened to a story: "grew" when articles joined it (new ones, or ones that were
    in another story), even if others left; "shrank" when articles only left; "updated" when
    it holds the same articles and their texts or metadata changed."""
    if assignment.event != "kept":
        return assignment.event
    if old is None:
        return "created"
    stayed = sum(1 for a in assignment.articles if previous.get(a) == assignment.id)
    if stayed < len(assignment.articles):
        return "grew"
    return "shrank" if stayed < old.size else "updated"


def _row(
    assignment: Assignment,
    articles: Sequence[Article],
    headline: str,
    old: StoryRow | None,
    now: str,
) -> StoryRow:
    dates = sorted((a.published for a in articles if a.published), key=published_instant)
    dates = [in_utc(d) for d in dates[:1] + dates[-1:]]
    return StoryRow(
        id=assignment.id,
        headline=headline,
        size=len(assignment.articles),
        representatives=len({a.content_hash for a in articles}),
        outlets=len({a.outlet for a in articles if a.outlet}),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        fingerprint=story_fingerprint(articles),
        created=old.created if old else now,
        updated=now,
    )


#: Texts read to make a headline for a story none of whose articles has a title.
HEADLINE_TEXTS = 20


def _headlines(store: Store, stories: Sequence[Sequence[Article]]) -> list[str]:
    """Each story's headline: from its titles, else from the leads of its earliest articles
    (their texts read in one query for all such stories)."""
    titled = [[a for a in articles if has_title(a)] for articles in stories]
    earliest = [
        [] if mine else sorted(articles, key=lambda a: (a.published or "~", a.id))[:HEADLINE_TEXTS]
        for articles, mine in zip(stories, titled, strict=True)
    ]
    texts = {a.id: a for a in store.load_articles([a.id for e in earliest for a in e])}
    return [
        titled_headline(mine) if mine else headline([texts[a.id] for a in first if a.id in texts])
        for mine, first in zip(titled, earliest, strict=True)
    ]
