"""Text normalisation, done once at ingest: every later offset indexes the result."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text"]

#: Characters removed: control characters but tab and the line ends, zero-width space, byte
#: order mark (and the line and paragraph separators, made line ends first).
_REMOVED = (
    *map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)),
    *"\u200b\u2028\u2029\ufeff",
)
_CONTROL = re.compile("[" + "".join(map(re.escape, _REMOVED)) + "]")
_NEWLINES = re.compile(r"\r\n?")


def normalize_text(text: str) -> str:
    """NFC, LF line ends, no control or zero-width characters, no trailing space at the end.

    Non-breaking spaces are kept (they are text, and offsets must stay honest);
    leading and inner whitespace is kept as written. Idempotent.

    Example: ``normalize_text("caf\\u0065\\u0301\\r\\n")`` is ``"café"``.
    """
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    # few texts hold any: looking for each (a fast scan) is far cheaper than the pattern's
    if any(c in text for c in _REMOVED):
        text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text.rstrip()
