"""Responses built from fixture files, for tests that need no server."""

from __future__ import annotations

from newsweave.web.records import Response
from tests.web.site import OTHER_FILES, PAGES, Route, body_of

BASE = "http://news.test"


def response(
    path: str,
    body: bytes | None = None,
    content_type: str | None = None,
    status: int = 200,
    base: str = BASE,
) -> Response:
    """The fixture site's response for ``path`` (or the body and type given)."""
    route: Route | None = PAGES.get(path) or OTHER_FILES.get(path)
    if body is None:
        assert route is not None, path
        body = body_of(route, base)
    kind = content_type if content_type is not None else (route.content_type if route else "")
    headers = {"content-type": kind} if kind else {}
    return Response(base + path, base + path, status, headers, body, "2024-03-15T12:00:00Z")
