"""MinHash signatures of word shingles and their LSH band keys (near-duplicates).

A signature holds, for each of :data:`PERMUTATIONS` hash functions, the smallest
hash of the article's word 4-grams; the share of equal positions in two
signatures estimates the Jaccard similarity of their shingle sets. Bands of
:data:`ROWS` positions become lookup keys: two texts that share a band key are
candidates, verified on the whole signature.
"""

from __future__ import annotations

import numpy as np

from newsweave.align.candidates import ngram_hashes

__all__ = ["BANDS", "PERMUTATIONS", "ROWS", "band_keys", "jaccard", "signature"]

#: Hash functions per signature. 64 estimates a Jaccard similarity within about ±0.06.
PERMUTATIONS = 64
#: Positions per band; 16 bands of 4 make a pair with Jaccard 0.6 a candidate 89% of the time,
#: one with 0.8 always, and one with 0.3 only 12% of the time.
ROWS = 4
BANDS = PERMUTATIONS // ROWS
#: Words per shingle (as for text reuse).
SHINGLE = 4

_rng = np.random.Generator(np.random.PCG64(20191110))
_SEEDS = _rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
_MULTIPLIERS = _rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)


def signature(word_ids: np.ndarray) -> np.ndarray:
    """The MinHash signature (uint32) of a text given as word ids (uint64).

    Example: ``jaccard(signature(a), signature(a)) == 1.0``
    """
    shingles = ngram_hashes(word_ids, SHINGLE) if len(word_ids) >= SHINGLE else word_ids
    if not len(shingles):
        return np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
    shingles = np.unique(shingles)
    with np.errstate(over="ignore"):
        mixed = (shingles[:, None] ^ _SEEDS[None, :]) * _MULTIPLIERS[None, :]
    return (mixed.min(axis=0) >> np.uint64(32)).astype(np.uint32)


_BAND_SALTS = _rng.integers(0, 2**63, size=BANDS, dtype=np.uint64)
_ROW_MULTIPLIERS = _rng.integers(0, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """Signed 64-bit keys, one per band, of one signature (shape ``(BANDS,)``) or of a stack
    of them (shape ``(rows, BANDS)``); equal keys mean equal bands (up to hash collisions)."""
    sig = np.asarray(signatures, dtype=np.uint32)
    bands = sig.reshape(*sig.shape[:-1], BANDS, ROWS).astype(np.uint64)
    keys = np.broadcast_to(_BAND_SALTS, bands.shape[:-1]).copy()
    with np.errstate(over="ignore"):
        for row in range(ROWS):
            keys = (keys ^ bands[..., row]) * _ROW_MULTIPLIERS[row]
            keys ^= keys >> np.uint64(29)
    return keys.view(np.int64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
