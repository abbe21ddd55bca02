"""Calibrate the story pair model on the dev parts of the mixed stream.

    python bench/calibrate_stories.py            # fit, print the constants for cluster/pairs.py
    python bench/calibrate_stories.py --check    # score the current MODEL on dev and held-out

Training pairs come from the production code path: the whole stream (dev and
held-out interleaved, as a user's corpus would be) goes through features,
duplicates, candidate pairs and neighbourhoods; then every pair of documents within
one dev part is a training pair (positive when the gold puts them in one story),
plus the cross-part candidate pairs as negatives. Held-out documents never give a
training pair. The fit is an L2-regularised logistic regression (scipy L-BFGS).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.gate import datasets_root  # noqa: E402
from tests.eval.stream import PARTS, StreamDoc, read_stream, score_part  # noqa: E402

from newsweave.cluster.duplicates import cluster_duplicates  # noqa: E402
from newsweave.cluster.featurize import article_features  # noqa: E402
from newsweave.cluster.neighbours import (  # noqa: E402
    candidate_pairs,
    kept_candidates,
    neighbourhood,
)
from newsweave.cluster.pairs import FEATURES, MODEL, PairModel, pair_features  # noqa: E402
from newsweave.cluster.stories import (  # noqa: E402
    candidate_evidence,
    cluster_corpus,
    component_evidence,
    rank_lookup,
)
from newsweave.cluster.table import feature_table  # noqa: E402
from newsweave.model import Article  # noqa: E402

#: Share of easy negative pairs (text cosine below 0.05) kept for training.
EASY_NEGATIVES = 0.2
#: L2 penalty of the fit (on standardised inputs).
PENALTY = 1.0


def _articles(docs: list[StreamDoc]) -> list[Article]:
    return [
        Article(
            id=d.id,
            source=d.id,
            text=d.text,
            published=d.published,
            content_hash=hashlib.sha256(d.text.encode("utf-8")).hexdigest(),
        )
        for d in docs
    ]


def training_pairs(docs: list[StreamDoc]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the dev pairs, computed as production computes them."""
    features = sorted((article_features(a) for a in _articles(docs)), key=lambda f: f.article)
    table = feature_table(features)
    duplicates = cluster_duplicates(
        table.ids, [f.content_hash for f in features], table.minhash, table.days
    )
    keep = sorted(table.ids.index(c.representative) for c in duplicates)
    reps = feature_table([features[i] for i in keep])
    left, right = candidate_pairs(reps)
    candidates = kept_candidates(reps, left, right)
    left, right = candidates.left, candidates.right
    around = neighbourhood(len(reps), candidates, reps.ids)
    ranks = rank_lookup(candidates, around, len(reps))
    by_id = {d.id: d for d in docs}
    rng = np.random.default_rng(0)
    xs, ys = [], []
    for part in PARTS:
        rows = np.array(
            [r for r, i in enumerate(reps.ids) if by_id[i].part == part and by_id[i].dev]
        )
        i, j, evidence = component_evidence(reps, rows, around, ranks)
        x = pair_features(evidence)
        y = np.array(
            [
                by_id[reps.ids[a]].cluster == by_id[reps.ids[b]].cluster
                for a, b in zip(rows[i], rows[j], strict=True)
            ]
        )
        sample = y | (evidence.text >= 0.05) | (rng.random(len(y)) < EASY_NEGATIVES)
        xs.append(x[sample])
        ys.append(y[sample])
    cross = np.array(
        [
            by_id[reps.ids[a]].part != by_id[reps.ids[b]].part
            and by_id[reps.ids[a]].dev
            and by_id[reps.ids[b]].dev
            for a, b in zip(left.tolist(), right.tolist(), strict=True)
        ],
        dtype=bool,
    )
    if cross.any():
        xs.append(pair_features(candidate_evidence(reps, candidates, around))[cross])
        ys.append(np.zeros(int(cross.sum()), dtype=bool))
    return np.concatenate(xs), np.concatenate(ys).astype(np.float64)


def fit(x: np.ndarray, y: np.ndarray, penalty: float = PENALTY) -> PairModel:
    """L2-regularised logistic regression; weights returned on the original scale."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        logits = z @ w + b
        p = 1.0 / (1.0 + np.exp(-logits))
        eps = 1e-12
        value = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        value += penalty * float(w @ w) / (2 * len(y))
        grad_w = z.T @ (p - y) / len(y) + penalty * w / len(y)
        grad_b = float(np.mean(p - y))
        return value, np.concatenate([grad_w, [grad_b]])

    result = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B")
    w, b = result.x[:-1] / std, result.x[-1] - float((result.x[:-1] / std) @ mean)
    return PairModel(tuple(round(float(v), 3) for v in w), round(float(b), 3))


def check(docs: list[StreamDoc], model: PairModel) -> None:
    """Per part and half: B-cubed P/R/F1 and ARI of the stories the model gives."""
    import newsweave.cluster.pairs as pairs

    saved = pairs.MODEL
    pairs.MODEL = model
    try:
        features = [article_features(a) for a in _articles(docs)]
        clustering = cluster_corpus(features)
    finally:
        pairs.MODEL = saved
    predicted = {a: str(k) for k, story in enumerate(clustering.stories) for a in story}
    for dev in (True, False):
        cells = []
        for part in PARTS:
            s = score_part(predicted, docs, part, dev)
            cells.append(
                f"{part} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} ARI {s['ari']:.3f}"
            )
        print(("dev     " if dev else "held out") + " | " + " | ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only score the current MODEL")
    args = parser.parse_args()
    docs = read_stream(datasets_root())
    if args.check:
        check(docs, MODEL)
        return
    x, y = training_pairs(docs)
    model = fit(x, y)
    print(f"{len(y)} training pairs, {int(y.sum())} positive")
    for name, weight in zip(FEATURES, model.weights, strict=True):
        print(f"  {name:>16} {weight:+.3f}")
    print(f"  {'intercept':>16} {model.intercept:+.3f}")
    print(f"MODEL = PairModel(weights={model.weights}, intercept={model.intercept})")
    check(docs, model)


if __name__ == "__main__":
    main()
