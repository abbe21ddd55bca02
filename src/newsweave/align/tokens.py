"""Word tokens with character offsets, folded for matching (case, accents, curly quotes)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

__all__ = ["Tokens", "tokenize"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


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
