"""TF-IDF vectors of whole articles: word tokens only, no NLP model (corpus tier)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

__all__ = ["STOP_WORDS", "tfidf_matrix", "tokens"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")

STOP_WORDS = frozenset(
    """
        a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each few
        for from further had has have having he her here hers herself him himself his how i if
        in into is it its itself just me more most my myself no nor not now of off on once only
        or other our ours ourselves out over own same she should so some such than that the
        their theirs them themselves then there these they this those through to too under until
        up very was we were what when where which while who whom why will with would you your
        yours yourself yourselves said says say told according new one two also would could may
        might must shall us mr mrs ms
        """.split()
)


def tokens(text: str) -> list[str]:
    """Lower-cased, accent-folded words without stop words or one-letter words.

    Example: ``tokens("Peña said: the Vote")`` is ``["pena", "vote"]``.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [
        w.replace("’", "'") for w in _WORD.findall(folded) if len(w) > 1 and w not in STOP_WORDS
    ]


def tfidf_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Rows are L2-normalised TF-IDF vectors (sublinear tf, smoothed idf over ``texts``)."""
    counts = [Counter(tokens(t)) for t in texts]
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
            column = vocabulary[word]
            rows.append(row)
            cols.append(column)
            values.append((1.0 + math.log(count)) * idf[column])
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), len(vocabulary)))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
