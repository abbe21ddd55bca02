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

from newsweave.cluster.minhash import band_keys, jaccard
from newsweave.cluster.table import NO_DAY

__all__ = [
    "NEAR_DUPLICATE",
    "DuplicateCluster",
    "DuplicateMember",
    "cluster_duplicates",
    "near_duplicate_pairs",
]

#: Estimated Jaccard similarity of word 4-gram sets from which two texts are copies of one
#: text. Light copy-editing (a few words changed, a sentence dropped or added) keeps about
#: 0.7; a rewrite falls below 0.3. Calibrated on the planted copies of the firehose
#: benchmark corpus (bench/firehose_bench.py).
NEAR_DUPLICATE = 0.6
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
    left, right = [], []
    for members in _buckets(band_keys(signatures)):
        members.sort(key=order_keys.__getitem__)
        for i, j in _bucket_links(len(members)):
            first, second = members[i], members[j]
            left.append(min(first, second))
            right.append(max(first, second))
    if not left:
        return []
    n = len(signatures)
    codes = np.unique(np.array(left, dtype=np.int64) * n + np.array(right, dtype=np.int64))
    lo, hi = codes // n, codes % n
    agree = (signatures[lo] == signatures[hi]).mean(axis=1) >= NEAR_DUPLICATE
    return list(zip(lo[agree].tolist(), hi[agree].tolist(), strict=True))


def _buckets(keys: np.ndarray) -> list[list[int]]:
    """Rows sharing a band key, for every key shared by two rows or more."""
    if not keys.size:
        return []
    flat = keys.ravel()
    rows = np.repeat(np.arange(keys.shape[0]), keys.shape[1])
    order = np.argsort(flat, kind="stable")
    flat, rows = flat[order], rows[order]
    starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1])))
    ends = np.concatenate((starts[1:], [len(flat)]))
    return [sorted(set(rows[s:e].tolist())) for s, e in zip(starts, ends, strict=True) if e - s > 1]


def _bucket_links(size: int) -> Iterable[tuple[int, int]]:
    seen = set()
    for i in range(size):
        for j in range(i + 1, min(size, i + 1 + BUCKET_LINKS)):
            seen.add((i, j))
        if i >= BUCKET_LINKS:
            for j in range(min(BUCKET_LINKS, i)):
                seen.add((j, i))
    return sorted(seen)


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
    order_keys = [(_day_key(int(days[i])), ids[i]) for i in range(n)]
    first_of_hash: dict[str, int] = {}
    rows, cols = [], []
    for i in sorted(range(n), key=order_keys.__getitem__):
        first = first_of_hash.setdefault(content_hashes[i], i)
        if first != i:
            rows.append(first)
            cols.append(i)
    distinct = sorted(first_of_hash.values())
    for x, y in near_duplicate_pairs(signatures[distinct], [order_keys[i] for i in distinct]):
        rows.append(distinct[x])
        cols.append(distinct[y])
    row_of = {article: i for i, article in enumerate(ids)}
    for first_id, second_id in known_links:
        if first_id in row_of and second_id in row_of:
            rows.append(row_of[first_id])
            cols.append(row_of[second_id])
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
