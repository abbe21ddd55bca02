"""Calibrate the story pair model on the dev parts of the mixed stream.

    python bench/calibrate_stories.py            # fit and score the fitted model
    python bench/calibrate_stories.py --write    # ... and write src/newsweave/cluster/pair_model.json
    python bench/calibrate_stories.py --check    # score the shipped MODEL on dev and held-out
    python bench/calibrate_stories.py --cv       # two-fold cross-validation on dev, per setting
    python bench/calibrate_stories.py --errors multinews   # the shipped MODEL's errors on dev

Training pairs come from the production code path: the whole stream (dev and
held-out interleaved, as a user's corpus would be) goes through features,
duplicates, candidate pairs and neighbourhoods; then every pair of documents within
one dev part is a training pair (positive when the gold puts them in one story),
plus the cross-part candidate pairs as negatives. Held-out documents never give a
training pair.

The fit is scikit-learn's histogram gradient boosting (a bench dependency, never a
runtime one), monotone in every input (:data:`newsweave.cluster.pairs.MONOTONE`), each
part's pairs weighted by the inverse :data:`PART_POWER` power of their number. The trees
are written out as JSON (:mod:`newsweave.cluster.trees` reads and evaluates them) and
checked to give sklearn's own probabilities. Settings are chosen by ``--cv``: the dev
documents are cut into two folds by topic (``StreamDoc.fold``), a model fitted on one
fold's pairs clusters the whole stream, and the other fold's dev documents are scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.gate import datasets_root  # noqa: E402
from tests.eval.stream import PARTS, StreamDoc, articles_of, read_stream, score_part  # noqa: E402

from newsweave.cluster.duplicates import cluster_duplicates  # noqa: E402
from newsweave.cluster.featurize import article_features  # noqa: E402
from newsweave.cluster.neighbours import (  # noqa: E402
    candidate_pairs,
    kept_candidates,
    neighbourhood,
)
from newsweave.cluster.pairs import FEATURES, MODEL, MONOTONE, pair_features  # noqa: E402
from newsweave.cluster.stories import (  # noqa: E402
    candidate_evidence,
    cluster_corpus,
    component_evidence,
    rank_lookup,
)
from newsweave.cluster.table import feature_table  # noqa: E402
from newsweave.cluster.trees import SCHEMA, TreeModel, log_odds, model_from_json  # noqa: E402

#: Share of easy negative pairs (text cosine below 0.05) kept for training.
EASY_NEGATIVES = 0.2
#: Each part's pairs weigh by their number to this power, negated: 0 counts every pair
#: once (ECB+ decides), 1 counts every part once (MEANTIME's 7 positive pairs weigh as
#: much as ECB+'s 2,500). Chosen by --cv (see docs/architecture.md).
PART_POWER = 0.6
#: Boosting rounds, tree depth and learning rate (chosen by --cv).
ROUNDS = 200
DEPTH = 3
RATE = 0.1
#: Where --write puts the model.
MODEL_FILE = ROOT / "src" / "newsweave" / "cluster" / "pair_model.json"


def training_pairs(
    docs: list[StreamDoc], fold: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and groups (the part's index, or one past the parts for cross-part
    negatives) of the dev pairs (of one fold, when given), computed as production does."""
    features = sorted((article_features(a) for a in articles_of(docs)), key=lambda f: f.article)
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

    def trains(article: str) -> bool:
        doc = by_id[article]
        return doc.dev and (fold is None or doc.fold == fold)

    rng = np.random.default_rng(0)
    xs, ys, groups = [], [], []
    for k, part in enumerate(PARTS):
        rows = np.array(
            [r for r, i in enumerate(reps.ids) if by_id[i].part == part and trains(i)],
            dtype=np.int64,
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
        groups.append(np.full(int(sample.sum()), k))
    cross = np.array(
        [
            by_id[reps.ids[a]].part != by_id[reps.ids[b]].part
            and trains(reps.ids[a])
            and trains(reps.ids[b])
            for a, b in zip(left.tolist(), right.tolist(), strict=True)
        ],
        dtype=bool,
    )
    if cross.any():
        xs.append(pair_features(candidate_evidence(reps, candidates, around))[cross])
        ys.append(np.zeros(int(cross.sum()), dtype=bool))
        groups.append(np.full(int(cross.sum()), len(PARTS)))
    return np.concatenate(xs), np.concatenate(ys).astype(np.float64), np.concatenate(groups)


def part_weights(groups: np.ndarray, power: float = PART_POWER) -> np.ndarray:
    """Each pair's weight: its group's number of pairs to the power ``-power`` (mean 1)."""
    counts = np.bincount(groups).astype(np.float64)
    weights = counts[groups] ** -power
    return weights / weights.mean()


def fit(
    x: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    power: float = PART_POWER,
    rounds: int = ROUNDS,
    depth: int = DEPTH,
) -> str:
    """The fitted model as the JSON that :func:`newsweave.cluster.trees.model_from_json`
    reads; checked to give sklearn's own probabilities on the training pairs."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    booster = HistGradientBoostingClassifier(
        max_iter=rounds,
        max_depth=depth,
        learning_rate=RATE,
        monotonic_cst=list(MONOTONE),
        early_stopping=False,
        random_state=0,
    )
    booster.fit(x, y, sample_weight=part_weights(groups, power))
    text = model_json(booster)
    probe = x[:2000].copy()  # and rows with a missing input, which the fit never saw
    probe[np.arange(len(probe)), np.arange(len(probe)) % x.shape[1]] = np.nan
    rows = np.concatenate([x, probe])
    mine = 1.0 / (1.0 + np.exp(-log_odds(model_from_json(text), rows)))
    gap = float(np.abs(mine - booster.predict_proba(rows)[:, 1]).max())
    if gap > 1e-9:
        raise SystemExit(f"the written trees differ from sklearn's by {gap}")
    return text


def model_json(booster: object) -> str:
    """A fitted HistGradientBoostingClassifier's trees, one per line (numbers only)."""
    trees = []
    for (predictor,) in booster._predictors:  # type: ignore[attr-defined]
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": np.where(leaf, -1, nodes["feature_idx"]).tolist(),
                "threshold": np.where(leaf, 0.0, nodes["num_threshold"]).tolist(),
                "left": np.where(leaf, 0, nodes["left"]).tolist(),
                "right": np.where(leaf, 0, nodes["right"]).tolist(),
                "value": np.where(leaf, nodes["value"], 0.0).tolist(),
                "missing_left": (~leaf & (nodes["missing_go_to_left"] != 0)).tolist(),
            }
        )
    head = {
        "schema": SCHEMA,
        "fitted": date.today().isoformat(),
        "by": "python bench/calibrate_stories.py --write",
        "settings": {"part_power": PART_POWER, "rounds": ROUNDS, "depth": DEPTH, "rate": RATE},
        "features": list(FEATURES),
        "baseline": float(np.ravel(booster._baseline_prediction)[0]),  # type: ignore[attr-defined]
    }
    lines = ",\n".join(json.dumps(t, separators=(",", ":")) for t in trees)
    return json.dumps(head, indent=1)[:-2] + ',\n "trees": [\n' + lines + "\n]}\n"


