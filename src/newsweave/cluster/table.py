"""Many articles' features as flat arrays (CSR rows per bag of words), for vectorised work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsweave.cluster.features import SCALE, ArticleFeatures, SparseVector
from newsweave.cluster.kernels import pair_dots

__all__ = ["NO_DAY", "Channel", "FeatureTable", "concat_tables", "feature_table"]

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

    def vector(self, k: int) -> SparseVector:
        """Row ``k``'s vector (views of the channel's arrays)."""
        start, end = int(self.indptr[k]), int(self.indptr[k + 1])
        return SparseVector(self.terms[start:end], self.weights[start:end])

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
    content_hashes: tuple[str, ...] = ()
    #: whitespace-separated words of each text (kept with the features; 0 where unknown)
    words: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.ids)

    def by_id(self) -> FeatureTable:
        """The same rows sorted by article id (itself when they already are)."""
        if list(self.ids) == sorted(self.ids):
            return self
        return self.take(np.argsort(np.array(self.ids, dtype=object), kind="stable"))

    def row(self, k: int) -> ArticleFeatures:
        """Row ``k`` as one article's features (its arrays are views of the table's)."""
        day, written = int(self.days[k]), int(self.written[k])
        return ArticleFeatures(
            article=self.ids[k],
            content_hash=self.content_hashes[k] if self.content_hashes else "",
            text=self.text.vector(k),
            lead=self.lead.vector(k),
            names=self.names.vector(k),
            minhash=self.minhash[k],
            blocks=self.blocks[k],
            day=None if day == NO_DAY else day,
            words=int(self.words[k]) if len(self.words) else 0,
            written=None if written == NO_DAY else written,
        )

    def rows(self) -> list[ArticleFeatures]:
        """Every row as an article's features, in order."""
        return [self.row(k) for k in range(len(self))]

    def take(self, rows: np.ndarray) -> FeatureTable:
        """The table of the given rows only, in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        pick = rows.tolist()
        return FeatureTable(
            ids=tuple(self.ids[r] for r in pick),
            text=_take_channel(self.text, rows),
            lead=_take_channel(self.lead, rows),
            names=_take_channel(self.names, rows),
            minhash=self.minhash[rows],
            days=self.days[rows],
            written=self.written[rows],
            blocks=tuple(self.blocks[r] for r in pick),
            content_hashes=tuple(self.content_hashes[r] for r in pick)
            if self.content_hashes
            else (),
            words=self.words[rows] if len(self.words) else self.words,
        )


def _channel(vectors: Sequence[SparseVector]) -> Channel:
    lengths = np.fromiter((len(v) for v in vectors), dtype=np.int64, count=len(vectors))
    indptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    if not len(vectors) or not indptr[-1]:
        return Channel(indptr, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32))
    return Channel(
        indptr,
        np.concatenate([v.terms for v in vectors]).astype(np.int64, copy=False),
        np.concatenate([v.weights for v in vectors]).astype(np.int32, copy=False),
    )


def _take_channel(channel: Channel, rows: np.ndarray) -> Channel:
    starts, ends = channel.indptr[rows], channel.indptr[rows + 1]
    lengths = ends - starts
    indptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    picks = np.repeat(starts - indptr[:-1], lengths) + np.arange(int(indptr[-1]))
    return Channel(indptr, channel.terms[picks], channel.weights[picks])


def _concat_channels(channels: Sequence[Channel]) -> Channel:
    offsets = np.cumsum([0] + [int(c.indptr[-1]) for c in channels[:-1]])
    indptr = np.concatenate(
        [np.zeros(1, dtype=np.int64)]
        + [c.indptr[1:] + o for c, o in zip(channels, offsets, strict=True)]
    )
    return Channel(
        indptr.astype(np.int64),
        np.concatenate([c.terms for c in channels]),
        np.concatenate([c.weights for c in channels]),
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
        content_hashes=tuple(f.content_hash for f in features),
        words=np.array([f.words for f in features], dtype=np.int64),
    )


def concat_tables(tables: Sequence[FeatureTable]) -> FeatureTable:
    """One table of several, rows in order."""
    from newsweave.cluster.minhash import PERMUTATIONS

    if not tables:
        return feature_table([])
    return FeatureTable(
        ids=tuple(i for t in tables for i in t.ids),
        text=_concat_channels([t.text for t in tables]),
        lead=_concat_channels([t.lead for t in tables]),
        names=_concat_channels([t.names for t in tables]),
        minhash=np.concatenate([t.minhash for t in tables]).reshape(-1, PERMUTATIONS),
        days=np.concatenate([t.days for t in tables]),
        written=np.concatenate([t.written for t in tables]),
        blocks=tuple(b for t in tables for b in t.blocks),
        content_hashes=tuple(h for t in tables for h in t.content_hashes),
        words=np.concatenate([_words(t) for t in tables]),
    )


def _words(table: FeatureTable) -> np.ndarray:
    return table.words if len(table.words) == len(table) else np.zeros(len(table), np.int64)
