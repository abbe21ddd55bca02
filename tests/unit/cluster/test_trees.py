"""The pair model's trees: read from data, evaluated the same on any path, monotone."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.pairs import FEATURES, MODEL, MONOTONE, probabilities
from newsweave.cluster.trees import SCHEMA, log_odds, model_from_json

#: One stump on feature 0 (at most 0.5: -1, else +2) and a leaf tree adding 0.25.
STUMPS = {
    "schema": SCHEMA,
    "features": ["a", "b"],
    "baseline": 0.5,
    "trees": [
        {
            "feature": [0, -1, -1],
            "threshold": [0.5, 0, 0],
            "left": [1, 0, 0],
            "right": [2, 0, 0],
            "value": [0, -1.0, 2.0],
        },
        {"feature": [-1], "threshold": [0], "left": [0], "right": [0], "value": [0.25]},
    ],
}


def test_a_row_goes_left_at_or_below_the_threshold() -> None:
    model = model_from_json(json.dumps(STUMPS))
    rows = np.array([[0.5, 9.0], [0.6, -9.0]])
    assert log_odds(model, rows).tolist() == [0.5 - 1.0 + 0.25, 0.5 + 2.0 + 0.25]


EMPTY_TREE = {"feature": [], "threshold": [], "left": [], "right": [], "value": []}


def _tree(**change: object) -> dict:
    return {"trees": [{**STUMPS["trees"][0], **change}]}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"schema": "other/1"}, "schema"),
        ({"features": "ab"}, "features"),
        ({"trees": 3}, "list of trees"),
        ({"trees": []}, "list of trees"),
        ({"trees": [[0, 1]]}, "needs the lists"),
        ({"trees": [EMPTY_TREE]}, "non-empty"),
        ({"trees": [STUMPS["trees"][1], EMPTY_TREE]}, "non-empty"),
        ({"baseline": None}, "baseline"),
        ({"baseline": float("nan")}, "baseline"),
        (_tree(feature=[7, -1, -1]), "no such feature"),
        (_tree(feature=[-2, -1, -1]), "no such feature"),
        (_tree(feature=[1.7, -1, -1]), "whole number"),
        (_tree(feature=[True, -1, -1]), "whole number"),
        (_tree(left=[5, 0, 0]), "no such feature or child"),
        (_tree(right=[0, 0, 0]), "no such feature or child"),
        (_tree(value=[0, "1", 2]), "finite number"),
        (_tree(threshold=[float("inf"), 0, 0]), "finite number"),
        (_tree(value=[0, 1]), "one length"),
        (_tree(missing_left=[1, 0, 0]), "true or false"),
    ],
)
def test_a_bad_model_file_is_refused_with_its_reason(change: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model_from_json(json.dumps({**STUMPS, **change}))


def test_a_model_file_that_is_not_json_is_refused() -> None:
    with pytest.raises(ValueError, match="must be JSON"):
        model_from_json("{trees")


def test_a_missing_input_goes_where_the_fit_sent_missing_values() -> None:
    rows = np.array([[np.nan, 0.0]])
    right = model_from_json(json.dumps(STUMPS))
    left = model_from_json(json.dumps({**STUMPS, **_tree(missing_left=[True, False, False])}))
    assert log_odds(right, rows).tolist() == [0.5 + 2.0 + 0.25]
    assert log_odds(left, rows).tolist() == [0.5 - 1.0]  # (the stump alone)


def test_the_shipped_model_reads_the_pair_features_in_order() -> None:
    assert MODEL.features == FEATURES
    assert len(MODEL) > 10
    assert len(MONOTONE) == len(FEATURES)


def test_the_parallel_path_gives_the_same_bits() -> None:
    rows = np.random.default_rng(3).random((60_000, len(FEATURES))) * 3
    parallel = probabilities(rows)
    serial = np.concatenate([probabilities(rows[k : k + 1000]) for k in range(0, 60_000, 1000)])
    assert np.array_equal(parallel, serial)


def test_no_pairs_score_nothing() -> None:
    assert probabilities(np.zeros((0, len(FEATURES)))).shape == (0,)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0, 3), min_size=len(FEATURES), max_size=len(FEATURES)),
    st.integers(0, len(FEATURES) - 1),
    st.floats(0.001, 2),
)
def test_more_evidence_never_lowers_the_probability(
    row: list[float], column: int, step: float
) -> None:
    """Monotone in every input: the direction MONOTONE names, whatever the other inputs."""
    before = np.array([row])
    after = before.copy()
    after[0, column] += step
    p_before, p_after = probabilities(before)[0], probabilities(after)[0]
    if MONOTONE[column] > 0:
        assert p_after >= p_before
    else:
        assert p_after <= p_before
