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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numba import njit

from newsweave.distinct import distinct

__all__ = [
    "BANDS",
    "PERMUTATIONS",
    "ROWS",
    "TextBytes",
    "band_keys",
    "is_empty",
    "jaccard",
    "shingles",
    "signature",
    "signatures",
    "text_bytes",
]

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
#: The shingle polynomial's base (FNV-1a's 64-bit prime, an odd number with well-mixed bits).
_BASE = np.uint64(0x100000001B3)
_SPACE = 32


def _bytes(text: str) -> np.ndarray:
    return _utf8(text.casefold())


def _utf8(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def shingles(text: str) -> np.ndarray:
    """Sorted unique 64-bit hashes of the sampled character shingles of ``text``."""
    data = _bytes(text)
    hashes, sampled = _shingle_hashes(data, _LETTER)
    if len(data) and not len(hashes):  # shorter than a shingle: its characters
        chars = np.where(_LETTER[data], data, _SPACE).astype(np.uint64)
        previous = np.concatenate(([_SPACE], chars[:-1]))
        return distinct(chars[~((chars == _SPACE) & (previous == _SPACE))])
    return distinct(hashes[sampled] if sampled.any() else hashes)


def signature(text: str) -> np.ndarray:
    """The MinHash signature (uint32) of a text.

    Example: ``jaccard(signature(a), signature(a)) == 1.0``
    """
    return signatures([text])[0]


@dataclass(frozen=True, slots=True, eq=False)
class TextBytes:
    """Casefolded UTF-8 bytes of many texts, end to end; text ``k`` is
    ``data[starts[k]:starts[k + 1]]``."""

    data: np.ndarray  # uint8
    starts: np.ndarray  # int64, one more than there are texts


def text_bytes(texts: Sequence[str], *, casefolded: bool = False) -> TextBytes:
    """The bytes :func:`signatures` hashes (made once when a caller reads them too);
    ``casefolded`` when the caller has case-folded the texts already."""
    pieces = [_utf8(t) if casefolded else _bytes(t) for t in texts]
    lengths = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
    starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    data = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.uint8)
    return TextBytes(data, starts)


def signatures(texts: Sequence[str], encoded: TextBytes | None = None) -> np.ndarray:
    """The MinHash signatures of many texts, shape ``(len(texts), PERMUTATIONS)``, in one
    compiled pass over their bytes (the same values as :func:`signature` of each);
    ``encoded`` is their :func:`text_bytes` when the caller has made them."""
    encoded = encoded if encoded is not None else text_bytes(texts)
    data, starts = encoded.data, encoded.starts
    lengths = np.diff(starts)
    out, windowless = _signatures(data, starts, _LETTER, _SEEDS, _MULTIPLIERS)
    for row in np.flatnonzero(windowless & (lengths > 0)).tolist():  # under one shingle
        values = shingles(texts[row])
        out[row] = _signature_of(values) if len(values) else _EMPTY
    return out


#: The signature of a text with nothing to hash (no letters or digits): it matches no text,
#: not even another empty one (see :func:`is_empty`).
_EMPTY = np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)


def is_empty(signatures: np.ndarray) -> np.ndarray:
    """Whether each signature (rows of a stack, or one) is that of a text with nothing to hash."""
    sig = np.asarray(signatures, dtype=np.uint32)
    return np.all(sig == _EMPTY, axis=-1)


def _signature_of(values: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        mixed = (values[:, None] ^ _SEEDS[None, :]) * _MULTIPLIERS[None, :]
    return (mixed.min(axis=0) >> np.uint64(32)).astype(np.uint32)


@njit(cache=True, nogil=True)
def _squeezed(data: np.ndarray, letter: np.ndarray) -> np.ndarray:
    """Bytes as shingle characters: non-letters become one space per run, none leading."""
    out = np.empty(len(data), dtype=np.uint64)
    size = 0
    previous = _SPACE
    for byte in data:
        c = byte if letter[byte] else _SPACE
        if not (c == _SPACE and previous == _SPACE):
            out[size] = c
            size += 1
        previous = c
    return out[:size]


@njit(cache=True, nogil=True)
def _shingle_hashes(data: np.ndarray, letter: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    chars = _squeezed(data, letter)
    windows = len(chars) - SHINGLE_CHARS + 1
    if windows <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.bool_)
    hashes = np.empty(windows, dtype=np.uint64)
    sampled = np.empty(windows, dtype=np.bool_)
    base = _BASE
    # the window's polynomial sum(chars[w + k] * base ** (SHINGLE_CHARS - 1 - k)), modulo
    # 2**64 as uint64 wraps, rolled one character at a time: the same value as summing
    # each window afresh, for two multiplications a window instead of sixteen
    top = np.uint64(1)
    for _ in range(SHINGLE_CHARS - 1):
        top *= base
    rolled = np.uint64(0)
    for k in range(SHINGLE_CHARS - 1):
        rolled = rolled * base + chars[k]
    for w in range(windows):
        rolled = rolled * base + chars[w + SHINGLE_CHARS - 1]
        h = rolled
        rolled -= chars[w] * top
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x9E3779B97F4A7C15)
        hashes[w] = h
        sampled[w] = (h >> np.uint64(61)) < np.uint64(8 // SAMPLE)
    return hashes, sampled


@njit(cache=True, nogil=True)
def _signatures(
    data: np.ndarray,
    starts: np.ndarray,
    letter: np.ndarray,
    seeds: np.ndarray,
    multipliers: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's signature, and whether the row had no whole shingle (the caller hashes
    those rows' characters instead, as :func:`shingles` does)."""
    rows = len(starts) - 1
    out = np.empty((rows, len(seeds)), dtype=np.uint32)
    windowless = np.zeros(rows, dtype=np.bool_)
    for r in range(rows):
        hashes, sampled = _shingle_hashes(data[starts[r] : starts[r + 1]], letter)
        windowless[r] = len(hashes) == 0
        use_all = not sampled.any()
        low = np.full(len(seeds), np.iinfo(np.uint64).max, dtype=np.uint64)
        for w in range(len(hashes)):
            if use_all or sampled[w]:
                for p in range(len(seeds)):
                    mixed = (hashes[w] ^ seeds[p]) * multipliers[p]
                    if mixed < low[p]:
                        low[p] = mixed
        for p in range(len(seeds)):
            out[r, p] = np.uint32(low[p] >> np.uint64(32))
    return out, windowless


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
