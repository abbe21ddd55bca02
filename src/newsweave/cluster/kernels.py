"""Compiled inner loops of the corpus tier (numba): sparse dot products of many pairs.

Vectors are rows of a CSR-like layout (``indptr``, sorted ``terms``, integer
``weights``); a dot product merges two sorted term lists. Integer arithmetic
keeps every result exact and independent of the order of work.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

__all__ = ["pair_dots"]


@njit(cache=True, nogil=True)
def _dot(terms: np.ndarray, weights: np.ndarray, a0: int, a1: int, b0: int, b1: int) -> np.int64:
    total = np.int64(0)
    i, j = a0, b0
    while i < a1 and j < b1:
        ti, tj = terms[i], terms[j]
        if ti == tj:
            total += np.int64(weights[i]) * np.int64(weights[j])
            i += 1
            j += 1
        elif ti < tj:
            i += 1
        else:
            j += 1
    return total


@njit(cache=True, nogil=True, parallel=True)
def _pair_dots(
    indptr: np.ndarray, terms: np.ndarray, weights: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    out = np.zeros(len(left), dtype=np.int64)
    for q in prange(len(left)):
        a, b = left[q], right[q]
        out[q] = _dot(terms, weights, indptr[a], indptr[a + 1], indptr[b], indptr[b + 1])
    return out


@njit(cache=True, nogil=True)
def _pair_dots_serial(
    indptr: np.ndarray, terms: np.ndarray, weights: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    out = np.zeros(len(left), dtype=np.int64)
    for q in range(len(left)):
        a, b = left[q], right[q]
        out[q] = _dot(terms, weights, indptr[a], indptr[a + 1], indptr[b], indptr[b + 1])
    return out


#: Pairs from which the work is shared among threads (below, starting them costs more).
PARALLEL_PAIRS = 20_000


def pair_dots(
    indptr: np.ndarray, terms: np.ndarray, weights: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Integer dot products of rows ``left[q]`` and ``right[q]`` for every ``q``.

    Example: ``pair_dots(indptr, terms, weights, np.array([0]), np.array([0]))`` is a row's
    squared norm.
    """
    if not len(left):
        return np.zeros(0, dtype=np.int64)
    kernel = _pair_dots if len(left) >= PARALLEL_PAIRS else _pair_dots_serial
    return np.asarray(
        kernel(
            indptr.astype(np.int64, copy=False),
            terms.astype(np.int64, copy=False),
            weights,  # int32 or int64: the kernel multiplies in 64 bits either way
            left.astype(np.int64, copy=False),
            right.astype(np.int64, copy=False),
        )
    )
