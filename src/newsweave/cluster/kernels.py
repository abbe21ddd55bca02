"""Compiled inner loops of the corpus tier (numba): sparse dot products of many pairs.

Vectors are rows of a CSR-like layout (``indptr``, sorted ``terms``, integer
``weights``). Pairs come mostly grouped by their first row (candidate pairs are sorted,
an article's partners together), so a row's terms are put once in a table and each
partner's terms are looked up in it: a look-up per term of the partner, instead of a
merge of both lists per pair (1.7x faster on candidate pairs). Where each row takes part
in many pairs (candidate pairs), the terms (64-bit hashes) are first numbered densely,
once for the call, and the table is a plain array indexed by that number: a look-up is
one load, with no hashing or probing (candidate pairs of 50,000 articles: text 0.75 ->
0.44 s, lead 0.38 -> 0.16 s on two threads, numbering included). Fewer pairs keep the
small hash table, which needs no pass over every term.
Integer arithmetic keeps every result exact and independent of the order of work.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from newsweave.distinct import distinct

__all__ = ["dense_numbers", "pair_dots"]


#: Pairs from which the work is shared among threads (below, starting them costs more).
PARALLEL_PAIRS = 20_000
#: Pairs per row of the layout from which the terms are numbered first: numbering costs
#: about as much as 13 look-ups per term saved by the plain array (measured on candidate
#: pairs of 50,000 articles), so it pays when each row takes part in many pairs.
DENSE_PAIRS_PER_ROW = 16
#: Pieces the pairs are cut into for the threads (at changes of the first row).
PIECES = 64
_EMPTY = -1
_MIX = np.uint64(0x9E3779B97F4A7C15)


def pair_dots(
    indptr: np.ndarray, terms: np.ndarray, weights: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Integer dot products of rows ``left[q]`` and ``right[q]`` for every ``q`` (fastest
    when pairs with the same ``left`` come together; right in any order).

    Example: ``pair_dots(indptr, terms, weights, np.array([0]), np.array([0]))`` is a row's
    squared norm.
    """
    if not len(left):
        return np.zeros(0, dtype=np.int64)
    indptr = indptr.astype(np.int64, copy=False)
    left = left.astype(np.int64, copy=False)
    right = right.astype(np.int64, copy=False)
    # weights are int32 or int64: the kernels multiply in 64 bits either way
    if len(left) < PARALLEL_PAIRS:
        starts = np.array([0, len(left)], dtype=np.int64)
    else:
        starts = _pieces(left, PIECES)
    if len(left) >= PARALLEL_PAIRS and len(left) >= DENSE_PAIRS_PER_ROW * (len(indptr) - 1):
        numbers, count = dense_numbers(terms)
        return np.asarray(_dense_dots(indptr, numbers, weights, left, right, starts, count))
    longest = int(np.diff(indptr).max()) if len(indptr) > 1 else 0
    size = 1 << max(4, (2 * longest).bit_length())  # a row fills at most half its table
    kernel = _hashed_dots if len(left) >= PARALLEL_PAIRS else _hashed_dots_serial
    return np.asarray(
        kernel(indptr, terms.astype(np.int64, copy=False), weights, left, right, starts, size)
    )


def dense_numbers(terms: np.ndarray) -> tuple[np.ndarray, int]:
    """Each term's number among the distinct terms (0, 1, ... in order of first
    appearance), and how many there are.

    Example: ``dense_numbers(np.array([7, 3, 7]))`` is ``(array([0, 1, 0]), 2)``.
    """
    terms = terms.astype(np.int64, copy=False)
    size = FIRST_TABLE
    while True:
        numbers, count = _numbered(terms, size)
        if count >= 0:
            return numbers, int(count)
        size *= 4  # more distinct terms than half the table: a larger one


#: Slots of the first table :func:`dense_numbers` tries (a news corpus's bag of words has
#: tens of thousands of distinct terms; a table is grown fourfold when half full).
FIRST_TABLE = 1 << 17


def _pieces(left: np.ndarray, count: int) -> np.ndarray:
    """Where each piece of the pairs starts (and the end), cut where ``left`` changes."""
    cuts = np.linspace(0, len(left), count + 1).astype(np.int64)[1:-1]
    changes = np.flatnonzero(np.concatenate(([True], left[1:] != left[:-1])))
    at = changes[np.minimum(np.searchsorted(changes, cuts), len(changes) - 1)]
    return distinct(np.concatenate(([0], at, [len(left)])))


@njit(cache=True, nogil=True)
def _slot(term: np.int64, mask: np.int64) -> np.int64:
    return np.int64((np.uint64(term) * _MIX) >> np.uint64(32)) & mask


