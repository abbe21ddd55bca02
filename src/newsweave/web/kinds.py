"""What a response is: an HTML page, an RSS/Atom feed, a sitemap or sitemap index, a web
archive, or something newsweave does not read. The body decides over the Content-Type
header where it is markup (feeds are often served as ``text/html`` or ``text/xml``)."""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum
from urllib.parse import urlsplit

from newsweave.errors import DocumentError
from newsweave.web.records import Response

__all__ = [
    "ARCHIVE_SUFFIXES",
    "Kind",
    "classify",
    "is_archive_path",
    "is_unreadable",
    "root_element",
    "unwrap_gzip",
]


class Kind(StrEnum):
    PAGE = "HTML page"
    FEED = "RSS/Atom feed"
    SITEMAP = "sitemap"
    SITEMAP_INDEX = "sitemap index"
    ARCHIVE = "web archive"
    OTHER = "other"

    @property
    def with_article(self) -> str:
        """``"an RSS/Atom feed"``, ``"a sitemap"``: the kind as a reason names it."""
        return f"{'an' if self.value[0] in 'AEHIORU' else 'a'} {self.value}"


#: File names read as web archives (WARC 1.0/1.1 and ARC 1.0, gzipped or not).
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_ARCHIVE_TYPES = frozenset({"application/warc", "application/x-warc"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}
)
_XML_TYPES = frozenset({"application/xml", "text/xml"})
_UNREADABLE_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")
_UNREADABLE_TYPES = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/msword",
        "application/javascript",
        "application/x-shockwave-flash",
        "application/vnd.ms-excel",
        "application/wasm",
        "text/css",
        "text/javascript",
    }
)
_ROOTS = {
    "rss": Kind.FEED,
    "rdf:rdf": Kind.FEED,
    "feed": Kind.FEED,
    "urlset": Kind.SITEMAP,
    "sitemapindex": Kind.SITEMAP_INDEX,
    "html": Kind.PAGE,
}
_PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<![^>]*>)*", re.S)
_ELEMENT = re.compile(rb"<\s*([A-Za-z][\w:.-]*)")
_URL_LINE = re.compile(rb"\Ahttps?://\S+\Z")


def is_unreadable(headers: Mapping[str, str]) -> bool:
    """True for media types never worth downloading (images, PDF, video, scripts...).

    Example: ``is_unreadable({"content-type": "image/png"})`` is True.
    """
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    return media.startswith(_UNREADABLE_PREFIXES) or media in _UNREADABLE_TYPES


def root_element(body: bytes) -> str | None:
    """The lower-case name of the first element of a markup document, past its prolog.

    Example: ``root_element(b'<?xml version="1.0"?><rss version="2.0">')`` is ``"rss"``.
    """
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    match = _ELEMENT.match(head, _PROLOG.match(head).end())  # type: ignore[union-attr]
    return match.group(1).decode("ascii").lower() if match else None


def classify(response: Response) -> Kind:
    """The kind of a response, from its URL, its Content-Type and the start of its body.

    Example: a ``text/xml`` response whose root is ``<urlset>`` is ``Kind.SITEMAP``.
    """
    media = response.content_type
    path = urlsplit(response.final_url).path.lower()
    if media in _ARCHIVE_TYPES or path.endswith(ARCHIVE_SUFFIXES):
        return Kind.ARCHIVE
    if is_unreadable(response.headers):
        return Kind.OTHER
    by_root = _ROOTS.get(root_element(response.body) or "")
    if by_root is not None:
        return by_root
    return _by_media(media, path, response.body)


def _by_media(media: str, path: str, body: bytes) -> Kind:
    if media in _FEED_TYPES or (media == "application/json" and b"jsonfeed.org" in body[:2048]):
        return Kind.FEED
    if media in _XML_TYPES and "sitemap" in path:
        return Kind.SITEMAP
    if media in _XML_TYPES and ("rss" in path or "feed" in path or "atom" in path):
        return Kind.FEED
    if media in _HTML_TYPES or (media in ("", "text/plain") and body.lstrip()[:1] == b"<"):
        return Kind.PAGE
    if media in ("", "text/plain") and _is_url_list(body):
        return Kind.SITEMAP
    return Kind.OTHER


def _is_url_list(body: bytes) -> bool:
    lines = [line.strip() for line in body[:65536].splitlines() if line.strip()]
    return bool(lines) and all(_URL_LINE.match(line) for line in lines[:50])


def is_archive_path(path: str) -> bool:
    """True for a file name newsweave reads as a web archive.

    Example: ``is_archive_path("CC-NEWS-20240101.warc.gz")`` is True.
    """
    return path.lower().endswith(ARCHIVE_SUFFIXES)


def unwrap_gzip(response: Response, max_bytes: int) -> Response:
    """A gzipped body (``sitemap.xml.gz``, not Content-Encoding) decompressed, at most
    ``max_bytes``; other responses as they are. Web archives stay compressed.

    Raises:
        DocumentError: the gzip data is corrupt or decompresses past ``max_bytes``.

    Example: ``unwrap_gzip(response, 5_000_000).body[:5]`` is ``b"<?xml"`` for a gzipped sitemap.
    """
    if not response.body.startswith(b"\x1f\x8b") or classify(response) is Kind.ARCHIVE:
        return response
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(response.body, max_bytes + 1)
    except zlib.error as error:
        raise DocumentError(f"corrupt gzip data ({error})") from None
    if len(body) > max_bytes:
        raise DocumentError(
            f"too large: decompresses past {max_bytes:,} bytes (raise web.max_bytes)"
        )
    headers = {k: v for k, v in response.headers.items() if k != "content-type"}
    return replace(response, body=body, headers=headers)
