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

__all__ = ["find_quoted"]

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


def _continues(text: str, newline: int) -> bool:
    following = _BREAK.match(text, newline)
    at = following.end() if following else newline + 1
    return at < len(text) and (_mark_at(text, at) or ("", 0))[0] in ("open", "straight")
