"""Whether a text is English, told by how often it writes English function words.

The opening of the text (:data:`LANGUAGE_CHARS` characters) is lower-cased and read as
runs of ASCII letters; its language is English when at least :data:`ENGLISH_SHARE` of
those words are among :data:`ENGLISH_WORDS`. The words are counted by one compiled pass
over the opening's UTF-8 bytes, which lower-cases ASCII letters as it reads them (no
Python object per word, nor a lower-cased copy of the opening: the two took most of the
time of telling its language); a word no longer than the longest function word is looked
up by its term id (:func:`newsweave.cluster.terms.term_id`) and then compared letter by
letter, so the counts are exactly those of splitting it into words.

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

#: Each byte as the count reads it: an ASCII letter as its lower case; anything else (a
#: mark, a digit, a byte of a character beyond ASCII) as 0, which ends a word. So the
#: words of the opening's UTF-8 bytes are those of the opening lower-cased and read as
#: ASCII, as the definition has it.
_LOWER = np.array(
    [c | 0x20 if 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A else 0 for c in range(256)],
    dtype=np.uint8,
)
#: The two characters whose lower case writes an ASCII letter ("İ" is "i" and a dot
#: above, the Kelvin sign is "k"): an opening that holds one is lower-cased first.
_LOWER_TO_ASCII = ("\u0130", "\u212a")
#: Slots of the function words' table (a power of two, a few times their number).
_SLOTS = 128


def _table() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The function words as the count looks them up: an open-addressing table of their
    term ids (the scanner's, so a word's ASCII bytes hash to it; -1 where empty) with each
    slot's word, and their letters end to end with where each word starts in them (one
    more entry: the end)."""
    slots = np.full(_SLOTS, -1, dtype=np.int64)
    word_of = np.full(_SLOTS, -1, dtype=np.int64)
    for k, word in enumerate(ENGLISH_WORDS):
        at = term_id(word) & (_SLOTS - 1)
        while slots[at] != -1:
            at = (at + 1) & (_SLOTS - 1)
        slots[at], word_of[at] = term_id(word), k
    words = [w.encode("ascii") for w in ENGLISH_WORDS]
    letters = np.frombuffer(b"".join(words), dtype=np.uint8)
    starts = np.cumsum([0, *(len(w) for w in words)]).astype(np.int64)
    return slots, word_of, letters, starts


_TERMS, _WORD_OF, _LETTERS, _STARTS = _table()
#: Letters of the longest function word: a longer word is not looked up.
_LONGEST = max(len(w) for w in ENGLISH_WORDS)


def english_words(text: str) -> tuple[int, int]:
    """How many words the opening of ``text`` has, and how many of them are English
    function words."""
    head = text[:LANGUAGE_CHARS]
    if any(c in head for c in _LOWER_TO_ASCII):
        head = head.lower()
    data = np.frombuffer(head.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    return _count(data, _LOWER, _TERMS, _WORD_OF, _LETTERS, _STARTS, _LONGEST)


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
    data: np.ndarray,
    lower: np.ndarray,
    terms: np.ndarray,
    word_of: np.ndarray,
    letters: np.ndarray,
    starts: np.ndarray,
    longest: int,
) -> tuple[int, int]:
    words = 0
    known = 0
    i = 0
    n = len(data)
    mask = len(terms) - 1
    while i < n:
        if lower[data[i]] == 0:
            i += 1
            continue
        begin = i
        h = np.uint64(FNV_OFFSET)
        while i < n and lower[data[i]] != 0:
            h = (h ^ np.uint64(lower[data[i]])) * np.uint64(FNV_PRIME)
            i += 1
        words += 1
        if i - begin > longest:
            continue
        term = np.int64(h >> np.uint64(1))  # the term id, as the scanner gives it
        at = term & mask
        while terms[at] != -1 and terms[at] != term:
            at = (at + 1) & mask
        if terms[at] == term and _same(data, lower, begin, i, letters, starts, word_of[at]):
            known += 1
    return words, known


@njit(cache=True, nogil=True)
def _same(
    data: np.ndarray,
    lower: np.ndarray,
    begin: int,
    end: int,
    letters: np.ndarray,
    starts: np.ndarray,
    word: int,
) -> bool:
    """Whether ``data[begin:end]``, lower-cased, is the function word ``word`` (a hash can
    collide)."""
    start = starts[word]
    if end - begin != starts[word + 1] - start:
        return False
    k = 0
    while k < end - begin and lower[data[begin + k]] == letters[start + k]:
        k += 1
    return k == end - begin
