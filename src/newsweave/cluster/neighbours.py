"""Candidate pairs and each article's nearest neighbours: all pairs only in a small table.

Blocking: every article is indexed under its :data:`~newsweave.cluster.features.BLOCK_TERMS`
heaviest words. Two articles are candidates when they share one. Blocking saves work a
small pile does not need, and it misses reports of one topic that share no heavy word (a
governor's gun bill and an op-ed on school hardening), so a table of at most
:data:`EXACT_PAIRS` rows pairs every row with every other. A word that indexes
more than :data:`MAX_POSTING` articles (a topic's name across a year of coverage) pairs
each article only with its :data:`WINDOW` closest in time along that word's list
(sorted neighbourhood), so the work stays linear in the corpus size while every
article of a big story keeps neighbours inside it.

Each candidate pair gets the cosine of its three bags of words; each article's
candidates ranked by their mean of text and lead cosines give the neighbourhood
statistics the pair model reads (best, fifth best, rank).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numba import njit, prange

from newsweave.cluster.table import NO_DAY, FeatureTable
from newsweave.distinct import distinct

T = TypeVar("T")

__all__ = [
    "EXACT_PAIRS",
    "KEEP",
    "MAX_POSTING",
    "RANK_CAP",
    "ROW_LIMIT",
    "WINDOW",
    "Candidates",
    "Neighbourhood",
    "best_and_background",
    "candidate_pairs",
    "kept",
    "kept_candidates",
    "list_positions",
    "neighbourhood",
    "own_ranks",
    "posting_codes",
    "posting_offsets",
    "score_pairs",
    "subset",
]

#: Rows up to which every pair is a candidate (half a million pairs at most: under a second).
#: On small piles of the mixed stream's held-out parts (bench/pile_clustering.py) it raised
#: B-cubed F1 on Multi-News topics 0.866 -> 0.895 and on twin ECB+ events by three 0.851 ->
#: 0.870.
EXACT_PAIRS = 1000
#: Articles indexed under one word beyond which it pairs only neighbours in time.
MAX_POSTING = 32
#: Neighbours along a long word list each article is paired with, on each side.
WINDOW = 8
#: Neighbours each article keeps (and the store holds): a pair is kept when either side
#: ranks the other among its best ``KEEP``; a rank of ``KEEP`` or more reads as ``RANK_CAP``.
KEEP = 12
#: Ranks beyond the kept neighbours count as this (the model reads ``log(1 + rank)``).
RANK_CAP = KEEP
#: Which best neighbour gives an article's "local background" similarity (1-based).
BACKGROUND_RANK = 5
#: Row numbers :func:`own_ranks` can sort exactly (a row plus a similarity in one float).
ROW_LIMIT = 1 << 23


@dataclass(frozen=True, slots=True, eq=False)
class Candidates:
    """Row pairs (``left < right``) and their cosines."""

    left: np.ndarray
    right: np.ndarray
    text: np.ndarray
    lead: np.ndarray
    names: np.ndarray

    @property
    def base(self) -> np.ndarray:
        """The similarity neighbours are ranked by: mean of the text and lead cosines."""
        return (self.text + self.lead) / 2.0

    def __len__(self) -> int:
        return len(self.left)


@dataclass(frozen=True, slots=True, eq=False)
class Neighbourhood:
    """Per row: best and background (fifth best) similarity; per candidate: both ranks."""

    best: np.ndarray
    background: np.ndarray
    rank_left: np.ndarray  # rank of ``right`` among ``left``'s candidates (0 = best)
    rank_right: np.ndarray

    def take(self, mask: np.ndarray) -> Neighbourhood:
        """The same rows, with the ranks of the chosen candidate pairs only."""
        return Neighbourhood(
            self.best, self.background, self.rank_left[mask], self.rank_right[mask]
        )


def list_positions(table: FeatureTable) -> np.ndarray:
    """Each row's place along a word's list: by publication day (undated last), then by id."""
    by_id = np.argsort(np.array(table.ids, dtype=object), kind="stable")
    id_rank = np.empty(len(table), dtype=np.int64)
    id_rank[by_id] = np.arange(len(table))
    days = np.where(table.days == NO_DAY, np.iinfo(np.int64).max // 2, table.days)
    position = np.empty(len(table), dtype=np.int64)
    position[np.lexsort((id_rank, days))] = np.arange(len(table))
    return position


def candidate_pairs(table: FeatureTable) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs ``(left, right)``, ``left < right``, sharing a blocking word (every pair of
    a table of at most :data:`EXACT_PAIRS` rows), sorted.

    Example: two reports of one event share their rare names, so they are a pair.
    """
    n = len(table)
    if n <= EXACT_PAIRS:
        left, right = np.triu_indices(n, k=1)
        return left.astype(np.int64), right.astype(np.int64)
    position = list_positions(table)
    counts = np.fromiter((len(b) for b in table.blocks), dtype=np.int64, count=n)
    rows = np.repeat(np.arange(n), counts)
    terms = np.fromiter(
        (t for b in table.blocks for t in b), dtype=np.int64, count=int(counts.sum())
    )
    code = posting_codes(terms, position[rows], rows, n)
    return code // n, code % n


