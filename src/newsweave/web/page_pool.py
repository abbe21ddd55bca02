"""Archived pages read on every core: the costly part of reading an archive (trafilatura,
meta tags, JSON-LD: milliseconds a page) in a pool of processes, in file order still.

Reading a page is a pure function of its response (:func:`page_reading`); which of two
captures of one article is kept depends on their order, so the caller settles each page's
identity (:meth:`newsweave.web.identity.ArticleSet.accept`) as the readings come back.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from itertools import chain, islice

from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection
from newsweave.web.identity import page_reading
from newsweave.web.records import Response

__all__ = ["PAGE_BLOCK", "PARALLEL_PAGES", "PagePool", "Reading", "read_pages", "readings_of"]

#: Responses an archive holds before its pages are read in a pool of processes (fewer are
#: read sooner than processes start), and the responses a worker reads at a time.
PARALLEL_PAGES = 64
PAGE_BLOCK = 32

Reading = RawDocument | str | None


def read_pages(
    items: Iterator[Response | Rejection], pool: PagePool | None
) -> Iterator[tuple[Response | Rejection, Reading]]:
    """Each item with its reading (:func:`page_reading`; None for a rejection or a captured
    redirect, which are not read), in order; in ``pool`` once the items outnumber
    :data:`PARALLEL_PAGES`, at most a few blocks ahead, so memory stays bounded."""
    first = list(islice(items, PARALLEL_PAGES))
    if pool is None or len(first) < PARALLEL_PAGES:
        for item in chain(first, items):
            yield item, _reading(item)
        return
    pending: deque[tuple[list[Response | Rejection], Future[list[Reading]] | None]] = deque()
    for block in _blocks(chain(first, items)):
        pending.append((block, pool.submit(block)))
        if len(pending) >= pool.ahead:
            yield from _block_readings(*pending.popleft())
    while pending:
        yield from _block_readings(*pending.popleft())


def _blocks(items: Iterator[Response | Rejection]) -> Iterator[list[Response | Rejection]]:
    while block := list(islice(items, PAGE_BLOCK)):
        yield block


def _block_readings(
    block: list[Response | Rejection], future: Future[list[Reading]] | None
) -> Iterator[tuple[Response | Rejection, Reading]]:
    """The block's items with their readings; read here when the pool could not (it broke:
    a worker killed, say for memory)."""
    readings: list[Reading] | None = None
    if future is not None:
        try:
            readings = future.result()
        except BrokenExecutor:
            readings = None
    yield from zip(block, readings if readings is not None else readings_of(block), strict=True)


def readings_of(block: list[Response | Rejection]) -> list[Reading]:
    """The reading of each item of a block (what a worker of the pool runs)."""
    return [_reading(item) for item in block]


def _reading(item: Response | Rejection) -> Reading:
    if isinstance(item, Rejection) or _is_redirect(item):
        return None
    return page_reading(item, item.url)


def _is_redirect(response: Response) -> bool:
    return 300 <= response.status < 400 and "location" in response.headers


class PagePool:
    """Processes that read archived pages (trafilatura, milliseconds a page), started at
    the first :meth:`submit`, so a small archive never starts them; forked where the
    platform can, after trafilatura is loaded, so the workers share it."""

    def __init__(self, workers: int | None = None) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    @property
    def ahead(self) -> int:
        """Blocks in flight: enough to keep every worker busy."""
        return 2 * (self._workers or 2)

    def submit(self, block: list[Response | Rejection]) -> Future[list[Reading]] | None:
        """The readings of ``block`` to come from a worker; None when there is no pool to
        ask (one worker only, or it broke): then the caller reads the block itself."""
        if self._broken:
            return None
        if self._pool is None:
            self._pool = self._start()
            if self._pool is None:  # one core: nothing to share the work with
                self._broken = True
                return None
        try:
            return self._pool.submit(readings_of, block)
        except BrokenExecutor:
            self._broken = True
            return None

    def _start(self) -> ProcessPoolExecutor | None:
        import trafilatura  # noqa: F401  (loaded once, before the fork)

        from newsweave.engines.local import default_workers, process_pool

        self._workers = self._workers or default_workers()
        if self._workers <= 1:
            return None
        return process_pool(self._workers)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
