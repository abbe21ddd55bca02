"""Text normalisation, done once at ingest: every later offset indexes the result."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029\ufeff]")
_NEWLINES = re.compile(r"\r\n?")


def normalize_text(text: str) -> str:
    """NFC, LF line ends, no control or zero-width characters, no trailing space at the end.

    Non-breaking spaces are kept (they are text, and offsets must stay honest);
    leading and inner whitespace is kept as written. Idempotent.

    Example: ``normalize_text("caf\\u0065\\u0301\\r\\n")`` is ``"café"``.
    """
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text.rstrip()
