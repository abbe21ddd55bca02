"""Weighted bags of words as integer unit vectors, built by compiled code many at a time.

A bag's weight for a word is its background idf, times ``1 + ln(count)`` when it
occurs more than once; words of idf 0 are left out; the vector is scaled to the
integer norm :data:`SCALE` and rounded, so a cosine is an exact integer dot product
(the same in every engine and summation order).

Example: ``bag_vectors(terms, idf, ranges, limit=60)`` gives every article's lead bag
in one call.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

__all__ = ["SCALE", "Bags", "bag_vectors", "heaviest"]

#: Unit vectors are scaled to this integer norm; a cosine is ``dot / SCALE**2``. 2**14 keeps
#: every weight in 15 bits and rounding error below 1e-4 of a cosine.
SCALE = 1 << 14


@dataclass(frozen=True, slots=True, eq=False)
class Bags:
    """One sparse vector per bag, CSR: bag ``k`` is ``terms[indptr[k]:indptr[k + 1]]``
    (sorted ascending, unique) with ``weights`` (int32, norm :data:`SCALE`)."""

    indptr: np.ndarray
    terms: np.ndarray
    weights: np.ndarray

    def __len__(self) -> int:
        return len(self.indptr) - 1


def bag_vectors(terms: np.ndarray, idf: np.ndarray, ranges: np.ndarray, limit: int) -> Bags:
    """One bag per row of ``ranges``: ``(first start, first end, second start, second end)``
    into ``terms``/``idf``; all of the first range and at most ``limit`` words of the second
    (a title's words, then the first words of the text)."""
    indptr, out_terms, out_weights = _bags(
        terms.astype(np.int64, copy=False),
        idf.astype(np.float64, copy=False),
        ranges.astype(np.int64, copy=False),
        limit,
        float(SCALE),
    )
    return Bags(indptr, out_terms, out_weights)


def heaviest(bags: Bags, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Each bag's ``count`` heaviest terms (ties to the smaller id), in ascending order, as
    CSR ``(indptr, terms)``."""
    return _heaviest(bags.indptr, bags.terms, bags.weights, count)


@njit(cache=True, nogil=True)
def _bags(
    terms: np.ndarray, idf: np.ndarray, ranges: np.ndarray, limit: int, scale: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = ranges.shape[0]
    total = 0
    for r in range(rows):
        total += ranges[r, 1] - ranges[r, 0] + min(ranges[r, 3] - ranges[r, 2], limit)
    indptr = np.zeros(rows + 1, dtype=np.int64)
    out_terms = np.empty(total, dtype=np.int64)
    out_weights = np.empty(total, dtype=np.int32)
    picked = np.empty(total, dtype=np.int64)
    weight = np.empty(total, dtype=np.float64)
    at = 0
    for r in range(rows):
        size = 0
        for k in range(ranges[r, 0], ranges[r, 1]):
            picked[size] = k
            size += 1
        for k in range(ranges[r, 2], min(ranges[r, 3], ranges[r, 2] + limit)):
            picked[size] = k
            size += 1
        chosen = picked[:size]
        order = np.argsort(terms[chosen], kind="mergesort")
        kept = 0
        squares = 0.0
        i = 0
        while i < size:
            term = terms[chosen[order[i]]]
            j = i
            while j < size and terms[chosen[order[j]]] == term:
                j += 1
            value = idf[chosen[order[i]]]
            if j - i > 1:
                value = (1.0 + np.log(j - i)) * value
            if value > 0.0:
                out_terms[at + kept] = term
                weight[kept] = value
                squares += value * value
                kept += 1
            i = j
        if kept:
            factor = scale / np.sqrt(squares)
            for k in range(kept):
                out_weights[at + k] = np.int32(np.rint(weight[k] * factor))
        at += kept
        indptr[r + 1] = at
    return indptr, out_terms[:at], out_weights[:at]


@njit(cache=True, nogil=True)
def _heaviest(
    indptr: np.ndarray, terms: np.ndarray, weights: np.ndarray, count: int
) -> tuple[np.ndarray, np.ndarray]:
    rows = len(indptr) - 1
    out_ptr = np.zeros(rows + 1, dtype=np.int64)
    out = np.empty(rows * count, dtype=np.int64)
    at = 0
    for r in range(rows):
        start, end = indptr[r], indptr[r + 1]
        taken = np.zeros(end - start, dtype=np.bool_)
        for _ in range(min(count, end - start)):
            best = -1
            for k in range(start, end):  # terms ascend: the first of equal weights wins
                if not taken[k - start] and (best < 0 or weights[k] > weights[best]):
                    best = k
            taken[best - start] = True
        for k in range(start, end):
            if taken[k - start]:
                out[at] = terms[k]
                at += 1
        out_ptr[r + 1] = at
    return out_ptr, out[:at]
