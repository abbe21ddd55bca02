from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator

import pytest

from newsweave.config import WebSettings
from tests.web.site import SiteServer

#: Settings for the loopback site: no spacing between requests, short timeouts.
FAST = WebSettings(
    per_host=4,
    min_interval=0.0,
    workers=8,
    connect_timeout=1.0,
    read_timeout=1.5,
    max_bytes=200_000,
    retries=2,
    backoff=0.05,
    deadline=20.0,
)


def _serve(server: SiteServer) -> Iterator[SiteServer]:
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def settings() -> WebSettings:
    return FAST


@pytest.fixture
def site() -> Iterator[SiteServer]:
    yield from _serve(SiteServer())


@pytest.fixture(scope="session")
def authority():
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


@pytest.fixture
def tls_site(authority) -> Iterator[SiteServer]:
    """The site over HTTPS with a certificate from a private CA that no client trusts."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    yield from _serve(SiteServer(tls=context))


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
