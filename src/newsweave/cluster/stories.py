"""Stories from a pile of articles: duplicates, candidate pairs, the pair model, average link.

:func:`cluster_corpus` is the corpus tier on features already computed (what the
store and the engines call); :func:`cluster_stories` is the same on articles, for
a small pile. Every step is deterministic and independent of the input order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.cluster.duplicates import DuplicateCluster, cluster_duplicates
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.featurize import features_of
from newsweave.cluster.headlines import story_headline
from newsweave.cluster.linkage import CUT, average_link, sparse_average_link, split_weak_pairs
from newsweave.cluster.neighbours import (
    RANK_CAP,
    Candidates,
    Neighbourhood,
    candidate_pairs,
    kept_candidates,
    neighbourhood,
)
from newsweave.cluster.pairs import PairEvidence, pair_features, probabilities
from newsweave.cluster.parts import bounded_parts
from newsweave.cluster.table import FeatureTable, feature_table
from newsweave.config import ClusterSettings
from newsweave.model import Article, Story

__all__ = [
    "Clustering",
    "candidate_evidence",
    "cluster_corpus",
    "cluster_part",
    "cluster_representatives",
    "cluster_scored",
    "cluster_stories",
    "cluster_table",
    "component_evidence",
    "headline",
    "rank_lookup",
    "story_id",
    "strong_links",
]


@dataclass(frozen=True, slots=True)
class Clustering:
    """The corpus tier's result: duplicate clusters and stories (article ids, sorted), and
    what the store keeps to grow them later."""

    duplicates: tuple[DuplicateCluster, ...]
    stories: tuple[tuple[str, ...], ...]
    #: representative pairs at or above the cut: (article, article, probability)
    links: tuple[tuple[str, str, float], ...] = ()
    #: kept neighbour pairs of representatives: (article, article, text, lead, names)
    neighbours: tuple[tuple[str, str, float, float, float], ...] = ()
    #: per representative: (article, best, background)
    neighbourhoods: tuple[tuple[str, float, float], ...] = ()
    #: the representatives' features (what the store indexes for later batches)
    representatives: FeatureTable | None = None


@dataclass(frozen=True, slots=True)
class RepresentativeClustering:
    groups: list[list[str]]
    links: tuple[tuple[str, str, float], ...]
    neighbours: tuple[tuple[str, str, float, float, float], ...]
    neighbourhoods: tuple[tuple[str, float, float], ...]


def cluster_stories(articles: Sequence[Article], settings: ClusterSettings) -> tuple[Story, ...]:
    """Every article in exactly one story, largest stories first.

    Example: ``cluster_stories(articles, ClusterSettings())[0].article_ids``
    """
    if not articles:
        return ()
    clustering = cluster_corpus(features_of(articles), settings.cut)
    by_id = {a.id: a for a in articles}
    position = {a.id: i for i, a in enumerate(articles)}
    stories = [
        Story(
            story_id(members),
            tuple(sorted(members, key=position.__getitem__)),
            headline([by_id[i] for i in members]),
        )
        for members in clustering.stories
    ]
    stories.sort(key=lambda s: (-len(s.article_ids), position[s.article_ids[0]]))
    return tuple(stories)


def cluster_corpus(features: Sequence[ArticleFeatures], cut: float = CUT) -> Clustering:
    """Duplicate clusters and stories of articles given by their features."""
    holder = [feature_table(sorted(features, key=lambda f: f.article))]
    return cluster_table(holder, cut)


def cluster_table(holder: list[FeatureTable], cut: float = CUT) -> Clustering:
    """:func:`cluster_corpus` on a table already built (rows in any order). The table is
    taken out of ``holder`` and let go once the representatives are chosen, so the full
    table and the representatives' never both stay in memory for long."""
    table = holder.pop().by_id()
    duplicates = cluster_duplicates(table.ids, table.content_hashes, table.minhash, table.days)
    position = {article: i for i, article in enumerate(table.ids)}
    heads = np.array(sorted(position[c.representative] for c in duplicates), dtype=np.int64)
    reps = table.take(heads)
    del table, position
    found = cluster_representatives(reps, cut)
    members = {c.representative: [m.article for m in c.members] for c in duplicates}
    stories = tuple(
        sorted(tuple(sorted(a for rep in group for a in members[rep])) for group in found.groups)
    )
    return Clustering(
        duplicates, stories, found.links, found.neighbours, found.neighbourhoods, reps
    )


