"""Distinct values, and the values two arrays share, found by sorting whatever numpy's version.

numpy 2.3 and later find ``np.unique``'s values (when no index, inverse or count is asked
for) by hashing, and on arrays of many distinct integers that is far slower than sorting:
4,000,000 pair codes of the firehose corpus took 0.99 s in ``np.unique`` against 0.03 s
sorted and compared with their neighbours (numpy 2.4; ``bench/README.md``). ``np.intersect1d``
and ``np.isin`` call it too (two arrays of 2,000 n-gram hashes: 272 us against 32 us). Every
caller asks here instead.
"""

from __future__ import annotations

import numpy as np

__all__ = ["distinct", "found_in", "shared_values"]


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of a one-dimensional array (``np.unique(values)``).

    Example: ``distinct(np.array([3, 1, 3]))`` is ``array([1, 3])``.
    """
    ordered = np.sort(values, kind="quicksort")
    if len(ordered) < 2:
        return ordered
    fresh = np.empty(len(ordered), dtype=np.bool_)
    fresh[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    return ordered[fresh]


def shared_values(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The sorted distinct values found in both arrays (``np.intersect1d(a, b)``).

    Example: ``shared_values(np.array([4, 1, 4]), np.array([4, 2]))`` is ``array([4])``.
    """
    both = np.concatenate((distinct(a), distinct(b)))
    both.sort(kind="quicksort")
    return both[:-1][both[1:] == both[:-1]]


def found_in(values: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` is among ``allowed`` (``np.isin(values, allowed)``; both of
    one dtype, as hashes are).

    Example: ``found_in(np.array([3, 5]), np.array([5, 7]))`` is ``array([False, True])``.
    """
    known = distinct(allowed)
    if not len(known):
        return np.zeros(len(values), dtype=np.bool_)
    at = np.minimum(np.searchsorted(known, values), len(known) - 1)
    return known[at] == values
