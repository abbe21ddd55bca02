"""Where the web UI's pages are: one path per page, the same path plus ``.json`` for its twin."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from newsweave.model import Span
from newsweave.report.views import passage_anchor

__all__ = ["WebLinks", "article_href", "paged", "story_href"]


def story_href(story_id: str, suffix: str = "") -> str:
    """``/stories/<id>`` (``suffix=".json"`` for its JSON twin)."""
    return f"/stories/{quote(story_id, safe='')}{suffix}"


def article_href(article_id: str, suffix: str = "") -> str:
    """``/articles/<id>`` (``suffix=".json"`` for its JSON twin)."""
    return f"/articles/{quote(article_id, safe='')}{suffix}"


def paged(path: str, page: int, **params: str) -> str:
    """``path`` with its query: the given parameters and ``page`` (left out for page 1)."""
    query = {k: v for k, v in params.items() if v}
    if page > 1:
        query["page"] = str(page)
    return f"{path}?{urlencode(query)}" if query else path


@dataclass(frozen=True, slots=True)
class WebLinks:
    """Citations open the cited passage in its article's page."""

    def article(self, article_id: str) -> str:
        return article_href(article_id)

    def passage(self, article_id: str, span: Span) -> str:
        return f"{article_href(article_id)}#{passage_anchor(article_id, span)}"
