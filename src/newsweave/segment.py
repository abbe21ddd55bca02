"""Paragraphs and sentences of an article, as character spans into its text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsweave.model import Article, Segmentation, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_paragraphs", "segment"]

_PARAGRAPH = re.compile(r"[^\n]+")


def find_paragraphs(text: str) -> tuple[Span, ...]:
    """Each non-blank line run between newlines, trimmed of surrounding spaces.

    Example: ``find_paragraphs("a b\\n\\n c")`` gives ``(Span(0, 3), Span(6, 7))``.
    """
    spans = []
    for match in _PARAGRAPH.finditer(text):
        span = Span.stripped(text, match.start(), match.end())
        if span is not None:
            spans.append(span)
    return tuple(spans)


def segment(article: Article, doc: Doc) -> Segmentation:
    """Paragraphs from line breaks, sentences from the parsed ``doc`` (never across a paragraph)."""
    sentences = [Span.stripped(article.text, s.start_char, s.end_char) for s in doc.sents]
    return Segmentation(
        article=article.id,
        paragraphs=find_paragraphs(article.text),
        sentences=tuple(s for s in sentences if s is not None),
    )
