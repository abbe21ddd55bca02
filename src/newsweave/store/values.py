"""Values read from a store that someone else may have made: SQLite lets any column hold any
type, so a column's value is taken as the type it should be, or as empty, never as a crash.
"""

from __future__ import annotations

__all__ = ["as_count", "as_known_count", "as_text"]


def as_text(value: object) -> str | None:
    """A text column's value as read from a store someone else may have made: text as it
    is, bytes decoded (bad bytes replaced), a number written out, NULL as None.

    Example: ``as_text(b"caf\\xc3\\xa9")`` is ``"café"``; ``as_text(12)`` is ``"12"``.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def as_count(value: object) -> int:
    """A count column's value as read from a store someone else may have made: a whole
    number of at least 0, else 0 (what pages then show)."""
    known = as_known_count(value)
    return 0 if known is None else known


def as_known_count(value: object) -> int | None:
    """A count that may be unknown (NULL, or a value that is no count): None then."""
    return value if type(value) is int and value >= 0 else None
