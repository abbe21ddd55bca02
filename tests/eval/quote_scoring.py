"""Direct-quote scores: span precision/recall/F1 and speaker accuracy.

Overlap rule: a system quote matches a gold quote when their overlap covers at least half
of each (mutual 50%); each gold quote matches at most one system quote. Speaker accuracy
is over matched quotes whose gold attribution has a Source: the speaker is right when the
system's speaker words overlap the gold Source, or when the gold Source's name (not a
pronoun) is contained in the system's resolved speaker name or words, or the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsweave.extract.names import fold

__all__ = ["score_quotes"]

_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "their", "its"]
)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_right(quote, sources: Sequence[tuple[int, int, str]]) -> bool:
    for start, end, text in sources:
        if quote.speaker_span and _overlap(
            (quote.speaker_span.start, quote.speaker_span.end), (start, end)
        ):
            return True
        gold = fold(text)
        said = {fold(quote.speaker_name or ""), fold(quote.speaker_text or "")} - {""}
        if (
            gold
            and gold not in _PRONOUNS
            and any(gold in s or (s in gold and s not in _PRONOUNS) for s in said)
        ):
            return True
    return False


def score_quotes(pairs: Iterable[tuple[Sequence, Sequence]]) -> dict[str, float]:
    """``pairs``: (system Quote records, gold quotes) per document."""
    n_sys = n_gold = matched = with_source = right = 0
    for system, gold in pairs:
        n_sys += len(system)
        n_gold += len(gold)
        used: set[int] = set()
        for quote in system:
            q = (quote.span.start, quote.span.end)
            for index, g in enumerate(gold):
                if index in used:
                    continue
                shared = _overlap(q, (g.start, g.end))
                if shared * 2 >= (q[1] - q[0]) and shared * 2 >= (g.end - g.start):
                    used.add(index)
                    matched += 1
                    if g.sources:
                        with_source += 1
                        right += _speaker_right(quote, g.sources)
                    break
    p = matched / n_sys if n_sys else 1.0
    r = matched / n_gold if n_gold else 1.0
    return {
        "quote_precision": p,
        "quote_recall": r,
        "quote_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "speaker_accuracy": right / with_source if with_source else 0.0,
    }
