"""What general English says of a word, by term id: its background frequency and idf,
whether it is a stop word, whether it can be part of a name. Built once per process
from ``wordfreq`` (:mod:`newsweave.cluster.terms`) as an open-addressing hash table
that compiled code reads, so a chunk of articles looks up all its words in one call.

Example: ``lexicon().idf_of(hash_words(["earthquake"]))`` is the background idf of
"earthquake".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numba import njit

from newsweave.cluster.terms import (
    FLOOR_FREQUENCY,
    MAX_FREQUENCY,
    STOP_WORDS,
    UNKNOWN_IDF,
    frequencies,
)
from newsweave.cluster.tokens import hash_words

__all__ = ["NOT_NAME", "STOP", "Lexicon", "lexicon"]

#: Flags of a word.
STOP, NOT_NAME = 1, 2
#: Calendar words and forms of address: capitalised, but they say nothing about which story
#: an article tells.
NOT_NAMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr sir madam st
    """.split()
)
_EMPTY = -1
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Open addressing with linear probing: ``slots`` holds term ids (-1 where empty)."""

    slots: np.ndarray  # int64
    frequency: np.ndarray  # float64, 0 where general English does not know the word
    idf: np.ndarray  # float64
    flags: np.ndarray  # uint8: STOP | NOT_NAME

    def find(self, terms: np.ndarray) -> np.ndarray:
        """The slot of each term id, or -1 for a word general English does not know."""
        return _find(self.slots, terms.astype(np.int64, copy=False))

    def idf_of(self, terms: np.ndarray) -> np.ndarray:
        """Background idf of each term id (:data:`UNKNOWN_IDF` for an unknown word)."""
        at = self.find(terms)
        return np.where(at >= 0, self.idf[at], UNKNOWN_IDF)


@cache
def lexicon() -> Lexicon:
    """The table of this process (built on first use, about a tenth of a second)."""
    table = dict(frequencies())
    for word in STOP_WORDS | NOT_NAMES:
        table.setdefault(word, 0.0)
    words = list(table)
    terms = hash_words(words)
    frequency = np.fromiter(table.values(), dtype=np.float64, count=len(table))
    flags = np.array(
        [STOP * (w in STOP_WORDS) + NOT_NAME * (w in NOT_NAMES) for w in words], dtype=np.uint8
    )
    size = 1 << int(np.ceil(np.log2(2 * len(words) + 1)))
    slots = np.full(size, _EMPTY, dtype=np.int64)
    where = _insert(slots, terms)
    out_frequency = np.zeros(size)
    out_frequency[where] = frequency
    idf = np.full(size, UNKNOWN_IDF)
    idf[where] = np.where(
        frequency > MAX_FREQUENCY, 0.0, np.log(1.0 / np.maximum(frequency, FLOOR_FREQUENCY))
    )
    out_flags = np.zeros(size, dtype=np.uint8)
    out_flags[where] = flags
    return Lexicon(slots, out_frequency, idf, out_flags)


@njit(cache=True, nogil=True)
def _home(term: np.int64, mask: np.uint64) -> np.int64:
    return np.int64((np.uint64(term) * _MIX) >> np.uint64(20) & mask)


@njit(cache=True, nogil=True)
def _insert(slots: np.ndarray, terms: np.ndarray) -> np.ndarray:
    mask = np.uint64(len(slots) - 1)
    where = np.empty(len(terms), dtype=np.int64)
    for k in range(len(terms)):
        h = _home(terms[k], mask)
        while slots[h] != _EMPTY and slots[h] != terms[k]:
            h = (h + 1) & np.int64(mask)
        slots[h] = terms[k]
        where[k] = h
    return where


@njit(cache=True, nogil=True)
def _find(slots: np.ndarray, terms: np.ndarray) -> np.ndarray:
    mask = np.uint64(len(slots) - 1)
    out = np.empty(len(terms), dtype=np.int64)
    for k in range(len(terms)):
        h = _home(terms[k], mask)
        while slots[h] != _EMPTY and slots[h] != terms[k]:
            h = (h + 1) & np.int64(mask)
        out[k] = h if slots[h] == terms[k] else -1
    return out
