import numpy as np
import pytest
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
    # no ties, not even between means: offsets of square roots of distinct primes
    offsets = np.sqrt([2, 3, 5, 7, 11, 13, 17, 19, 23, 29]) * 1e-4
    p[i, j] = p[j, i] = np.array(values) * 0.99 + offsets
    dense = average_link(p)
    sparse = sparse_average_link(n, i, j, p[i, j])
    assert {frozenset(np.flatnonzero(dense == g)) for g in set(dense)} == {
        frozenset(np.flatnonzero(sparse == g)) for g in set(sparse)
    }


def test_the_cut_is_scipys_flat_clusters_by_distance():
    """average_link cuts the linkage itself; the flat clusters are fcluster's, ties included."""
    from scipy.cluster.hierarchy import fcluster, linkage

    rng = np.random.default_rng(1)
    for trial in range(200):
        n = int(rng.integers(2, 40))
        m = rng.random((n, n))
        p = (m + m.T) / 2
        if trial % 2:
            p = np.round(p * 4) / 4  # many ties, some exactly at the cut
        np.fill_diagonal(p, 1.0)
        distance = np.clip(1.0 - p[np.triu_indices(n, k=1)], 0.0, 1.0)
        labels = fcluster(linkage(distance, method="average"), t=0.5, criterion="distance")
        same = labels[:, None] == labels[None, :]
        mine = average_link(p, 0.5)
        assert ((mine[:, None] == mine[None, :]) == same).all()


def test_a_story_of_two_texts_needs_its_pair_at_the_pair_cut():
    from newsweave.cluster.linkage import PAIR_CUT, split_weak_pairs

    groups = [[0, 1], [2], [3, 4], [5, 6, 7]]
    got = split_weak_pairs(groups, np.array([PAIR_CUT, PAIR_CUT - 0.01]))
    assert got == [[0, 1], [2], [3], [4], [5, 6, 7]]  # a third text corroborates: kept
    with pytest.raises(ValueError, match="2 groups of two, 1 probabilities"):
        split_weak_pairs(groups, np.array([0.9]))