def predict(docs: list[StreamDoc], model: TreeModel) -> dict[str, str]:
    """Each document's story under ``model`` (the whole stream clustered)."""
    import newsweave.cluster.pairs as pairs

    saved = pairs.MODEL
    pairs.MODEL = model
    try:
        features = [article_features(a) for a in articles_of(docs)]
        clustering = cluster_corpus(features)
    finally:
        pairs.MODEL = saved
    return {a: str(k) for k, story in enumerate(clustering.stories) for a in story}


def cross_validate(docs: list[StreamDoc], power: float, rounds: int, depth: int) -> list[float]:
    """Dev B-cubed F1 per part, each fold scored by the model fitted on the other."""
    scores = []
    for fold in (0, 1):
        x, y, groups = training_pairs(docs, fold)
        predicted = predict(docs, model_from_json(fit(x, y, groups, power, rounds, depth)))
        held = [d for d in docs if d.dev and d.fold != fold]
        scores.append([score_part(predicted, held, part, True)["f1"] for part in PARTS])
    return np.mean(scores, axis=0).tolist()


def check(docs: list[StreamDoc], model: TreeModel) -> None:
    """Per part and half: B-cubed P/R/F1 and ARI of the stories the model gives."""
    predicted = predict(docs, model)
    for dev in (True, False):
        cells = []
        for part in PARTS:
            s = score_part(predicted, docs, part, dev)
            cells.append(
                f"{part} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} ARI {s['ari']:.3f}"
            )
        print(("dev     " if dev else "held out") + " | " + " | ".join(cells))


def errors(docs: list[StreamDoc], model: TreeModel, part: str) -> None:
    """The dev gold stories of ``part`` that the model splits, each article set apart from
    its story's largest piece shown by its opening, and the size of the story it is in
    (the dev half only: held-out errors are not for reading)."""
    predicted = predict(docs, model)
    sizes = Counter(predicted.values())
    gold: dict[str, list[StreamDoc]] = {}
    for d in docs:
        if d.part == part and d.dev:
            gold.setdefault(d.cluster, []).append(d)
    split = 0
    for cluster, members in sorted(gold.items()):
        pieces = Counter(predicted[d.id] for d in members)
        if len(pieces) == 1:
            continue
        split += 1
        largest = pieces.most_common(1)[0][0]
        print(f"{cluster}: {len(members)} articles in {len(pieces)} stories")
        for d in members:
            if predicted[d.id] != largest:
                opening = " ".join(d.text.split())[:110]
                print(f"   apart, in a story of {sizes[predicted[d.id]]}: {opening}")
    print(f"{split} of {len(gold)} dev stories of {part} split")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only score the shipped MODEL")
    parser.add_argument("--write", action="store_true", help=f"write the fit to {MODEL_FILE}")
    parser.add_argument("--cv", action="store_true", help="cross-validate settings on dev")
    parser.add_argument("--errors", choices=PARTS, help="list MODEL's splits of a dev part")
    args = parser.parse_args()
    docs = read_stream(datasets_root())
    if args.errors:
        errors(docs, MODEL, args.errors)
        return
    if args.check:
        check(docs, MODEL)
        return
    if args.cv:
        for power in (0.0, 0.5, 0.6, 0.7, 0.8, 1.0):
            for rounds, depth in ((100, 3), (200, 3), (200, 4)):
                f1 = cross_validate(docs, power, rounds, depth)
                cells = " ".join(f"{part} {v:.3f}" for part, v in zip(PARTS, f1, strict=True))
                print(
                    f"power {power:.1f} rounds {rounds} depth {depth} | {cells} | mean "
                    f"{np.mean(f1):.3f}",
                    flush=True,
                )
        return
    x, y, groups = training_pairs(docs)
    text = fit(x, y, groups)
    print(f"{len(y)} training pairs, {int(y.sum())} positive")
    if args.write:
        MODEL_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)}")
    check(docs, model_from_json(text))


if __name__ == "__main__":
    main()
