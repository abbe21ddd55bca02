"""Cheap names: capitalised words, without a parser (corpus tier).

A capitalised word inside a sentence is almost always part of a name ("Evo
Morales", "La Paz", "Reuters"); a capitalised word that opens a sentence is a
name only when general English rarely writes it ("Morales said" vs "The
government"). Days, months and forms of address are capitalised but say
nothing about which story an article tells.
"""

from __future__ import annotations

import re

from newsweave.cluster.terms import MAX_FREQUENCY, STOP_WORDS, fold

__all__ = ["capitalised_names"]

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z\u00C0-\u00DE][^\W\d_]*(?:['’][^\W\d_]+)?")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"“‘(«\[—–-]\s*)$")
#: A sentence-initial capitalised word more frequent than this in general English is an
#: ordinary word ("Police", "After"); rarer ones are names ("Morales"). 1 in 100,000 words.
COMMON_OPENER = 1e-5
_NOT_NAMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr sir madam st
    """.split()
)


def capitalised_names(text: str) -> list[str]:
    """Folded capitalised words of ``text`` that are likely parts of names, in order.

    Example: ``capitalised_names("Police said Evo Morales left. Morales flew.")`` is
    ``["evo", "morales", "morales"]``.
    """
    from newsweave.cluster.terms import _frequencies

    frequencies = _frequencies()
    names = []
    for match in _CAPITALISED.finditer(text):
        word = fold(match.group()).replace("’", "'")
        if len(word) < 2 or word in STOP_WORDS or word in _NOT_NAMES:
            continue
        before = text[max(0, match.start() - 4) : match.start()]
        if _OPENS_SENTENCE.search(before) and frequencies.get(word, 0.0) > COMMON_OPENER:
            continue
        if frequencies.get(word, 0.0) > MAX_FREQUENCY:
            continue
        names.append(word)
    return names
