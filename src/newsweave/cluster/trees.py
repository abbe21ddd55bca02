"""A boosted ensemble of small decision trees, read from data and evaluated in compiled code.

The pair model (:mod:`newsweave.cluster.pairs`) is such an ensemble. It is fitted by
``python bench/calibrate_stories.py`` and shipped as JSON (``pair_model.json`` beside this
module): numbers only, nothing that runs on load. Each tree is a flat list of nodes; an
inner node sends a row left when its feature is at most the node's threshold (a missing
value, NaN, goes where the fit sent missing values), a leaf holds the value the row adds to
the sum. A row's log-odds are the ensemble's baseline plus one
leaf value per tree, summed tree by tree in a fixed order, so every engine gets the same
bits for the same row.
"""

from __future__ import annotations

import json
import math
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
    missing_left: np.ndarray  # bool per node: where a missing input (NaN) goes
    fitted: str = ""

    def __len__(self) -> int:
        return len(self.roots) - 1


def model_from_json(text: str) -> TreeModel:
    """The model a JSON document describes (``ValueError`` naming what is wrong)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"a pair model must be JSON: {error}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ValueError(f"not a pair model: the schema field must be {SCHEMA!r}")
    features = data.get("features")
    if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
        raise ValueError("a pair model's features must be a list of names")
    trees = data.get("trees")
    if not isinstance(trees, list) or not trees:
        raise ValueError("a pair model needs a list of trees")
    nodes = [_tree_nodes(tree, t, len(features)) for t, tree in enumerate(trees)]
    sizes = np.array([len(n[0]) for n in nodes], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)))
    shift = [np.where(n[0] >= 0, start, 0) for n, start in zip(nodes, starts[:-1], strict=True)]
    return TreeModel(
        features=tuple(features),
        baseline=_finite(data.get("baseline"), "the baseline"),
        roots=starts.astype(np.int64),
        feature=np.concatenate([n[0] for n in nodes]),
        threshold=np.concatenate([n[1] for n in nodes]),
        left=np.concatenate([n[2] + k for n, k in zip(nodes, shift, strict=True)]),
        right=np.concatenate([n[3] + k for n, k in zip(nodes, shift, strict=True)]),
        value=np.concatenate([n[4] for n in nodes]),
        missing_left=np.concatenate([n[5] for n in nodes]),
        fitted=str(data.get("fitted", "")),
    )


_FIELDS = ("feature", "threshold", "left", "right", "value")


def _tree_nodes(tree: object, t: int, inputs: int) -> tuple[np.ndarray, ...]:
    """One tree's node arrays (feature, threshold, left, right, value, missing_left), checked:
    whole numbers where they must be, finite values, children after their parent."""
    if not isinstance(tree, dict) or not all(isinstance(tree.get(f), list) for f in _FIELDS):
        raise ValueError(f"tree {t}: needs the lists {', '.join(_FIELDS)}")
    size = len(tree["feature"])
    missing = tree.get("missing_left", [False] * size)
    if not isinstance(missing, list) or not all(isinstance(v, bool) for v in missing):
        raise ValueError(f"tree {t}: missing_left must be a list of true or false")
    if size == 0 or any(len(tree[f]) != size for f in _FIELDS) or len(missing) != size:
        raise ValueError(f"tree {t}: its node lists must be non-empty and of one length")
    feature = np.array([_whole(v, f"tree {t}, feature") for v in tree["feature"]], np.int64)
    left = np.array([_whole(v, f"tree {t}, left") for v in tree["left"]], np.int64)
    right = np.array([_whole(v, f"tree {t}, right") for v in tree["right"]], np.int64)
    for k in range(size):
        inner = feature[k] >= 0
        # a child before its parent could make a loop: children always come after
        if (
            feature[k] < -1
            or feature[k] >= inputs
            or (inner and not k < left[k] < size)
            or (inner and not k < right[k] < size)
        ):
            raise ValueError(f"tree {t}, node {k}: no such feature or child")
    return (
        feature,
        np.array([_finite(v, f"tree {t}, threshold") for v in tree["threshold"]], np.float64),
        np.where(feature >= 0, left, -1),
        np.where(feature >= 0, right, -1),
        np.array([_finite(v, f"tree {t}, value") for v in tree["value"]], np.float64),
        np.array(missing, dtype=np.bool_),
    )


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what}: {value!r} is not a whole number")
    return value


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what}: {value!r} is not a finite number")
    return float(value)


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
    nodes = (model.roots, model.feature, model.threshold, model.left, model.right)
    return evaluate(rows, model.baseline, nodes, model.value, model.missing_left)


#: A model's node arrays as the compiled loops take them: roots, feature, threshold, left,
#: right (values and missing-value directions beside them, being of other types).
Nodes = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@njit(cache=True, nogil=True)
def _row_log_odds(
    rows: np.ndarray,
    i: int,
    baseline: float,
    nodes: Nodes,
    value: np.ndarray,
    missing_left: np.ndarray,
) -> float:
    roots, feature, threshold, left, right = nodes
    total = baseline
    for t in range(len(roots) - 1):
        node = roots[t]
        while feature[node] >= 0:
            x = rows[i, feature[node]]
            goes_left = x <= threshold[node] or (x != x and missing_left[node])  # x != x: NaN
            node = left[node] if goes_left else right[node]
        total += value[node]
    return total


@njit(cache=True, nogil=True)
def _log_odds(
    rows: np.ndarray, baseline: float, nodes: Nodes, value: np.ndarray, missing_left: np.ndarray
) -> np.ndarray:
    out = np.empty(rows.shape[0])
    for i in range(rows.shape[0]):
        out[i] = _row_log_odds(rows, i, baseline, nodes, value, missing_left)
    return out


@njit(cache=True, nogil=True, parallel=True)
def _log_odds_parallel(
    rows: np.ndarray, baseline: float, nodes: Nodes, value: np.ndarray, missing_left: np.ndarray
) -> np.ndarray:
    out = np.empty(rows.shape[0])
    for i in prange(rows.shape[0]):  # each row's sum is its own: same bits on any thread
        out[i] = _row_log_odds(rows, i, baseline, nodes, value, missing_left)
    return out
