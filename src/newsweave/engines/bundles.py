"""The Spark engine's tasks: pure functions over numpy arrays, no Spark import.

Spark moves the data (its shuffles, ``partitionBy``, and broadcasts); these functions are what
a task runs on its part, each calling the local engine's whole-array functions (the same
``bucket_codes``, ``posting_codes``, scoring kernel, ``own_ranks`` and pair model), so the two
engines give the same tables. Rows travel as numpy arrays in one bundle per (part,
destination), not as millions of pickled tuples: an article is its number in id order; each
article's entries meet in the part ``article % parts``, each pair's in the part
``a % parts``. An entry is ``(row, other, text, lead, names)``: the pair ``(row, other)``
seen from ``row``. Being plain functions, they are tested and profiled without a JVM.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from newsweave.cluster.duplicates import bucket_codes, verified
from newsweave.cluster.minhash import band_keys
from newsweave.cluster.neighbours import (
    KEEP,
    RANK_CAP,
    best_and_background,
    own_ranks,
    posting_codes,
)
from newsweave.cluster.pairs import PairEvidence, pair_features, probabilities
from newsweave.cluster.stories import cluster_part
from newsweave.cluster.table import FeatureTable
from newsweave.distinct import distinct
from newsweave.engines.local import collect_less_often, prepare_chunk
from newsweave.ingest.records import RawItem

__all__ = [
    "Bundle",
    "band_bundles",
    "bundled",
    "cluster_task",
    "distinct_codes",
    "gathered",
    "kept_pairs",
    "pair_sides",
    "posting_bundles",
    "posting_part",
    "prepare_partition",
    "score_partition",
    "verified_buckets",
    "with_model",
]

#: ``(destination part, columns)``: one bundle of rows for one part.
Bundle = tuple[int, tuple[np.ndarray, ...]]


def prepare_partition(part: Iterable[RawItem]) -> list[tuple[tuple[Any, ...], tuple[bytes, ...]]]:
    collect_less_often()  # as the local engine's workers do
    chunk = prepare_chunk(list(part))
    return [(chunk.items, chunk.blobs)]


def band_bundles(rows: list[int], signatures: np.ndarray, parts: int) -> Iterator[Bundle]:
    """Every band key of a partition's rows (computed at once), bundled by the key's part."""
    if not rows:
        return
    chosen = np.array(rows, dtype=np.int64)
    keys = band_keys(signatures[chosen])
    flat = keys.ravel()
    owners = np.repeat(chosen, keys.shape[1])
    yield from bundled(flat % parts, (flat, owners), parts)


def verified_buckets(
    bundles: Iterable[tuple[np.ndarray, ...]], signatures: np.ndarray, rank: np.ndarray, n: int
) -> Iterator[np.ndarray]:
    """The verified near-copy pairs (codes) of a part's buckets."""
    columns = gathered(bundles)
    if columns is not None:
        keys, rows = columns
        yield verified(bucket_codes(keys, rows, rank, n), signatures, n)


def posting_bundles(rows: list[tuple[int, int, tuple[int, ...]]], parts: int) -> Iterator[Bundle]:
    """Every blocking word of a partition's rows ``(row, place in time order, words)``,
    bundled by the word's part."""
    if not rows:
        return
    counts = np.array([len(words) for _, _, words in rows], dtype=np.int64)
    terms = np.fromiter((t for _, _, words in rows for t in words), np.int64, int(counts.sum()))
    places = np.repeat(np.array([p for _, p, _ in rows], dtype=np.int64), counts)
    owners = np.repeat(np.array([r for r, _, _ in rows], dtype=np.int64), counts)
    yield from bundled(terms % parts, (terms, places, owners), parts)


def posting_part(bundles: Iterable[tuple[np.ndarray, ...]], n: int, parts: int) -> Iterator[Bundle]:
    """A part's word lists paired (:func:`newsweave.cluster.neighbours.posting_codes`),
    each pair sent to its own part."""
    columns = gathered(bundles)
    if columns is not None:
        terms, places, owners = columns
        codes = posting_codes(terms, places, owners, n)
        yield from bundled(codes % parts, (codes,), parts)


def distinct_codes(bundles: Iterable[tuple[np.ndarray, ...]]) -> Iterator[np.ndarray]:
    columns = gathered(bundles)
    if columns is not None:
        yield distinct(columns[0])


def score_partition(
    codes: Iterable[np.ndarray], features: FeatureTable, n: int, parts: int
) -> Iterator[Bundle]:
    """Cosines of a partition's pairs (rows of the broadcast feature table; the same kernel),
    seen from both sides; only the entries a row ranks among its best :data:`KEEP` here go on
    to their rows' parts. That loses nothing: an entry among a row's best over all its
    pairs is among its best over any of them (ranks are a total order: similarity, then the
    other row), and it sends a tenth of the entries through the shuffle."""
    every = list(codes)
    if not every:
        return
    pairs = np.concatenate(every)
    a, b = pairs // n, pairs % n
    text, lead, names = (c.cosines(a, b) for c in (features.text, features.lead, features.names))
    rows, others = np.concatenate((a, b)), np.concatenate((b, a))
    text, lead, names = (np.concatenate((s, s)) for s in (text, lead, names))
    best = own_ranks(rows, others, (text + lead) / 2.0) < KEEP
    columns = (rows[best], others[best], text[best], lead[best], names[best])
    yield from bundled(columns[0] % parts, columns, parts)


