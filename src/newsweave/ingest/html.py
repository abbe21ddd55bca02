"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.errors import DocumentError

__all__ = ["HtmlPage", "extract_html"]


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None
    author: str | None = None


def extract_html(html: str) -> HtmlPage:
    """The article in ``html``: its main text (paragraphs split by blank lines) and metadata.

    Raises:
        DocumentError: trafilatura finds no main text.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise DocumentError("no main text found in the HTML")
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    return HtmlPage(
        text="\n\n".join(paragraphs),
        title=_clean(getattr(document, "title", None)),
        outlet=_clean(getattr(document, "sitename", None)),
        published=_clean(getattr(document, "date", None)),
        url=_clean(getattr(document, "url", None)),
        language=_clean(getattr(document, "language", None)),
        author=_clean(getattr(document, "author", None)),
    )


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
