"""Ranks of each article's neighbours: the whole-table ranking and the per-entry one agree."""

from __future__ import annotations

import numpy as np

from newsweave.cluster.neighbours import RANK_CAP, Candidates, neighbourhood, own_ranks


def test_own_ranks_are_the_neighbourhood_ranks_of_both_sides():
    """On random pairs with many tied similarities (multiples of 1/8), ranking every entry in
    its own row's list (as the Spark engine does per part) gives neighbourhood's ranks,
    uncapped below the cap, ties broken by the other's id."""
    rng = np.random.default_rng(3)
    n = 60
    pairs = sorted({tuple(sorted(rng.choice(n, 2, replace=False).tolist())) for _ in range(900)})
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    text = rng.integers(0, 9, len(pairs)) / 8
    lead = rng.integers(0, 9, len(pairs)) / 8
    ids = tuple(f"a{k:03d}" for k in range(n))  # numbers sort as the ids do
    around = neighbourhood(n, Candidates(left, right, text, lead, np.zeros(len(pairs))), ids)
    rows, others = np.concatenate((left, right)), np.concatenate((right, left))
    sims = np.concatenate(((text + lead) / 2, (text + lead) / 2))
    shuffled = rng.permutation(len(rows))  # the order entries arrive in does not matter
    ranks = np.empty(len(rows), dtype=np.int64)
    ranks[shuffled] = own_ranks(rows[shuffled], others[shuffled], sims[shuffled])
    capped = np.minimum(ranks, RANK_CAP)
    assert (capped[: len(pairs)] == around.rank_left).all()
    assert (capped[len(pairs) :] == around.rank_right).all()
    assert (ranks > RANK_CAP).any()  # long lists, so the cap is exercised
    best = np.zeros(n)
    best[rows[ranks == 0]] = sims[ranks == 0]
    assert (best == around.best).all()


def test_own_ranks_order_each_list_by_similarity_then_other():
    rng = np.random.default_rng(8)
    rows = rng.integers(0, 40, 2000)
    others = rng.permutation(2000)  # distinct, as an article's partners are
    sims = rng.integers(0, 5, 2000) / 4  # many ties
    ranks = own_ranks(rows, others, sims)
    for row in range(40):
        mine = np.flatnonzero(rows == row)
        expected = sorted(mine.tolist(), key=lambda e: (-sims[e], others[e]))
        assert [int(e) for e in mine[np.argsort(ranks[mine])]] == expected
        assert sorted(ranks[mine].tolist()) == list(range(len(mine)))


def test_every_lists_pairs_at_once_are_each_lists_pairs():
    """posting_codes pairs all lists at once as posting_offsets pairs each (a short list
    whole, a long one by neighbours in time order), whatever the entries' order."""
    from newsweave.cluster.neighbours import MAX_POSTING, posting_codes, posting_offsets

    rng = np.random.default_rng(4)
    n = 400
    words = [1, 2, 3, 5, 8, 13]
    chosen = [
        rng.choice(words, 3, replace=False, p=[0.4, 0.2, 0.1, 0.1, 0.1, 0.1]) for _ in range(n)
    ]
    rows = np.repeat(np.arange(n), 3)  # each row under three distinct words
    terms = np.concatenate(chosen)
    place = rng.permutation(n)  # each row's place in time order
    places = place[rows]
    expected = set()
    for term in np.unique(terms):
        mine = sorted(rows[terms == term].tolist(), key=lambda r: place[r])
        i, j = posting_offsets(len(mine))
        expected |= {
            (min(mine[a], mine[b]), max(mine[a], mine[b])) for a, b in zip(i, j, strict=True)
        }
    assert max(np.bincount(terms)) > MAX_POSTING  # long lists too
    shuffled = rng.permutation(len(rows))
    codes = posting_codes(terms[shuffled], places[shuffled], rows[shuffled], n)
    assert {(int(c) // n, int(c) % n) for c in codes} == expected


def test_kept_candidates_are_the_kept_scored_pairs():
    """Scoring the names of the kept pairs only gives the pairs and cosines of scoring all."""
    from newsweave.cluster.featurize import feature_rows
    from newsweave.cluster.neighbours import (
        candidate_pairs,
        kept,
        kept_candidates,
        score_pairs,
        subset,
    )
    from newsweave.model import Article

    places = ["Lima", "Quito", "Bogota", "Caracas", "La Paz", "Santiago"]
    texts = [
        f"{places[k % 6]} police said the {topic} began on Monday after the vote, and "
        f"officials in {places[(k + 1) % 6]} met {topic} leaders on day {k}."
        for k in range(80)
        for topic in (("strike", "flood", "protest", "fire")[k % 4],)
    ]
    table = feature_rows(
        [
            Article(id=f"a{k:03d}", source="s", text=t, content_hash=f"h{k}")
            for k, t in enumerate(texts)
        ]
    )
    left, right = candidate_pairs(table)
    scored = score_pairs(table, left, right)
    whole = subset(scored, kept(scored, neighbourhood(len(table), scored, table.ids)))
    fast = kept_candidates(table, left, right)
    assert 0 < len(fast) < len(scored)
    for field in ("left", "right", "text", "lead", "names"):
        assert np.array_equal(getattr(fast, field), getattr(whole, field)), field


def test_a_small_table_pairs_every_two_rows_and_a_large_one_only_shared_words(monkeypatch):
    """Two reports of one topic that share no heavy word are candidates in a small pile."""
    import newsweave.cluster.neighbours as neighbours
    from newsweave.cluster.featurize import feature_rows
    from newsweave.model import Article

    texts = [
        "Governor Reyes signed the firearms bill in Tallahassee on Friday after the vote.",
        "Schools should not become fortresses: metal detectors and armed guards fail pupils.",
        "The orchestra of Lyon opened its winter season with a Berlioz symphony.",
    ]
    table = feature_rows([Article(id=f"a{k}", source="", text=t) for k, t in enumerate(texts)])
    left, right = neighbours.candidate_pairs(table)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2)]
    monkeypatch.setattr(neighbours, "EXACT_PAIRS", 2)
    left, right = neighbours.candidate_pairs(table)
    assert len(left) == 0  # no blocking word in common