def cluster_representatives(table: FeatureTable, cut: float = CUT) -> RepresentativeClustering:
    """Stories of rows (one text each), their strong links and kept neighbours."""
    n = len(table)
    left, right = candidate_pairs(table)
    candidates = kept_candidates(table, left, right)
    around = neighbourhood(n, candidates, table.ids)
    groups, links = cluster_scored(table, candidates, around, cut)
    ids = table.ids
    return RepresentativeClustering(
        groups=groups,
        links=links,
        neighbours=tuple(
            (ids[a], ids[b], float(t), float(le), float(nm))
            for a, b, t, le, nm in zip(
                candidates.left.tolist(),
                candidates.right.tolist(),
                candidates.text.tolist(),
                candidates.lead.tolist(),
                candidates.names.tolist(),
                strict=True,
            )
        ),
        neighbourhoods=tuple(
            (ids[i], float(around.best[i]), float(around.background[i])) for i in range(n)
        ),
    )


def strong_links(
    table: FeatureTable, candidates: Candidates, around: Neighbourhood, cut: float = CUT
) -> tuple[tuple[str, str, float], ...]:
    """The candidate pairs at or above the cut, with their probability."""
    p = probabilities(pair_features(candidate_evidence(table, candidates, around)))
    strong = p >= cut
    return tuple(
        (table.ids[a], table.ids[b], round(float(q), 6))
        for a, b, q in zip(
            candidates.left[strong].tolist(),
            candidates.right[strong].tolist(),
            p[strong].tolist(),
            strict=True,
        )
    )


def cluster_scored(
    table: FeatureTable,
    candidates: Candidates,
    around: Neighbourhood,
    cut: float = CUT,
    rows: np.ndarray | None = None,
) -> tuple[list[list[str]], tuple[tuple[str, str, float], ...]]:
    """Groups of the rows (default: all; else the components holding ``rows``) from scored,
    kept candidate pairs: strong pairs make components, each clustered by average link;
    and the strong links themselves."""
    n = len(table)
    p = probabilities(pair_features(candidate_evidence(table, candidates, around)))
    strong = p >= cut
    left, right = candidates.left, candidates.right
    parts = bounded_parts(n, left, right, p, cut)
    if rows is not None:  # only the parts holding the given rows
        wanted = np.zeros(n, dtype=bool)
        wanted[rows] = True
        parts = [(members, dense) for members, dense in parts if wanted[members].any()]
    ranks = rank_lookup(candidates, around, n)
    matrices = _part_matrices(table, parts, around, ranks)
    found: list[list[int]] = []
    for k, (members, dense) in enumerate(parts):
        found.extend(
            _cluster_component(
                table, members, dense, around, ranks, candidates, p, cut, matrices.get(k)
            )
        )
    groups = _corroborated(table, found, around, ranks)
    links = tuple(
        (table.ids[a], table.ids[b], round(float(q), 6))
        for a, b, q in zip(left[strong], right[strong], p[strong], strict=True)
    )
    return groups, links


def candidate_evidence(table: FeatureTable, c: Candidates, around: Neighbourhood) -> PairEvidence:
    """The pair model's evidence for every candidate pair."""
    return PairEvidence(
        text=c.text,
        lead=c.lead,
        names=c.names,
        best_a=around.best[c.left],
        best_b=around.best[c.right],
        background_a=around.background[c.left],
        background_b=around.background[c.right],
        rank_ab=around.rank_left,
        rank_ba=around.rank_right,
        day_a=table.days[c.left],
        day_b=table.days[c.right],
        written_a=table.written[c.left],
        written_b=table.written[c.right],
    )


