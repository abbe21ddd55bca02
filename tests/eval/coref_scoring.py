"""Coreference scores over mention clusters: MUC, B-cubed, CEAF-e and CoNLL F1 (their mean).

Clusters are sets of mention keys. Scores are computed on the gold (key) mentions: a gold
mention the system did not find is a singleton in the system's response, so missed
mentions cost recall and never help precision.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["coref_scores"]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(assignment: Mapping[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for mention, cluster in assignment.items():
        groups.setdefault(cluster, set()).add(mention)
    return list(groups.values())


def _muc(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    def score(a: list[set[str]], b: list[set[str]]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = sum(len(c) - len({where.get(m, f"_{m}") for m in c}) for c in a)
        den = sum(len(c) - 1 for c in a)
        return num / den if den else 0.0

    return score(response, key), score(key, response)


def _b3(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    key_of = {m: c for c in key for m in c}
    resp_of = {m: c for c in response for m in c}
    mentions = list(key_of)
    recall = sum(len(key_of[m] & resp_of[m]) / len(key_of[m]) for m in mentions) / len(mentions)
    precision = sum(len(key_of[m] & resp_of[m]) / len(resp_of[m]) for m in mentions) / len(mentions)
    return precision, recall


def _ceafe(key: list[set[str]], response: list[set[str]]) -> tuple[float, float]:
    similarity = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(-similarity)
    total = similarity[rows, cols].sum()
    return total / len(response), total / len(key)


def coref_scores(system: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """``system``/``gold`` map mention keys to cluster ids; scored on the gold mentions."""
    response_map = {m: system.get(m, f"singleton:{m}") for m in gold}
    key, response = _clusters(gold), _clusters(response_map)
    scores = {}
    for name, metric in (("muc", _muc), ("b3", _b3), ("ceafe", _ceafe)):
        p, r = metric(key, response)
        scores |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": _f1(p, r)}
    scores["conll_f1"] = (scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3
    return scores
