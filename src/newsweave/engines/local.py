"""The local engine: the corpus tier's per-article work in a pool of processes.

Features are a pure function of one article, so they fan out over cores; the
pool starts only when the batch is large enough to repay it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from newsweave.cluster.features import ArticleFeatures, article_features
from newsweave.model import Article

__all__ = ["MIN_PARALLEL", "compute_features", "default_workers"]

#: Articles below which one process is faster than starting a pool.
MIN_PARALLEL = 2000
#: Articles sent to a worker at a time.
CHUNK = 500


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _chunk_features(articles: Sequence[Article]) -> list[ArticleFeatures]:
    return [article_features(a) for a in articles]


def compute_features(
    articles: Sequence[Article],
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[ArticleFeatures]:
    """Features of every article, in the order given.

    Args:
        articles: the articles.
        workers: processes to use (default: every core); 1 computes in this process.
        progress: called with the number of articles done so far.
    """
    chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
    workers = workers or default_workers()
    out: list[ArticleFeatures] = []
    for done in _map(chunks, workers if len(articles) >= MIN_PARALLEL else 1):
        out.extend(done)
        if progress is not None:
            progress(len(out))
    return out


def _map(chunks: list[Sequence[Article]], workers: int) -> Iterator[list[ArticleFeatures]]:
    if workers <= 1:
        yield from (_chunk_features(c) for c in chunks)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_chunk_features, chunks)
