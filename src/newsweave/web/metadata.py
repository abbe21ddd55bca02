"""What a news page says about itself, each value with its basis: JSON-LD (schema.org
``NewsArticle`` and kin), ``<meta>`` tags (Open Graph, article:, Dublin Core, Parse.ly...),
``<time>`` elements, the canonical link, ``<html lang>`` and the URL's date path.

Every function returns ``(value, basis)`` pairs and invents nothing; a date that cannot be
read as a calendar date is passed over for the next source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from newsweave.ingest.metadata import url_date
from newsweave.ingest.records import read_published
from newsweave.web.urls import resolve

__all__ = ["json_ld_articles", "page_metadata", "url_date"]

Found = dict[str, tuple[str, str]]

_ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
    }
)
#: <meta> names and properties that carry a publication date, most specific first.
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date.published",
    "article.published",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
_AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
_TITLE_PARTS = re.compile(r"\A(?P<head>.+?)\s+(?:\||-|–|—|::)\s+(?P<site>[^|–—]+?)\s*\Z")
#: Longest site name taken from a <title> suffix, in words.
MAX_SITE_WORDS = 5


def page_metadata(html: str, url: str) -> Found:
    """Title, outlet, author, published date, canonical URL and language of a page, as found.

    Keys are present only for what was found; values are ``(value, basis)``.

    Example: a page with ``<meta property="og:site_name" content="Daily Bugle">`` gives
    ``{"outlet": ("Daily Bugle", "meta og:site_name"), ...}``.
    """
    tree = _parse(html)
    if tree is None:
        return {}
    articles = json_ld_articles(tree)
    metas = _metas(tree)
    candidates = {
        "published": _published(tree, articles, metas, url),
        "title": _first(
            _ld_values(articles, "headline"), _meta(metas, "og:title", "twitter:title")
        ),
        "outlet": _first(
            _ld_names(articles, "publisher"), _meta(metas, "og:site_name"), _title_suffix(tree)
        ),
        "author": _first(_ld_names(articles, "author"), _authors(metas)),
        "canonical": _canonical(tree, metas, url),
        "language": _language(tree, metas),
    }
    return {name: found for name, found in candidates.items() if found is not None}


def json_ld_articles(tree: Any) -> list[Mapping[str, Any]]:
    """The schema.org article objects in a page's JSON-LD, in page order (``@graph`` read)."""
    found: list[Mapping[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue
        found.extend(node for node in _nodes(data) if _types(node) & _ARTICLE_TYPES)
    return found


def _nodes(data: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph"))
        yield from _nodes(data.get("mainEntity"))


def _types(node: Mapping[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _parse(html: str) -> Any:
    import lxml.html
    from lxml import etree

    text = re.sub(r"\A\s*<\?xml[^>]*\?>", "", html)
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _metas(tree: Any) -> dict[str, str]:
    metas: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        value = (element.get("content") or "").strip()
        if key and value:
            metas.setdefault(key.strip().lower(), value)
    return metas


def _first(*candidates: tuple[str, str] | None) -> tuple[str, str] | None:
    return next((found for found in candidates if found is not None), None)


def _meta(metas: Mapping[str, str], *names: str) -> tuple[str, str] | None:
    return next(((metas[name], f"meta {name}") for name in names if metas.get(name)), None)


def _ld_values(articles: list[Mapping[str, Any]], key: str) -> tuple[str, str] | None:
    for article in articles:
        value = article.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split()), f"JSON-LD {key}"
    return None


def _ld_names(articles: list[Mapping[str, Any]], key: str) -> tuple[str, str] | None:
    for article in articles:
        value = article.get(key)
        people = value if isinstance(value, list) else [value]
        names = [name for person in people if (name := _name(person))]
        if names:
            return ", ".join(dict.fromkeys(names)), f"JSON-LD {key}"
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip() and not value.startswith("http"):
        return " ".join(value.split())
    return None


def _title_suffix(tree: Any) -> tuple[str, str] | None:
    """The site name after the headline in ``<title>`` ("Headline | Site"), when the part
    before it is the page's ``<h1>``."""
    titles = tree.xpath("//title")
    match = _TITLE_PARTS.match(" ".join(titles[0].text_content().split())) if titles else None
    if match is None or len(match.group("site").split()) > MAX_SITE_WORDS:
        return None
    headings = {" ".join(h.text_content().split()) for h in tree.xpath("//h1")}
    if match.group("head") not in headings:
        return None
    return match.group("site"), "the site name after the headline in the page's <title>"


def _authors(metas: Mapping[str, str]) -> tuple[str, str] | None:
    for name in _AUTHOR_METAS:
        value = metas.get(name, "")
        if value and not value.startswith("http"):
            return value, f"meta {name}"
    return None


def _published(
    tree: Any, articles: list[Mapping[str, Any]], metas: Mapping[str, str], url: str
) -> tuple[str, str] | None:
    candidates = [_ld_values(articles, "datePublished")]
    candidates += [_meta(metas, name) for name in _DATE_METAS]
    candidates += list(_time_elements(tree))
    for found in candidates:
        value = read_published(found[0]) if found is not None else None
        if value is not None and found is not None:
            return value, found[1]
    return url_date(url)


def _time_elements(tree: Any) -> Iterator[tuple[str, str]]:
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and value.strip():
            yield value, f"<{element.tag} itemprop=datePublished>"
    for element in tree.xpath("//time[@pubdate][@datetime]"):
        yield element.get("datetime"), "<time pubdate datetime>"


def _canonical(tree: Any, metas: Mapping[str, str], url: str) -> tuple[str, str] | None:
    for element in tree.xpath("//link[@rel][@href]"):
        if "canonical" in element.get("rel", "").lower().split():
            target = resolve(url, element.get("href"))
            if target:
                return target, "the page's canonical link"
    og = resolve(url, metas["og:url"]) if metas.get("og:url") else None
    return (og, "meta og:url") if og else None


def _language(tree: Any, metas: Mapping[str, str]) -> tuple[str, str] | None:
    lang = (
        tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    ).strip()
    if lang:
        return lang.split("-")[0].lower(), "the page's <html lang>"
    locale = metas.get("og:locale", "")
    return (locale.split("_")[0].lower(), "meta og:locale") if locale else None
