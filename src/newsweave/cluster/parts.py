"""Bounded parts of the strong-pair graph: what average link clusters, exactly, at a time.

Average link joins only groups linked by a pair at or above the cut, so each connected
component of those pairs can be clustered alone. A firehose chains components,
though: a topic's coverage over weeks links story to story through one strong pair
here and there. A component larger than :data:`MAX_PART` is split where it is held
together most weakly: its pairs below the next of :data:`LEVELS` are dropped and it
falls apart into components again, recursively, until every part is small enough to
be clustered with every pair's probability. Only the pairs that held two parts together
are lost, and they were the weakest the component had; a part still too large at the
last level is clustered over its listed pairs only.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

__all__ = ["LEVELS", "MAX_PART", "bounded_parts"]

#: Most representatives clustered at once with every pair's probability (a dense matrix):
#: 500 is 125,000 pairs, a tenth of a second. At 2,000 (2 million pairs) the 10,000-article
#: firehose corpus held one chained component of 1,722 texts whose 1.5 million pairs took
#: a fifth of its ingest (4.9 -> 3.8 s, peak 664 -> 503 MB at 500; its stories B-cubed
#: 0.920 -> 0.921, the 50k corpus and the mixed stream unchanged, 2026-12-05).
MAX_PART = 500
#: Probabilities a too-large component is cut at, in turn.
LEVELS = (0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99)


def bounded_parts(
    n: int,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    cut: float,
    limit: int = MAX_PART,
) -> list[tuple[np.ndarray, bool]]:
    """Parts of the rows ``0..n-1`` under pairs at or above ``cut``, each at most ``limit``
    rows, with whether it could be kept that small (else: cluster its pairs only).

    Rows are sorted within each part; parts are ordered by their first row.
    """
    if n == 0:
        return []
    strong = probability >= cut
    parts = _split(np.arange(n), left[strong], right[strong], probability[strong], 0, limit)
    return sorted(parts, key=lambda part: int(part[0][0]))


def _split(
    rows: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    level: int,
    limit: int,
) -> list[tuple[np.ndarray, bool]]:
    local = np.full(int(rows.max()) + 1 if len(rows) else 0, -1, dtype=np.int64)
    local[rows] = np.arange(len(rows))
    graph = sparse.coo_matrix(
        (np.ones(len(left)), (local[left], local[right])), shape=(len(rows), len(rows))
    )
    _, labels = connected_components(graph, directed=False)
    out: list[tuple[np.ndarray, bool]] = []
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    edge_label = labels[local[left]] if len(left) else np.zeros(0, dtype=np.int64)
    for group in np.split(order, bounds):
        members = rows[np.sort(group)]
        if len(members) <= limit:
            out.append((members, True))
            continue
        if level >= len(LEVELS):
            out.append((members, False))
            continue
        inside = edge_label == labels[group[0]]
        keep = inside & (probability >= LEVELS[level])
        out.extend(_split(members, left[keep], right[keep], probability[keep], level + 1, limit))
    return out
