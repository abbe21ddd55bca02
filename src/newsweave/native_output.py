"""What native libraries print past Python: HiGHS's diagnostics on the standard output, the
JVM's start-up chatter on the standard error. Both write to the file descriptor itself, so
only sending the descriptor elsewhere keeps it off a stream that may carry a JSON document or
a one-line error."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["discarded"]


@contextmanager
def discarded(fd: int) -> Iterator[None]:
    """Send what is written to file descriptor ``fd`` (1 or 2) to the null device while the
    block runs. Python's own buffer for it is flushed first, so nothing the program wrote is
    lost or reordered; a process without that descriptor runs the block as it is.

    Example: ``with discarded(1): milp(...)``
    """
    stream = sys.stdout if fd == 1 else sys.stderr
    stream.flush()
    try:
        saved = os.dup(fd)
    except OSError:
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)
        os.close(null)
