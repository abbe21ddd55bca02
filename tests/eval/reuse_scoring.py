"""Character-level text-reuse scores (PAN conventions): precision, recall, F1 over both sides."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CharCounts", "char_counts"]


@dataclass
class CharCounts:
    detected: int = 0
    gold: int = 0
    overlap: int = 0

    def add(self, other: CharCounts) -> None:
        self.detected += other.detected
        self.gold += other.gold
        self.overlap += other.overlap

    def scores(self) -> dict[str, float]:
        p = self.overlap / self.detected if self.detected else 1.0
        r = self.overlap / self.gold if self.gold else 1.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _union(spans: list[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def char_counts(
    detected_source: list[tuple[int, int]],
    detected_target: list[tuple[int, int]],
    gold_source: tuple[int, int] | None,
    gold_target: tuple[int, int] | None,
) -> CharCounts:
    """Counts of detected, gold and overlapping characters on the source and target sides.

    Whitespace between words is counted like any other character, as in PAN's measure.
    """
    counts = CharCounts()
    for detected, gold in ((detected_source, gold_source), (detected_target, gold_target)):
        d = _union(detected)
        g = _union([gold]) if gold else set()
        counts.detected += len(d)
        counts.gold += len(g)
        counts.overlap += len(d & g)
    return counts
