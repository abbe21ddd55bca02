"""Many articles' features as flat arrays (CSR rows per bag of words), for vectorised work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsweave.cluster.features import SCALE, ArticleFeatures, SparseVector
from newsweave.cluster.kernels import pair_dots

__all__ = ["NO_DAY", "Channel", "FeatureTable", "feature_table"]

#: ``days`` value of an article without a publication date.
NO_DAY = np.iinfo(np.int64).min


@dataclass(frozen=True, slots=True, eq=False)
class Channel:
    """One bag of words for every row: CSR ``indptr`` into sorted ``terms`` and ``weights``."""

    indptr: np.ndarray
    terms: np.ndarray
    weights: np.ndarray

    def cosines(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Cosine of rows ``left[q]`` and ``right[q]`` (exact integer dots over ``SCALE**2``)."""
        dots = pair_dots(self.indptr, self.terms, self.weights, left, right)
        return dots.astype(np.float64) / float(SCALE * SCALE)

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Dense cosine matrix of ``rows`` with one another (exact, via a sparse product)."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        pieces = [np.arange(s, e) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
        picks = np.concatenate(pieces).astype(np.int64) if pieces else np.zeros(0, np.int64)
        local, columns = np.unique(self.terms[picks], return_inverse=True)
        matrix = sparse.csr_matrix(
            (
                self.weights[picks].astype(np.float64),
                columns,
                np.concatenate(([0], np.cumsum(lengths))),
            ),
            shape=(len(rows), max(len(local), 1)),
        )
        return (matrix @ matrix.T).toarray() / float(SCALE * SCALE)


@dataclass(frozen=True, slots=True, eq=False)
class FeatureTable:
    """Row ``i`` holds the features of article ``ids[i]``."""

    ids: tuple[str, ...]
    text: Channel
    lead: Channel
    names: Channel
    minhash: np.ndarray  # (rows, permutations) uint32
    days: np.ndarray  # int64, NO_DAY when unknown
    written: np.ndarray  # int64: publication day, else the latest written date; NO_DAY if none
    blocks: tuple[tuple[int, ...], ...]

    def __len__(self) -> int:
        return len(self.ids)


def _channel(vectors: Sequence[SparseVector]) -> Channel:
    lengths = np.fromiter((len(v) for v in vectors), dtype=np.int64, count=len(vectors))
    indptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    if not len(vectors) or not indptr[-1]:
        empty = np.zeros(0, dtype=np.int64)
        return Channel(indptr, empty, empty.copy())
    return Channel(
        indptr,
        np.concatenate([v.terms for v in vectors]).astype(np.int64),
        np.concatenate([v.weights for v in vectors]).astype(np.int64),
    )


def feature_table(features: Sequence[ArticleFeatures]) -> FeatureTable:
    """Stack features row by row, in the order given."""
    from newsweave.cluster.minhash import PERMUTATIONS

    return FeatureTable(
        ids=tuple(f.article for f in features),
        text=_channel([f.text for f in features]),
        lead=_channel([f.lead for f in features]),
        names=_channel([f.names for f in features]),
        minhash=(
            np.stack([f.minhash for f in features])
            if features
            else np.zeros((0, PERMUTATIONS), dtype=np.uint32)
        ),
        days=np.array([NO_DAY if f.day is None else f.day for f in features], dtype=np.int64),
        written=np.array(
            [NO_DAY if f.written is None else f.written for f in features], dtype=np.int64
        ),
        blocks=tuple(f.blocks for f in features),
    )
