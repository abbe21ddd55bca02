"""Politeness per host: at most ``per_host`` requests in flight, starts ``min_interval`` apart."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsweave.errors import DocumentError

__all__ = ["HostLimits"]


class HostLimits:
    """Per-host slots shared by the threads of one run.

    Example::

        limits = HostLimits(per_host=2, min_interval=1.0)
        with limits.slot("a.org:443", deadline=time.monotonic() + 60):
            ...  # one request to a.org
    """

    def __init__(
        self,
        per_host: int,
        min_interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._per_host = per_host
        self._interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, deadline: float) -> Iterator[None]:
        """Hold one of ``host``'s slots, waiting for it and for the host's next start time.

        Raises:
            DocumentError: the wait would end after ``deadline``.
        """
        semaphore = self._semaphore(host)
        if not semaphore.acquire(timeout=max(0.0, deadline - self._clock())):
            raise DocumentError(_LATE)
        try:
            wait = self._reserve(host, deadline)
            if wait > 0:
                self._sleep(wait)
            yield
        finally:
            semaphore.release()

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._slots.setdefault(host, threading.BoundedSemaphore(self._per_host))

    def _reserve(self, host: str, deadline: float) -> float:
        """Book the host's next start time; returns how long to wait for it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            if start > deadline:
                raise DocumentError(_LATE)
            self._next_start[host] = start + self._interval
            return start - now


_LATE = "not fetched: the run's time bound passed while waiting for the host (raise web.deadline)"
