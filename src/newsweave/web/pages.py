"""An article page's response to a :class:`RawDocument`: main text through trafilatura
(:func:`newsweave.ingest.html.extract_html`), metadata with its basis, identity by canonical URL.

Works on a stored :class:`Response` alone, so a page kept in the store is re-read after an
upgrade without fetching it again.
"""

from __future__ import annotations

from http import HTTPStatus

from newsweave.errors import DocumentError
from newsweave.ingest.html import HtmlPage, extract_html
from newsweave.ingest.records import RawDocument, read_published
from newsweave.web.charsets import decode_page
from newsweave.web.kinds import Kind, classify
from newsweave.web.metadata import page_metadata
from newsweave.web.records import Found, Response
from newsweave.web.urls import same_site

__all__ = ["MIN_ARTICLE_CHARS", "canonical_url", "check_status", "read_page"]

#: Shortest main text taken as an article, in characters. A news brief runs 300 or more;
#: a section page or a paywall that trafilatura reduces to a heading or a teaser, under 150.
MIN_ARTICLE_CHARS = 200

_READ = "newsweave reads HTML pages, RSS/Atom feeds, sitemaps and web archives"
_TRAFILATURA = "trafilatura's metadata extraction"


def read_page(response: Response, source: str, listed: Found | None = None) -> RawDocument:
    """The article of an HTML page: its main text and ``found`` metadata with each basis.

    ``found`` holds ``url`` (the canonical URL), and where the page gives them ``title``,
    ``outlet``, ``author``, ``published`` (ISO 8601) and ``language``. What the page says wins
    (for a date: JSON-LD, then meta tags, then ``<time>``, then the URL path); then
    trafilatura's title, outlet, author and language; then what the feed or sitemap that
    ``listed`` it said; a date from trafilatura (htmldate) comes last.

    Raises:
        DocumentError: an HTTP error status, not an HTML page, or no article text.

    Example: ``read_page(response, "https://a.org/news/1").found["url"]``
    """
    check_status(response)
    kind = classify(response)
    if kind is not Kind.PAGE:
        what = response.content_type or "no content type"
        raise DocumentError(f"not an article page but {_name(kind, what)} ({_READ})")
    decoded = decode_page(response.body, response.headers.get("content-type"))
    try:
        extracted = extract_html(decoded.text)
    except DocumentError:
        extracted = None
    if extracted is None or len(extracted.text) < MIN_ARTICLE_CHARS:
        size = len(extracted.text) if extracted else 0
        raise DocumentError(
            f"no article text on the page ({size} characters of main text; an index or "
            "section page, a paywall, or text written by JavaScript)"
        )
    found = merge_metadata(page_metadata(decoded.text, response.final_url), extracted, listed or {})
    found["url"] = _identity(response, found.pop("canonical", None))
    return RawDocument(source, extracted.text, {}, found)


def canonical_url(document: RawDocument, response: Response) -> str:
    """The URL identifying an article: its ``found["url"]``, else the final URL fetched.

    Example: ``canonical_url(read_page(response, url), response)``
    """
    found = document.found.get("url")
    return found[0] if found else response.final_url


def check_status(response: Response) -> None:
    """Pass a 2xx response; raise for any other with a reason that says what to do.

    Raises:
        DocumentError: the status is not 2xx.

    Example: a 404 gives ``"HTTP 404 Not Found (the page is gone or the link is wrong)"``.
    """
    status = response.status
    if 200 <= status < 300 and status != 204:
        return
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    raise DocumentError(f"HTTP {status} {phrase} ({_advice(status)})")


def _advice(status: int) -> str:
    if status in (404, 410):
        return "the page is gone or the link is wrong"
    if status in (401, 402, 403, 451):
        return "the site refuses to serve it; it may need a login or block crawlers"
    if status == 429:
        return "the site asks for fewer requests; raise web.min_interval or web.retries"
    if status >= 500:
        return "the site failed; try again later"
    if 300 <= status < 400:
        return "a redirect without a usable Location"
    return "no article in the response"


def _name(kind: Kind, media: str) -> str:
    return kind.with_article if kind is not Kind.OTHER else media


def merge_metadata(page: Found, extracted: HtmlPage, listed: Found) -> dict[str, tuple[str, str]]:
    """What a page says of itself (:func:`~newsweave.web.metadata.page_metadata`: its meta
    tags and JSON-LD, first), then what trafilatura found, then what a feed or sitemap
    listed; dates in ISO 8601 or dropped. Each value with its basis. A saved HTML file and
    the same page fetched get the same metadata from this one function."""
    found = dict(page)
    fallbacks = {
        "title": extracted.title,
        "outlet": extracted.outlet,
        "author": extracted.author,
        "language": extracted.language,
    }
    for name, value in fallbacks.items():
        if name not in found and value:
            found[name] = (value, _TRAFILATURA)
    for name, (value, basis) in listed.items():
        if name not in found and value:
            found[name] = (value, basis)
    if "published" not in found and extracted.published:
        date = read_published(extracted.published)
        if date:
            found["published"] = (date, f"{_TRAFILATURA} (htmldate)")
    if "published" in found:
        value, basis = found.pop("published")
        date = read_published(value)
        if date:  # a date that is not one is no evidence (and would reject the article)
            found["published"] = (date, basis)
    return found


def _identity(response: Response, canonical: tuple[str, str] | None) -> tuple[str, str]:
    if canonical is not None and same_site(canonical[0], response.final_url):
        return canonical
    if response.redirects:
        return response.final_url, f"the URL reached after redirects from {response.url}"
    if response.record is not None:
        return response.final_url, "the URL of the archived response"
    return response.final_url, "the URL fetched"
