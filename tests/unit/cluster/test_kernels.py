"""Sparse dot products of many pairs are the plain sums of matching terms' weights."""

import numpy as np

from newsweave.cluster.kernels import PARALLEL_PAIRS, pair_dots


def _rows(rng, count):
    indptr, terms, weights = [0], [], []
    for _ in range(count):
        size = int(rng.integers(0, 40))
        chosen = np.sort(rng.choice(200, size=size, replace=False))  # few terms: many shared
        terms.extend(chosen.tolist())
        weights.extend(rng.integers(1, 1 << 14, size=size).tolist())
        indptr.append(len(terms))
    return np.array(indptr), np.array(terms, dtype=np.int64), np.array(weights, dtype=np.int32)


def _row(indptr, terms, weights, k):
    start, end = indptr[k], indptr[k + 1]
    return zip(terms[start:end].tolist(), weights[start:end].tolist(), strict=True)


def _dot(indptr, terms, weights, a, b):
    mine = dict(_row(indptr, terms, weights, a))
    return sum(mine[t] * w for t, w in _row(indptr, terms, weights, b) if t in mine)


def test_dots_are_exact_in_any_pair_order_serial_or_parallel():
    rng = np.random.default_rng(9)
    indptr, terms, weights = _rows(rng, 300)
    for count in (50, PARALLEL_PAIRS + 500):  # one thread, then pieces over threads
        left = np.sort(rng.integers(0, 300, size=count))  # grouped, as candidate pairs come
        right = rng.integers(0, 300, size=count)
        expected = [_dot(indptr, terms, weights, a, b) for a, b in zip(left, right, strict=True)]
        assert pair_dots(indptr, terms, weights, left, right).tolist() == expected
        shuffled = rng.permutation(count)
        got = pair_dots(indptr, terms, weights, left[shuffled], right[shuffled])
        assert got.tolist() == [expected[k] for k in shuffled]
