"""Words and capitalised names of texts as term ids, scanned by compiled code (the corpus
tier's hot loop).

A word is what ``[^\\W_]+(?:'[^\\W_]+)?`` matches in folded text (letters and digits of any
script, one inner apostrophe: "o'brien", "rock'n"), and its term id is the 64-bit FNV-1a
hash of its code points, halved to 63 bits: the same in every process, engine and
release, and what :func:`newsweave.cluster.terms.term_id` computes for one word in
Python. A capitalised name is what :func:`newsweave.cluster.names.capitalised_names`
reads, found in the text as written. Texts are scanned many at a time, joined into one
array of code points, so a chunk of a thousand articles costs one call, not a Python step
per word.

Example: ``scan_words(["ann o'brien, 2019"]).terms`` holds the ids of "ann", "o'brien"
and "2019", in that order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numba import njit

__all__ = [
    "FNV_OFFSET",
    "FNV_PRIME",
    "Names",
    "Words",
    "character_flags",
    "code_points",
    "hash_words",
    "scan_names",
    "scan_words",
]

#: FNV-1a's 64-bit offset basis and prime (Fowler, Noll and Vo).
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
#: Joins texts in one scan: not a word character, so no word spans two texts.
SEPARATOR = "\x00"

#: Character flags: a word character (``[^\\W_]``), a digit (``str.isdigit``), a decimal
#: digit (``\\d``), a capital that starts a name (``[A-Z\\u00C0-\\u00DE]``), white space.
WORD, DIGIT, DECIMAL, CAPITAL, SPACE = 1, 2, 4, 8, 16
_APOSTROPHE = ord("'")
_CURLY_APOSTROPHE = ord("’")
_UNDERSCORE = ord("_")
_NEWLINE = ord("\n")
#: What ends a sentence when white space follows it; what opens a quotation or aside.
_STOPS = np.array([ord(c) for c in ".!?:;"], dtype=np.uint32)
_OPENERS = np.array([ord(c) for c in '"“‘(«[—–-'], dtype=np.uint32)


@cache
def character_flags() -> np.ndarray:
    """The flags of every code point (0x0 .. 0x10FFFF) as Python's regular expressions and
    ``str.isdigit`` see them: a few passes over all characters, once per process (the
    string of every code point made from an array: 8 ms, against 95 ms by ``chr``)."""
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    flags = np.zeros(0x110000, dtype=np.uint8)
    for pattern, flag in (
        (r"[^\W_]", WORD),
        (r"\d", DECIMAL),
        (r"[A-Z\u00C0-\u00DE]", CAPITAL),
        (r"\s", SPACE),
    ):
        flags[[m.start() for m in re.finditer(pattern, every)]] |= flag
    word = np.flatnonzero(flags & WORD)
    flags[[p for p in word.tolist() if every[p].isdigit()]] |= DIGIT
    return flags


@dataclass(frozen=True, slots=True, eq=False)
class Words:
    """Every word of the scanned texts, in order: where it is and what it is."""

    text: np.ndarray  # int64: which text (0-based) each word is in
    starts: np.ndarray  # int64: first code point, counted in its own text
    lengths: np.ndarray  # int64: code points
    terms: np.ndarray  # int64: term ids (63 bits)
    has_digit: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.terms)


@dataclass(frozen=True, slots=True, eq=False)
class Names:
    """Every capitalised word of the scanned texts, in order (before deciding which are
    names: :mod:`newsweave.cluster.names`)."""

    text: np.ndarray  # int64
    starts: np.ndarray  # int64
    lengths: np.ndarray  # int64
    terms: np.ndarray  # int64: term id of the word lower-cased, "’" read as "'"
    opens: np.ndarray  # bool: it opens a sentence, a line, a quotation or an aside
    plain: np.ndarray  # bool: ASCII but for "’", so the term id is its folded form's


def code_points(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts joined (by :data:`SEPARATOR`) as one uint32 array of code points, and where
    each text starts in it (one more entry: the end)."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    joined = SEPARATOR.join(texts) + SEPARATOR
    return np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32), starts


def scan_words(texts: Sequence[str]) -> Words:
    """Every word of every text (already folded: :func:`newsweave.cluster.terms.fold`)."""
    points, starts = code_points(texts)
    begin, length, hashes, digit = _scan(points, character_flags())
    which = np.searchsorted(starts, begin, side="right") - 1
    return Words(which, begin - starts[which], length, _term_ids(hashes), digit)


def scan_names(texts: Sequence[str]) -> Names:
    """Every capitalised word of every text, as written (not folded)."""
    points, starts = code_points(texts)
    begin, length, hashes, opens, plain = _scan_names(points, character_flags(), _STOPS, _OPENERS)
    which = np.searchsorted(starts, begin, side="right") - 1
    return Names(which, begin - starts[which], length, _term_ids(hashes), opens, plain)


def hash_words(words: Sequence[str]) -> np.ndarray:
    """The term id of each whole string (int64), as :func:`scan_words` gives it to a word."""
    points, starts = code_points(words)
    return _term_ids(_hash_spans(points, starts))


def _term_ids(hashes: np.ndarray) -> np.ndarray:
    return (hashes >> np.uint64(1)).astype(np.int64)


@njit(cache=True, nogil=True)
def _scan(
    points: np.ndarray, flags: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = len(points)
    begin = np.empty(n // 2 + 1, dtype=np.int64)
    length = np.empty(n // 2 + 1, dtype=np.int64)
    hashes = np.empty(n // 2 + 1, dtype=np.uint64)
    digit = np.empty(n // 2 + 1, dtype=np.bool_)
    prime = np.uint64(FNV_PRIME)
    count = 0
    i = 0
    while i < n:
        if not flags[points[i]] & WORD:
            i += 1
            continue
        start = i
        h = np.uint64(FNV_OFFSET)
        has_digit = False
        while i < n and flags[points[i]] & WORD:
            has_digit = has_digit or (flags[points[i]] & DIGIT) != 0
            h = (h ^ np.uint64(points[i])) * prime
            i += 1
        if i + 1 < n and points[i] == _APOSTROPHE and flags[points[i + 1]] & WORD:
            h = (h ^ np.uint64(_APOSTROPHE)) * prime
            i += 1
            while i < n and flags[points[i]] & WORD:
                has_digit = has_digit or (flags[points[i]] & DIGIT) != 0
                h = (h ^ np.uint64(points[i])) * prime
                i += 1
        begin[count] = start
        length[count] = i - start
        hashes[count] = h
        digit[count] = has_digit
        count += 1
    return begin[:count], length[:count], hashes[:count], digit[:count]


@njit(cache=True, nogil=True)
def _is_letter(flags: np.ndarray, point: np.uint32) -> bool:
    """``[^\\W\\d_]``: a word character that is not a decimal digit."""
    f = flags[point]
    return (f & WORD) != 0 and (f & DECIMAL) == 0


@njit(cache=True, nogil=True)
def _opens(
    points: np.ndarray, flags: np.ndarray, start: int, stops: np.ndarray, openers: np.ndarray
) -> bool:
    """Whether what comes before ``start`` opens a sentence: a stop then white space, a line
    break then any white space, or an opening mark then any white space (or the text's
    start, which opens its first sentence)."""
    j = start - 1
    spaced = False
    while j >= 0 and flags[points[j]] & SPACE:
        if points[j] == _NEWLINE:
            return True
        spaced = True
        j -= 1
    if j < 0 or points[j] == 0:  # the text starts here (texts are joined by NUL)
        return True
    for mark in openers:
        if points[j] == mark:
            return True
    if spaced:
        for mark in stops:
            if points[j] == mark:
                return True
    return False


@njit(cache=True, nogil=True)
def _scan_names(
    points: np.ndarray, flags: np.ndarray, stops: np.ndarray, openers: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = len(points)
    size = n // 2 + 1
    begin = np.empty(size, dtype=np.int64)
    length = np.empty(size, dtype=np.int64)
    hashes = np.empty(size, dtype=np.uint64)
    opens = np.empty(size, dtype=np.bool_)
    plain = np.empty(size, dtype=np.bool_)
    count = 0
    i = 0
    while i < n:
        point = points[i]
        if not flags[point] & CAPITAL:
            i += 1
            continue
        if i > 0:
            before = points[i - 1]
            if flags[before] & WORD or before in (_UNDERSCORE, _APOSTROPHE, _CURLY_APOSTROPHE):
                i += 1
                continue
        start = i
        i += 1
        while i < n and _is_letter(flags, points[i]):
            i += 1
        if (
            i + 1 < n
            and (points[i] == _APOSTROPHE or points[i] == _CURLY_APOSTROPHE)
            and _is_letter(flags, points[i + 1])
        ):
            i += 2
            while i < n and _is_letter(flags, points[i]):
                i += 1
        h, ascii_only = _folded_hash(points, start, i)
        begin[count] = start
        length[count] = i - start
        hashes[count] = h
        opens[count] = _opens(points, flags, start, stops, openers)
        plain[count] = ascii_only
        count += 1
    return begin[:count], length[:count], hashes[:count], opens[:count], plain[:count]


@njit(cache=True, nogil=True)
def _folded_hash(points: np.ndarray, start: int, end: int) -> tuple[np.uint64, bool]:
    """FNV-1a of a word lower-cased (ASCII letters) with "’" read as "'"; and whether
    that is its folded form (no other character beyond ASCII)."""
    h = np.uint64(FNV_OFFSET)
    prime = np.uint64(FNV_PRIME)
    plain = True
    for k in range(start, end):
        c = np.uint64(points[k])
        if c == _CURLY_APOSTROPHE:
            c = np.uint64(_APOSTROPHE)
        elif 65 <= c <= 90:
            c += np.uint64(32)
        elif c >= 128:
            plain = False
        h = (h ^ c) * prime
    return h, plain


@njit(cache=True, nogil=True)
def _hash_spans(points: np.ndarray, starts: np.ndarray) -> np.ndarray:
    out = np.empty(len(starts) - 1, dtype=np.uint64)
    prime = np.uint64(FNV_PRIME)
    for k in range(len(starts) - 1):
        h = np.uint64(FNV_OFFSET)
        for i in range(starts[k], starts[k + 1] - 1):  # the last is the separator
            h = (h ^ np.uint64(points[i])) * prime
        out[k] = h
    return out
