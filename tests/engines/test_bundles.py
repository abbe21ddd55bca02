"""The Spark engine's task functions, without a JVM: what crosses a shuffle loses nothing."""

from __future__ import annotations

import numpy as np

from newsweave.cluster.featurize import feature_rows
from newsweave.cluster.neighbours import KEEP, own_ranks
from newsweave.engines.bundles import gathered, kept_pairs, score_partition
from newsweave.model import Article

WORDS = "flood storm river bridge mayor council vote strike port rail fire court bank".split()


def _table(count: int, seed: int):
    rng = np.random.default_rng(seed)
    articles = [
        Article(
            id=f"a{k:03d}",
            source="s",
            text=" ".join(rng.choice(WORDS, size=40)) + f". Okafor {k % 7} said.",
            title=" ".join(rng.choice(WORDS, size=5)),
            content_hash=f"h{k}",
        )
        for k in range(count)
    ]
    return feature_rows(articles)


def _by_part(bundles, parts):
    out = [[] for _ in range(parts)]
    for part, columns in bundles:
        out[part].append(columns)
    return out


def test_scoring_tasks_send_on_every_entry_a_row_keeps():
    table = _table(150, seed=3)
    n, parts = len(table), 3
    a, b = np.triu_indices(n, k=1)  # every row has far more than KEEP pairs
    codes = a * n + b
    sent = [
        bundle
        for part in range(parts)
        for bundle in score_partition([codes[codes % parts == part]], table, n, parts)
    ]
    entries = sum(len(columns[0]) for _, columns in sent)
    assert entries < len(codes)  # less than one side of every pair crosses the shuffle
    kept = set()
    for columns in _by_part(sent, parts):
        for _, (rows, others, *_) in kept_pairs(columns, parts):
            kept |= set(zip(rows.tolist(), others.tolist(), strict=True))

    rows, others = np.concatenate((a, b)), np.concatenate((b, a))
    text = np.concatenate([table.text.cosines(a, b)] * 2)
    lead = np.concatenate([table.lead.cosines(a, b)] * 2)
    keep = own_ranks(rows, others, (text + lead) / 2.0) < KEEP
    expected = set(zip(rows[keep].tolist(), others[keep].tolist(), strict=True))
    expected |= {(o, r) for r, o in expected}
    assert kept == expected


def test_an_empty_part_sends_nothing():
    assert list(score_partition([], _table(3, seed=1), 3, 2)) == []
    assert gathered([]) is None
