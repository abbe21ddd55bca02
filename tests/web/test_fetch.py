import ssl
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from newsweave import __version__
from newsweave.config import WebSettings
from newsweave.errors import DocumentError
from newsweave.web.fetch import Fetcher, retry_wait, user_agent


def test_user_agent_names_newsweave_and_its_version():
    assert user_agent(WebSettings()) == f"newsweave/{__version__}"
    assert user_agent(WebSettings(user_agent="(+mailto:a@b.org)")).endswith(" (+mailto:a@b.org)")


def test_retry_wait_reads_retry_after_seconds_or_date_else_backs_off():
    now = datetime(2024, 3, 15, 12, 0, tzinfo=UTC)
    assert retry_wait("7", 0, 1.0, now) == 7.0
    assert retry_wait(format_datetime(now + timedelta(seconds=30), usegmt=True), 0, 1.0, now) == 30
    assert retry_wait(None, 0, 0.5, now) == 0.5
    assert retry_wait("soon", 2, 0.5, now) == 2.0


def test_requests_carry_the_user_agent_and_robots_is_read_first(site, settings):
    with Fetcher(settings) as fetcher:
        response = fetcher.get(site.url("/news/council-budget-vote.html"))
    assert response.status == 200 and response.headers["content-type"].startswith("text/html")
    assert site.paths() == ["/robots.txt", "/news/council-budget-vote.html"]
    assert all(h["user-agent"] == f"newsweave/{__version__}" for _, h in site.requests)


def test_429_is_retried_after_retry_after(site, settings):
    waits: list[float] = []
    with Fetcher(settings, sleep=waits.append) as fetcher:
        response = fetcher.get(site.url("/busy"))
    assert response.status == 200 and waits == [1.0]
    assert site.hits["/busy"] == 2


def test_other_errors_are_not_retried(site, settings):
    with Fetcher(settings) as fetcher:
        assert fetcher.get(site.url("/broken")).status == 500
        assert fetcher.get(site.url("/missing")).status == 404
    assert site.hits["/broken"] == 1 and site.hits["/missing"] == 1


def test_redirects_are_followed_and_recorded_within_the_bound(site, settings):
    with Fetcher(settings) as fetcher:
        response = fetcher.get(site.url("/go/chain"))
    assert response.url == site.url("/go/chain")
    assert response.final_url == site.url("/news/council-budget-vote.html")
    assert response.redirects == (site.url("/go/chain-2"), response.final_url)
    with (
        Fetcher(replace(settings, max_redirects=1)) as fetcher,
        pytest.raises(DocumentError, match="more than 1 redirects"),
    ):
        fetcher.get(site.url("/go/chain"))


def test_conditional_get_gives_304(site, settings):
    with Fetcher(settings) as fetcher:
        first = fetcher.get(site.url("/feeds/live.xml"))
        again = fetcher.get(site.url("/feeds/live.xml"), {"if-none-match": first.headers["etag"]})
    assert first.status == 200 and again.status == 304 and again.body == b""


def test_robots_can_be_ignored_for_ones_own_hosts(site, settings):
    url = site.url("/private/embargoed.html")
    with Fetcher(settings) as fetcher, pytest.raises(DocumentError, match=r"robots\.txt"):
        fetcher.get(url)
    for override in ({"robots_exempt_hosts": "other.org, 127.0.0.1"}, {"robots": "ignore"}):
        with Fetcher(replace(settings, **override)) as fetcher:
            assert fetcher.get(url).status == 200


def test_bodies_of_unreadable_types_are_not_downloaded(site, settings):
    with Fetcher(settings) as fetcher:
        response = fetcher.get(site.url("/files/annual-report.pdf"))
    assert response.status == 200 and response.body == b""


def test_the_size_cap_holds_without_a_content_length(site, settings):
    with Fetcher(settings) as fetcher, pytest.raises(DocumentError, match="too large"):
        fetcher.get(site.url("/big"))


def test_https_with_a_trusted_authority(tls_site, settings, authority):
    context = ssl.create_default_context()
    authority.configure_trust(context)
    with Fetcher(settings, verify=context) as fetcher:
        assert fetcher.get(tls_site.url("/news/council-budget-vote.html")).status == 200
