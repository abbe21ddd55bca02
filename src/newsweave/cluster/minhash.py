"""MinHash signatures of text shingles and their LSH band keys (near-duplicates).

Shingles are windows of :data:`SHINGLE_CHARS` characters of the case-folded text with
punctuation and spacing reduced to single spaces (about three words), hashed with
numpy in one pass over the bytes, no per-word Python work; a fixed
:data:`SAMPLE` of them (chosen by hash value, so the same in every text) enters
the signature. A signature holds, for each of :data:`PERMUTATIONS` hash functions,
the smallest hash of those shingles; the share of equal positions in two
signatures estimates the Jaccard similarity of their shingle sets. Bands of
:data:`ROWS` positions become lookup keys: two texts that share a band key are
candidates, verified on the whole signature.
"""

from __future__ import annotations

import numpy as np

__all__ = ["BANDS", "PERMUTATIONS", "ROWS", "band_keys", "jaccard", "shingles", "signature"]

#: Hash functions per signature. 63 estimates a Jaccard similarity within about ±0.06.
PERMUTATIONS = 63
#: Positions per band; 21 bands of 3 make a pair with Jaccard 0.5 a candidate 94% of the time,
#: one with 0.7 always, and one with 0.2 only 16% of the time (then verified on the signature).
ROWS = 3
BANDS = PERMUTATIONS // ROWS
#: Characters per shingle: about three words, so a changed word spoils few shingles.
SHINGLE_CHARS = 16
#: One shingle in this many (by hash value) enters the signature: a long text is still
#: sampled by hundreds, and sampling by value keeps two texts' samples comparable.
SAMPLE = 8

_rng = np.random.Generator(np.random.PCG64(20191110))
_SEEDS = _rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
_MULTIPLIERS = _rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)


_LETTER = np.zeros(256, dtype=bool)
_LETTER[[ord(c) for c in "abcdefghijklmnopqrstuvwxyz0123456789"]] = True
_LETTER[128:] = True  # bytes of non-ASCII characters count as letters
_BASE = np.uint64(0x100000001B3)


def shingles(text: str) -> np.ndarray:
    """Sorted unique 64-bit hashes of the sampled character shingles of ``text``."""
    data = np.frombuffer(text.casefold().encode("utf-8"), dtype=np.uint8)
    chars = np.where(_LETTER[data], data, 32).astype(np.uint64)
    if len(chars):
        previous = np.concatenate(([32], chars[:-1]))
        chars = chars[~((chars == 32) & (previous == 32))]
    windows = len(chars) - SHINGLE_CHARS + 1
    if windows <= 0:
        return np.unique(chars)
    hashes = np.zeros(windows, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE_CHARS):
            hashes = hashes * _BASE + chars[k : k + windows]
        hashes ^= hashes >> np.uint64(31)
        hashes *= np.uint64(0x9E3779B97F4A7C15)
    sampled = hashes[(hashes >> np.uint64(61)) < np.uint64(8 // SAMPLE)]
    return np.unique(sampled if len(sampled) else hashes)


def signature(text: str) -> np.ndarray:
    """The MinHash signature (uint32) of a text.

    Example: ``jaccard(signature(a), signature(a)) == 1.0``
    """
    values = shingles(text)
    if not len(values):
        return np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = (values[:, None] ^ _SEEDS[None, :]) * _MULTIPLIERS[None, :]
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
