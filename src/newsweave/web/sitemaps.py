"""XML sitemaps, sitemap indexes and text sitemaps: the URLs they list.

Parsed with lxml with entity expansion, DTD loading and network access all off, so a hostile
sitemap can neither blow up memory nor make newsweave fetch anything. Google News sitemap
entries (``<news:title>``, ``<news:publication_date>``) give a title and date to their pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsweave.errors import DocumentError
from newsweave.web.records import Link, Listing, Response
from newsweave.web.urls import resolve

__all__ = ["read_sitemap"]


def read_sitemap(response: Response, depth: int, max_items: int) -> Listing:
    """The ``<loc>`` URLs of a sitemap (``<urlset>``) or sitemap index (``<sitemapindex>``),
    in document order; a plain-text sitemap is one URL a line.

    Raises:
        DocumentError: the XML is malformed, or it lists no URL.

    Example: ``read_sitemap(response, depth=1, max_items=1000).links[0].url``
    """
    body = response.body.lstrip(b"\xef\xbb\xbf \t\r\n")
    links = _xml_links(response, body, depth) if body[:1] == b"<" else _text_links(response, depth)
    if not links:
        raise DocumentError("the sitemap lists no URLs")
    return Listing(tuple(links[:max_items]), len(links))


def _xml_links(response: Response, body: bytes, depth: int) -> list[Link]:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as error:
        detail = str(error).split(" (<string>")[0]
        raise DocumentError(f"malformed sitemap: {detail} (not well-formed XML)") from None
    if etree.QName(root).localname not in ("urlset", "sitemapindex"):
        raise DocumentError(
            f"not a sitemap: the XML's root is <{etree.QName(root).localname}>, "
            "not <urlset> or <sitemapindex>"
        )
    links = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        fields = {etree.QName(child).localname: child for child in entry.iter() if _named(child)}
        loc = fields.get("loc")
        url = resolve(response.final_url, loc.text or "") if loc is not None else None
        if url is not None:
            links.append(Link(url, response.final_url, depth, _news_fields(fields)))
    return links


def _named(element: object) -> bool:
    return isinstance(getattr(element, "tag", None), str)


def _news_fields(fields: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    found = {}
    for name, key in (("title", "title"), ("publication_date", "published"), ("name", "outlet")):
        element = fields.get(name)
        if element is not None and (element.text or "").strip():
            found[key] = (element.text.strip(), f"the news sitemap's <news:{name}>")
    return found


def _text_links(response: Response, depth: int) -> list[Link]:
    text = response.body.decode("utf-8", errors="replace")
    urls = (resolve(response.final_url, line) for line in text.splitlines() if line.strip())
    return [Link(url, response.final_url, depth) for url in urls if url is not None]
