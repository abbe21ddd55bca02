"""What reuse is not: shared quotations and boilerplate."""

from __future__ import annotations

import re

from newsweave.model import Span

__all__ = ["is_boilerplate", "is_common_quote", "quote_share", "quoted_spans"]

#: Words outside quotation marks that a passage may share and still be a common quote
#: ("the minister wrote on Twitter", "she told reporters on Monday"): two outlets quoting
#: one statement are independent reporting of it. More shared framing than this is copying.
QUOTE_FRAME_WORDS = 10

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


def is_common_quote(text: str, span: Span, quotes: list[Span]) -> bool:
    """True when ``span`` of ``text`` is a quotation with at most a short attribution around it."""
    outside = list(text[span.start : span.end])
    for quote in quotes:
        for i in range(max(quote.start, span.start), min(quote.end, span.end)):
            outside[i - span.start] = " "
    return len("".join(outside).split()) <= QUOTE_FRAME_WORDS and quote_share(span, quotes) > 0


def is_boilerplate(passage: str) -> bool:
    """Bylines, picture credits, share prompts and the like."""
    return len(passage.split()) <= BOILERPLATE_WORDS and bool(_BOILERPLATE.search(passage))
