"""The Starlette application: routes, read-only guards, security headers, error pages.

Every page has a JSON twin at the same path plus ``.json``. Only GET and HEAD are
answered (anything else is 405, whatever the path); every response carries a
restrictive Content-Security-Policy (no inline script: the one script is a file of
the package); errors are pages that say what happened, never a traceback.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial, wraps
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.model import Span, StoryAnalysis
from newsweave.report.views import StoryView, cited_spans
from newsweave.webui import pages, queries
from newsweave.webui.cache import Lru
from newsweave.webui.jsondoc import json_bytes
from newsweave.webui.store import ReadOnlyStore, open_readonly

__all__ = ["CSP", "SECURITY_HEADERS", "create_app"]

log = logging.getLogger("newsweave.webui")

CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
#: The package files served under /static: name -> (package, file, media type).
STATIC = {
    "report.css": ("newsweave.report", "report.css", "text/css; charset=utf-8"),
    "passages.js": ("newsweave.report", "static/passages.js", "text/javascript; charset=utf-8"),
}
#: Rendered story and article pages kept (most), and their total size (bytes). At 200k with
#: six stories of 800 articles analysed a 64 MB budget thrashed (their pages were megabytes
#: before they were cut into sections; their JSON twins still take 4-13 MB).
PAGE_CACHE_ENTRIES, PAGE_CACHE_BYTES = 512, 256 << 20
#: Decoded story analyses kept (most), and the total length of their stored records
#: (characters; the decoded records take a few times that in memory). The passages each
#: kept analysis cites are kept beside it, as many (an article's page marks its own:
#: collecting them from a story of 800 articles, 280,000 citations, took 80 ms a page).
ANALYSIS_CACHE_ENTRIES, ANALYSIS_CACHE_CHARS = 16, 64 << 20
#: Analysed stories kept as their pages show them (most), with their articles, and the total
#: length of those articles' texts (characters): a story's page and its sections' pages are
#: windows on one view, so a section page of a story of 800 articles does not load and sort
#: it all again (0.5 s).
VIEW_CACHE_ENTRIES, VIEW_CACHE_CHARS = 16, 128 << 20
ALLOWED_METHODS = ("GET", "HEAD")


def create_app(db_path: str | Path) -> Starlette:
    """The web UI over the store at ``db_path``, opened read-only.

    Raises:
        StoreError: no such file, or not a newsweave store.

    Example::

        uvicorn.run(create_app("news.sqlite"), host="127.0.0.1", port=8000)
    """
    site = Site(open_readonly(db_path))
    routes = [
        Route(path, _answered(endpoint))
        for path, endpoint in (
            ("/", site.stories),
            ("/stories", site.stories),
            ("/stories.json", site.stories_json),
            ("/search", site.search),
            ("/search.json", site.search_json),
            ("/stories/{story_id:path}.json", site.story_json),
            ("/stories/{story_id:path}", site.story),
            ("/articles/{article_id:path}.json", site.article_json),
            ("/articles/{article_id:path}", site.article),
            ("/static/{name}", site.static),
            ("/favicon.ico", site.favicon),
        )
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            pages.PageError: site.page_error,
            HTTPException: site.http_error,
            Exception: site.server_error,
        },
        lifespan=partial(_lifespan, site),
    )
    app.add_middleware(ReadOnlyMethods)
    app.add_middleware(SecurityHeaders)
    app.state.site = site
    return app


def _answered(endpoint: Callable[[Request], Response]) -> Callable[[Request], Response]:
    """``endpoint``, answering a failure itself: a 500 page and one line in the server's log
    (the traceback too with ``NEWSWEAVE_DEBUG=1``). Left to Starlette, the failure was logged
    twice with its whole traceback, once by the app and once by the server."""

    @wraps(endpoint)
    def answered(request: Request) -> Response:
        try:
            return endpoint(request)
        except (pages.PageError, HTTPException):
            raise  # answered by their own handlers
        except Exception as error:
            return failure_response(request, error)

    return answered


def failure_response(request: Request, error: Exception) -> Response:
    """The 500 page of a request that failed, logged once."""
    debug = bool(os.environ.get("NEWSWEAVE_DEBUG"))
    log.error(
        "error answering %s: %s: %r",
        request.url.path,
        type(error).__name__,
        str(error),
        exc_info=error if debug else None,
    )
    return error_response(
        request,
        500,
        "Something went wrong",
        "newsweave could not build this page; the server's log says why.",
    )


@asynccontextmanager
async def _lifespan(site: Site, app: Starlette) -> AsyncIterator[None]:
    yield
    site.store.close()


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def _json(document: dict[str, object], status: int = 200) -> Response:
    return Response(
        json_bytes(document),
        status_code=status,
        media_type="application/json",
        headers=SECURITY_HEADERS,
    )


def _html(text: str, status: int = 200) -> Response:
    return HTMLResponse(text, status_code=status, headers=SECURITY_HEADERS)


def error_response(
    request: Request | None,
    status: int,
    title: str,
    message: str,
    link: tuple[str, str, str] | None = None,
) -> Response:
    """The page (or JSON, for a ``.json`` path) of an error, with a link to a better page
    when there is one; nothing in it is unescaped."""
    if request is not None and _wants_json(request):
        error: dict[str, object] = {"status": status, "title": title, "message": message}
        if link is not None:
            error["href"] = link[1]
        return _json({"error": error}, status)
    page = pages.render("error.html", status=status, title=title, message=message, link=link)
    return _html(page, status)


class Site:
    """The endpoints over one read-only store, with caches of costly pages."""

    def __init__(self, store: ReadOnlyStore) -> None:
        self.store = store
        self.pages: Lru[bytes] = Lru(PAGE_CACHE_ENTRIES, PAGE_CACHE_BYTES, len)
        self.analyses: Lru[tuple[StoryAnalysis | None, int]] = Lru(
            ANALYSIS_CACHE_ENTRIES, ANALYSIS_CACHE_CHARS, lambda kept: kept[1]
        )
        self.cited: Lru[dict[str, dict[Span, set[str]]]] = Lru(ANALYSIS_CACHE_ENTRIES)
        self.views: Lru[StoryView] = Lru(
            VIEW_CACHE_ENTRIES,
            VIEW_CACHE_CHARS,
            lambda view: sum(len(a.text) for a in view.articles.values()),
        )

    # -------------------------------------------------------------- shared

    @staticmethod
    def _body(
        request: Request, built: tuple[dict[str, Any], dict[str, Any]], template: str
    ) -> bytes:
        context, document = built
        if _wants_json(request):
            return json_bytes(document)
        return pages.render(template, **context).encode("utf-8")

    @staticmethod
    def _respond(request: Request, body: bytes) -> Response:
        media = "application/json" if _wants_json(request) else "text/html; charset=utf-8"
        return Response(body, media_type=media, headers=SECURITY_HEADERS)

    def _analysis(self, conn: Any, story_id: str, stamp: Any) -> StoryAnalysis | None:
        if stamp is None or stamp[2] != "done":
            return None

        def decode() -> tuple[StoryAnalysis | None, int]:
            row = queries.analysis_row(conn, story_id)
            return pages.decode_analysis(row), len(row.record or "") if row else 0

        return self.analyses.get_or_make((story_id, stamp[3]), decode)[0]

    # -------------------------------------------------------------- the list and search

    def stories(self, request: Request) -> Response:
        page = pages.page_number(request.query_params.get("page"))
        with self.store.connection() as conn:
            body = self._body(request, pages.stories_page(conn, page), "stories.html")
        return self._respond(request, body)

    stories_json = stories

    def search(self, request: Request) -> Response:
        page = pages.page_number(request.query_params.get("page"))
        query = request.query_params.get("q", "")
        with self.store.connection() as conn:
            built = pages.search_page(conn, self.store.has_search, query, page)
            body = self._body(request, built, "search.html")
        return self._respond(request, body)

    search_json = search

    # -------------------------------------------------------------- a story, an article

    def story(self, request: Request) -> Response:
        story_id = request.path_params["story_id"]
        page = pages.page_number(request.query_params.get("page"))
        section = pages.section_name(request.query_params.get("section"))
        with self.store.connection() as conn:
            stamp = queries.analysis_stamp(conn, story_id)
            if stamp is None:
                raise pages.missing_story(conn, story_id)
            key = ("story", story_id, section, page, _wants_json(request), tuple(stamp))
            body = self.pages.get(key)
            if body is None:
                analysis = self._analysis(conn, story_id, stamp)
                whole = None
                if analysis is not None:
                    whole = self.views.get_or_make(
                        (story_id, tuple(stamp)), partial(pages.story_view, conn, analysis)
                    )
                built = pages.story_page(conn, self.store.path, story_id, page, whole, section)
                template = "story_section.html" if section else "story.html"
                body = self._body(request, built, template)
                self.pages.put(key, body)
        return self._respond(request, body)

    story_json = story

    def article(self, request: Request) -> Response:
        article_id = request.path_params["article_id"]
        with self.store.connection() as conn:
            stamp = queries.article_stamp(conn, article_id)
            if stamp is None:
                raise pages.missing_article(article_id)
            key = ("article", article_id, _wants_json(request), tuple(stamp))
            body = self.pages.get(key)
            if body is None:
                story_id = stamp[4]
                analysis, cited = None, None
                if story_id is not None:
                    story_stamp = queries.analysis_stamp(conn, str(story_id))
                    analysis = self._analysis(conn, str(story_id), story_stamp)
                    if analysis is not None and story_stamp is not None:
                        cited = self.cited.get_or_make(
                            (story_id, tuple(story_stamp)), partial(cited_spans, analysis)
                        )
                built = pages.article_page(conn, article_id, analysis, cited)
                body = self._body(request, built, "article.html")
                self.pages.put(key, body)
        return self._respond(request, body)

    article_json = article

    # -------------------------------------------------------------- files and errors

    def static(self, request: Request) -> Response:
        found = STATIC.get(request.path_params["name"])
        if found is None:
            raise pages.PageError(404, "No such file", "There is no such static file.")
        package, name, media = found
        body = resources.files(package).joinpath(name).read_bytes()
        headers = {**SECURITY_HEADERS, "cache-control": "public, max-age=3600"}
        return Response(body, media_type=media, headers=headers)

    def favicon(self, request: Request) -> Response:
        """No icon (asked for by browsers showing a JSON twin), and no 404 in their log."""
        headers = {**SECURITY_HEADERS, "cache-control": "public, max-age=86400"}
        return Response(status_code=204, headers=headers)

    async def page_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, pages.PageError)
        return error_response(request, exc.status, exc.title, exc.message, exc.link)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        titles = {404: "Not found", 405: "Method not allowed", 400: "Bad request"}
        messages = {
            404: "There is no page at this address.",
            405: "This server is read-only: it answers GET and HEAD only.",
        }
        response = error_response(
            request,
            status,
            titles.get(status, "Error"),
            messages.get(status, "The request could not be answered."),
        )
        if status == 405:
            response.headers["allow"] = ", ".join(ALLOWED_METHODS)
        return response

    async def server_error(self, request: Request, exc: Exception) -> Response:
        return failure_response(request, exc)


class ReadOnlyMethods:
    """405 for every method but GET and HEAD, on every path: nothing here writes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ALLOWED_METHODS:
            request = Request(scope)
            response = error_response(
                request,
                405,
                "Method not allowed",
                "This server is read-only: it answers GET and HEAD only.",
            )
            response.headers["allow"] = ", ".join(ALLOWED_METHODS)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """The Content-Security-Policy and its companions on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.decode("latin-1").lower() for k, _ in headers}
                headers += [
                    (k.encode("latin-1"), v.encode("latin-1"))
                    for k, v in SECURITY_HEADERS.items()
                    if k not in present
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
