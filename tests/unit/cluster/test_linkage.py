import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.linkage import average_link, sparse_average_link


def test_average_link_cuts_at_even_odds():
    p = np.array([[1, 0.9, 0.2], [0.9, 1, 0.3], [0.2, 0.3, 1]])
    assert average_link(p).tolist() == [0, 0, 1]
    assert average_link(p, cut=0.2).tolist() == [0, 0, 0]


def test_one_strong_pair_does_not_chain_two_groups():
    # a-b and c-d are tight; b-c is strong but a-c, a-d, b-d are not: no merge
    p = np.eye(4)
    for i, j, v in ((0, 1, 0.95), (2, 3, 0.95), (1, 2, 0.9)):
        p[i, j] = p[j, i] = v
    assert average_link(p).tolist() == [0, 0, 1, 1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=10, max_size=10))
def test_sparse_matches_dense_when_every_pair_is_listed(values):
    n = 5
    p = np.eye(n)
    i, j = np.triu_indices(n, k=1)
    p[i, j] = p[j, i] = np.array(values) * 0.99 + np.arange(len(values)) * 1e-4  # no ties
    dense = average_link(p)
    sparse = sparse_average_link(n, i, j, p[i, j])
    assert {frozenset(np.flatnonzero(dense == g)) for g in set(dense)} == {
        frozenset(np.flatnonzero(sparse == g)) for g in set(sparse)
    }
