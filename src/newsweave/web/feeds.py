"""RSS and Atom feeds (and JSON Feed) through feedparser: the article links they list."""

from __future__ import annotations

import io
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from newsweave.errors import DocumentError
from newsweave.web.records import Link, Listing, Response
from newsweave.web.urls import resolve

__all__ = ["read_feed"]


def read_feed(response: Response, depth: int, max_items: int) -> Listing:
    """The links of a feed's entries, in feed order, each with the entry's title and date.

    Parsing never touches the network (feedparser reads the bytes given). A feed with syntax
    errors whose entries can still be read is read; one with none is rejected.

    Raises:
        DocumentError: the feed is malformed and lists nothing, or lists no entry with a link.

    Example: ``read_feed(response, depth=1, max_items=100).links[0].url``
    """
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(response.body),
        response_headers={
            "content-type": response.headers.get("content-type", "application/xml"),
            "content-location": response.final_url,
        },
        sanitize_html=False,
    )
    entries = list(parsed.get("entries", []))
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        raise DocumentError(
            f"malformed feed: {_describe(problem)} (the feed lists nothing readable)"
        )
    if not entries:
        raise DocumentError("the feed lists no entries")
    kind = _feed_name(str(parsed.get("version") or ""))
    links = [
        link
        for entry in entries
        if (link := _entry_link(entry, response.final_url, depth, kind)) is not None
    ]
    if not links:
        raise DocumentError("the feed's entries have no links to articles")
    return Listing(tuple(links[:max_items]), len(links))


def _entry_link(entry: Mapping[str, Any], base: str, depth: int, kind: str) -> Link | None:
    href = entry.get("link")
    url = resolve(base, href) if isinstance(href, str) and href.strip() else None
    if url is None:
        return None
    found: dict[str, tuple[str, str]] = {}
    title = entry.get("title")
    if isinstance(title, str) and title.strip():
        found["title"] = (title.strip(), f"the {kind} entry's title")
    for key, label in (("published_parsed", "published"), ("updated_parsed", "updated")):
        stamp = entry.get(key)
        if isinstance(stamp, time.struct_time):
            found["published"] = (_iso(stamp), f"the {kind} entry's {label} date")
            break
    return Link(url, via=base, depth=depth, found=found)


def _feed_name(version: str) -> str:
    if version.startswith("atom"):
        return "Atom feed"
    if version.startswith("json"):
        return "JSON feed"
    return "RSS feed"


def _iso(stamp: time.struct_time) -> str:
    return datetime(*stamp[:6], tzinfo=UTC).isoformat()


def _describe(problem: object) -> str:
    message = getattr(problem, "getMessage", None)
    text = str(message() if callable(message) else problem or "").strip()
    line, column = (
        getattr(problem, "getLineNumber", None),
        getattr(problem, "getColumnNumber", None),
    )
    where = f" at line {line()}, column {column()}" if callable(line) and callable(column) else ""
    return f"{text or 'not XML'}{where}"