def posting_codes(terms: np.ndarray, positions: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """The pairs of every word's list (:func:`posting_offsets`) of ``(term, position, row)``
    entries, ``position`` a row's place along a word's list (by publication day, undated
    last, then id), as sorted unique codes ``lo * n + hi``. Whole lists must be present
    (an engine's part holds every entry of its words)."""
    sort = np.lexsort((positions, terms))
    terms, rows = terms[sort], rows[sort]
    starts = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1])))[: len(terms)]
    sizes = np.diff(np.concatenate((starts, [len(terms)])))
    shared = np.repeat(sizes > 1, sizes)  # a word of one article pairs nothing
    terms, rows = terms[shared], rows[shared]
    starts = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1])))[: len(terms)]
    sizes = np.diff(np.concatenate((starts, [len(terms)])))
    end = np.repeat(starts + sizes, sizes)
    short = np.repeat(sizes <= MAX_POSTING, sizes)
    at = np.arange(len(terms))
    codes = [np.zeros(0, dtype=np.int64)]
    for step in range(1, MAX_POSTING):  # all pairs of a short list, neighbours along a long one
        paired = (at + step < end) & (short | (step <= WINDOW))
        a, b = rows[at[paired]], rows[at[paired] + step]
        codes.append(np.minimum(a, b) * n + np.maximum(a, b))
    return distinct(np.concatenate(codes))


