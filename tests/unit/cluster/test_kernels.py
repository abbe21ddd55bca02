"""Sparse dot products of many pairs are the plain sums of matching terms' weights."""

import numpy as np

from newsweave.cluster.kernels import FIRST_TABLE, PARALLEL_PAIRS, dense_numbers, pair_dots


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
    # one thread; pieces over threads with a hash table per row (few pairs a row), then with
    # the terms numbered (many pairs a row)
    for rows, count in ((300, 50), (3000, PARALLEL_PAIRS + 500), (300, PARALLEL_PAIRS + 500)):
        indptr, terms, weights = _rows(rng, rows)
        terms = terms * 7_919_000_003 - (1 << 40)  # spread like hashes, some negative
        left = np.sort(rng.integers(0, rows, size=count))  # grouped, as candidate pairs come
        right = rng.integers(0, rows, size=count)
        expected = [_dot(indptr, terms, weights, a, b) for a, b in zip(left, right, strict=True)]
        assert pair_dots(indptr, terms, weights, left, right).tolist() == expected
        shuffled = rng.permutation(count)
        got = pair_dots(indptr, terms, weights, left[shuffled], right[shuffled])
        assert got.tolist() == [expected[k] for k in shuffled]


def test_terms_are_numbered_in_order_of_first_appearance_past_the_first_table():
    assert [n.tolist() for n in dense_numbers(np.array([7, -3, 7, 0]))[:1]] == [[0, 1, 0, 2]]
    assert dense_numbers(np.array([7, -3, 7, 0]))[1] == 3
    many = np.arange(FIRST_TABLE, dtype=np.int64) * -31  # more than half the first table
    numbers, count = dense_numbers(np.concatenate((many, many[::-1])))
    assert count == FIRST_TABLE
    assert numbers.tolist() == list(range(FIRST_TABLE)) + list(range(FIRST_TABLE))[::-1]
