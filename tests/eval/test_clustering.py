"""Quality gate: story clustering against ECB+ sub-topics and Multi-News clusters.

The threshold was calibrated on ECB+ even-numbered topics; these scores are on
the held-out odd topics and on the Multi-News sample (a different source).
"""

import pytest

from newsweave.cluster import cluster_stories
from newsweave.config import ClusterSettings
from newsweave.model import Article
from tests.eval.cluster_scoring import bcubed, pairwise
from tests.eval.corpora import read_ecbplus, read_multinews
from tests.eval.gate import check_floors, require

pytestmark = pytest.mark.eval


def _score(docs):
    articles = [Article(id=d.id, source=d.id, text=d.text, content_hash=d.id) for d in docs]
    stories = cluster_stories(articles, ClusterSettings())
    predicted = {a: s.id for s in stories for a in s.article_ids}
    gold = {d.id: d.cluster for d in docs}
    return bcubed(predicted, gold), pairwise(predicted, gold)


def test_clustering_quality(datasets):
    require(datasets / "ecbplus")
    require(datasets / "multinews_sample100")
    odd = [d for d in read_ecbplus(datasets) if d.group % 2 == 1]
    ecb_b3, ecb_pairs = _score(odd)
    mn_b3, _ = _score(read_multinews(datasets))
    scores = {f"ecb_odd_b3_{k}": v for k, v in ecb_b3.items()}
    scores |= {f"ecb_odd_pairwise_{k}": v for k, v in ecb_pairs.items()}
    scores |= {f"multinews_b3_{k}": v for k, v in mn_b3.items()}
    check_floors("clustering", scores)
