"""Group articles about the same events into stories.

TF-IDF cosine between whole articles, then average-link agglomerative
clustering cut at a calibrated similarity. Average link (not single link)
keeps a chain of loosely related articles from merging two stories.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from newsweave.cluster.tfidf import tfidf_matrix
from newsweave.config import ClusterSettings
from newsweave.model import Article, Story

__all__ = ["DEFAULT_THRESHOLD", "cluster_stories", "partition"]

#: Average cosine above which articles share a story. Swept 0.05-0.30 (0.01 steps near the top)
#: on ECB+ even topics (sub-topic gold): B-cubed F1 peaks at 0.16 (0.883; 0.876 at 0.18). Held out:
#: ECB+ odd topics B3 F1 0.873, Multi-News sample 0.893 (tests/eval/test_clustering.py).
DEFAULT_THRESHOLD = 0.16
#: Above this many articles the dense average-link matrix gets too large (n² floats);
#: larger inputs use single link over the sparse above-threshold graph instead.
MAX_DENSE = 4000
#: Longest headline made from a first sentence, in characters.
HEADLINE_CHARS = 100

_SENTENCE_END = re.compile(r"(?<=[.!?])\s|\n")


def cluster_stories(articles: Sequence[Article], settings: ClusterSettings) -> tuple[Story, ...]:
    """Every article in exactly one story; the partition does not depend on input order.

    Example: ``cluster_stories(articles, ClusterSettings())[0].article_ids``
    """
    if not articles:
        return ()
    order = sorted(range(len(articles)), key=lambda i: (articles[i].content_hash, articles[i].id))
    ranked = [articles[i] for i in order]
    matrix = tfidf_matrix([a.text for a in ranked])
    labels = partition(matrix, settings.threshold or DEFAULT_THRESHOLD)
    position = {a.id: i for i, a in enumerate(articles)}
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    stories = [_story([ranked[i] for i in members], matrix[members]) for members in groups.values()]
    stories.sort(key=lambda s: (-len(s.article_ids), min(position[i] for i in s.article_ids)))
    return tuple(
        Story(s.id, tuple(sorted(s.article_ids, key=position.__getitem__)), s.headline)
        for s in stories
    )


def partition(matrix: sparse.csr_matrix, threshold: float) -> np.ndarray:
    """Cluster labels of the rows of an L2-normalised matrix."""
    n = matrix.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    similarity = (matrix @ matrix.T).toarray() if n <= MAX_DENSE else None
    if similarity is None:
        graph = matrix @ matrix.T
        graph.data[graph.data < threshold] = 0
        graph.eliminate_zeros()
        return connected_components(graph, directed=False)[1]
    distance = np.clip(1.0 - similarity[np.triu_indices(n, k=1)], 0.0, 2.0)
    tree = linkage(distance, method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance")


def _story(members: list[Article], rows: sparse.csr_matrix) -> Story:
    ids = sorted(a.id for a in members)
    story_id = "s" + hashlib.sha256("\0".join(ids).encode("utf-8")).hexdigest()[:10]
    centrality = np.asarray((rows @ rows.T).mean(axis=1)).ravel()
    central = members[int(np.argmax(centrality))]
    return Story(story_id, tuple(a.id for a in members), _headline(central))


def _headline(article: Article) -> str:
    if article.title:
        return article.title
    first = _SENTENCE_END.split(article.text.strip(), maxsplit=1)[0].strip()
    if len(first) <= HEADLINE_CHARS:
        return first
    return first[:HEADLINE_CHARS].rsplit(" ", 1)[0] + " …"
