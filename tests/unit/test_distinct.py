"""``distinct`` is ``np.unique`` without its hashing: the same values, sorted."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from newsweave.distinct import distinct, found_in, shared_values


@given(arrays(np.int64, st.integers(0, 200), elements=st.integers(-(2**62), 2**62)))
def test_distinct_is_numpy_unique(values: np.ndarray) -> None:
    found = distinct(values)
    assert found.dtype == values.dtype
    assert np.array_equal(found, np.unique(values))


@given(arrays(np.uint64, st.integers(0, 50), elements=st.integers(0, 5)))
def test_distinct_of_few_values(values: np.ndarray) -> None:
    assert distinct(values).tolist() == sorted(set(values.tolist()))


def test_distinct_leaves_its_input_alone() -> None:
    values = np.array([3, 1, 3, 2])
    assert distinct(values).tolist() == [1, 2, 3]
    assert values.tolist() == [3, 1, 3, 2]


@given(
    arrays(np.uint64, st.integers(0, 60), elements=st.integers(0, 40)),
    arrays(np.uint64, st.integers(0, 60), elements=st.integers(0, 40)),
)
def test_shared_values_and_found_in_are_numpys(a: np.ndarray, b: np.ndarray) -> None:
    assert np.array_equal(shared_values(a, b), np.intersect1d(a, b))
    assert np.array_equal(found_in(a, b), np.isin(a, b))
