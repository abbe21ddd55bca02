"""Average link over pair probabilities, cut where a merge is more likely right than wrong.

Two groups merge while the mean P(same story) over *all* their cross pairs is at least
:data:`CUT`: a single strong pair cannot chain two stories (single link's failure), and
the cut means the same at any corpus size. Merges only ever join groups linked by at
least one pair at or above the cut (a mean cannot exceed its largest term), so each
connected component of that strong-pair graph is clustered on its own, exactly (large
components are cut into bounded parts first, :mod:`newsweave.cluster.parts`).

A story of only two texts rests on one pair, and needs that pair at :data:`PAIR_CUT`
(:func:`split_weak_pairs`); a story of three or more is corroborated by every pair it averages.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from typing import TypeVar

import numpy as np
from scipy.cluster.hierarchy import linkage

__all__ = [
    "CUT",
    "PAIR_CUT",
    "anchored_average_link",
    "average_link",
    "listed_probability",
    "sparse_average_link",
    "split_weak_pairs",
]

#: Mean pair probability at which two groups are one story: the point where a merge is
#: as likely right as wrong.
CUT = 0.5
#: Pair probability at which two texts alone are one story: four to one. Two lone articles
#: are each other's best neighbour by default, and the pair model reads mutual best
#: neighbours as strong evidence, because in the streams it was fitted on every story has
#: several reports; a firehose or one outlet's archive is full of lone articles. Chosen on
#: the dev parts of the mixed stream (dev MEANTIME 0.952 -> 0.983 from 0.8 to 0.9, nothing
#: else moved; 0.95 loses Multi-News recall), see docs/architecture.md.
PAIR_CUT = 0.8


def average_link(probability: np.ndarray, cut: float = CUT) -> np.ndarray:
    """Group labels (0, 1, ... in order of first member) of a symmetric probability matrix.

    Example: ``average_link(np.array([[1, .9], [.9, 1]]))`` is ``[0, 0]``.
    """
    n = probability.shape[0]
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    distance = np.clip(1.0 - probability[np.triu_indices(n, k=1)], 0.0, 1.0)
    return _first_seen(_cut(linkage(distance, method="average"), n, 1.0 - cut))


T = TypeVar("T")


def split_weak_pairs(
    groups: list[list[T]], probability: np.ndarray, pair_cut: float = PAIR_CUT
) -> list[list[T]]:
    """``groups`` with each group of exactly two split in two where its pair's probability
    is below ``pair_cut``; ``probability[k]`` is that of the ``k``-th group of two, in order.

    Example: ``split_weak_pairs([[0, 1], [2, 3], [4, 5, 6]], np.array([0.9, 0.6]))`` is
    ``[[0, 1], [2], [3], [4, 5, 6]]``.
    """
    pairs = [g for g in groups if len(g) == 2]
    if len(pairs) != len(probability):
        raise ValueError(f"{len(pairs)} groups of two, {len(probability)} probabilities")
    weak = iter((probability < pair_cut).tolist())
    out: list[list[T]] = []
    for group in groups:
        if len(group) == 2 and next(weak):
            out.extend([[group[0]], [group[1]]])
        else:
            out.append(group)
    return out


def listed_probability(listed: Mapping[tuple[T, T], float], a: T, b: T) -> float:
    """The probability ``listed`` gives the pair ``a``, ``b`` in either order; 0 if unlisted."""
    return max(listed.get((a, b), 0.0), listed.get((b, a), 0.0))


def _cut(merges: np.ndarray, n: int, height: float) -> np.ndarray:
    """The flat clusters of a linkage matrix whose merges at or below ``height`` are made
    (``fcluster(..., criterion="distance")`` for a monotone linkage such as average link,
    without its validation of the matrix, which took longer than the linkage itself)."""
    parent = list(range(2 * n - 1))
    for k, (a, b, distance) in enumerate(merges[:, :3].tolist()):
        if distance > height:
            break  # average link's merge heights only grow
        parent[int(a)] = parent[int(b)] = n + k
    for node in range(2 * n - 2, -1, -1):  # a parent's number is above its children's
        parent[node] = parent[parent[node]]
    return np.array(parent[:n], dtype=np.int64)


def sparse_average_link(
    n: int, left: np.ndarray, right: np.ndarray, probability: np.ndarray, cut: float = CUT
) -> np.ndarray:
    """:func:`average_link` over the listed pairs only; unlisted pairs count as 0."""
    return anchored_average_link(
        np.ones(n, dtype=np.int64), np.zeros(n, dtype=bool), left, right, probability, cut
    )


def anchored_average_link(
    sizes: np.ndarray,
    anchored: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    sums: np.ndarray,
    cut: float = CUT,
) -> np.ndarray:
    """Average link over groups given by their sizes and the sums of their listed pairs'
    probabilities (unlisted pairs count as 0); two groups that both hold an anchored one
    (a stored story kept as it is) never merge.

    Example: two stories (anchored) and an article nearer the first:
    ``anchored_average_link(np.array([3, 2, 1]), np.array([True, True, False]),
    np.array([0, 1]), np.array([2, 2]), np.array([2.4, 0.2]))`` is ``[0, 1, 0]``.
    """
    n = len(sizes)
    parent = list(range(n))
    size = sizes.astype(np.int64).tolist()
    fixed = anchored.astype(bool).tolist()
    pair_sums: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, p in zip(left.tolist(), right.tolist(), sums.tolist(), strict=True):
        pair_sums[a][b] = pair_sums[a].get(b, 0.0) + p
        pair_sums[b][a] = pair_sums[b].get(a, 0.0) + p
    heap = [
        (-s / (size[a] * size[b]), a, b)
        for a in range(n)
        for b, s in pair_sums[a].items()
        if a < b and not (fixed[a] and fixed[b])
    ]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < cut:
            break
        if parent[a] != a or parent[b] != b:
            continue
        if abs(-negative - pair_sums[a].get(b, 0.0) / (size[a] * size[b])) > 1e-12:
            continue  # stale: one side has grown since this entry was pushed
        keep = _merge(a, b, parent, size, pair_sums)
        fixed[keep] = fixed[a] or fixed[b]
        for other, s in pair_sums[keep].items():
            if not (fixed[keep] and fixed[other]):
                low, high = min(keep, other), max(keep, other)
                heapq.heappush(heap, (-s / (size[keep] * size[other]), low, high))
    return _first_seen(np.array([_root(parent, i) for i in range(n)]))


def _merge(a: int, b: int, parent: list[int], size: list[int], sums: list[dict[int, float]]) -> int:
    keep, gone = (a, b) if (size[a], b) >= (size[b], a) else (b, a)
    parent[gone] = keep
    size[keep] += size[gone]
    for other, s in sums[gone].items():
        if other != keep:
            sums[keep][other] = sums[keep].get(other, 0.0) + s
            sums[other][keep] = sums[keep][other]
            del sums[other][gone]
    sums[gone] = {}
    sums[keep].pop(gone, None)
    return keep


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


def _first_seen(labels: np.ndarray) -> np.ndarray:
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse]
