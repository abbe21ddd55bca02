"""What reuse is not: shared quotations and boilerplate."""

from __future__ import annotations

import re

from newsweave.model import Span

__all__ = ["is_boilerplate", "quote_share", "quoted_spans"]

#: Share of a passage inside quotation marks above which it is a common quote, not reuse:
#: two outlets quoting one statement are independent reporting of it.
QUOTE_SHARE = 0.6

_QUOTED = re.compile(r"“[^“”]{2,}?”|\"[^\"\n]{2,}?\"|«[^«»]{2,}?»|‘‘[^‘’]{2,}?’’")
_BOILERPLATE = re.compile(
    r"\b(photo|image|picture|video|graphic)s?\s*(:|by|credit)|contributed (to )?(this )?report|"
    r"all rights reserved|copyright|©|\bshare (this|on)\b|follow us|subscribe|sign up|click here|"
    r"read more|newsletter|related:|advertisement",
    re.IGNORECASE,
)
#: A passage this short (in words) that matches a boilerplate pattern is boilerplate.
BOILERPLATE_WORDS = 40


def quoted_spans(text: str) -> list[Span]:
    """Spans of ``text`` inside quotation marks (curly, straight, guillemets), marks included."""
    return [Span(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def quote_share(span: Span, quotes: list[Span]) -> float:
    """Fraction of the characters of ``span`` that lie inside one of ``quotes``."""
    if not len(span):
        return 0.0
    inside = sum(max(0, min(span.end, q.end) - max(span.start, q.start)) for q in quotes)
    return inside / len(span)


def is_boilerplate(passage: str) -> bool:
    """Bylines, picture credits, share prompts and the like."""
    return len(passage.split()) <= BOILERPLATE_WORDS and bool(_BOILERPLATE.search(passage))
