"""Growing a stored corpus: new articles join duplicate clusters and stories, or start them.

Only the region a batch touches is read back from the store: the duplicate clusters
its texts match, the representatives its blocking words pair it with, their stored
neighbours (two rings out, so every changed pair sees both sides' whole lists), and
the components of strong links the changes reach. The functions that decide are
the batch ones (:mod:`newsweave.cluster`); this module only gathers their inputs
from the store and writes their outputs back, so a corpus ingested in batches gets
the stories it would get at once, up to the bounded differences measured by
``tests/eval/test_incremental.py`` (long word lists pair neighbours by position, and
positions shift as lists grow).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.cluster.duplicates import DuplicateCluster, cluster_duplicates
from newsweave.cluster.features import ArticleFeatures, SparseVector
from newsweave.cluster.featurize import feature_rows
from newsweave.cluster.linkage import CUT
from newsweave.cluster.minhash import PERMUTATIONS, band_keys, is_empty
from newsweave.cluster.neighbours import (
    EXACT_PAIRS,
    MAX_POSTING,
    WINDOW,
    Candidates,
    kept,
    neighbourhood,
    score_pairs,
    subset,
)
from newsweave.cluster.parts import bounded_parts
from newsweave.cluster.stories import cluster_scored, strong_links
from newsweave.cluster.table import FeatureTable, concat_tables, feature_table
from newsweave.store.corpus import UNDATED, CorpusTables
from newsweave.store.sqlite import read_articles

__all__ = [
    "CorpusUpdate",
    "index_representatives",
    "merge_rows",
    "pairs_of",
    "scored_rows",
    "stored_features",
    "stored_table",
    "update_corpus",
    "update_duplicates",
]

Row = tuple[str, str, float, float, float]


@dataclass(frozen=True, slots=True)
class CorpusUpdate:
    """What one batch changed: the duplicate clusters it touched and the new grouping of
    every representative in the components it reached."""

    duplicates: tuple[DuplicateCluster, ...]
    #: groups of representatives, one per story, covering every affected component
    groups: tuple[tuple[str, ...], ...]
    #: representatives that stopped representing a text (now copies of another)
    retired: tuple[str, ...]


def update_corpus(
    tables: CorpusTables, new: Sequence[ArticleFeatures], version: str, cut: float = CUT
) -> CorpusUpdate:
    """Add ``new`` (features of articles not yet clustered) to the stored corpus."""
    clusters, before = update_duplicates(tables, new, version)
    after = {c.representative for c in clusters}
    retired = sorted(before - after)
    added = sorted(after - before)
    ring = tables.forget_representatives(retired)
    new_by_id = {f.article: f for f in new}
    loaded = stored_features(tables, [a for a in added if a not in new_by_id], version)
    added_features = [new_by_id.get(a) or loaded[a] for a in added if a in new_by_id or a in loaded]
    index_representatives(tables, added_features)
    pairs = pairs_of(tables, added_features)
    touched = sorted(set(added) | set(ring) | {b for _, b in pairs})
    _rescore(tables, touched, pairs, new_by_id, version, cut)
    seeds = sorted(set(touched) | after)
    groups = _regroup(tables, seeds, version, cut)
    return CorpusUpdate(tuple(clusters), groups, tuple(retired))


# ---------------------------------------------------------------------- stored features


def stored_table(tables: CorpusTables, ids: Sequence[str], version: str) -> FeatureTable:
    """The stored features of ``ids`` as one table (rows sorted by id). A row another version
    wrote, or one that does not decode, is made again from its stored article and saved:
    never left out (an article no longer stored is absent)."""
    table = tables.feature_table(ids, version)
    missing = sorted(set(ids) - set(table.ids))
    if not missing:
        return table
    again = feature_rows(read_articles(tables.conn, missing))
    tables.save_features(again.rows(), version)
    return concat_tables([table, again]).by_id()


def stored_features(
    tables: CorpusTables, ids: Sequence[str], version: str
) -> dict[str, ArticleFeatures]:
    """:func:`stored_table` as one features record per article."""
    return {f.article: f for f in stored_table(tables, ids, version).rows()}


# ---------------------------------------------------------------------- duplicates


def update_duplicates(
    tables: CorpusTables, new: Sequence[ArticleFeatures], version: str
) -> tuple[list[DuplicateCluster], set[str]]:
    """The duplicate clusters touched by ``new``, recomputed, and their former representatives."""
    if not new:
        return [], set()
    signatures = np.stack([f.minhash for f in new])
    same_text = tables.articles_with_hashes(f.content_hash for f in new)
    keys = band_keys(signatures)
    hashable = ~is_empty(signatures)  # texts with nothing to hash share every band, match none
    matched = set(tables.band_matches(keys[hashable].ravel().tolist()))
    matched |= {a for ids in same_text.values() for a in ids}
    old_reps = set(tables.representatives_of(matched).values())
    old_clusters = tables.duplicate_clusters(old_reps)
    old_ids = sorted({m.article for c in old_clusters.values() for m in c.members})
    old_features = stored_features(tables, old_ids, version)
    pool = sorted(
        list(new) + [old_features[i] for i in old_ids if i in old_features], key=lambda f: f.article
    )
    table = feature_table(pool)
    known = [
        (m.article, c.representative)
        for c in old_clusters.values()
        for m in c.members
        if m.article in old_features and c.representative in old_features
    ]
    clusters = cluster_duplicates(
        table.ids, [f.content_hash for f in pool], table.minhash, table.days, known_links=known
    )
    tables.save_duplicates(clusters)
    reps = {c.representative for c in clusters}
    # representatives only: a later copy matches its cluster through them
    chosen = [k for k, f in enumerate(new) if hashable[k] and f.article in reps]
    tables.save_bands([new[k].article for k in chosen], keys[chosen])
    return list(clusters), old_reps


# ---------------------------------------------------------------------- blocking index


def _day(f: ArticleFeatures) -> int:
    return UNDATED if f.day is None else f.day


def index_representatives(tables: CorpusTables, reps: Sequence[ArticleFeatures]) -> None:
    """Enter representatives in the blocking index (their heaviest words)."""
    ordered = sorted(reps, key=lambda f: f.article)
    days = np.array([_day(f) for f in ordered], dtype=np.int64)
    tables.save_postings([f.article for f in ordered], days, [f.blocks for f in ordered])


def pairs_of(tables: CorpusTables, reps: Sequence[ArticleFeatures]) -> list[tuple[str, str]]:
    """(new representative, partner) for every word list they share (already indexed):
    all of a short list, the neighbours in time order along a long one; in a store of at
    most :data:`~newsweave.cluster.neighbours.EXACT_PAIRS` texts, every other text (as one
    batch of them all would pair them)."""
    if tables.representative_count() <= EXACT_PAIRS:
        everyone = tables.representatives()
        return sorted((f.article, m) for f in reps for m in everyone if m != f.article)
    lists = tables.posting_lists(t for f in reps for t in f.blocks)
    pairs: set[tuple[str, str]] = set()
    for f in reps:
        me = (_day(f), f.article)
        for term in f.blocks:
            members = lists.get(term, [])
            if len(members) <= MAX_POSTING:
                partners = [a for _, a in members]
            else:
                at = bisect_left(members, me)
                partners = [a for _, a in members[max(0, at - WINDOW) : at + WINDOW + 1]]
            pairs.update((f.article, m) for m in partners if m != f.article)
    return sorted(pairs)


# ---------------------------------------------------------------------- neighbours


def _placeholder(article: str) -> ArticleFeatures:
    empty = np.zeros(0, dtype=np.int64)
    vector = SparseVector(empty, empty.copy())
    return ArticleFeatures(
        article, "", vector, vector, vector, np.zeros(PERMUTATIONS, np.uint32), (), None, 0, None
    )


def _region_rows(tables: CorpusTables, touched: Sequence[str]) -> tuple[list[Row], set[str]]:
    """Stored pairs of ``touched`` and of their partners (so both sides' lists are whole),
    and the articles whose lists are whole."""
    first = tables.neighbour_rows(touched)
    partners = {x for a, b, *_ in first for x in (a, b)} - set(touched)
    second = tables.neighbour_rows(partners)
    rows = {(r[0], r[1]): r for r in first + second}
    return list(rows.values()), set(touched) | partners


def _rescore(
    tables: CorpusTables,
    touched: Sequence[str],
    pairs: Sequence[tuple[str, str]],
    new_by_id: dict[str, ArticleFeatures],
    version: str,
    cut: float,
) -> None:
    """Score new pairs, recompute the neighbourhoods and links of everything they touch."""
    if not touched:
        return
    rows, whole = _region_rows(tables, touched)
    ids = sorted(whole | {x for r in rows for x in r[:2]} | {x for p in pairs for x in p})
    stored = stored_features(tables, [i for i in whole if i not in new_by_id], version)
    table = feature_table([new_by_id.get(i) or stored.get(i) or _placeholder(i) for i in ids])
    at = {i: k for k, i in enumerate(ids)}
    fresh = sorted({(min(at[a], at[b]), max(at[a], at[b])) for a, b in pairs})
    scored = score_pairs(
        table,
        np.array([p[0] for p in fresh], dtype=np.int64),
        np.array([p[1] for p in fresh], dtype=np.int64),
    )
    candidates = merge_rows(rows, scored, at)
    around = neighbourhood(len(table), candidates, table.ids)
    complete = np.array([i in whole for i in ids], dtype=bool)
    focus_rows = np.zeros(len(ids), dtype=bool)
    focus_rows[[at[t] for t in touched]] = True
    focus = focus_rows[candidates.left] | focus_rows[candidates.right]
    dropped = focus & complete[candidates.left] & complete[candidates.right]
    dropped &= ~kept(candidates, around)
    tables.delete_neighbours(_pair_ids(table.ids, subset(candidates, dropped)))
    remaining = subset(candidates, ~dropped)
    final = neighbourhood(len(table), remaining, table.ids)
    write = focus[~dropped]
    tables.save_neighbours(scored_rows(table.ids, subset(remaining, write)))
    tables.save_neighbourhoods(
        (t, float(final.best[at[t]]), float(final.background[at[t]])) for t in touched
    )
    links = strong_links(table, subset(remaining, write), final.take(write), cut)
    tables.replace_links(touched, links)


def _pair_ids(ids: Sequence[str], c: Candidates) -> list[tuple[str, str]]:
    return [(ids[a], ids[b]) for a, b in zip(c.left.tolist(), c.right.tolist(), strict=True)]


def merge_rows(rows: Sequence[Row], scored: Candidates, at: dict[str, int]) -> Candidates:
    """Stored pairs (``rows``, by article id; either order) and newly scored ones as one set
    of candidates sorted by pair: a pair in both keeps its new cosines. Done on arrays (a
    stable sort, the last of each pair kept): a store of 200,000 articles hands an
    increment some 300,000 stored pairs, which a dictionary of tuples took a second over."""
    count = len(rows)
    a = np.fromiter((at[r[0]] for r in rows), dtype=np.int64, count=count)
    b = np.fromiter((at[r[1]] for r in rows), dtype=np.int64, count=count)
    stored = np.array([r[2:] for r in rows], dtype=np.float64).reshape(-1, 3)
    left = np.concatenate([np.minimum(a, b), scored.left.astype(np.int64, copy=False)])
    right = np.concatenate([np.maximum(a, b), scored.right.astype(np.int64, copy=False)])
    fresh = np.stack([scored.text, scored.lead, scored.names], axis=1).astype(np.float64)
    values = np.concatenate([stored, fresh.reshape(-1, 3)])
    order = np.lexsort((right, left))  # stable: of a pair given twice, the newer comes last
    left, right, values = left[order], right[order], values[order]
    last = np.ones(len(left), dtype=bool)
    last[:-1] = (left[1:] != left[:-1]) | (right[1:] != right[:-1])
    return Candidates(left[last], right[last], values[last, 0], values[last, 1], values[last, 2])


def scored_rows(ids: Sequence[str], c: Candidates) -> Iterable[Row]:
    for a, b, t, le, nm in zip(
        c.left.tolist(),
        c.right.tolist(),
        c.text.tolist(),
        c.lead.tolist(),
        c.names.tolist(),
        strict=True,
    ):
        yield (ids[a], ids[b], t, le, nm)


# ---------------------------------------------------------------------- stories


def _link_parts(links: Sequence[tuple[str, str, float]], cut: float) -> dict[str, list[str]]:
    """Each linked representative's bounded part of the strong-link graph
    (:mod:`newsweave.cluster.parts`): what the batch code would cluster together. A
    representative with no link is a part of its own."""
    names = sorted({x for a, b, _ in links for x in (a, b)})
    at = {name: k for k, name in enumerate(names)}
    parts = bounded_parts(
        len(names),
        np.array([at[a] for a, _, _ in links], dtype=np.int64),
        np.array([at[b] for _, b, _ in links], dtype=np.int64),
        np.array([p for _, _, p in links], dtype=np.float64),
        cut,
    )
    part_of: dict[str, list[str]] = {}
    for members, _ in parts:
        part = [names[k] for k in members.tolist()]
        for name in part:
            part_of[name] = part
    return part_of


def _closure(tables: CorpusTables, seeds: Sequence[str], cut: float) -> list[str]:
    """Representatives of every part holding a seed, and of every stored story that any
    of them belongs to, until no story is split between regrouped and untouched parts."""
    members = set(seeds)
    part_of = _link_parts(tables.all_links(), cut)  # the links do not change meanwhile
    while True:
        grown = {m for seed in members for m in part_of.get(seed, (seed,))}
        stories = set(tables.stories_of(grown).values())
        articles = {a for ms in tables.story_members(stories).values() for a in ms}
        grown |= set(tables.representatives_of(articles).values())
        if grown <= members:
            return sorted(members)
        members |= grown


def _regroup(
    tables: CorpusTables, seeds: Sequence[str], version: str, cut: float
) -> tuple[tuple[str, ...], ...]:
    """Average link over every component the batch reached, as the batch code does it."""
    members = _closure(tables, seeds, cut)
    if not members:
        return ()
    rows, whole = _region_rows(tables, members)
    ids = sorted(whole | {x for r in rows for x in r[:2]})
    stored = stored_features(tables, members, version)
    table = feature_table([stored.get(i) or _placeholder(i) for i in ids])
    at = {i: k for k, i in enumerate(ids)}
    none = np.zeros(0, dtype=np.int64)
    candidates = merge_rows(rows, score_pairs(table, none, none), at)
    around = neighbourhood(len(table), candidates, table.ids)
    inside_rows = np.zeros(len(ids), dtype=bool)
    inside_rows[[at[m] for m in members]] = True
    inside = inside_rows[candidates.left] & inside_rows[candidates.right]
    groups, _ = cluster_scored(
        table,
        subset(candidates, inside),
        around.take(inside),
        cut,
        rows=np.array([at[m] for m in members], dtype=np.int64),
    )
    return tuple(tuple(sorted(g)) for g in groups)
