"""What general English says of a word, by term id: its background frequency and idf,
whether it is a stop word, whether it can be part of a name. Built from ``wordfreq``
(:mod:`newsweave.cluster.terms`) as an open-addressing hash table that compiled code
reads, so a chunk of articles looks up all its words in one call.

Building it takes about 0.7 s, which every ``newsweave ingest`` paid before reading its
first article; the table is kept between runs in the user's cache folder as plain
arrays (``.npz`` read without pickle, so the file is data, never code), under a name
that changes with the code that builds it and with ``wordfreq``'s version. A file that
is missing, unreadable or not what this code writes is built again.

Example: ``lexicon().idf_of(hash_words(["earthquake"]))`` is the background idf of
"earthquake".
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

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
    """The table of this process: read from the cache folder, else built (and kept there)."""
    path = cache_path()
    kept = _read(path)
    if kept is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # in use, so not stale for another version's run
        return kept
    built = build_lexicon()
    _keep(built, path)
    return built


def cache_path() -> Path:
    """Where this code's table is kept: the user cache folder, a name per code and data."""
    from platformdirs import user_cache_dir

    # folding follows the Unicode tables of the running Python
    made_by = f"{version('wordfreq')} {sys.version_info[:2]} {unicodedata.unidata_version}"
    digest = hashlib.sha256(made_by.encode())
    here = Path(__file__).resolve().parent
    for name in ("lexicon.py", "terms.py", "tokens.py"):
        digest.update((here / name).read_bytes())
    return (
        Path(user_cache_dir("newsweave", appauthor=False))
        / f"lexicon-{digest.hexdigest()[:16]}.npz"
    )


_ARRAYS = {"slots": np.int64, "frequency": np.float64, "idf": np.float64, "flags": np.uint8}
#: More than the table holds (about 26 MB): a larger file is not this code's.
MAX_CACHE_BYTES = 128 << 20


def _read(path: Path) -> Lexicon | None:
    """The kept table, or None when it is missing or not what :func:`_keep` writes."""
    try:
        with zipfile.ZipFile(path) as archive:  # sizes checked before anything is unpacked
            if sum(info.file_size for info in archive.infolist()) > MAX_CACHE_BYTES:
                return None
        data = np.load(path, allow_pickle=False)
        if not isinstance(data, np.lib.npyio.NpzFile):  # a lone .npy array
            return None
        with data:
            arrays = {name: data[name] for name in _ARRAYS}
    except (OSError, ValueError, KeyError, EOFError, TypeError, MemoryError, zipfile.BadZipFile):
        return None
    if any(not isinstance(a, np.ndarray) or a.ndim != 1 for a in arrays.values()):
        return None  # a member without an array header reads as bytes
    size = len(arrays["slots"])
    if (
        size < 2
        or size & (size - 1)
        or any(
            a.dtype != dtype or a.shape != (size,)
            for a, dtype in zip(arrays.values(), _ARRAYS.values(), strict=True)
        )
        # the built table is at most half full; a full one would make look-ups never end
        or int(np.count_nonzero(arrays["slots"] == _EMPTY)) < size // 2
    ):
        return None
    return Lexicon(**arrays)


def _keep(table: Lexicon, path: Path) -> None:
    """Write the table for the next runs (whole or not at all; a failure costs only time),
    and drop other versions' tables not used for :data:`STALE_DAYS` (26 MB each)."""
    partial = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(partial, **{name: getattr(table, name) for name in _ARRAYS})
        os.replace(partial, path)
        stale = time.time() - STALE_DAYS * 86_400
        for old in path.parent.glob("lexicon-*.npz"):
            if old != path and old.stat().st_mtime < stale:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


#: Days after which another version's kept table is dropped (two installs of different
#: versions may share one cache folder: each keeps its own while it is in use).
STALE_DAYS = 30


def build_lexicon() -> Lexicon:
    """The table, built from ``wordfreq`` (about 0.7 s)."""
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
