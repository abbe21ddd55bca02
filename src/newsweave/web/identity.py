"""Each article read once: pages are one article when their canonical URL, final URL or the
URL that led to them coincide (a page listed in a feed and a sitemap, reached by a redirect,
or archived twice)."""

from __future__ import annotations

from newsweave.errors import DocumentError
from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection
from newsweave.web.pages import canonical_url, read_page
from newsweave.web.records import Found, Page, Response, WebItem
from newsweave.web.urls import normalize_url

__all__ = ["ArticleSet", "page_reading"]


class ArticleSet:
    """The articles of one run, keyed by every URL that names them.

    Example::

        articles = ArticleSet()
        item = articles.read(response, "https://a.org/news/1")
        again = articles.read(response, "https://a.org/news/1?from=rss")  # a Rejection
    """

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        #: the text each first reading gave, by its source (to tell a changed page)
        self._texts: dict[str, str] = {}

    def knows(self, url: str) -> bool:
        """True when ``url`` already names an article read in this run."""
        return (normalize_url(url) or url) in self._first

    def read(self, response: Response, source: str, listed: Found | None = None) -> WebItem:
        """Read the page's article unless it is one already read; say why not, otherwise.

        A page that gives no article keeps its :class:`Page` (the store keeps its response);
        a repeat of an article has none.
        """
        return self.accept(response, source, page_reading(response, source, listed))

    def accept(self, response: Response, source: str, reading: RawDocument | str) -> WebItem:
        """:meth:`read` with the page already read (:func:`page_reading`, which may have run
        in another process): the article, unless it is one already read."""
        if isinstance(reading, str):
            page = Page(source, response.final_url, response)
            return WebItem(source, page, Rejection(source, reading))
        document = reading
        canonical = canonical_url(document, response)
        names = {normalize_url(u) or u for u in (canonical, response.final_url, source)}
        first = next((self._first[name] for name in sorted(names) if name in self._first), None)
        if first is not None:
            reason = f"the same article as {first} (both are {canonical}); read once"
            if self._texts.get(first) != document.text:
                reason = (
                    f"the same article as {first} (both are {canonical}), with a different "
                    "text: the page changed between readings (an archive's later capture); "
                    "the one read first is kept, so ingest the archive that holds the later "
                    "one to record the change"
                )
            return WebItem(source, None, Rejection(source, reason))
        self._first.update(dict.fromkeys(names, source))
        self._texts[source] = document.text
        return WebItem(source, Page(source, canonical, response), document)


def page_reading(response: Response, source: str, listed: Found | None = None) -> RawDocument | str:
    """The page's article (:func:`read_page`), or why it gives none: a pure function of the
    response, so pages are read on several cores and their identity settled in order after.

    Example: ``ArticleSet().accept(response, url, page_reading(response, url))``
    """
    try:
        return read_page(response, source, listed)
    except DocumentError as error:
        return str(error)
