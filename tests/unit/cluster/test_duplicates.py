import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.duplicates import cluster_duplicates, duplicate_groups
from newsweave.cluster.featurize import article_features
from newsweave.cluster.minhash import jaccard
from newsweave.cluster.table import feature_table
from newsweave.model import Article

BASE = (
    "The regional council voted on Tuesday to close three rural clinics after a budget "
    "review found the service cost twice the national average. Opponents said patients "
    "would have to travel more than an hour for routine care, and a petition signed by "
    "four thousand residents was handed to the mayor before the vote. The council leader "
    "said savings would be spent on a new hospital wing that opens next spring."
)
EDITED = BASE.replace("four thousand", "4,000").replace("routine care", "ordinary care")
REWRITE = (
    "Three clinics in the countryside will shut, councillors decided, citing costs that "
    "were double the average; residents who signed a petition fear long journeys."
)


def _cluster(items):
    arts = [
        Article(id=i, source=i, text=t, published=p, content_hash=t[:40] + str(len(t)))
        for i, t, p in items
    ]
    feats = sorted((article_features(a) for a in arts), key=lambda f: f.article)
    table = feature_table(feats)
    return cluster_duplicates(table.ids, [f.content_hash for f in feats], table.minhash, table.days)


def test_reprints_and_light_edits_are_one_cluster_rewrites_are_not():
    clusters = _cluster(
        [
            ("late", BASE, "2020-01-03"),
            ("first", BASE, "2020-01-02"),
            ("edit", EDITED, "2020-01-04"),
            ("rewrite", REWRITE, "2020-01-02"),
        ]
    )
    by_rep = {c.representative: {m.article: m.kind for m in c.members} for c in clusters}
    assert by_rep["first"] == {"first": "representative", "late": "exact", "edit": "near"}
    assert by_rep["rewrite"] == {"rewrite": "representative"}


def test_duplicate_groups_of_articles_in_memory_are_positions():
    arts = [
        Article(id="a", source="a", text=BASE, published="2020-01-02", content_hash="h1"),
        Article(id="b", source="b", text=REWRITE, published="2020-01-02", content_hash="h2"),
        Article(id="c", source="c", text=EDITED, content_hash="h3"),
        Article(id="a", source="d", text=BASE, content_hash=""),  # a repeated id, no hash
    ]
    assert sorted(duplicate_groups(arts)) == [[0, 2, 3], [1]]
    assert duplicate_groups([]) == []


def test_light_edits_keep_most_of_the_signature():
    a, b = (
        article_features(Article(id=i, source=i, text=t)) for i, t in (("a", BASE), ("b", EDITED))
    )
    assert jaccard(a.minhash, b.minhash) > 0.6
    assert (
        jaccard(a.minhash, article_features(Article(id="c", source="c", text=REWRITE)).minhash)
        < 0.2
    )


@settings(max_examples=20, deadline=None)
@given(st.permutations(list(range(4))))
def test_clusters_do_not_depend_on_input_order(order):
    items = [("a", BASE, None), ("b", EDITED, None), ("c", REWRITE, None), ("d", BASE, None)]
    first = {c.representative: c.members for c in _cluster(items)}
    assert {c.representative: c.members for c in _cluster([items[i] for i in order])} == first


def test_empty_input():
    assert (
        cluster_duplicates((), [], np.zeros((0, 64), dtype=np.uint32), np.zeros(0, np.int64)) == ()
    )


def test_all_buckets_at_once_give_each_buckets_pairs():
    """The vectorised pairs of every LSH bucket are those bucket_pairs gives bucket by bucket
    (both engines compute them with bucket_codes, the Spark engine a part of the keys at a
    time)."""
    from newsweave.cluster.duplicates import _bucket_codes, bucket_pairs, order_key

    rng = np.random.default_rng(5)
    n = 300
    keys = rng.integers(0, 40, size=(n, 3))  # few keys: buckets of every size, many repeats
    keys[:, 1] += 100
    keys[7] = keys[8]  # one row twice in a bucket is one member
    days = rng.integers(0, 5, size=n)
    order_keys = [order_key(int(d), f"a{k:03d}") for k, d in enumerate(days)]
    rank = np.empty(n, dtype=np.int64)
    rank[sorted(range(n), key=order_keys.__getitem__)] = np.arange(n)
    expected = set()
    for key in np.unique(keys):
        members = sorted({r for r in range(n) if key in keys[r]})
        if len(members) > 1:
            expected |= set(bucket_pairs([(order_keys[m], m) for m in members]))
    codes = _bucket_codes(keys.astype(np.int64), rank)
    assert {(int(c) // n, int(c) % n) for c in codes} == expected