@dataclass(frozen=True, slots=True)
class RankLookup:
    """Both ranks of every candidate pair, by pair code ``left * n + right`` (sorted), read
    for many pairs at once; a pair that is not a candidate ranks :data:`RANK_CAP` both ways."""

    codes: np.ndarray
    rank_ab: np.ndarray
    rank_ba: np.ndarray

    def of(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rank of b in a's list, rank of a in b's list) for each pair code."""
        if not len(self.codes):
            capped = np.full(len(codes), RANK_CAP, dtype=np.int64)
            return capped, capped.copy()
        at = np.searchsorted(self.codes, codes, side="right") - 1
        at = np.maximum(at, 0)
        hit = self.codes[at] == codes
        return (
            np.where(hit, self.rank_ab[at], RANK_CAP).astype(np.int64),
            np.where(hit, self.rank_ba[at], RANK_CAP).astype(np.int64),
        )


def rank_lookup(c: Candidates, around: Neighbourhood, n: int) -> RankLookup:
    """The ranks of the candidate pairs (when a pair is listed twice, the later listing)."""
    size = min(len(c.left), len(around.rank_left), len(around.rank_right))
    codes = c.left[:size].astype(np.int64) * n + c.right[:size].astype(np.int64)
    order = np.argsort(codes, kind="stable")
    return RankLookup(
        codes[order],
        np.asarray(around.rank_left[:size], dtype=np.int64)[order],
        np.asarray(around.rank_right[:size], dtype=np.int64)[order],
    )


def cluster_part(
    features: Sequence[ArticleFeatures],
    stats: Sequence[tuple[float, float]],
    pairs: Sequence[tuple[str, str, float, float, float, int, int, float]],
    dense: bool,
    cut: float = CUT,
) -> list[list[str]]:
    """One bounded part clustered on its own: what an engine hands to a worker.

    Args:
        features: the part's representatives (any order).
        stats: each one's (best, background) neighbourhood similarity, in the same order.
        pairs: kept pairs inside the part: (a, b, text, lead, names, rank of b in a's list,
            rank of a in b's list, probability), with ``a < b``.
        dense: cluster with every pair's probability (else the listed pairs only).
    """
    order = sorted(range(len(features)), key=lambda k: features[k].article)
    table = feature_table([features[k] for k in order])
    at = {article: k for k, article in enumerate(table.ids)}
    listed = sorted(pairs)
    candidates = Candidates(
        np.array([at[p[0]] for p in listed], dtype=np.int64),
        np.array([at[p[1]] for p in listed], dtype=np.int64),
        np.array([p[2] for p in listed], dtype=np.float64),
        np.array([p[3] for p in listed], dtype=np.float64),
        np.array([p[4] for p in listed], dtype=np.float64),
    )
    around = Neighbourhood(
        best=np.array([stats[k][0] for k in order], dtype=np.float64),
        background=np.array([stats[k][1] for k in order], dtype=np.float64),
        rank_left=np.array([p[5] for p in listed], dtype=np.int64),
        rank_right=np.array([p[6] for p in listed], dtype=np.int64),
    )
    probability = np.array([p[7] for p in listed], dtype=np.float64)
    ranks = rank_lookup(candidates, around, len(table))
    rows = np.arange(len(table), dtype=np.int64)
    found = _cluster_component(table, rows, dense, around, ranks, candidates, probability, cut)
    return _corroborated(table, found, around, ranks)


def _cluster_component(
    table: FeatureTable,
    rows: np.ndarray,
    dense: bool,
    around: Neighbourhood,
    ranks: RankLookup,
    candidates: Candidates,
    p: np.ndarray,
    cut: float,
    matrix: np.ndarray | None = None,
) -> list[list[int]]:
    """The groups of rows of one part (``matrix``: its :func:`component_probabilities`, if
    known), before :func:`_corroborated`."""
    if len(rows) <= 2:  # one row, or two joined by the strong pair that makes the part
        return [rows.tolist()]
    if not dense:
        labels = _sparse_labels(rows, candidates, p, cut)
    else:
        if matrix is None:
            matrix = component_probabilities(table, rows, around, ranks)
        labels = average_link(matrix, cut)
    groups: dict[int, list[int]] = {}
    for row, label in zip(rows.tolist(), labels.tolist(), strict=True):
        groups.setdefault(label, []).append(row)
    return list(groups.values())


def _corroborated(
    table: FeatureTable, groups: list[list[int]], around: Neighbourhood, ranks: RankLookup
) -> list[list[str]]:
    """Groups of rows as article ids, each group of two texts kept only where its pair
    reaches :data:`~newsweave.cluster.linkage.PAIR_CUT` (the pairs scored in one batch)."""
    pairs = [g for g in groups if len(g) == 2]
    a = np.array([min(g) for g in pairs], dtype=np.int64)
    b = np.array([max(g) for g in pairs], dtype=np.int64)
    p = _pair_probabilities(table, a, b, around, ranks)
    return [[table.ids[r] for r in g] for g in split_weak_pairs(groups, p)]


#: Pairs whose evidence is computed at a time (bounds memory for a large part).
PAIR_CHUNK = 250_000


def component_probabilities(
    table: FeatureTable,
    rows: np.ndarray,
    around: Neighbourhood,
    ranks: RankLookup,
) -> np.ndarray:
    """P(same story) of every pair of ``rows`` (symmetric matrix, rows in the given order)."""
    cosines = _cosine_blocks(table, rows)
    matrix = np.eye(len(rows))
    i_all, j_all = np.triu_indices(len(rows), k=1)
    for start in range(0, len(i_all), PAIR_CHUNK):
        i, j = i_all[start : start + PAIR_CHUNK], j_all[start : start + PAIR_CHUNK]
        evidence = _evidence_of(table, rows, i, j, cosines, around, ranks)
        matrix[i, j] = matrix[j, i] = probabilities(pair_features(evidence))
    return matrix


def _part_matrices(
    table: FeatureTable,
    parts: Sequence[tuple[np.ndarray, bool]],
    around: Neighbourhood,
    ranks: RankLookup,
) -> dict[int, np.ndarray]:
    """:func:`component_probabilities` of the dense parts of three rows or more (by their
    place in ``parts``), for many small parts at once: their pairs are scored together, a
    batch of at most :data:`PAIR_CHUNK` pairs at a time (every pair's probability is its
    own, so the bits are those of one part at a time). A larger part is left out."""
    matrices: dict[int, np.ndarray] = {}
    batch: list[int] = []
    pairs = 0
    for k, (rows, dense) in enumerate(parts):
        size = len(rows) * (len(rows) - 1) // 2
        if not dense or len(rows) <= 2 or size > PAIR_CHUNK:
            continue
        if pairs + size > PAIR_CHUNK:
            matrices.update(_batch_matrices(table, parts, batch, around, ranks))
            batch, pairs = [], 0
        batch.append(k)
        pairs += size
    matrices.update(_batch_matrices(table, parts, batch, around, ranks))
    return matrices


def _batch_matrices(
    table: FeatureTable,
    parts: Sequence[tuple[np.ndarray, bool]],
    batch: Sequence[int],
    around: Neighbourhood,
    ranks: RankLookup,
) -> dict[int, np.ndarray]:
    """The probability matrices of the parts ``batch`` (places in ``parts``), scored at once."""
    if not batch:
        return {}
    local = [np.triu_indices(len(parts[k][0]), k=1) for k in batch]
    a = np.concatenate([parts[k][0][i] for k, (i, _) in zip(batch, local, strict=True)])
    b = np.concatenate([parts[k][0][j] for k, (_, j) in zip(batch, local, strict=True)])
    p = _pair_probabilities(table, a, b, around, ranks)
    matrices, start = {}, 0
    for k, (i, j) in zip(batch, local, strict=True):
        matrix = np.eye(len(parts[k][0]))
        matrix[i, j] = matrix[j, i] = p[start : start + len(i)]
        matrices[k], start = matrix, start + len(i)
    return matrices


def _pair_probabilities(
    table: FeatureTable, a: np.ndarray, b: np.ndarray, around: Neighbourhood, ranks: RankLookup
) -> np.ndarray:
    """P(same story) of the pairs of rows ``(a[q], b[q])``, their cosines computed pair by pair."""
    cosines = (table.text.cosines(a, b), table.lead.cosines(a, b), table.names.cosines(a, b))
    return probabilities(pair_features(_pair_evidence(table, a, b, cosines, around, ranks)))


def component_evidence(
    table: FeatureTable,
    rows: np.ndarray,
    around: Neighbourhood,
    ranks: RankLookup,
) -> tuple[np.ndarray, np.ndarray, PairEvidence]:
    """The pair model's evidence for every pair ``(rows[i], rows[j])``, ``i < j``."""
    cosines = _cosine_blocks(table, rows)
    i, j = np.triu_indices(len(rows), k=1)
    return i, j, _evidence_of(table, rows, i, j, cosines, around, ranks)


#: Parts up to this many rows get their cosines pair by pair (compiled), larger ones through
#: one sparse product per bag of words.
SMALL_PART = 150


def _cosine_blocks(
    table: FeatureTable, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dense cosine matrices of ``rows`` for the three bags (both ways give equal bits)."""
    if len(rows) > SMALL_PART:
        return table.text.block(rows), table.lead.block(rows), table.names.block(rows)
    size = len(rows)
    i, j = np.triu_indices(size, k=1)
    out = []
    for channel in (table.text, table.lead, table.names):
        matrix = np.zeros((size, size))
        matrix[i, j] = matrix[j, i] = channel.cosines(rows[i], rows[j])
        out.append(matrix)
    return out[0], out[1], out[2]


def _evidence_of(
    table: FeatureTable,
    rows: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    cosines: tuple[np.ndarray, np.ndarray, np.ndarray],
    around: Neighbourhood,
    ranks: RankLookup,
) -> PairEvidence:
    text, lead, names = cosines
    pair = (text[i, j], lead[i, j], names[i, j])
    return _pair_evidence(table, rows[i], rows[j], pair, around, ranks)


def _pair_evidence(
    table: FeatureTable,
    a: np.ndarray,
    b: np.ndarray,
    cosines: tuple[np.ndarray, np.ndarray, np.ndarray],
    around: Neighbourhood,
    ranks: RankLookup,
) -> PairEvidence:
    """The evidence of pairs of rows ``(a[q], b[q])`` with their three cosines."""
    n = len(table)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    rank_ab, rank_ba = ranks.of(lo.astype(np.int64) * n + hi.astype(np.int64))
    text, lead, names = cosines
    return PairEvidence(
        text=text,
        lead=lead,
        names=names,
        best_a=around.best[lo],
        best_b=around.best[hi],
        background_a=around.background[lo],
        background_b=around.background[hi],
        rank_ab=rank_ab,
        rank_ba=rank_ba,
        day_a=table.days[lo],
        day_b=table.days[hi],
        written_a=table.written[lo],
        written_b=table.written[hi],
    )


def _sparse_labels(rows: np.ndarray, c: Candidates, p: np.ndarray, cut: float) -> np.ndarray:
    local = {int(r): k for k, r in enumerate(rows.tolist())}
    inside = np.array(
        [a in local and b in local for a, b in zip(c.left.tolist(), c.right.tolist(), strict=True)]
    )
    left = np.array([local[a] for a in c.left[inside].tolist()], dtype=np.int64)
    right = np.array([local[b] for b in c.right[inside].tolist()], dtype=np.int64)
    return sparse_average_link(len(rows), left, right, p[inside], cut)


def story_id(article_ids: Sequence[str]) -> str:
    """A content id for a new story: a digest of its sorted article ids."""
    digest = hashlib.sha256("\0".join(sorted(article_ids)).encode("utf-8"))
    return "s" + digest.hexdigest()[:10]


def headline(articles: Sequence[Article]) -> str:
    """A title when any article has one: the most central (the title whose words the other
    titles share most; ties to the earliest published, then the smallest id), without an
    appended outlet name. Otherwise a short line naming the event: the first clause of the
    most central article's lead sentence, at most 80 characters, cut at a natural break or
    a word (:mod:`newsweave.cluster.headlines`)."""
    return story_headline(articles)
