"""Pairs of unit vectors whose cosine reaches a threshold, found without comparing every pair.

Words are numbered rarest first (by how many vectors hold them; ties in order of first use),
and each vector keeps its words in that order. Every word a pair shares comes at or after the
first one they share, so by Cauchy-Schwarz their cosine is at most the product of their
*remaining norms* there (the norm of each vector's weights from that word to its end). A pair
reaching the threshold ``t`` therefore shares a word where both remaining norms are at least
``t`` (the vectors have norm at most 1) and multiply to at least ``t``: the prefix filter of
AllPairs (Bayardo, Ma and Srikant, 2007), with the rarest words first so that the lists are
short. Each word lists the vectors whose remaining norm there is at least ``t``, and only the
partners in one list whose remaining norms multiply to ``t`` are compared: from that word on,
stopping once what is left cannot reach ``t`` (:func:`_reaches`). With positive weights, a
pair that reaches ``t`` from a later shared word reaches it in all; a pair found under
several shared words is kept once.

The comparisons run compiled (numba), like the corpus tier's (:mod:`newsweave.cluster.kernels`).
Their number grows with the square of a word's list, but the lists hold only vectors that
carry most of their weight from that word on, so few are long: on the story bench's
500-article story 0.94 million pairs are compared, where the sparse product of all the vectors
had 44 million nonzero cosines, each pair twice (68 thousand and 1.9 million at 100 articles).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numba import njit

from newsweave.distinct import distinct

__all__ = ["RankedVectors", "ranked_vectors", "similar_pairs"]

#: Room for this many pairs first (any size works: the kernel doubles it as it fills).
_FIRST_ROOM = 1024


@dataclass(frozen=True, eq=False)
class RankedVectors:
    """Sparse vectors as rows: row ``r`` holds entries ``indptr[r]:indptr[r + 1]`` with word
    numbers ``ranks`` (rarest first, ascending in a row), ``weights``, and ``remaining``: the
    norm of the row's weights from that entry to the row's end; ``rows`` is each entry's row."""

    indptr: np.ndarray
    rows: np.ndarray
    ranks: np.ndarray
    weights: np.ndarray
    remaining: np.ndarray


