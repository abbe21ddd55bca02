"""The records of reading the web: responses as received, links to read, a batch's outcome."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection

__all__ = ["Found", "Link", "Listing", "Page", "Response", "WebBatch", "WebItem"]

#: Metadata a listing or page gives about an article: field -> (value, basis).
Found = Mapping[str, tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP response as received, kept whole so a page can be re-read without refetching.

    ``headers`` has lower-case names (repeated headers joined with ``", "``); ``body`` is the
    payload after transfer and content decoding; ``fetched_at`` is ISO 8601 UTC (the capture
    date for a web archive); ``redirects`` lists the URLs passed through after ``url``;
    ``record`` is ``"<archive path>@<offset>"`` for a response read from a WARC/ARC file.

    Example: ``Response("http://a.org/x", "http://a.org/x", 200, {}, b"", "2024-01-01T00:00:00Z")``
    """

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    fetched_at: str
    redirects: tuple[str, ...] = ()
    record: str | None = None

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case; ``""`` when absent."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True, slots=True)
class Page:
    """An article page as fetched: the URL it was given or listed as, its identity, its response.

    ``canonical_url`` is the page's own canonical link (same site only), else its final URL
    after redirects: two sources with one canonical URL are one article.
    """

    source: str
    canonical_url: str
    response: Response


@dataclass(frozen=True, slots=True)
class Link:
    """A URL to read: given by the user (``depth`` 0) or listed by a feed or sitemap ``via``.

    ``found`` is what the listing said about the article (title, date), used only where the
    page itself says nothing.
    """

    url: str
    via: str | None = None
    depth: int = 0
    found: Found = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Listing:
    """The article (or sitemap) URLs a feed or sitemap lists, at most ``max_items`` of
    ``total``."""

    links: tuple[Link, ...]
    total: int


@dataclass(frozen=True, slots=True)
class WebItem:
    """One article's outcome: its page (when one was fetched or archived) and what it gave."""

    source: str
    page: Page | None
    result: RawDocument | Rejection


@dataclass(frozen=True, slots=True)
class WebBatch:
    """What :func:`newsweave.web.read_urls` read.

    ``pages``: every article page fetched (also those that gave no article, so the store can
    keep and re-read them); ``documents``: one :class:`RawDocument` per distinct article, with
    ``source`` the URL as given or listed; ``rejected``: every URL that gave no article, and why.
    """

    pages: tuple[Page, ...] = ()
    documents: tuple[RawDocument, ...] = ()
    rejected: tuple[Rejection, ...] = ()
