"""Clustering scores: B-cubed and pairwise precision, recall and F1 against gold clusters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import combinations

__all__ = ["bcubed", "pairwise"]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed (Bagga and Baldwin 1998): per-item overlap of predicted and gold clusters."""
    pred_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for item, label in predicted.items():
        pred_members.setdefault(label, set()).add(item)
    for item, label in gold.items():
        gold_members.setdefault(label, set()).add(item)
    precision = recall = 0.0
    for item in gold:
        p, g = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(p & g)
        precision += both / len(p)
        recall += both / len(g)
    n = len(gold)
    return {"precision": precision / n, "recall": recall / n, "f1": _f1(precision / n, recall / n)}


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """Precision and recall over pairs of items put in one cluster."""

    def pairs(labels: Mapping[str, str]) -> set[frozenset[str]]:
        by_label: dict[str, list[str]] = {}
        for item, label in labels.items():
            by_label.setdefault(label, []).append(item)
        return {frozenset(p) for members in by_label.values() for p in combinations(members, 2)}

    predicted_pairs, gold_pairs = pairs(predicted), pairs(gold)
    both = len(predicted_pairs & gold_pairs)
    p = both / len(predicted_pairs) if predicted_pairs else 1.0
    r = both / len(gold_pairs) if gold_pairs else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def sizes(labels: Mapping[str, str]) -> Counter[int]:
    return Counter(Counter(labels.values()).values())
