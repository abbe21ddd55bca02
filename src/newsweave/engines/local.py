"""The local engine: the corpus tier's per-article work in a pool of processes.

Decoding a raw document, turning it into an article (normalising, inferring metadata)
and computing its features are pure functions of one document, so they fan out over
cores in chunks; the pool starts only when the batch is large enough to repay it, and
the caller writes one chunk to the store while the workers prepare the next. A worker
hands a chunk back in compact form (:class:`PreparedChunk`: the articles, one feature
table, the features already encoded as the store keeps them), so the caller's share of
the work is writing, not converting.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.featurize import feature_rows, features_of, warm_up
from newsweave.cluster.table import FeatureTable
from newsweave.errors import DocumentError
from newsweave.ingest.readers import document_of
from newsweave.ingest.records import RawItem, make_article
from newsweave.model import Article, Rejection

__all__ = [
    "CHUNK",
    "Preparation",
    "PreparedChunk",
    "chunk_of",
    "compute_features",
    "default_workers",
    "prepare",
    "prepare_chunk",
    "process_pool",
]

T = TypeVar("T")

#: Documents sent to a worker at a time.
CHUNK = 1000
#: Documents below which one process is faster than starting a pool.
MIN_PARALLEL = 2000


@dataclass(frozen=True, slots=True, eq=False)
class PreparedChunk:
    """Documents made into articles and features, in input order: what a worker hands
    back for a chunk. ``table`` has a row per article of ``items``, in the same order, and
    ``blobs`` each row's features encoded as the store keeps them."""

    items: tuple[Article | Rejection, ...]
    table: FeatureTable
    blobs: tuple[bytes, ...]

    @property
    def articles(self) -> list[Article]:
        return [i for i in self.items if isinstance(i, Article)]

    @property
    def rejected(self) -> list[Rejection]:
        return [i for i in self.items if isinstance(i, Rejection)]


def chunk_of(items: Sequence[Article | Rejection]) -> PreparedChunk:
    """The features of the articles among ``items``, computed here."""
    from newsweave.store.codec import encode_table

    table = feature_rows([i for i in items if isinstance(i, Article)])
    return PreparedChunk(tuple(items), table, tuple(encode_table(table)))


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def prepare_chunk(items: Sequence[RawItem]) -> PreparedChunk:
    """Articles and features of raw documents; rejections pass through."""
    made: list[Article | Rejection] = []
    for item in items:
        if isinstance(item, Rejection):
            made.append(item)
            continue
        try:
            made.append(make_article(document_of(item)))
        except DocumentError as error:
            made.append(Rejection(item.source, str(error)))
    return chunk_of(made)


def prepare(items: Iterable[RawItem], workers: int | None = None) -> Iterator[PreparedChunk]:
    """Chunks of prepared documents, in input order, computed ``workers`` at a time."""
    with Preparation(items, workers) as preparation:
        yield from preparation.chunks()


class Preparation:
    """:func:`prepare` that keeps its pool of processes (when the batch was large enough to
    start one) until it is closed, for work after the reading: :meth:`submit` runs a
    function there, beside the caller. The pool starts at the first chunk, so a caller
    that waits for the store first holds no idle processes meanwhile."""

    def __init__(self, items: Iterable[RawItem], workers: int | None = None) -> None:
        self._items = iter(items)
        self._workers = workers or default_workers()
        self._pool: ProcessPoolExecutor | None = None

    def chunks(self) -> Iterator[PreparedChunk]:
        """Chunks of prepared documents, in input order."""
        first = list(islice(self._items, MIN_PARALLEL))
        chunks = _chunks(first, self._items)
        if len(first) < MIN_PARALLEL or self._workers <= 1:
            yield from (prepare_chunk(c) for c in chunks)
            return
        self._pool = _pool(self._workers)
        yield from _ordered(self._pool, chunks, ahead=2 * self._workers)

    def submit(self, work: Callable[..., T], *args: object) -> Future[T] | None:
        """``work(*args)`` in a worker of the pool; None when there is no pool (the batch
        was small, or this is closed) or it broke since the reading (a worker killed, say
        for memory): then the caller does the work itself."""
        if self._pool is None:
            return None
        try:
            return self._pool.submit(work, *args)
        except BrokenExecutor:
            return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Preparation:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def process_pool(
    workers: int, initializer: Callable[[], None] | None = None
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, forked where the platform can (so they share what
    the parent loaded before), spawned where it cannot."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=initializer)


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, started after the word tables every worker reads
    are loaded, so forked workers share them instead of each loading its own."""
    if os.name == "posix":
        warm_up()
    return process_pool(workers, _start_worker)


#: Allocations between the youngest garbage collections in a worker (CPython's default is
#: 700): a worker makes millions of short-lived lists and dicts and keeps few of them.
WORKER_GC_THRESHOLD = 50_000


def _start_worker() -> None:
    """A worker sets aside what it inherited (the word tables: never garbage) and collects
    its young objects less often, which a measured fifth of its time went to."""
    import gc

    gc.freeze()
    collect_less_often()


def collect_less_often() -> None:
    """Collect young objects every :data:`WORKER_GC_THRESHOLD` allocations."""
    import gc

    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _ordered(
    pool: ProcessPoolExecutor, chunks: Iterator[list[RawItem]], ahead: int
) -> Iterator[PreparedChunk]:
    """Prepared chunks in order, at most ``ahead`` in flight, so memory stays bounded."""
    pending: deque[Future[PreparedChunk]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(prepare_chunk, chunk))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _chunks(first: list[RawItem], rest: Iterator[RawItem]) -> Iterator[list[RawItem]]:
    for start in range(0, len(first), CHUNK):
        yield first[start : start + CHUNK]
    while chunk := list(islice(rest, CHUNK)):
        yield chunk


def compute_features(
    articles: Sequence[Article],
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[ArticleFeatures]:
    """Features of articles already made (e.g. read back from the store), in order."""
    chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
    workers = workers or default_workers()
    out: list[ArticleFeatures] = []
    if len(articles) < MIN_PARALLEL or workers <= 1:
        results: Iterable[list[ArticleFeatures]] = map(features_of, chunks)
        for done in results:
            out.extend(done)
            if progress is not None:
                progress(len(out))
        return out
    with _pool(workers) as pool:
        for done in pool.map(features_of, chunks):
            out.extend(done)
            if progress is not None:
                progress(len(out))
    return out
