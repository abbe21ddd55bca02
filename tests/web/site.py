"""The test site: fixture pages, feeds and sitemaps served on 127.0.0.1, with every bad case.

Bodies come from ``fixtures/site``; ``@BASE@`` in them becomes the server's own base URL.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = FIXTURES / "site"
HTML = "text/html; charset=utf-8"
#: Seconds the slow endpoint waits before answering (tests use a shorter read timeout).
SLOW_SECONDS = 3.0


@dataclass(frozen=True)
class Route:
    file: str
    content_type: str


PAGES = {
    "/news/2024/03/14/harbour-bridge-closure.html": Route("news/bridge.html", HTML),
    "/news/council-budget-vote.html": Route("news/council.html", HTML),
    "/news/fishing-quota.html": Route("news/fishing-cp1252.html", "text/html"),
    "/amp/school-reopening.html": Route("amp/school.html", HTML),
    "/news/school-reopening.html": Route("news/school.html", HTML),
    "/news/2024/03/15/storm-warning.html": Route("news/storm.html", HTML),
    "/news/port-strike-talks.html": Route("news/port-strike.html", HTML),
}
OTHER_FILES = {
    "/news/latest.html": Route("news/latest.html", HTML),
    "/private/embargoed.html": Route("news/embargoed.html", HTML),
    "/robots.txt": Route("robots.txt", "text/plain"),
    "/feeds/rss.xml": Route("feeds/rss.xml", "application/rss+xml; charset=utf-8"),
    "/feeds/atom.xml": Route("feeds/atom.xml", "application/atom+xml"),
    "/feeds/broken.xml": Route("feeds/broken.xml", "application/rss+xml"),
    "/sitemap.xml": Route("sitemap.xml", "application/xml"),
    "/sitemap-news.xml": Route("sitemap-news.xml", "application/xml"),
    "/sitemap-index.xml": Route("sitemap-index.xml", "text/xml"),
    "/sitemap-broken.xml": Route("sitemap-broken.xml", "application/xml"),
}
REDIRECTS = {
    "/go/port-strike": (301, "/news/port-strike-talks.html"),
    "/go/chain": (302, "/go/chain-2"),
    "/go/chain-2": (307, "/news/council-budget-vote.html"),
    "/loop/a": (302, "/loop/b"),
    "/loop/b": (302, "/loop/a"),
}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
LIVE_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>{items}
</channel></rss>"""
LIVE_ITEM = "<item><title>{title}</title><link>{base}{path}</link></item>"


def gold_pages() -> dict[str, dict[str, str]]:
    """URL path -> gold ``text`` (main text), ``title``, ``outlet``, ``published`` (a date)."""
    pages = json.loads((FIXTURES / "gold" / "pages.json").read_text(encoding="utf-8"))
    for page in pages.values():
        page["text"] = (FIXTURES / "gold" / page["text"]).read_text(encoding="utf-8")
    return pages


def body_of(route: Route, base: str) -> bytes:
    return (SITE / route.file).read_bytes().replace(b"@BASE@", base.encode("ascii"))


class SiteServer(ThreadingHTTPServer):
    """The fixture site on 127.0.0.1 at a free port; records every request it answers."""

    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), SiteHandler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.lock = threading.Lock()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.hits: dict[str, int] = {}
        self.live = [("First live item", "/news/2024/03/14/harbour-bridge-closure.html")]
        #: extra bodies a test serves as application/octet-stream
        self.files: dict[str, bytes] = {}

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hit(self, path: str, headers: dict[str, str]) -> int:
        with self.lock:
            self.requests.append((path, headers))
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (a capped body, a refused certificate) is expected

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests]


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SiteServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        count = self.server.hit(path, {k.lower(): v for k, v in self.headers.items()})
        route = PAGES.get(path) or OTHER_FILES.get(path)
        if route is not None:
            self.send(200, route.content_type, body_of(route, self.server.base))
        elif path in REDIRECTS:
            status, target = REDIRECTS[path]
            self.send(status, HTML, b"<p>Moved</p>", {"Location": target})
        elif path == "/busy":
            if count == 1:
                self.send(429, "text/plain", b"slow down", {"Retry-After": "1"})
            else:
                self.send(200, HTML, body_of(PAGES["/news/2024/03/15/storm-warning.html"], ""))
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.send(200, HTML, b"<p>too late</p>")
        else:
            self.special(path)

    def special(self, path: str) -> None:
        if path == "/broken":
            self.send(500, HTML, b"<h1>Internal Server Error</h1>")
        elif path == "/files/annual-report.pdf":
            self.send(200, "application/pdf", PDF)
        elif path == "/images/harbour.png":
            self.send(200, "image/png", PNG)
        elif path == "/big":
            self.stream_unsized(b"<html><body>" + b"<p>filler text</p>" * 20_000)
        elif path == "/feeds/live.xml":
            self.live_feed()
        elif path in self.server.files:
            self.send(200, "application/octet-stream", self.server.files[path])
        else:
            self.send(404, HTML, b"<h1>Not Found</h1><p>The page you asked for does not exist.</p>")

    def live_feed(self) -> None:
        items = "".join(
            LIVE_ITEM.format(title=title, base=self.server.base, path=path)
            for title, path in self.server.live
        )
        etag = f'"live-{len(self.server.live)}"'
        if self.headers.get("If-None-Match") == etag:
            self.send(304, "application/rss+xml", b"", {"ETag": etag})
            return
        body = LIVE_FEED.format(items=items).encode("utf-8")
        self.send(200, "application/rss+xml", body, {"ETag": etag})

    def send(
        self, status: int, content_type: str, body: bytes, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def stream_unsized(self, body: bytes) -> None:
        """A body with no Content-Length, read until the connection closes."""
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for start in range(0, len(body), 16_384):
                self.wfile.write(body[start : start + 16_384])
        except OSError:
            pass
