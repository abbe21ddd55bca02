"""The local engine: the corpus tier's per-article work in a pool of processes.

Turning a raw document into an article (normalising, inferring metadata) and its
features are pure functions of one document, so they fan out over cores in
chunks; the pool starts only when the batch is large enough to repay it, and the
caller writes one chunk to the store while the workers prepare the next.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import islice

from newsweave.cluster.features import ArticleFeatures, article_features
from newsweave.cluster.terms import preload
from newsweave.errors import DocumentError
from newsweave.ingest.normalize import normalize_text
from newsweave.ingest.records import RawDocument, make_article
from newsweave.model import Article, Rejection

__all__ = ["CHUNK", "Prepared", "compute_features", "default_workers", "prepare"]

#: Documents sent to a worker at a time.
CHUNK = 1000
#: Documents below which one process is faster than starting a pool.
MIN_PARALLEL = 2000

#: An article and its features, or why the document was rejected.
Prepared = tuple[Article, ArticleFeatures] | Rejection


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def prepare_chunk(items: Sequence[RawDocument | Rejection]) -> list[Prepared]:
    """Articles and features of raw documents; rejections pass through."""
    out: list[Prepared] = []
    for item in items:
        if isinstance(item, Rejection):
            out.append(item)
            continue
        try:
            article = make_article(item)
        except DocumentError as error:
            out.append(Rejection(item.source, str(error)))
            continue
        out.append((article, article_features(article)))
    return out


def prepare(
    items: Iterable[RawDocument | Rejection], workers: int | None = None
) -> Iterator[list[Prepared]]:
    """Chunks of prepared documents, in input order, computed ``workers`` at a time."""
    source = iter(items)
    first = list(islice(source, MIN_PARALLEL))
    workers = workers or default_workers()
    if len(first) < MIN_PARALLEL or workers <= 1:
        chunks: Iterable[list[RawDocument | Rejection]] = _chunks(first, source)
        yield from (prepare_chunk(c) for c in chunks)
        return
    with _pool(workers) as pool:
        yield from _ordered(pool, _chunks(first, source), ahead=2 * workers)


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes; forked where the platform can, after the word
    tables every worker reads are loaded, so the workers share them instead of each
    loading its own."""
    import multiprocessing

    if os.name == "posix":
        preload()
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)


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


def prepare_without_texts(items: Sequence[RawDocument | Rejection]) -> list[Prepared]:
    """:func:`prepare_chunk`, with the articles' texts left out of what travels back (the
    caller still holds the raw texts and normalises them again, which is cheap)."""
    return [
        item if isinstance(item, Rejection) else (replace(item[0], text=""), item[1])
        for item in prepare_chunk(items)
    ]


def _ordered(
    pool: ProcessPoolExecutor, chunks: Iterator[list[RawDocument | Rejection]], ahead: int
) -> Iterator[list[Prepared]]:
    """Prepared chunks in order, at most ``ahead`` in flight, so memory stays bounded."""
    pending: deque[tuple[Future[list[Prepared]], list[RawDocument | Rejection]]] = deque()
    for chunk in chunks:
        pending.append((pool.submit(prepare_without_texts, chunk), chunk))
        if len(pending) >= ahead:
            future, sent = pending.popleft()
            yield with_texts(future.result(), sent)
    while pending:
        future, sent = pending.popleft()
        yield with_texts(future.result(), sent)


def with_texts(
    prepared: Sequence[Prepared], chunk: Sequence[RawDocument | Rejection]
) -> list[Prepared]:
    """What :func:`prepare_without_texts` made of ``chunk``, each article's text normalised
    again from the raw document."""
    out: list[Prepared] = []
    for item, raw in zip(prepared, chunk, strict=True):
        if isinstance(item, Rejection) or isinstance(raw, Rejection):
            out.append(item)
        else:
            out.append((replace(item[0], text=normalize_text(raw.text)), item[1]))
    return out


def _chunks(
    first: list[RawDocument | Rejection], rest: Iterator[RawDocument | Rejection]
) -> Iterator[list[RawDocument | Rejection]]:
    for start in range(0, len(first), CHUNK):
        yield first[start : start + CHUNK]
    while chunk := list(islice(rest, CHUNK)):
        yield chunk


def _features_chunk(articles: Sequence[Article]) -> list[ArticleFeatures]:
    return [article_features(a) for a in articles]


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
        results: Iterable[list[ArticleFeatures]] = map(_features_chunk, chunks)
        for done in results:
            out.extend(done)
            if progress is not None:
                progress(len(out))
        return out
    with _pool(workers) as pool:
        for done in pool.map(_features_chunk, chunks):
            out.extend(done)
            if progress is not None:
                progress(len(out))
    return out
