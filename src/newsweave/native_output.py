"""What native libraries print past Python: HiGHS's diagnostics on the standard output, the
JVM's start-up chatter on the standard error. Both write to the file descriptor itself, so
only sending the descriptor elsewhere keeps it off a stream that may carry a JSON document or
a one-line error."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["discarded"]


#: Blocks inside :func:`discarded` now, per descriptor: the first to enter sends it away and
#: the last to leave brings it back, so threads that overlap never restore the null device.
_depth: dict[int, int] = {}
_saved: dict[int, int] = {}
_lock = threading.Lock()


@contextmanager
def discarded(fd: int) -> Iterator[None]:
    """Send what is written to file descriptor ``fd`` (1 or 2) to the null device while the
    block runs. Python's own buffer for it is flushed first, so nothing the program wrote is
    lost or reordered; a process without that descriptor runs the block as it is. It is
    process-wide: another thread's writes to ``fd`` in the meantime are discarded too.

    Example: ``with discarded(1): milp(...)``
    """
    stream = sys.stdout if fd == 1 else sys.stderr
    with _lock:
        entered = _enter(fd, stream)
    try:
        yield
    finally:
        if entered:
            with _lock:
                _leave(fd)


def _enter(fd: int, stream: TextIO | None) -> bool:
    if _depth.get(fd):
        _depth[fd] += 1
        return True
    if stream is not None:
        stream.flush()
    try:
        saved = os.dup(fd)
    except OSError:  # no such descriptor: nothing to protect
        return False
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)
    _saved[fd], _depth[fd] = saved, 1
    return True


def _leave(fd: int) -> None:
    _depth[fd] -= 1
    if _depth[fd] == 0:
        saved = _saved.pop(fd)
        os.dup2(saved, fd)
        os.close(saved)