def posting_offsets(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)``, ``i < j``, paired along one word's list of ``size`` articles
    (by publication day, undated last, then id): all pairs of a short list, neighbours along
    a long one. The readable definition that :func:`posting_codes` computes for every list
    at once (the tests hold them equal)."""
    if size <= MAX_POSTING:
        return np.triu_indices(size, k=1)
    offsets = np.arange(1, WINDOW + 1)
    i = np.repeat(np.arange(size), WINDOW)
    j = i + np.tile(offsets, size)
    keep = j < size
    return i[keep], j[keep]


def score_pairs(table: FeatureTable, left: np.ndarray, right: np.ndarray) -> Candidates:
    """The three cosines of every pair."""
    return Candidates(
        left=left,
        right=right,
        text=table.text.cosines(left, right),
        lead=table.lead.cosines(left, right),
        names=table.names.cosines(left, right),
    )


def kept_candidates(table: FeatureTable, left: np.ndarray, right: np.ndarray) -> Candidates:
    """The pairs among the best :data:`KEEP` of either side, with their three cosines.

    The same as ``subset(scored, kept(scored, neighbourhood(...)))`` of :func:`score_pairs`,
    but the names cosine, which ranks nothing, is computed for the kept pairs only (about
    one in seven on news).
    """
    text, lead = table.text.cosines(left, right), table.lead.cosines(left, right)
    ranked = Candidates(left, right, text, lead, np.zeros(0))
    keep = kept(ranked, neighbourhood(len(table), ranked, table.ids))
    left, right = left[keep], right[keep]
    return Candidates(left, right, text[keep], lead[keep], table.names.cosines(left, right))


def kept(candidates: Candidates, around: Neighbourhood) -> np.ndarray:
    """Which candidate pairs are kept: among the best :data:`KEEP` of either side."""
    return (around.rank_left < KEEP) | (around.rank_right < KEEP)


def subset(candidates: Candidates, mask: np.ndarray) -> Candidates:
    return Candidates(
        candidates.left[mask],
        candidates.right[mask],
        candidates.text[mask],
        candidates.lead[mask],
        candidates.names[mask],
    )


def neighbourhood(
    n: int, candidates: Candidates, ids: tuple[str, ...] | tuple[int, ...]
) -> Neighbourhood:
    """Best and background similarity of each row, and the rank of each pair on both sides.

    Ties are broken by article id (or by any numbers that sort as the ids do), so ranks do
    not depend on the row order.
    """
    base = candidates.base
    rows = np.concatenate((candidates.left, candidates.right))
    others = np.concatenate((candidates.right, candidates.left))
    sims = np.concatenate((base, base))
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(n)
    ranks = own_ranks(rows, id_rank[others], sims)
    best, background = best_and_background(rows, ranks, sims, n)
    half = len(candidates)
    return Neighbourhood(
        best=best,
        background=background,
        rank_left=np.minimum(ranks[:half], RANK_CAP),
        rank_right=np.minimum(ranks[half:], RANK_CAP),
    )


def own_ranks(rows: np.ndarray, others: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """Each directed entry ``(row, other, similarity)``'s rank in its row's own list: most
    similar first, ties by ``others`` (numbers that sort as the other articles' ids do).
    Rows are whole numbers under 2**23 and need not be contiguous; entries come in any order.

    Compiled: entries are grouped by row (a counting sort), and each row's list is ordered
    by two stable sorts, by the other and then by similarity, so no array of every entry is
    sorted at once (at 200,000 articles that took seconds and a gigabyte and a half).
    """
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    if int(rows.max()) >= ROW_LIMIT or int(rows.min()) < 0:
        raise ValueError(f"own_ranks: row numbers must be in [0, {ROW_LIMIT})")
    return _own_ranks(
        rows.astype(np.int64, copy=False),
        others.astype(np.int64, copy=False),
        sims.astype(np.float64, copy=False),
    )


@njit(cache=True, nogil=True, parallel=True)
def _own_ranks(rows: np.ndarray, others: np.ndarray, sims: np.ndarray) -> np.ndarray:
    size = rows.max() + 1
    indptr = np.zeros(size + 1, dtype=np.int64)
    for r in rows:
        indptr[r + 1] += 1
    for r in range(size):
        indptr[r + 1] += indptr[r]
    slots = np.empty(len(rows), dtype=np.int64)
    filled = indptr[:-1].copy()
    for entry in range(len(rows)):  # in entry order, so a row's slots keep the input order
        slots[filled[rows[entry]]] = entry
        filled[rows[entry]] += 1
    ranks = np.empty(len(rows), dtype=np.int64)
    for r in prange(size):  # each row's list is its own: the rows share the cores
        own = slots[indptr[r] : indptr[r + 1]]
        if not len(own):
            continue
        by_other = own[np.argsort(others[own], kind="mergesort")]
        ordered = by_other[np.argsort(-sims[by_other], kind="mergesort")]
        for place in range(len(ordered)):
            ranks[ordered[place]] = place
    return ranks


def best_and_background(
    rows: np.ndarray, ranks: np.ndarray, sims: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per row ``0..n-1``: the similarity of its best entry and of its
    :data:`BACKGROUND_RANK`-th (0 where it has none), from :func:`own_ranks`."""
    best, background = np.zeros(n), np.zeros(n)
    first = ranks == 0
    best[rows[first]] = sims[first]
    fifth = ranks == BACKGROUND_RANK - 1
    background[rows[fifth]] = sims[fifth]
    return best, background