def bundled(destination: np.ndarray, columns: Sequence[np.ndarray], parts: int) -> Iterator[Bundle]:
    order = np.argsort(destination, kind="stable")
    bounds = np.searchsorted(destination[order], np.arange(parts + 1))
    for part in range(parts):
        chosen = order[bounds[part] : bounds[part + 1]]
        if len(chosen):
            yield part, tuple(c[chosen] for c in columns)


def both_directions(
    a: np.ndarray, b: np.ndarray, scores: Sequence[np.ndarray], parts: int
) -> Iterator[Bundle]:
    """Entries of pairs ``(a, b)`` from both sides, each to its row's part."""
    rows, others = np.concatenate((a, b)), np.concatenate((b, a))
    columns = (rows, others, *(np.concatenate((s, s)) for s in scores))
    return bundled(rows % parts, columns, parts)


def gathered(bundles: Iterable[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...] | None:
    """The columns of a part's bundles, joined (None for an empty part)."""
    every = list(bundles)
    if not every:
        return None
    return tuple(np.concatenate(column) for column in zip(*every, strict=True))


def kept_pairs(bundles: Iterable[tuple[np.ndarray, ...]], parts: int) -> Iterator[Bundle]:
    """Each row ranks its list (every entry of a row that some part ranked among its best
    is in the row's part, so its best :data:`KEEP` are all here) and sends each pair it
    keeps to both sides' parts, as entries ``(row, other, text, lead, names)``: a row then
    holds every pair either side keeps."""
    columns = gathered(bundles)
    if columns is None:
        return
    rows, others, text, lead, names = columns
    keep = own_ranks(rows, others, (text + lead) / 2.0) < KEEP
    mine, theirs = rows[keep], others[keep]
    yield from both_directions(mine, theirs, (text[keep], lead[keep], names[keep]), parts)


def pair_sides(bundles: Iterable[tuple[np.ndarray, ...]], parts: int) -> Iterator[Bundle]:
    """Each row over its kept pairs (each once, whichever side kept it): its best and
    background and its rank of each partner; every entry, with those, goes to its pair's
    part."""
    columns = gathered(bundles)
    if columns is None:
        return
    order = np.lexsort((columns[1], columns[0]))
    rows, others = columns[0][order], columns[1][order]
    once = order[np.r_[True, (rows[1:] != rows[:-1]) | (others[1:] != others[:-1])]]
    rows, others, text, lead, names = (c[once] for c in columns)
    sims = (text + lead) / 2.0
    ranks = own_ranks(rows, others, sims)
    places, at = np.unique(rows, return_inverse=True)
    best, background = best_and_background(at, ranks, sims, len(places))
    a = np.minimum(rows, others)
    side = (rows, others, np.minimum(ranks, RANK_CAP), best[at], background[at], text, lead, names)
    yield from bundled(a % parts, side, parts)


def with_model(
    bundles: Iterable[tuple[np.ndarray, ...]], days: np.ndarray
) -> Iterator[tuple[Any, ...]]:
    """The two sides of each kept pair met: ``(a, b, text, lead, names, rank_ab, rank_ba,
    p, best_a, background_a, best_b, background_b)``."""
    columns = gathered(bundles)
    if columns is None:
        return
    rows, others, ranks, best, background, text, lead, names = columns
    a, b = np.minimum(rows, others), np.maximum(rows, others)
    order = np.lexsort((rows != a, b, a))  # each pair's a-side first, then its b-side
    left, right = order[0::2], order[1::2]
    pa, pb = a[left], b[left]
    evidence = PairEvidence(
        text=text[left],
        lead=lead[left],
        names=names[left],
        best_a=best[left],
        best_b=best[right],
        background_a=background[left],
        background_b=background[right],
        rank_ab=ranks[left],
        rank_ba=ranks[right],
        day_a=days[pa, 0],
        day_b=days[pb, 0],
        written_a=days[pa, 1],
        written_b=days[pb, 1],
    )
    p = probabilities(pair_features(evidence))
    yield from zip(
        pa.tolist(),
        pb.tolist(),
        text[left].tolist(),
        lead[left].tolist(),
        names[left].tolist(),
        ranks[left].tolist(),
        ranks[right].tolist(),
        p.tolist(),
        best[left].tolist(),
        background[left].tolist(),
        best[right].tolist(),
        background[right].tolist(),
        strict=True,
    )


def cluster_task(
    task: tuple[list[int], list[tuple[float, float]], list[tuple[Any, ...]], bool],
    features: FeatureTable,
    cut: float,
) -> list[list[str]]:
    rows, stats, pairs, dense = task
    return cluster_part([features.row(k) for k in rows], stats, pairs, dense, cut)
