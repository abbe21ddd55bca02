"""One ingest at a time per store.

Two ingests into one store at once (a scheduled run overlapping the last) would each
cluster what it saw and write its corpus tier over the other's: the one that wrote first
would lose its duplicates and index rows. So every ingest holds an exclusive lock on a file
beside the store, ``<store>.ingest.lock``, for as long as it writes; a second one waits for
it (and says so). The lock is the operating system's (``flock``): it ends with the process
however the process ends, so a crash leaves no stale lock behind. Readers (``stories``,
``serve``) take no lock: SQLite's write-ahead log gives them a consistent snapshot.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsweave.errors import StoreError

__all__ = ["ingest_lock", "lock_path"]


def lock_path(store: str) -> str:
    """The lock file of the store at ``store``."""
    return f"{store}.ingest.lock"


@contextmanager
def ingest_lock(store: str, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the store's ingest lock for the block, waiting for another holder first (then
    ``on_wait`` is called once). A store in memory, or a platform without ``flock``
    (Windows), takes no lock.

    Raises:
        StoreError: the lock file cannot be created beside the store.
    """
    if store == ":memory:" or os.name != "posix":
        yield
        return
    import fcntl

    try:
        handle = open(lock_path(store), "a+b")  # noqa: SIM115 - held across the yield
    except OSError as error:
        raise StoreError(
            f"cannot create {lock_path(store)}: {error} (the store's folder must be writable)"
        ) from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
