"""Reading URLs: each response is what it turns out to be. An HTML page is an article; a feed
or sitemap expands into the URLs it lists (bounded depth and count); a web archive is read
for its pages. Every URL is fetched once and every article read once; what gives no article
is rejected with its reason, and the batch goes on.

URLs are fetched level by level (the given URLs, then what they list, ...), concurrently within
a level and handled in order, so a run's outcome does not depend on which response came first.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from newsweave.config import WebSettings
from newsweave.errors import DocumentError
from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection
from newsweave.web.feeds import read_feed
from newsweave.web.fetch import Fetcher
from newsweave.web.identity import ArticleSet
from newsweave.web.kinds import Kind, classify, unwrap_gzip
from newsweave.web.pages import check_status
from newsweave.web.records import Link, Listing, Response, WebBatch, WebItem
from newsweave.web.sitemaps import read_sitemap
from newsweave.web.urls import normalize_url
from newsweave.web.warc import read_archive

__all__ = ["parse_url_list", "read_links", "read_urls"]

#: Called as ``progress(stage, done, total)``, like :data:`newsweave.pipeline.Progress`.
Progress = Callable[[str, int, int], None]

_READ = "newsweave reads HTML pages, RSS/Atom feeds, sitemaps and web archives"


def read_urls(
    urls: Sequence[str],
    settings: WebSettings,
    progress: Progress | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> WebBatch:
    """Fetch and read ``urls``: articles, feeds and sitemaps (expanded), web archives.

    Args:
        urls: http(s) URLs as the user gave them; each is a document's ``source``.
        settings: politeness, timeouts and bounds (``Settings().web``).
        progress: optional callback ``("fetch", done, total)``; total grows as lists expand.
        fetcher: a :class:`Fetcher` to share (its robots rules and connections); else one
            is made and closed.

    Returns:
        The pages fetched, one document per distinct article, and every rejection.

    Example: ``read_urls(["https://example.org/feed.xml"], WebSettings()).documents``
    """
    links = [Link(url.strip()) for url in urls]
    if fetcher is not None:
        return read_links(links, fetcher, progress)
    with Fetcher(settings) as own:
        return read_links(links, own, progress)


def read_links(
    links: Sequence[Link], fetcher: Fetcher, progress: Progress | None = None
) -> WebBatch:
    """:func:`read_urls` for links that may carry a depth and what a listing said of them."""
    crawl = _Crawl(fetcher.settings)
    level = crawl.admit(links)
    done = 0
    pool = ThreadPoolExecutor(max_workers=fetcher.settings.workers, thread_name_prefix="fetch")
    try:
        while level:
            futures = [pool.submit(_fetch, fetcher, link) for link in level]
            listed: list[Link] = []
            for index, (link, future) in enumerate(zip(level, futures, strict=True)):
                listed += crawl.take(link, future.result())
                done += 1
                if progress is not None:
                    progress("fetch", done, done + len(level) - index - 1 + len(listed))
            level = crawl.admit(listed)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return crawl.batch()


def parse_url_list(text: str) -> list[str]:
    """The URLs of a ``--urls`` file: one a line; blank lines and ``#`` comments skipped.

    Example: ``parse_url_list("# mine\\nhttps://a.org/1\\n\\n")`` is ``["https://a.org/1"]``.
    """
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _fetch(fetcher: Fetcher, link: Link) -> Response | DocumentError:
    try:
        return fetcher.get(normalize_url(link.url) or link.url)
    except DocumentError as error:
        return error


class _Crawl:
    """The run's bookkeeping, touched only by the thread that handles responses in order."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.queued: set[str] = set()
        self.articles = ArticleSet()
        self.items: list[WebItem] = []

    def admit(self, links: Iterable[Link]) -> list[Link]:
        """The links not yet fetched, in order; a non-http(s) URL is rejected."""
        fresh = []
        for link in links:
            url = normalize_url(link.url)
            if url is None:
                self.reject(link.url, "not an http(s) URL (give links like https://example.org/a)")
            elif url not in self.queued and not self.articles.knows(url):
                self.queued.add(url)
                fresh.append(link)
        return fresh

    def reject(self, source: str, reason: str) -> None:
        """Record that ``source`` gave no article, and why."""
        self.items.append(WebItem(source, None, Rejection(source, reason)))

    def take(self, link: Link, outcome: Response | DocumentError) -> list[Link]:
        """Handle one response; returns the links it lists."""
        try:
            if isinstance(outcome, DocumentError):
                raise outcome
            check_status(outcome)
            response = unwrap_gzip(outcome, self.settings.max_bytes)
            return self._by_kind(link, response, classify(response))
        except DocumentError as error:
            self.reject(link.url, str(error))
            return []

    def _by_kind(self, link: Link, response: Response, kind: Kind) -> list[Link]:
        if kind is Kind.PAGE:
            self.items.append(self.articles.read(response, link.url, link.found))
        elif kind is Kind.ARCHIVE:
            stream = io.BytesIO(response.body)
            self.items.extend(read_archive(stream, link.url, self.settings, self.articles))
        elif kind is Kind.OTHER:
            media = response.content_type or "no content type"
            raise DocumentError(f"not an article page but {media} ({_READ})")
        else:
            return self._expand(link, response, kind)
        return []

    def _expand(self, link: Link, response: Response, kind: Kind) -> list[Link]:
        if link.depth >= self.settings.max_depth:
            raise DocumentError(
                f"{kind.with_article} found {link.depth} listings deep, not followed "
                "(raise web.max_depth)"
            )
        read = read_feed if kind is Kind.FEED else read_sitemap
        listing: Listing = read(response, link.depth + 1, self.settings.max_items)
        if listing.total > len(listing.links):
            self.reject(
                link.url,
                f"the {kind.value} lists {listing.total:,} URLs; only the first "
                f"{len(listing.links):,} were read (raise web.max_items)",
            )
        return list(listing.links)

    def batch(self) -> WebBatch:
        """Everything read so far, in the order it was handled."""
        return WebBatch(
            pages=tuple(item.page for item in self.items if item.page is not None),
            documents=tuple(i.result for i in self.items if isinstance(i.result, RawDocument)),
            rejected=tuple(i.result for i in self.items if isinstance(i.result, Rejection)),
        )
