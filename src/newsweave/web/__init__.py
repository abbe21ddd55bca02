"""Reading the web: article URLs, RSS/Atom feeds, sitemaps and web archives (WARC/ARC).

Example::

    from newsweave.config import Settings
    from newsweave.web import read_urls

    batch = read_urls(["https://example.org/rss.xml"], Settings().web)
    for document in batch.documents:
        print(document.source, document.found["url"])
    for rejection in batch.rejected:
        print(rejection.source, rejection.reason)
"""

from newsweave.web.crawl import parse_url_list, read_links, read_urls
from newsweave.web.fetch import Fetcher, user_agent
from newsweave.web.follow import (
    FeedState,
    FollowResult,
    FollowRound,
    advance,
    follow_feeds,
    poll_feeds,
)
from newsweave.web.identity import ArticleSet
from newsweave.web.kinds import ARCHIVE_SUFFIXES, Kind, classify, is_archive_path
from newsweave.web.pages import read_page
from newsweave.web.records import Link, Page, Response, WebBatch, WebItem
from newsweave.web.urls import is_web_url, normalize_url
from newsweave.web.warc import read_archive, read_warc

__all__ = [
    "ARCHIVE_SUFFIXES",
    "ArticleSet",
    "FeedState",
    "Fetcher",
    "FollowResult",
    "FollowRound",
    "Kind",
    "Link",
    "Page",
    "Response",
    "WebBatch",
    "WebItem",
    "advance",
    "classify",
    "follow_feeds",
    "is_archive_path",
    "is_web_url",
    "normalize_url",
    "parse_url_list",
    "poll_feeds",
    "read_archive",
    "read_links",
    "read_page",
    "read_urls",
    "read_warc",
    "user_agent",
]
