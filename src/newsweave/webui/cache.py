"""A small thread-safe LRU of what is costly to rebuild (rendered story and article pages,
decoded analyses), keyed by what the value depends on in the store, so a change
(an ingest beside the server, a new analysis) is a new key and never a stale page."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Lru"]

V = TypeVar("V")


class Lru(Generic[V]):
    """At most ``entries`` values and ``budget`` units of ``size(value)``; least recently
    used first out. ``get_or_make`` builds a missing value outside the lock (two threads
    may build the same value once each; the result is the same)."""

    def __init__(
        self, entries: int, budget: int = 1 << 62, size: Callable[[V], int] = lambda _: 1
    ) -> None:
        self._entries = entries
        self._budget = budget
        self._size = size
        self._values: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            self._values.move_to_end(key)
            return found[0]

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
                return found[0]
        value = make()
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: V) -> None:
        cost = self._size(value)
        if cost > self._budget:
            return
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self._used -= old[1]
            self._values[key] = (value, cost)
            self._used += cost
            while len(self._values) > self._entries or self._used > self._budget:
                _, (_, freed) = self._values.popitem(last=False)
                self._used -= freed

    def __len__(self) -> int:
        return len(self._values)
