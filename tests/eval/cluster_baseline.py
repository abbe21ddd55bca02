"""The plain baseline for story clustering: TF-IDF cosine (corpus idf, sublinear tf) and
average link, its threshold tuned separately on each corpus (an oracle no user has)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage

from newsweave.cluster.terms import content_words, words

__all__ = ["THRESHOLDS", "tfidf_average_link", "tfidf_matrix"]

#: Thresholds swept for the per-corpus oracle.
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.02, 0.61, 0.01))


def tfidf_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Rows are L2-normalised TF-IDF vectors (sublinear tf, smoothed idf over ``texts``)."""
    counts = [Counter(content_words(words(t))) for t in texts]
    vocabulary: dict[str, int] = {}
    for bag in counts:
        for word in bag:
            vocabulary.setdefault(word, len(vocabulary))
    df = np.zeros(len(vocabulary))
    for bag in counts:
        for word in bag:
            df[vocabulary[word]] += 1
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    rows, cols, values = [], [], []
    for row, bag in enumerate(counts):
        for word, count in bag.items():
            rows.append(row)
            cols.append(vocabulary[word])
            values.append((1.0 + math.log(count)) * idf[vocabulary[word]])
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), max(len(vocabulary), 1)))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def tfidf_average_link(
    texts: Sequence[str], thresholds: Sequence[float] = THRESHOLDS
) -> dict[float, np.ndarray]:
    """Labels of the texts at each cosine threshold (one linkage, many cuts)."""
    n = len(texts)
    if n < 2:
        return {t: np.zeros(n, dtype=int) for t in thresholds}
    matrix = tfidf_matrix(texts)
    similarity = (matrix @ matrix.T).toarray()
    tree = linkage(np.clip(1.0 - similarity[np.triu_indices(n, k=1)], 0.0, 2.0), method="average")
    return {t: fcluster(tree, t=1.0 - t, criterion="distance") for t in thresholds}
