"""Cheap names: capitalised words, without a parser (corpus tier).

A capitalised word inside a sentence is almost always part of a name ("Ann
Okafor", "Port Elliot", "Reuters"); a capitalised word that opens a sentence is a
name only when general English rarely writes it ("Okafor said" vs "The
government"). Days, months and forms of address are capitalised but say
nothing about which story an article tells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsweave.cluster.lexicon import NOT_NAME, NOT_NAMES, STOP, lexicon
from newsweave.cluster.terms import MAX_FREQUENCY, STOP_WORDS, fold, term_id
from newsweave.cluster.tokens import scan_names

__all__ = ["COMMON_OPENER", "capitalised_names", "name_terms"]

#: A capitalised word, with what opens a sentence before it when something does.
_CAPITALISED = re.compile(
    r"([.!?:;]\s+|\n\s*|[\"“‘(«\[—–-]\s*)?"
    r"(?<![\w'’])([A-Z\u00C0-\u00DE][^\W\d_]*(?:['’][^\W\d_]+)?)"
)
#: A sentence-initial capitalised word more frequent than this in general English is an
#: ordinary word ("Police", "After"); rarer ones are names ("Okafor"). 1 in 100,000 words.
COMMON_OPENER = 1e-5


def name_terms(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The term ids of :func:`capitalised_names` of many texts at once (compiled), as CSR
    ``(bounds, terms)``: text ``k``'s names are ``terms[bounds[k]:bounds[k + 1]]``, in order."""
    found = scan_names(texts)
    terms, lengths = found.terms.copy(), found.lengths.copy()
    for k in np.flatnonzero(~found.plain).tolist():  # beyond ASCII: fold it as words are
        start = int(found.starts[k])
        raw = texts[int(found.text[k])][start : start + int(found.lengths[k])]
        word = fold(raw).replace("’", "'")
        terms[k], lengths[k] = term_id(word), len(word)
    table = lexicon()
    at = table.find(terms)
    known = at >= 0
    flags = np.where(known, table.flags[at], 0)
    frequency = np.where(known, table.frequency[at], 0.0)
    keep = (lengths >= 2) & (flags & (STOP | NOT_NAME) == 0) & (frequency <= MAX_FREQUENCY)
    keep &= ~(found.opens & (frequency > COMMON_OPENER))
    counts = np.bincount(found.text[keep], minlength=len(texts))
    return np.concatenate(([0], np.cumsum(counts))).astype(np.int64), terms[keep]


def capitalised_names(text: str) -> list[str]:
    """Folded capitalised words of ``text`` that are likely parts of names, in order.

    Example: ``capitalised_names("Police said Ann Okafor left. Okafor flew.")`` is
    ``["ann", "okafor", "okafor"]``.
    """
    decisions = _DECISIONS
    names = []
    for opener, raw in _CAPITALISED.findall("\n" + text):  # the text's start opens a sentence
        key = (raw, opener != "")
        word = decisions.get(key)
        if word is None:
            word = _keep(raw, key[1])
        if word:
            names.append(word)
    return names


_DECISIONS: dict[tuple[str, bool], str] = {}


def _keep(raw: str, opens: bool) -> str:
    """The folded name, or "" when the word is not a name (decisions are cached)."""
    key = (raw, opens)
    decision = _DECISIONS.get(key)
    if decision is None:
        decision = _decide(raw, opens)
        if len(_DECISIONS) < 2_000_000:
            _DECISIONS[key] = decision
    return decision


def _decide(raw: str, opens: bool) -> str:
    from newsweave.cluster.terms import frequencies

    word = fold(raw).replace("’", "'")
    if len(word) < 2 or word in STOP_WORDS or word in NOT_NAMES:
        return ""
    frequency = frequencies().get(word, 0.0)
    if frequency > MAX_FREQUENCY or (opens and frequency > COMMON_OPENER):
        return ""
    return word
