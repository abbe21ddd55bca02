"""Searches of the store's full-text indexes (FTS5): a user's words, never query syntax.

The web UI's search and ``newsweave stories --search`` both split a search into words as
the index does (letters and digits, case and accents aside) and quote each one, so
``NEAR``, ``*`` or a stray quote are words, not operators.
"""

from __future__ import annotations

import re

__all__ = ["MAX_TERMS", "match_expression", "search_terms"]

#: Most words of one search (the rest are ignored, and the web page says so).
MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+")


def search_terms(text: str, most: int | None = MAX_TERMS) -> list[str]:
    """The words of a search as the index splits them (letters and digits; the first
    ``most``); quotes, operators and punctuation are not syntax here."""
    words: list[str] = _WORD.findall(text)
    return words if most is None else words[:most]


def match_expression(terms: list[str]) -> str:
    """An FTS5 query that every row with all ``terms`` matches: each word a quoted
    string (``"near"`` is a word, not the ``NEAR`` operator), joined by AND.

    >>> match_expression(['NEAR', 'x"y'])
    '"NEAR" AND "x""y"'
    """
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
