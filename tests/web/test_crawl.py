import time
from dataclasses import replace

import pytest

from newsweave.model import Rejection
from newsweave.web import parse_url_list, read_urls
from tests.web.site import PAGES

ARTICLES = {
    "/news/2024/03/14/harbour-bridge-closure.html",
    "/news/school-reopening.html",
    "/news/port-strike-talks.html",
    "/news/fishing-quota.html",
    "/news/council-budget-vote.html",
    "/news/2024/03/15/storm-warning.html",
}


def reasons(rejected: tuple[Rejection, ...]) -> dict[str, str]:
    return {r.source: r.reason for r in rejected}


def test_feeds_and_sitemaps_expand_and_each_article_is_read_once(site, settings):
    urls = [site.url(p) for p in ("/feeds/rss.xml", "/feeds/atom.xml", "/sitemap-index.xml")]
    batch = read_urls(urls, settings)
    assert batch.rejected == ()
    identities = [d.found["url"][0] for d in batch.documents]
    assert sorted(identities) == sorted(site.url(p) for p in ARTICLES)
    assert {page.canonical_url for page in batch.pages} == set(identities)
    assert all(site.hits.get(p, 0) <= 1 for p in PAGES)  # nothing fetched twice
    by_source = {d.source: d for d in batch.documents}
    redirected = by_source[site.url("/go/port-strike")]
    assert redirected.found["url"][0] == site.url("/news/port-strike-talks.html")
    assert site.url("/amp/school-reopening.html") in by_source


def test_the_raw_response_is_kept_for_every_page(site, settings):
    batch = read_urls([site.url("/go/port-strike"), site.url("/news/latest.html")], settings)
    assert len(batch.documents) == 1 and len(batch.pages) == 2
    page = batch.pages[0]
    assert page.source == site.url("/go/port-strike")
    assert page.response.final_url == page.canonical_url == site.url("/news/port-strike-talks.html")
    assert page.response.status == 200 and b"Dock workers" in page.response.body
    assert page.response.headers["content-type"].startswith("text/html")
    assert page.response.fetched_at.endswith("Z")


def test_two_urls_of_one_article_give_one_document(site, settings):
    urls = [site.url("/news/school-reopening.html"), site.url("/amp/school-reopening.html")]
    batch = read_urls(urls, settings)
    assert [d.source for d in batch.documents] == [urls[0]]
    assert reasons(batch.rejected) == {
        urls[1]: f"the same article as {urls[0]} (both are {urls[0]}); read once"
    }
    repeated = read_urls([urls[0], urls[0] + "#comments", " " + urls[0]], settings)
    assert len(repeated.documents) == 1 and repeated.rejected == ()


def test_every_bad_case_is_rejected_with_a_reason(site, tls_site, closed_port, settings):
    cases = {
        site.url("/missing"): "HTTP 404 Not Found",
        site.url("/broken"): "HTTP 500 Internal Server Error",
        site.url("/slow"): "timed out: no data from 127.0.0.1",
        site.url("/loop/a"): "redirect loop: ",
        site.url("/files/annual-report.pdf"): "not an article page but application/pdf",
        site.url("/images/harbour.png"): "not an article page but image/png",
        site.url("/news/latest.html"): "no article text on the page",
        site.url("/feeds/broken.xml"): "malformed feed: undefined entity",
        site.url("/sitemap-broken.xml"): "malformed sitemap:",
        site.url("/private/embargoed.html"): "disallowed by http://127.0.0.1",
        site.url("/big"): "too large: more than 200,000 bytes",
        tls_site.url("/news/council-budget-vote.html"): "TLS error: the certificate",
        f"http://127.0.0.1:{closed_port}/news/1.html": "connection refused by 127.0.0.1",
        "ftp://127.0.0.1/file.html": "not an http(s) URL",
    }
    batch = read_urls([*cases, site.url("/news/council-budget-vote.html")], settings)
    assert len(batch.documents) == 1
    found = reasons(batch.rejected)
    assert set(found) == set(cases)
    for url, start in cases.items():
        assert start in found[url], (url, found[url])


def test_a_slow_host_cannot_hold_the_run_past_its_deadline(site, settings):
    slow = replace(settings, read_timeout=10.0, deadline=0.8, per_host=1)
    urls = [site.url("/slow")] + [site.url(p) for p in sorted(PAGES)]
    started = time.monotonic()
    batch = read_urls(urls, slow)
    assert time.monotonic() - started < 3.0
    found = reasons(batch.rejected)
    assert "time bound" in found[site.url("/slow")]
    assert len(batch.documents) + len(batch.rejected) == len(urls)
    assert all("time bound" in reason for reason in found.values())


def test_listings_are_bounded_in_count_and_depth(site, settings):
    batch = read_urls([site.url("/feeds/rss.xml")], replace(settings, max_items=2))
    assert len(batch.documents) == 2
    assert "lists 4 URLs; only the first 2 were read" in batch.rejected[0].reason
    shallow = read_urls([site.url("/sitemap-index.xml")], replace(settings, max_depth=1))
    assert shallow.documents == ()
    assert all("listings deep" in r.reason for r in shallow.rejected)
    assert len(shallow.rejected) == 2


def test_progress_counts_up_to_the_total(site, settings):
    calls: list[tuple[str, int, int]] = []
    read_urls([site.url("/feeds/atom.xml")], settings, lambda *c: calls.append(c))
    assert calls[-1] == ("fetch", 3, 3)
    assert all(stage == "fetch" and done <= total for stage, done, total in calls)


def test_parse_url_list():
    text = "# my list\nhttps://a.org/1\n\n  https://a.org/2  \n   # indented comment\n"
    assert parse_url_list(text) == ["https://a.org/1", "https://a.org/2"]


def test_ctrl_c_during_a_run_propagates_without_waiting_for_the_queue(site, settings):
    def interrupt(stage: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    urls = [site.url(p) for p in sorted(PAGES)]
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        read_urls(urls, settings, interrupt)
    assert time.monotonic() - started < 5.0
