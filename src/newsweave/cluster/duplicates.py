"""Exact and near-duplicate clusters: reprints and wire copies with light edits.

Exact duplicates share a content hash. Near-duplicates share a MinHash band
(see :mod:`newsweave.cluster.minhash`) and agree on at least
:data:`NEAR_DUPLICATE` of their signature. Each cluster has a representative
(the earliest published member, then the smallest id) that stands for it in
story clustering; the other members are kept, never dropped, with how they
matched it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsweave.cluster.features import day_number
from newsweave.cluster.minhash import band_keys, is_empty, jaccard, signatures
from newsweave.cluster.table import NO_DAY
from newsweave.distinct import distinct
from newsweave.model import Article

__all__ = [
    "NEAR_DUPLICATE",
    "DuplicateCluster",
    "DuplicateMember",
    "bucket_codes",
    "bucket_pairs",
    "cluster_duplicates",
    "clusters_from_links",
    "duplicate_groups",
    "exact_links",
    "near_duplicate_pairs",
    "order_key",
    "verified",
]

#: Estimated Jaccard similarity of shingle sets from which two texts are copies of one text.
#: Light copy-editing (a few words changed, a sentence dropped or added) keeps 0.5-0.8; a
#: rewrite falls below 0.2. Chosen on a 4,000-article planted corpus (seed 11; the benchmark
#: uses seed 7): 0.6 joins 91% of wire edits to their source, 0.5 96% at pair precision 0.995,
#: 0.45 starts joining rewrites (tests/eval/test_duplicates.py).
NEAR_DUPLICATE = 0.5
#: Members of one LSH bucket verified against each other: each against the bucket's first
#: members and its next neighbours in the bucket's order, never all pairs of a huge bucket.
BUCKET_LINKS = 4


@dataclass(frozen=True, slots=True)
class DuplicateMember:
    article: str
    #: estimated Jaccard similarity to the representative's text (1.0 for exact copies)
    similarity: float
    #: "representative", "exact" (same text) or "near" (light edits)
    kind: str


@dataclass(frozen=True, slots=True)
class DuplicateCluster:
    representative: str
    members: tuple[DuplicateMember, ...]


def near_duplicate_pairs(
    signatures: np.ndarray, order_keys: Sequence[tuple[int, str]]
) -> list[tuple[int, int]]:
    """Row pairs ``(i, j)``, ``i < j``, whose signatures share a band and agree on
    ``NEAR_DUPLICATE``.

    Rows are sorted within each bucket by ``order_keys``, so the links checked do not
    depend on the input order; each pair is verified once, however many bands it shares.
    """
    n = len(signatures)
    rank = np.empty(n, dtype=np.int64)
    rank[sorted(range(n), key=order_keys.__getitem__)] = np.arange(n)
    codes = verified(_bucket_codes(band_keys(signatures), rank), signatures, n)
    return list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))


def _bucket_codes(keys: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Every bucket's :func:`bucket_pairs` at once, as sorted unique codes ``lo * n + hi``
    (``keys``: one row of band keys per article)."""
    n = keys.shape[0]
    if not keys.size:
        return np.zeros(0, dtype=np.int64)
    return bucket_codes(keys.ravel(), np.repeat(np.arange(n), keys.shape[1]), rank, n)


def bucket_codes(keys: np.ndarray, rows: np.ndarray, rank: np.ndarray, n: int) -> np.ndarray:
    """The pairs :func:`bucket_pairs` gives every bucket of ``(key, row)`` entries (a row's
    key once or more), as sorted unique codes ``lo * n + hi``; ``rank`` orders rows as their
    order keys do. Whole buckets must be present (an engine's part holds every entry of its
    keys).

    Rows are sorted by band key, then by rank, so each bucket is a run of rows in order;
    within a run, every member is linked to the next :data:`BUCKET_LINKS` and to the run's
    first :data:`BUCKET_LINKS`.
    """
    order = np.lexsort((rank[rows], keys))
    flat, rows = keys[order], rows[order]
    fresh = np.concatenate(([True], (flat[1:] != flat[:-1]) | (rows[1:] != rows[:-1])))
    flat, rows = flat[fresh[: len(flat)]], rows[fresh[: len(flat)]]  # a row once per bucket
    starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1])))[: len(flat)]
    sizes = np.diff(np.concatenate((starts, [len(flat)])))
    shared = np.repeat(sizes > 1, sizes)  # most keys are one row's: no pairs, no memory
    flat, rows = flat[shared], rows[shared]
    starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1])))[: len(flat)]
    sizes = np.diff(np.concatenate((starts, [len(flat)])))
    start_of = np.repeat(starts, sizes)
    end_of = start_of + np.repeat(sizes, sizes)
    local = np.arange(len(flat)) - start_of
    at = np.arange(len(flat))
    left, right = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for step in range(1, BUCKET_LINKS + 1):  # the next members
        near = at + step < end_of
        left.append(at[near])
        right.append(at[near] + step)
    for first in range(BUCKET_LINKS):  # the run's first members, to every later one
        late = local >= BUCKET_LINKS
        left.append(start_of[late] + first)
        right.append(at[late])
    a, b = rows[np.concatenate(left)], rows[np.concatenate(right)]
    return distinct(np.minimum(a, b) * n + np.maximum(a, b))


