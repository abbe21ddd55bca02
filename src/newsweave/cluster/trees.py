"""A boosted ensemble of small decision trees, read from data and evaluated in compiled code.

The pair model (:mod:`newsweave.cluster.pairs`) is such an ensemble. It is fitted by
``python bench/calibrate_stories.py`` and shipped as JSON (``pair_model.json`` beside this
module): numbers only, nothing that runs on load. Each tree is a flat list of nodes; an
inner node sends a row left when its feature is at most the node's threshold, a leaf holds
the value the row adds to the sum. A row's log-odds are the ensemble's baseline plus one
leaf value per tree, summed tree by tree in a fixed order, so every engine gets the same
bits for the same row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import numpy as np
from numba import njit, prange

__all__ = ["SCHEMA", "TreeModel", "log_odds", "model_from_json", "read_model"]

#: The ``schema`` field of a model file.
SCHEMA = "newsweave.pair-model/1"
#: Rows from which the work is shared among threads.
PARALLEL_ROWS = 50_000


@dataclass(frozen=True, slots=True, eq=False)
class TreeModel:
    """Trees as flat node arrays; tree ``t``'s nodes are ``roots[t]`` to ``roots[t + 1] - 1``
    and its root is ``roots[t]``. A leaf has feature ``-1``."""

    features: tuple[str, ...]
    baseline: float
    roots: np.ndarray  # int64, one more than the trees
    feature: np.ndarray  # int64 per node, -1 at a leaf
    threshold: np.ndarray  # float64 per node
    left: np.ndarray  # int64 per node, absolute node number
    right: np.ndarray  # int64 per node
    value: np.ndarray  # float64 per node (read at leaves)
    fitted: str = ""

    def __len__(self) -> int:
        return len(self.roots) - 1


def model_from_json(text: str) -> TreeModel:
    """The model a JSON document describes (``ValueError`` naming what is wrong)."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ValueError(f"not a pair model: the schema field must be {SCHEMA!r}")
    features = tuple(str(f) for f in data["features"])
    roots, feature, threshold, left, right, value = [0], [], [], [], [], []
    for tree in data["trees"]:
        start = roots[-1]
        size = len(tree["feature"])
        for k in range(size):
            f = int(tree["feature"][k])
            children = (int(tree["left"][k]), int(tree["right"][k]))
            if f >= len(features) or (f >= 0 and not all(k < c < size for c in children)):
                # a child before its parent could make a loop: children always come after
                raise ValueError(f"tree {len(roots) - 1}, node {k}: no such feature or child")
            feature.append(f)
            threshold.append(float(tree["threshold"][k]))
            left.append(start + children[0] if f >= 0 else -1)
            right.append(start + children[1] if f >= 0 else -1)
            value.append(float(tree["value"][k]))
        roots.append(start + size)
    return TreeModel(
        features=features,
        baseline=float(data["baseline"]),
        roots=np.array(roots, dtype=np.int64),
        feature=np.array(feature, dtype=np.int64),
        threshold=np.array(threshold, dtype=np.float64),
        left=np.array(left, dtype=np.int64),
        right=np.array(right, dtype=np.int64),
        value=np.array(value, dtype=np.float64),
        fitted=str(data.get("fitted", "")),
    )


def read_model(name: str = "pair_model.json") -> TreeModel:
    """The model shipped with the package under ``name``."""
    text = resources.files("newsweave.cluster").joinpath(name).read_text("utf-8")
    return model_from_json(text)


def log_odds(model: TreeModel, rows: np.ndarray) -> np.ndarray:
    """The ensemble's log-odds of each row of ``rows`` (columns as ``model.features``)."""
    rows = np.ascontiguousarray(rows, dtype=np.float64)
    if rows.ndim != 2 or rows.shape[1] != len(model.features):
        raise ValueError(f"rows must have {len(model.features)} columns")
    evaluate = _log_odds_parallel if len(rows) >= PARALLEL_ROWS else _log_odds
    return evaluate(
        rows,
        model.baseline,
        model.roots,
        model.feature,
        model.threshold,
        model.left,
        model.right,
        model.value,
    )


@njit(cache=True, nogil=True)
def _row_log_odds(
    rows: np.ndarray,
    i: int,
    baseline: float,
    roots: np.ndarray,
    feature: np.ndarray,
    threshold: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    value: np.ndarray,
) -> float:
    total = baseline
    for t in range(len(roots) - 1):
        node = roots[t]
        while feature[node] >= 0:
            node = left[node] if rows[i, feature[node]] <= threshold[node] else right[node]
        total += value[node]
    return total


@njit(cache=True, nogil=True)
def _log_odds(
    rows: np.ndarray,
    baseline: float,
    roots: np.ndarray,
    feature: np.ndarray,
    threshold: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    value: np.ndarray,
) -> np.ndarray:
    out = np.empty(rows.shape[0])
    for i in range(rows.shape[0]):
        out[i] = _row_log_odds(rows, i, baseline, roots, feature, threshold, left, right, value)
    return out


@njit(cache=True, nogil=True, parallel=True)
def _log_odds_parallel(
    rows: np.ndarray,
    baseline: float,
    roots: np.ndarray,
    feature: np.ndarray,
    threshold: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    value: np.ndarray,
) -> np.ndarray:
    out = np.empty(rows.shape[0])
    for i in prange(rows.shape[0]):  # each row's sum is its own: same bits on any thread
        out[i] = _row_log_odds(rows, i, baseline, roots, feature, threshold, left, right, value)
    return out
