"""Where quotations are: pairing opening and closing quotation marks.

Curly double quotes (“ ”), straight double quotes (") read by position, doubled
single marks (‘‘ ’’, `` ''), and guillemets. Apostrophes, including a
possessive after a word (``Jones’``), are never quotation marks. A quote left
open at the end of a paragraph continues when the next paragraph opens with a
quotation mark (the news convention for quotes over several paragraphs);
otherwise it ends with its paragraph.
"""

from __future__ import annotations

import re

from newsweave.model import Span

__all__ = ["find_quoted", "quote_depths"]

_OPEN = ("“", "‘‘", "``", "«", "„")
_CLOSE = ("”", "’’", "''", "»")
_BREAK = re.compile(r"\n\s*")
#: Where a mark or a paragraph break may be: the scan jumps between these.
_CANDIDATES = re.compile("|".join(re.escape(m) for m in ("\n", *_OPEN, *_CLOSE, '"')))


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """('open' | 'close' | 'straight', length) for a quotation mark at ``i``."""
    for mark in _OPEN:
        if text.startswith(mark, i):
            return "open", len(mark)
    for mark in _CLOSE:
        if text.startswith(mark, i):
            return "close", len(mark)
    if text[i] == '"':
        return "straight", 1
    return None


def _opens(text: str, i: int) -> bool:
    """A straight quote opens when it follows a space or start and precedes a non-space."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def find_quoted(text: str) -> list[Span]:
    """Spans of quoted words, without their marks, trimmed of surrounding spaces.

    Example: ``find_quoted('He said “we will win.” It’s over.')`` gives the span of ``we will win.``
    """
    spans = []
    start: int | None = None
    for candidate in _CANDIDATES.finditer(text):
        i = candidate.start()
        if text[i] == "\n":
            if start is not None and not _continues(text, i):
                spans.append((start, i))
                start = None
            continue
        kind, length = _mark_at(text, i) or ("none", 1)
        if kind == "straight":
            kind = (
                "open"
                if start is None and _opens(text, i)
                else "close"
                if start is not None
                else "none"
            )
        if kind == "open" and start is None:
            start = i + length
        elif kind == "close" and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return [s for s in (Span.stripped(text, a, b) for a, b in spans) if s is not None]


def quote_depths(text: str) -> tuple[int, int]:
    """How deep in quotation marks ``text`` goes below its start (the lowest depth, negative
    when it closes a quote it did not open) and where it ends (positive when a quote it opened
    is still open), the marks read as :func:`find_quoted` reads them. ``(0, 0)``: every quote
    in ``text`` opens and closes in it.

    A straight ``"`` after a digit is an inch mark; one with spaces on both sides (tokenised
    text) closes a quote that is open and opens one otherwise; in a text with ``„``, ``“``
    closes (German quotes).

    Example: ``quote_depths('It was hard," she said. "We will rebuild.')`` is ``(-1, 0)``.
    """
    german = "„" in text
    depth = lowest = 0
    for candidate in _CANDIDATES.finditer(text):
        i = candidate.start()
        kind, _ = _mark_at(text, i) or ("none", 1)
        if kind == "straight":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isdigit():
                continue
            spaced = before.isspace() and after.isspace()
            kind = "open" if _opens(text, i) or (spaced and depth <= 0) else "close"
        elif german and text.startswith("“", i):
            kind = "close"
        if kind in ("open", "close"):
            depth += 1 if kind == "open" else -1
            lowest = min(lowest, depth)
    return lowest, depth


def _continues(text: str, newline: int) -> bool:
    following = _BREAK.match(text, newline)
    at = following.end() if following else newline + 1
    return at < len(text) and (_mark_at(text, at) or ("", 0))[0] in ("open", "straight")