def verified(codes: np.ndarray, signatures: np.ndarray, n: int) -> np.ndarray:
    """The pair codes whose signatures agree on at least :data:`NEAR_DUPLICATE` (a text with
    nothing to hash, such as one of only punctuation, is nobody's near-duplicate)."""
    left, right = signatures[codes // n], signatures[codes % n]
    agree = (left == right).mean(axis=1) >= NEAR_DUPLICATE
    return codes[agree & ~is_empty(left) & ~is_empty(right)]


def _bucket_links(size: int) -> Iterable[tuple[int, int]]:
    seen = set()
    for i in range(size):
        for j in range(i + 1, min(size, i + 1 + BUCKET_LINKS)):
            seen.add((i, j))
        if i >= BUCKET_LINKS:
            for j in range(min(BUCKET_LINKS, i)):
                seen.add((j, i))
    return sorted(seen)


def order_key(day: int, article: str) -> tuple[int, str]:
    """Which copy comes first: the earliest published (undated after dated), then by id."""
    return (_day_key(day), article)


def bucket_pairs(members: Sequence[tuple[tuple[int, str], int]]) -> list[tuple[int, int]]:
    """The row pairs of one LSH bucket to verify, from its members ``(order key, row)``:
    each against the bucket's first members and its next neighbours, in order-key order.
    The readable definition that :func:`bucket_codes` computes for every bucket at once
    (the tests hold them equal)."""
    ordered = [row for _, row in sorted(members)]
    return [
        (min(ordered[i], ordered[j]), max(ordered[i], ordered[j]))
        for i, j in _bucket_links(len(ordered))
    ]


def cluster_duplicates(
    ids: Sequence[str],
    content_hashes: Sequence[str],
    signatures: np.ndarray,
    days: np.ndarray,
    known_links: Sequence[tuple[str, str]] = (),
) -> tuple[DuplicateCluster, ...]:
    """Every article in exactly one duplicate cluster (most clusters have one member).

    ``known_links`` are pairs of ids already known to be copies (clusters found before).

    Example: two records with the same text give one cluster of two.
    """
    n = len(ids)
    if not n:
        return ()
    order_keys = [order_key(int(days[i]), ids[i]) for i in range(n)]
    links = exact_links(order_keys, content_hashes)
    distinct = sorted({first for first, _ in links} | (set(range(n)) - {b for _, b in links}))
    for x, y in near_duplicate_pairs(signatures[distinct], [order_keys[i] for i in distinct]):
        links.append((distinct[x], distinct[y]))
    row_of = {article: i for i, article in enumerate(ids)}
    links += [(row_of[a], row_of[b]) for a, b in known_links if a in row_of and b in row_of]
    return clusters_from_links(ids, content_hashes, signatures, days, links)


def duplicate_groups(articles: Sequence[Article]) -> list[list[int]]:
    """:func:`cluster_duplicates` of articles held in memory (a story's, a pile's), from
    their texts alone, as groups of positions in ``articles``: the corpus tier's copies,
    for the story tier's reuse. Every position is in one group.

    Example: a reprint and a wire copy with a word changed are one group with their source.
    """
    texts = [a.text for a in articles]
    days = [day_number(a.published) for a in articles]
    ids: list[str] = []
    row: dict[str, int] = {}
    for k, article in enumerate(articles):  # ids are unique in a pile; be safe if not
        ids.append(article.id if article.id not in row else f"{article.id}\x00{k}")
        row[ids[-1]] = k
    clusters = cluster_duplicates(
        ids,
        [a.content_hash or f"#{k}" for k, a in enumerate(articles)],
        signatures(texts),
        np.array([NO_DAY if d is None else d for d in days], dtype=np.int64),
    )
    return [sorted(row[m.article] for m in c.members) for c in clusters]


def exact_links(
    order_keys: Sequence[tuple[int, str]], content_hashes: Sequence[str]
) -> list[tuple[int, int]]:
    """(first row of a text, a later row with the same text), in order-key order."""
    first_of_hash: dict[str, int] = {}
    links = []
    for i in sorted(range(len(order_keys)), key=order_keys.__getitem__):
        first = first_of_hash.setdefault(content_hashes[i], i)
        if first != i:
            links.append((first, i))
    return links


def clusters_from_links(
    ids: Sequence[str],
    content_hashes: Sequence[str],
    signatures: np.ndarray,
    days: np.ndarray,
    links: Sequence[tuple[int, int]],
) -> tuple[DuplicateCluster, ...]:
    """Duplicate clusters: the connected components of ``links`` (row pairs), every row in one."""
    n = len(ids)
    order_keys = [order_key(int(days[i]), ids[i]) for i in range(n)]
    rows = [a for a, _ in links]
    cols = [b for _, b in links]
    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(int(label), []).append(row)
    clusters = [
        _cluster(sorted(members, key=order_keys.__getitem__), ids, content_hashes, signatures)
        for members in groups.values()
    ]
    return tuple(sorted(clusters, key=lambda c: c.representative))


def _cluster(
    members: list[int], ids: Sequence[str], hashes: Sequence[str], signatures: np.ndarray
) -> DuplicateCluster:
    head = members[0]
    out = [DuplicateMember(ids[head], 1.0, "representative")]
    for row in members[1:]:
        if hashes[row] == hashes[head]:
            out.append(DuplicateMember(ids[row], 1.0, "exact"))
        else:
            similarity = round(jaccard(signatures[row], signatures[head]), 4)
            out.append(DuplicateMember(ids[row], similarity, "near"))
    return DuplicateCluster(ids[head], tuple(out))


def _day_key(day: int) -> int:
    """Earliest first; undated articles after every dated one."""
    return np.iinfo(np.int64).max if day == NO_DAY else day
