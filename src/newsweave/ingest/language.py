"""Whether a text is English, told by how often it writes English function words.

The opening of the text (:data:`LANGUAGE_CHARS` characters) is lower-cased and read as
runs of ASCII letters; its language is English when at least :data:`ENGLISH_SHARE` of
those words are among :data:`ENGLISH_WORDS`. The words are counted by one compiled pass
over the bytes (no Python object per word: splitting the opening into words took half
the time of telling its language), each word looked up by its term id
(:func:`newsweave.cluster.terms.term_id`) and then compared letter by letter, so the
counts are exactly those of splitting it into words.

Example: ``infer_language("The cat sat on the mat and ...")`` is ``"en"`` with its basis
once the text has 20 words or more.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from newsweave.cluster.terms import term_id
from newsweave.cluster.tokens import FNV_OFFSET, FNV_PRIME
from newsweave.ingest.metadata import Inferred

__all__ = ["ENGLISH_SHARE", "ENGLISH_WORDS", "LANGUAGE_CHARS", "english_words", "infer_language"]

#: Share of English function words above which a text is English (news English: 35-50%,
#: other European languages: under 10% of these words).
ENGLISH_SHARE = 0.2
#: Characters read to tell the language: a few paragraphs are plenty.
LANGUAGE_CHARS = 2000
#: Fewest words to tell a language from.
MIN_WORDS = 20
#: The most frequent English words, which any English text writes and few others do.
ENGLISH_WORDS = tuple(
    """
    the of and to in a is that for on was with he it as at by from his be are have
    """.split()
)

#: Every byte that is not a lower-case ASCII letter becomes a space: the words of a
#: lower-cased, ASCII-encoded text are then its runs of ``[a-z]``.
_LETTERS_ONLY = bytes(c if 0x61 <= c <= 0x7A else 0x20 for c in range(256))
_SPACE = 0x20


def _table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The function words' term ids (sorted; the scanner's ids, so a word's ASCII bytes hash
    to it), their letters end to end in the same order, and where each word starts in them
    (one more entry: the end)."""
    ordered = sorted(ENGLISH_WORDS, key=term_id)
    hashes = np.array([term_id(w) for w in ordered], dtype=np.int64)
    words = [w.encode("ascii") for w in ordered]
    letters = np.frombuffer(b"".join(words), dtype=np.uint8)
    starts = np.cumsum([0, *(len(w) for w in words)]).astype(np.int64)
    return hashes, letters, starts


_HASHES, _LETTERS, _STARTS = _table()


def english_words(text: str) -> tuple[int, int]:
    """How many words the opening of ``text`` has, and how many of them are English
    function words."""
    data = text[:LANGUAGE_CHARS].lower().encode("ascii", "replace").translate(_LETTERS_ONLY)
    return _count(np.frombuffer(data, dtype=np.uint8), _HASHES, _LETTERS, _STARTS)


def infer_language(text: str) -> Inferred | None:
    """'en' when English function words are frequent enough; None otherwise."""
    words, known = english_words(text)
    if words < MIN_WORDS:
        return None
    share = known / words
    if share < ENGLISH_SHARE:
        return None
    return Inferred("en", f"English function words make up {share:.0%} of the words")


@njit(cache=True, nogil=True)
def _count(
    data: np.ndarray, hashes: np.ndarray, letters: np.ndarray, starts: np.ndarray
) -> tuple[int, int]:
    words = 0
    known = 0
    i = 0
    n = len(data)
    while i < n:
        if data[i] == _SPACE:
            i += 1
            continue
        begin = i
        h = np.uint64(FNV_OFFSET)
        while i < n and data[i] != _SPACE:
            h = (h ^ np.uint64(data[i])) * np.uint64(FNV_PRIME)
            i += 1
        words += 1
        term = np.int64(h >> np.uint64(1))  # the term id, as the scanner gives it
        at = int(np.searchsorted(hashes, term))
        if at < len(hashes) and hashes[at] == term and _same(data, begin, i, letters, starts, at):
            known += 1
    return words, known


@njit(cache=True, nogil=True)
def _same(
    data: np.ndarray, begin: int, end: int, letters: np.ndarray, starts: np.ndarray, at: int
) -> bool:
    """Whether ``data[begin:end]`` is the table's word ``at`` (a hash can collide)."""
    start = starts[at]
    if end - begin != starts[at + 1] - start:
        return False
    k = 0
    while k < end - begin and data[begin + k] == letters[start + k]:
        k += 1
    return k == end - begin
