"""TempEval-3 style scores for temporal expressions.

Span: strict (same start and end) and relaxed (any overlap) precision/recall/F1. Attributes
(type, value) are scored over relaxed matches, as TempEval-3 does: value F1 = F1 of the
system timexes that overlap a gold timex *and* carry its value; type accuracy = share of
relaxed matches with the gold type.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["score_timexes"]


def _prf(tp: float, n_sys: int, n_gold: int, prefix: str) -> dict[str, float]:
    p = tp / n_sys if n_sys else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {
        f"{prefix}_precision": p,
        f"{prefix}_recall": r,
        f"{prefix}_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def score_timexes(pairs: Iterable[tuple[Sequence, Sequence]]) -> dict[str, float]:
    """``pairs``: (system timexes, gold timexes) per document; each item has start, end, type, value."""
    n_sys = n_gold = strict = relaxed = typed = valued = 0
    for system, gold in pairs:
        n_sys += len(system)
        n_gold += len(gold)
        used: set[int] = set()
        for s in system:
            match = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if i not in used and s.start < g.end and g.start < s.end
                ),
                None,
            )
            if match is None:
                continue
            used.add(match)
            g = gold[match]
            relaxed += 1
            strict += s.start == g.start and s.end == g.end
            typed += s.type == g.type
            valued += s.value == g.value
    scores = _prf(strict, n_sys, n_gold, "strict") | _prf(relaxed, n_sys, n_gold, "relaxed")
    scores |= _prf(valued, n_sys, n_gold, "value")
    scores["type_accuracy"] = typed / relaxed if relaxed else 0.0
    scores["value_accuracy"] = valued / relaxed if relaxed else 0.0
    return scores
