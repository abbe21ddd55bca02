"""One ingest at a time per store.

Two ingests into one store at once (a scheduled run overlapping the last) would each
cluster what it saw and write its corpus tier over the other's: the one that wrote first
would lose its duplicates and index rows. So every ingest holds an exclusive lock on a file
beside the store, ``<store>.ingest.lock``, for as long as it writes; a second one waits for
it (and says so). The lock is the operating system's (``flock``): it ends with the process
however the process ends, so a crash leaves no stale lock behind. An ``flock`` belongs to
the open file, and the workers an ingest forks inherit it: each child points its copy at
``/dev/null`` as it starts, so workers orphaned by a killed ingest do not keep the store
locked. Readers (``stories``, ``serve``) take no lock: SQLite's write-ahead log gives them a
consistent snapshot.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsweave.errors import StoreError

__all__ = ["ingest_lock", "lock_path"]


#: Descriptors of the lock files this process holds (a forked child lets go of its copies).
_HELD: set[int] = set()


def _let_go_in_child() -> None:
    """In a forked child: the inherited lock descriptors are pointed at ``/dev/null`` (not
    closed, so the objects that wrap them stay valid), and the lock stays its parent's."""
    if not _HELD:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        for descriptor in _HELD:
            os.dup2(null, descriptor)
    finally:
        os.close(null)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_let_go_in_child)


def lock_path(store: str) -> str:
    """The lock file of the store at ``store``."""
    return f"{store}.ingest.lock"


@contextmanager
def ingest_lock(store: str, on_wait: Callable[[], None] | None = None) -> Iterator[bool]:
    """Hold the store's ingest lock for the block, waiting for another holder first (then
    ``on_wait`` is called once); the block gets whether it waited. A store in memory, or a
    platform without ``flock`` (Windows), takes no lock.

    Raises:
        StoreError: the lock file cannot be created beside the store.
    """
    if store == ":memory:" or os.name != "posix":
        yield False
        return
    import fcntl

    try:
        handle = open(lock_path(store), "a+b")  # noqa: SIM115 - held across the yield
    except OSError as error:
        raise StoreError(
            f"cannot create {lock_path(store)}: {error} (the store's folder must be writable)"
        ) from error
    with handle:
        waited = False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waited = True
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        _HELD.add(handle.fileno())
        try:
            yield waited
        finally:
            _HELD.discard(handle.fileno())
            fcntl.flock(handle, fcntl.LOCK_UN)
