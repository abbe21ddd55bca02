"""Quality gate: story clustering on the mixed stream (ECB+, Multi-News, MEANTIME interleaved).

One default setting for every part, each part scored at its own gold granularity
(see tests/eval/stream.py), beside the plain baseline: TF-IDF average link with its
threshold tuned separately on each part, which no user could do.
"""

import numpy as np
import pytest

from newsweave.cluster import cluster_stories
from newsweave.config import ClusterSettings
from tests.eval.cluster_baseline import tfidf_average_link
from tests.eval.gate import check_floors, require
from tests.eval.stream import PARTS, articles_of, read_stream, score_part

pytestmark = pytest.mark.eval


def _baseline(docs, part):
    """Best B-cubed F1 over thresholds on the part alone (the oracle), dev and held out."""
    chosen = [d for d in docs if d.part == part]
    runs = tfidf_average_link([d.text for d in chosen])
    best = None
    for threshold, labels in runs.items():
        predicted = {d.id: str(label) for d, label in zip(chosen, labels, strict=True)}
        overall = score_part(predicted, chosen, part)["f1"]
        if best is None or overall > best[0]:
            best = (overall, threshold, predicted)
    _, threshold, predicted = best
    return threshold, {
        half: score_part(predicted, chosen, part, dev)
        for half, dev in (("dev", True), ("held", False))
    }


def test_mixed_stream_clustering(datasets):
    for folder in ("ecbplus", "multinews_sample100", "meantime"):
        require(datasets / folder)
    docs = read_stream(datasets)
    stories = cluster_stories(articles_of(docs), ClusterSettings())
    predicted = {a: s.id for s in stories for a in s.article_ids}
    scores = {}
    print()
    for part in PARTS:
        threshold, baseline = _baseline(docs, part)
        for half, dev in (("dev", True), ("held", False)):
            ours = score_part(predicted, docs, part, dev)
            scores |= {f"{part}_{half}_b3_{k}": v for k, v in ours.items() if k != "ari"}
            scores[f"{part}_{half}_ari"] = ours["ari"]
            base = baseline[half]
            print(
                f"{part:>9} {half:>4}  newsweave P {ours['precision']:.3f} R {ours['recall']:.3f} "
                f"F1 {ours['f1']:.3f} ARI {ours['ari']:.3f}  |  tuned TF-IDF (t={threshold:.2f}) "
                f"P {base['precision']:.3f} R {base['recall']:.3f} F1 {base['f1']:.3f} "
                f"ARI {base['ari']:.3f}  |  {'ahead' if ours['f1'] > base['f1'] else 'behind'}"
            )
    check_floors("clustering", scores)


def test_stories_do_not_depend_on_input_order(datasets):
    require(datasets / "ecbplus")
    docs = [d for d in read_stream(datasets) if d.part == "ecb"][:300]
    articles = articles_of(docs)
    order = np.random.default_rng(3).permutation(len(articles))
    first = {frozenset(s.article_ids) for s in cluster_stories(articles, ClusterSettings())}
    shuffled = [articles[i] for i in order]
    assert {frozenset(s.article_ids) for s in cluster_stories(shuffled, ClusterSettings())} == first
