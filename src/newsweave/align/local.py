"""Local alignment of two texts over words: seeds, gap-tolerant chains, scored regions.

Seeds are shared word trigrams. Seeds close to each other on both sides and
on nearly the same diagonal form a chain, so inserted, dropped and swapped
words, split sentences and moved attributions only bend a chain; reordered
sentences start a new one. Each chain's region is scored with a word-level
match ratio (difflib) and kept when it is long and similar enough.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np

from newsweave.align.candidates import ngram_hashes
from newsweave.distinct import found_in, shared_values

__all__ = ["Region", "align_tokens"]

#: Words per seed. Three is the shortest n-gram that is rarely shared by chance in one story.
SEED = 2
#: Largest gap, in words, between consecutive seeds of one chain (a spun sentence changes
#: a word every 3-6 words; 12 bridges two changes close together).
MAX_GAP = 16
#: Largest drift between the diagonals of consecutive seeds (inserted or dropped words).
MAX_SHIFT = 8
#: Fewest words a kept region must match on both sides.
MIN_WORDS = 8
#: Lowest word match ratio (2M / (len a + len b)) of a kept region. Calibrated on the PAN-style
#: set (tests/eval/test_reuse.py): heavy rewrites score 0.45-0.7, unrelated text with a few
#: shared trigrams below 0.35.
MIN_SIMILARITY = 0.4
#: Seeds whose trigram occurs more often than this in either text are repeated phrases, not anchors.
MAX_SEED_REPEATS = 3


@dataclass(frozen=True, slots=True)
class Region:
    """Aligned word ranges ``[a_start, a_end)`` and ``[b_start, b_end)`` and their similarity."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    identical: bool
    matched: int


def align_tokens(a: np.ndarray, b: np.ndarray, min_words: int = MIN_WORDS) -> list[Region]:
    """Aligned regions between two word-id sequences, in order of ``a``.

    Example: ``align_tokens(ids_a, ids_b)`` -> ``[Region(10, 42, 3, 36, 0.93, False)]``
    """
    seeds = _seeds(a, b)
    regions = [_region(a, b, chain) for chain in _chains(seeds)]
    kept = [r for r in regions if r.matched >= min_words]
    return sorted(
        (r for r in kept if r.similarity >= MIN_SIMILARITY), key=lambda r: (r.a_start, r.b_start)
    )


def _seeds(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int]]:
    hashes_a, hashes_b = ngram_hashes(a, SEED), ngram_hashes(b, SEED)
    common = shared_values(hashes_a, hashes_b)
    if not len(common):
        return []
    positions_b: dict[int, list[int]] = {}
    for j in np.flatnonzero(found_in(hashes_b, common)):
        positions_b.setdefault(int(hashes_b[j]), []).append(int(j))
    positions_a: dict[int, list[int]] = {}
    for i in np.flatnonzero(found_in(hashes_a, common)):
        positions_a.setdefault(int(hashes_a[i]), []).append(int(i))
    seeds: list[tuple[int, int]] = []
    for key, in_a in positions_a.items():
        in_b = positions_b[key]
        if len(in_a) <= MAX_SEED_REPEATS and len(in_b) <= MAX_SEED_REPEATS:
            seeds.extend((i, j) for i in in_a for j in in_b)
    return sorted(seeds)


def _chains(seeds: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group seeds (sorted by position in a) into chains that advance on both sides."""
    chains: list[list[tuple[int, int]]] = []
    for i, j in seeds:
        fitting = [c for c in chains if _extends(c[-1], i, j)]
        if fitting:
            min(fitting, key=lambda c: abs((j - i) - (c[-1][1] - c[-1][0]))).append((i, j))
        else:
            chains.append([(i, j)])
    return chains


def _extends(last: tuple[int, int], i: int, j: int) -> bool:
    """Whether seed (i, j) continues a chain ending at ``last``: ahead on both sides, close,
    and on nearly the same diagonal."""
    last_i, last_j = last
    return (
        0 <= i - last_i <= MAX_GAP
        and 0 <= j - last_j <= MAX_GAP
        and abs((j - i) - (last_j - last_i)) <= MAX_SHIFT
    )


def _region(a: np.ndarray, b: np.ndarray, chain: list[tuple[int, int]]) -> Region:
    a_start, b_start = chain[0]
    a_end = max(i for i, _ in chain) + SEED
    b_end = max(j for _, j in chain) + SEED
    while a_end < len(a) and b_end < len(b) and a[a_end] == b[b_end]:
        a_end, b_end = a_end + 1, b_end + 1
    while a_start > 0 and b_start > 0 and a[a_start - 1] == b[b_start - 1]:
        a_start, b_start = a_start - 1, b_start - 1
    left, right = a[a_start:a_end].tolist(), b[b_start:b_end].tolist()
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return Region(a_start, a_end, b_start, b_end, matcher.ratio(), left == right, matched)
