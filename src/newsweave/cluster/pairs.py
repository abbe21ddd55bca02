"""The pair model: how likely two articles are to report the same story.

A boosted ensemble of small trees (:mod:`newsweave.cluster.trees`) over three kinds of
evidence, all computable without a parser:

* **what they say**: cosines of the whole text, of the title and lead, and of the
  capitalised names (background-weighted bags of words, see
  :mod:`newsweave.cluster.terms`);
* **how they stand out from their neighbourhood**: the pair's similarity relative to
  each article's best neighbour and to its fifth best ("local background"), and the
  ranks of each in the other's list. Two reports of one event written very
  differently still stand out from everything else each article resembles; two
  reports of two similar events (two earthquakes) do not, because each article's own
  event gives it closer neighbours;
* **when**: the gap between their publication days, where both are known; else, more
  weakly, between the latest dates their texts write (:mod:`newsweave.cluster.datelines`).

One fixed model, calibrated once on a mixed stream of dev data
(``python bench/calibrate_stories.py``; ECB+ even topics, Multi-News even
clusters, MEANTIME Airbus and GM), is what makes one setting right on corpora of
different shapes: a cosine threshold alone over-merges one and over-splits another.

The model is monotone in every input: more similarity, or a pair that stands out more
from each side's neighbours, never lowers P(same story); a worse rank (a larger number)
or a longer gap in time never raises it. Trees can weigh one input by the level of another,
which a weighted sum cannot, and the constraints keep them from learning quirks of the dev
corpora (a gap of 5 days better than one of 4). Each dev part weighs in the fit by
the inverse 0.6 power of its training pairs, so ECB+'s 34,000 pairs do not drown
MEANTIME's 1,200 (see ``docs/architecture.md`` for how that was chosen).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsweave.cluster.table import NO_DAY
from newsweave.cluster.trees import TreeModel, log_odds, read_model

__all__ = ["FEATURES", "MODEL", "MONOTONE", "PairEvidence", "pair_features", "probabilities"]

#: The model's inputs, in order.
FEATURES = (
    "text",
    "names",
    "lead",
    "ratio_max",
    "ratio_min",
    "over_background",
    "log_rank_max",
    "log_rank_min",
    "days_apart_3",
    "days_apart_30",
    "written_apart_30",
)
#: Publication gaps up to this many days cost nothing ("the days of one hurricane").
NEAR_DAYS = 3
#: Gaps beyond this many days cost more again (different events of one topic).
FAR_DAYS = 30


#: The direction each input may move P(same story): up (1) or down (-1), in FEATURES order.
MONOTONE = (1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1)

#: Fitted by ``python bench/calibrate_stories.py --write`` on the dev parts of the mixed
#: stream; held-out parts are scored by tests/eval/test_clustering.py.
MODEL: TreeModel = read_model()
if MODEL.features != FEATURES:  # a model file from other inputs would score garbage
    raise RuntimeError("newsweave/cluster/pair_model.json does not match pairs.FEATURES")


@dataclass(frozen=True, slots=True, eq=False)
class PairEvidence:
    """Arrays, one value per pair."""

    text: np.ndarray
    lead: np.ndarray
    names: np.ndarray
    best_a: np.ndarray
    best_b: np.ndarray
    background_a: np.ndarray
    background_b: np.ndarray
    rank_ab: np.ndarray
    rank_ba: np.ndarray
    day_a: np.ndarray
    day_b: np.ndarray
    written_a: np.ndarray
    written_b: np.ndarray


def pair_features(e: PairEvidence) -> np.ndarray:
    """The model's input matrix, one row per pair, columns as in :data:`FEATURES`."""
    base = (e.text + e.lead) / 2.0
    ratio_a = base / np.maximum(e.best_a, 1e-3)
    ratio_b = base / np.maximum(e.best_b, 1e-3)
    dated = (e.day_a != NO_DAY) & (e.day_b != NO_DAY)
    gap = np.where(dated, np.abs(e.day_a - e.day_b), 0).astype(np.float64)
    guessed = (e.written_a != NO_DAY) & (e.written_b != NO_DAY) & ~dated
    written_gap = np.where(guessed, np.abs(e.written_a - e.written_b), 0).astype(np.float64)
    return np.stack(
        [
            e.text,
            e.names,
            e.lead,
            np.maximum(ratio_a, ratio_b),
            np.minimum(ratio_a, ratio_b),
            base - np.maximum(e.background_a, e.background_b),
            np.log1p(np.maximum(e.rank_ab, e.rank_ba)),
            np.log1p(np.minimum(e.rank_ab, e.rank_ba)),
            _hinge(gap, NEAR_DAYS),
            _hinge(gap, FAR_DAYS),
            _hinge(written_gap, FAR_DAYS),
        ],
        axis=1,
    )


def _hinge(gap: np.ndarray, days: int) -> np.ndarray:
    return np.maximum(0.0, np.log1p(gap) - np.log1p(days))


def probabilities(features: np.ndarray, model: TreeModel | None = None) -> np.ndarray:
    """P(same story) of each row of :func:`pair_features` (under :data:`MODEL` by default)."""
    if not len(features):
        return np.zeros(0)
    return 1.0 / (1.0 + np.exp(-log_odds(MODEL if model is None else model, features)))
