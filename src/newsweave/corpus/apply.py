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
from newsweave.store import Store, open_snapshot
from newsweave.store.corpus import StoryRow

__all__ = [
    "GroupPlan",
    "StoryChanges",
    "apply_groups",
    "plan_groups",
    "plan_stored",
    "story_fingerprint",
    "write_groups",
]


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


#: One entry of a story's history: (story, event, the story it relates to, run, when).
Event = tuple[str, str, str | None, int | None, str]


@dataclass(frozen=True, slots=True)
class GroupPlan:
    """What giving a grouping its story ids writes, computed from reads alone: so another
    process can plan it while the corpus tables are written (:func:`plan_stored`)."""

    ended: tuple[str, ...]
    rows: tuple[tuple[StoryRow, tuple[str, ...]], ...]
    events: tuple[Event, ...]
    changes: StoryChanges


def apply_groups(
    store: Store, groups: Sequence[Sequence[str]], new_articles: set[str], run: int | None
) -> StoryChanges:
    """Give ``groups`` (article ids) their story ids and write them; inside a transaction."""
    return write_groups(store, plan_groups(store, groups, new_articles, run))


def write_groups(store: Store, plan: GroupPlan) -> StoryChanges:
    """Write a :func:`plan_groups` (inside a transaction)."""
    for story in plan.ended:
        store.corpus.end_story(story)
    store.corpus.save_stories(plan.rows)
    store.corpus.record_events(plan.events)
    return plan.changes


def plan_stored(
    path: str, groups: Sequence[Sequence[str]], new_articles: set[str], run: int | None
) -> GroupPlan:
    """:func:`plan_groups` on the store at ``path`` as last committed (one snapshot, read
    only): what a worker process computes while the caller writes the corpus tables, which
    the plan does not read."""
    with open_snapshot(path) as store:
        return plan_groups(store, groups, new_articles, run)


def plan_groups(
    store: Store, groups: Sequence[Sequence[str]], new_articles: set[str], run: int | None
) -> GroupPlan:
    """The story ids, rows and events of ``groups``, from the stored stories and articles
    (reads only)."""
    tables = store.corpus
    everything = sorted({a for g in groups for a in g})
    previous = tables.stories_of(everything)
    old_rows = tables.story_rows(set(previous.values()))
    created_at = {sid: row.created for sid, row in old_rows.items()}
    assignments, retirements = assign_ids(
        groups, previous, created_at, tables.story_ids().__contains__
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    events: list[Event] = [(r.id, r.event, r.into, run, now) for r in retirements]
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
    joined = {a: x.id for x in assignments for a in x.articles if a in new_articles}
    merged = {r.id: r.into for r in retirements if r.into}
    changes = StoryChanges(tuple(created), tuple(grown), merged, tuple(split), joined)
    return GroupPlan(tuple(r.id for r in retirements), tuple(rows), tuple(events), changes)


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
