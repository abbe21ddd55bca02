"""Article texts with cited passages marked, and links that jump to them.

Every citation anywhere in the report links to ``#p-<article>-<start>-<end>``;
:func:`mark_passages` puts those anchors into the escaped article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from itertools import pairwise

from newsweave.model import Article, Citation, Span
from newsweave.report.labels import base_label

__all__ = ["anchor_id", "as_written", "citation_link", "mark_passages", "snippet"]

#: Longest snippet of a cited passage shown inline, in characters.
SNIPPET_CHARS = 160


def anchor_id(article_id: str, span: Span) -> str:
    """The HTML id of one passage."""
    return escape(f"p-{article_id}-{span.start}-{span.end}", quote=True)


def citation_link(
    citation: Citation, articles: Mapping[str, Article], label: str | None = None
) -> str:
    """A link to the cited passage, labelled with the article's outlet (escaped)."""
    article = articles.get(citation.article)
    name = label or (base_label(article) if article else citation.article)
    title = snippet(article.text, citation.span) if article else ""
    return (
        f'<a class="cite" href="#{anchor_id(citation.article, citation.span)}" '
        f'title="{escape(title, quote=True)}">{escape(name)}</a>'
    )


def snippet(text: str, span: Span) -> str:
    """The passage's text, shortened to :data:`SNIPPET_CHARS` at a word boundary."""
    passage = " ".join(span.slice(text).split())
    if len(passage) <= SNIPPET_CHARS:
        return passage
    return passage[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def as_written(value: str, passages: Iterable[str]) -> str:
    """``value`` as the cited passages spell it, for a value kept normalised to lower case.

    The commonest spelling in the passages wins (the earliest on a tie); a value no
    passage spells, such as a date, is shown as it is.
    """
    pattern = re.compile(r"\s+".join(re.escape(w) for w in value.split()), re.IGNORECASE)
    seen: dict[str, int] = {}
    for passage in passages:
        for match in pattern.finditer(passage):
            form = " ".join(match.group().split())
            seen[form] = seen.get(form, 0) + 1
    if not value.strip() or not seen:
        return value
    return max(seen, key=lambda form: seen[form])


def mark_passages(text: str, spans: Iterable[Span], article_id: str) -> str:
    """Escaped ``text`` with each span wrapped in ``<mark>`` and given its anchor.

    Overlapping spans are handled by cutting the text at every boundary.
    """
    unique = sorted(set(spans))
    cuts = sorted({0, len(text), *(s.start for s in unique), *(s.end for s in unique)})
    starts: dict[int, list[Span]] = {}
    for span in unique:
        starts.setdefault(span.start, []).append(span)
    parts = []
    for left, right in pairwise(cuts):
        anchors = "".join(f'<a id="{anchor_id(article_id, s)}"></a>' for s in starts.get(left, ()))
        piece = escape(text[left:right])
        covered = any(s.start <= left and right <= s.end for s in unique)
        parts.append(anchors + (f"<mark>{piece}</mark>" if covered else piece))
    return "".join(parts)