@njit(cache=True, nogil=True)
def _fill(
    keys: np.ndarray,
    values: np.ndarray,
    used: np.ndarray,
    terms: np.ndarray,
    weights: np.ndarray,
    start: int,
    end: int,
    mask: np.int64,
) -> int:
    """Put one row's terms in the (empty) table; returns how many slots it used (in ``used``)."""
    for k in range(start, end):
        h = _slot(terms[k], mask)
        while keys[h] != _EMPTY:
            h = (h + 1) & mask
        keys[h] = terms[k]
        values[h] = weights[k]
        used[k - start] = h
    return end - start


@njit(cache=True, nogil=True)
def _dots_of_piece(
    indptr: np.ndarray,
    terms: np.ndarray,
    weights: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    lo: int,
    hi: int,
    size: int,
    out: np.ndarray,
) -> None:
    keys = np.full(size, _EMPTY, dtype=np.int64)
    values = np.zeros(size, dtype=np.int64)
    used = np.empty(size, dtype=np.int64)
    mask = np.int64(size - 1)
    current, filled = -1, 0
    for q in range(lo, hi):
        a = left[q]
        if a != current:
            for k in range(filled):  # the previous row leaves the table empty
                keys[used[k]] = _EMPTY
            filled = _fill(keys, values, used, terms, weights, indptr[a], indptr[a + 1], mask)
            current = a
        total = np.int64(0)
        for k in range(indptr[right[q]], indptr[right[q] + 1]):
            t = terms[k]
            h = _slot(t, mask)
            while keys[h] != _EMPTY:
                if keys[h] == t:
                    total += values[h] * np.int64(weights[k])
                    break
                h = (h + 1) & mask
        out[q] = total


@njit(cache=True, nogil=True)
def _numbered(terms: np.ndarray, size: int) -> tuple[np.ndarray, int]:
    """:func:`dense_numbers` with a table of ``size`` slots; count -1 if it gets half full."""
    keys = np.empty(size, dtype=np.int64)
    values = np.empty(size, dtype=np.int64)
    used = np.zeros(size, dtype=np.bool_)
    mask = np.int64(size - 1)
    out = np.empty(len(terms), dtype=np.int32)
    count = 0
    for k in range(len(terms)):
        t = terms[k]
        h = _slot(t, mask)
        while used[h] and keys[h] != t:
            h = (h + 1) & mask
        if not used[h]:
            if 2 * (count + 1) > size:
                return out, -1
            used[h], keys[h], values[h] = True, t, count
            count += 1
        out[k] = values[h]
    return out, count


@njit(cache=True, nogil=True)
def _dense_dots_of_piece(
    indptr: np.ndarray,
    numbers: np.ndarray,
    weights: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    lo: int,
    hi: int,
    table: np.ndarray,
    out: np.ndarray,
) -> None:
    current = -1
    for q in range(lo, hi):
        a = left[q]
        if a != current:
            if current >= 0:  # the previous row leaves the table zero
                for k in range(indptr[current], indptr[current + 1]):
                    table[numbers[k]] = 0
            for k in range(indptr[a], indptr[a + 1]):
                table[numbers[k]] = weights[k]
            current = a
        total = np.int64(0)
        for k in range(indptr[right[q]], indptr[right[q] + 1]):
            total += table[numbers[k]] * np.int64(weights[k])
        out[q] = total


@njit(cache=True, nogil=True, parallel=True)
def _dense_dots(
    indptr: np.ndarray,
    numbers: np.ndarray,
    weights: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    starts: np.ndarray,
    count: int,
) -> np.ndarray:
    out = np.zeros(len(left), dtype=np.int64)
    for piece in prange(len(starts) - 1):
        table = np.zeros(count, dtype=np.int64)
        _dense_dots_of_piece(
            indptr, numbers, weights, left, right, starts[piece], starts[piece + 1], table, out
        )
    return out


@njit(cache=True, nogil=True, parallel=True)
def _hashed_dots(
    indptr: np.ndarray,
    terms: np.ndarray,
    weights: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    starts: np.ndarray,
    size: int,
) -> np.ndarray:
    out = np.zeros(len(left), dtype=np.int64)
    for piece in prange(len(starts) - 1):
        _dots_of_piece(
            indptr, terms, weights, left, right, starts[piece], starts[piece + 1], size, out
        )
    return out


@njit(cache=True, nogil=True)
def _hashed_dots_serial(
    indptr: np.ndarray,
    terms: np.ndarray,
    weights: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    starts: np.ndarray,
    size: int,
) -> np.ndarray:
    out = np.zeros(len(left), dtype=np.int64)
    for piece in range(len(starts) - 1):
        _dots_of_piece(
            indptr, terms, weights, left, right, starts[piece], starts[piece + 1], size, out
        )
    return out
