"""How much of an article's text a set of passages covers."""

from __future__ import annotations

from collections.abc import Iterable

from newsweave.model import Span

__all__ = ["covered_chars", "share"]


def covered_chars(spans: Iterable[Span]) -> int:
    """Characters covered by the union of ``spans``."""
    total, end = 0, -1
    for span in sorted(spans):
        if span.end <= end:
            continue
        total += span.end - max(span.start, end)
        end = span.end
    return total


def share(spans: Iterable[Span], text: str) -> float:
    """Fraction of the non-blank characters of ``text`` covered by ``spans``."""
    length = len(text.strip()) or 1
    return min(1.0, covered_chars(spans) / length)
