"""Word tokens with character offsets, folded for matching (case, accents, curly quotes)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

__all__ = ["Tokens", "is_word_boundary", "snap_to_words", "tokenize"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: Characters that join two runs of letters into one written word ("Sen's", "pro-government").
_JOINERS = frozenset("'’ʼ-‐‑")
#: Characters that join two runs of digits into one number ("64,000", "3.5").
_NUMBER_JOINERS = frozenset(".,")


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of one text: folded forms and their ``[start, end)`` offsets."""

    words: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.words)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> Tokens:
    """Words of ``text`` (letters and digits), case- and accent-folded, with offsets.

    Example: ``tokenize("Peña, said").words == ("pena", "said")``
    """
    matches = list(_WORD.finditer(text))
    words = tuple(_fold(m.group()) for m in matches)
    starts = np.fromiter((m.start() for m in matches), dtype=np.int64, count=len(matches))
    ends = np.fromiter((m.end() for m in matches), dtype=np.int64, count=len(matches))
    return Tokens(words, starts, ends)


def _is_letter(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _joined(text: str, i: int) -> bool:
    """Whether characters ``i - 1`` and ``i`` of ``text`` belong to one written word."""
    left, right = text[i - 1], text[i]
    if _is_letter(left) and _is_letter(right):
        return True
    if _is_letter(left) and i + 1 < len(text):  # "Sen|'s": the joiner belongs to the word
        return _joins(left, right, text[i + 1])
    if _is_letter(right) and i >= 2:  # "Sen'|s"
        return _joins(text[i - 2], left, right)
    return False


def _joins(left: str, middle: str, right: str) -> bool:
    if middle in _JOINERS:
        return _is_letter(left) and _is_letter(right)
    return middle in _NUMBER_JOINERS and left.isdigit() and right.isdigit()


def is_word_boundary(text: str, position: int) -> bool:
    """Whether ``position`` falls between two written words of ``text`` (or at either end),
    never inside one: "Sen's" has no boundary before its "s", "64,000" none at its comma.

    Example: ``is_word_boundary("Sen's party", 4)`` is False; ``(..., 5)`` is True.
    """
    return position <= 0 or position >= len(text) or not _joined(text, position)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to the written words it cuts into, so a passage never starts
    or ends inside a word ("s party won" becomes "Sen's party won").

    Example: ``snap_to_words("Sen's party", 4, 11)`` is ``(0, 11)``.
    """
    while not is_word_boundary(text, start):
        start -= 1
    while not is_word_boundary(text, end):
        end += 1
    return start, end
