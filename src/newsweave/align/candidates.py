"""Candidate pairs for alignment from an index of hashed word n-grams, never all pairs.

Every text becomes the set of hashes of its word n-grams (numpy, vectorised).
The postings of all hashes are sorted once; each hash found in two to
:data:`MAX_DOCUMENT_FREQUENCY` texts votes for the pairs that share it, and a
pair with at least :data:`MIN_SHARED` votes is a candidate. Very common
n-grams (boilerplate, set phrases) are ignored, which keeps the cost near
linear in the corpus size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.align.tokens import Tokens
from newsweave.distinct import distinct

__all__ = [
    "NGRAM",
    "candidate_pairs",
    "common_ngrams",
    "ngram_hashes",
    "pairs_from_ids",
    "vocabulary_ids",
]

#: Words per n-gram. Four survives light edits (a change every ~5 words still leaves shared
#: 4-grams) and is rare enough in news that chance matches are few.
NGRAM = 4
#: Shared n-grams a pair needs to be aligned. Two keeps recall on short reused passages
#: (one sentence) while single chance matches ("the end of the") are dropped.
MIN_SHARED = 2
#: n-grams in more texts than this are boilerplate or set phrases, not evidence of reuse.
MAX_DOCUMENT_FREQUENCY = 50

_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0x27D4EB2F165667C5,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
    ],
    dtype=np.uint64,
)


def vocabulary_ids(tokens: Sequence[Tokens]) -> list[np.ndarray]:
    """Each text's words as integer ids shared across ``tokens``."""
    vocabulary: dict[str, int] = {}
    return [
        np.fromiter(
            (vocabulary.setdefault(w, len(vocabulary)) for w in t.words),
            dtype=np.uint64,
            count=len(t),
        )
        for t in tokens
    ]


def ngram_hashes(ids: np.ndarray, n: int = NGRAM) -> np.ndarray:
    """64-bit hashes of every window of ``n`` ids (position i = window starting at word i)."""
    if len(ids) < n:
        return np.zeros(0, dtype=np.uint64)
    windows = len(ids) - n + 1
    hashes = np.zeros(windows, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            hashes = (hashes ^ (ids[k : k + windows] + np.uint64(k + 1))) * _MULTIPLIERS[
                k % len(_MULTIPLIERS)
            ]
    return hashes


def common_ngrams(ids: Sequence[np.ndarray], max_df: int) -> np.ndarray:
    """Sorted hashes of the n-grams found in more than ``max_df`` of the texts."""
    if not ids:
        return np.zeros(0, dtype=np.uint64)
    keys, counts = np.unique(
        np.concatenate([distinct(ngram_hashes(i)) for i in ids]), return_counts=True
    )
    return keys[counts > max_df]


def candidate_pairs(
    tokens: Sequence[Tokens],
    min_shared: int = MIN_SHARED,
    max_df: int = MAX_DOCUMENT_FREQUENCY,
) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of texts sharing at least ``min_shared`` n-grams.

    Example: ``candidate_pairs([tokenize(a), tokenize(b)])`` is ``{(0, 1)}`` when they share text.
    """
    return pairs_from_ids(vocabulary_ids(tokens), min_shared, max_df)


def pairs_from_ids(
    ids: Sequence[np.ndarray], min_shared: int = MIN_SHARED, max_df: int = MAX_DOCUMENT_FREQUENCY
) -> set[tuple[int, int]]:
    """:func:`candidate_pairs` over texts already mapped to word ids."""
    hashes = [distinct(ngram_hashes(i)) for i in ids]
    if not hashes:
        return set()
    keys = np.concatenate(hashes)
    docs = np.concatenate([np.full(len(h), d, dtype=np.int64) for d, h in enumerate(hashes)])
    order = np.argsort(keys, kind="stable")
    keys, docs = keys[order], docs[order]
    boundaries = np.flatnonzero(np.diff(keys)) + 1
    starts = np.concatenate(([0], boundaries))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    keep = (sizes >= 2) & (sizes <= max_df)
    return _count_pairs(docs, starts[keep], sizes[keep], len(ids), min_shared)


def _count_pairs(
    docs: np.ndarray, starts: np.ndarray, sizes: np.ndarray, n_docs: int, min_shared: int
) -> set[tuple[int, int]]:
    codes = []
    for size in distinct(sizes):
        group_starts = starts[sizes == size]
        members = docs[group_starts[:, None] + np.arange(size)]  # one row per shared n-gram
        left, right = np.triu_indices(int(size), k=1)
        a, b = members[:, left].ravel(), members[:, right].ravel()
        codes.append(np.minimum(a, b) * n_docs + np.maximum(a, b))
    if not codes:
        return set()
    pair_codes, counts = np.unique(np.concatenate(codes), return_counts=True)
    chosen = pair_codes[counts >= min_shared]
    return {(int(c // n_docs), int(c % n_docs)) for c in chosen}