def ranked_vectors(vectors: Sequence[Mapping[str, float]]) -> RankedVectors:
    """``vectors`` as rows with their words numbered rarest first.

    Example: ``ranked_vectors([{"a": 0.6, "b": 0.8}, {"b": 1.0}])`` numbers "a" 0 and "b" 1;
    the first row's remaining norms are 1.0 and 0.8.
    """
    columns: dict[str, int] = {}
    lengths = np.fromiter((len(v) for v in vectors), dtype=np.int64, count=len(vectors))
    words = np.fromiter(
        (columns.setdefault(w, len(columns)) for v in vectors for w in v),
        dtype=np.int64,
        count=int(lengths.sum()),
    )
    weights = np.fromiter(
        (x for v in vectors for x in v.values()), dtype=np.float64, count=len(words)
    )
    indptr = np.zeros(len(vectors) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    holders = np.bincount(words, minlength=len(columns))
    rank_of = np.empty(len(columns), dtype=np.int64)
    rank_of[np.argsort(holders, kind="stable")] = np.arange(len(columns))
    rows = np.repeat(np.arange(len(vectors), dtype=np.int64), lengths)
    order = np.argsort(rows * len(columns) + rank_of[words], kind="stable")
    ranks, weights = rank_of[words][order], weights[order]
    return RankedVectors(indptr, rows, ranks, weights, _remaining_norms(indptr, weights))


def similar_pairs(vectors: Sequence[Mapping[str, float]], threshold: float) -> np.ndarray:
    """Every pair ``(i, j)`` of unit vectors with positive weights whose dot product reaches
    ``threshold`` (> 0), both ways round and each vector with itself, sorted; shape (k, 2).

    Example: ``similar_pairs([{"a": 1.0}, {"a": 0.6, "b": 0.8}], 0.5)`` is
    ``[[0, 0], [0, 1], [1, 0], [1, 1]]``.
    """
    if threshold <= 0:
        raise ValueError(f"threshold must be positive, not {threshold}")
    table = ranked_vectors(vectors)
    entries, bounds = _postings(table, threshold)
    left, right = _pairs(
        table.indptr,
        table.rows,
        table.ranks,
        table.weights,
        table.remaining,
        entries,
        bounds,
        threshold,
    )
    size = max(1, len(vectors))
    keys = distinct(np.concatenate((left, right)) * size + np.concatenate((right, left)))
    return np.stack((keys // size, keys % size), axis=1)


def _postings(table: RankedVectors, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Entries whose remaining norm reaches ``threshold``, grouped by word (word ``w`` holds
    ``entries[bounds[w]:bounds[w + 1]]``), each group by remaining norm ascending."""
    entries = np.flatnonzero(table.remaining >= threshold)
    entries = entries[np.lexsort((table.remaining[entries], table.ranks[entries]))]
    words = int(table.ranks.max(initial=-1)) + 1
    bounds = np.searchsorted(table.ranks[entries], np.arange(words + 1))
    return entries, bounds


@njit(cache=True, nogil=True)
def _remaining_norms(indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each entry's remaining norm: of its row's weights from it to the row's end."""
    remaining = np.zeros(len(weights))
    for row in range(len(indptr) - 1):
        total = 0.0
        for entry in range(indptr[row + 1] - 1, indptr[row] - 1, -1):
            total += weights[entry] * weights[entry]
            remaining[entry] = np.sqrt(total)
    return remaining


@njit(cache=True, nogil=True)
def _reaches(
    ranks: np.ndarray,
    weights: np.ndarray,
    remaining: np.ndarray,
    i: int,
    i_end: int,
    j: int,
    j_end: int,
    threshold: float,
) -> bool:
    """Whether two rows' dot product from entries ``i`` and ``j`` on reaches ``threshold``;
    stops as soon as the rest (at most the product of the remaining norms) cannot."""
    total = 0.0
    while i < i_end and j < j_end:
        if total + remaining[i] * remaining[j] < threshold:
            return False
        if ranks[i] == ranks[j]:
            total += weights[i] * weights[j]
            i += 1
            j += 1
        elif ranks[i] < ranks[j]:
            i += 1
        else:
            j += 1
    return total >= threshold


@njit(cache=True, nogil=True)
def _pairs(
    indptr: np.ndarray,
    rows: np.ndarray,
    ranks: np.ndarray,
    weights: np.ndarray,
    remaining: np.ndarray,
    entries: np.ndarray,
    bounds: np.ndarray,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``(left[k], right[k])`` that reach ``threshold`` from a word both are listed
    under, each pair once per such word and in one order (see the module's docstring)."""
    left = np.empty(_FIRST_ROOM, dtype=np.int64)
    right = np.empty(_FIRST_ROOM, dtype=np.int64)
    count = 0
    for word in range(len(bounds) - 1):
        first, end = bounds[word], bounds[word + 1]
        partners = end  # entries[partners:end]: remaining norms of at least need, below
        for a in range(first, end):
            entry = entries[a]
            need = threshold / remaining[entry]
            while partners > first and remaining[entries[partners - 1]] >= need:
                partners -= 1
            x = rows[entry]
            for b in range(max(a, partners), end):
                other = entries[b]
                y = rows[other]
                if not _reaches(
                    ranks, weights, remaining, entry, indptr[x + 1], other, indptr[y + 1], threshold
                ):
                    continue
                if count == len(left):
                    left = np.concatenate((left, np.empty(count, dtype=np.int64)))
                    right = np.concatenate((right, np.empty(count, dtype=np.int64)))
                left[count] = x
                right[count] = y
                count += 1
    return left[:count], right[:count]
