import pytest

from newsweave.errors import DocumentError
from newsweave.ingest.records import make_article
from newsweave.web.pages import check_status, read_page
from tests.web.helpers import BASE, response


def test_meta_tags_give_metadata_with_their_basis():
    document = read_page(response("/news/2024/03/14/harbour-bridge-closure.html"), "src")
    assert document.source == "src" and document.given == {}
    found = document.found
    assert found["title"] == ("Harbour bridge to close for six weeks of repairs", "meta og:title")
    assert found["outlet"] == ("The Harbour Gazette", "meta og:site_name")
    assert found["author"] == ("Priya Nandakumar", "meta author")
    assert found["published"] == ("2024-03-14T07:45:00+00:00", "meta article:published_time")
    assert found["url"][1] == "meta og:url"
    assert "cookies" not in document.text and "harbourwatcher" not in document.text
    assert "Related stories" not in document.text and "Sign up" not in document.text
    assert "Helen Marsh" in document.text


def test_json_ld_gives_metadata_with_its_basis():
    found = read_page(response("/news/council-budget-vote.html"), "src").found
    assert found["published"] == ("2024-02-28T21:10:00+00:00", "JSON-LD datePublished")
    assert found["author"] == ("Daniel Osei, Marta Kowalczyk", "JSON-LD author")
    assert found["outlet"] == ("Northshore Courier", "JSON-LD publisher")
    assert found["url"] == (f"{BASE}/news/council-budget-vote.html", "the page's canonical link")


def test_a_legacy_encoding_declared_only_in_the_page():
    document = read_page(response("/news/fishing-quota.html"), "src")
    assert "next year’s cod quota" in document.text and "€5.8 million" in document.text
    assert "— again" in document.text
    assert document.found["published"] == ("2024-03-11", "meta dc.date.issued")
    assert document.found["outlet"] == ("Coastline Weekly", "trafilatura's metadata extraction")


def test_a_date_only_in_the_url_path():
    found = read_page(response("/news/2024/03/15/storm-warning.html"), "src").found
    assert found["published"] == ("2024-03-15", "URL path /2024/03/15/")
    assert found["outlet"][1] == "the site name after the headline in the page's <title>"


def test_a_listing_fills_in_only_what_the_page_does_not_say():
    page = response("/news/storm.html", response("/news/2024/03/15/storm-warning.html").body)
    listed = {
        "published": ("2024-03-15T10:30:00Z", "the Atom feed entry's updated date"),
        "title": ("Another title", "the Atom feed entry's title"),
    }
    found = read_page(page, "src", listed).found
    assert found["published"] == ("2024-03-15T10:30:00+00:00", "the Atom feed entry's updated date")
    assert found["title"][0].startswith("Storm warning")
    bad = {"published": ("yesterday", "the RSS feed entry's published date")}
    assert "published" not in read_page(page, "src", bad).found


def test_canonical_link_on_the_same_site_is_the_identity():
    found = read_page(response("/amp/school-reopening.html"), "src").found
    assert found["url"] == (f"{BASE}/news/school-reopening.html", "the page's canonical link")


def test_a_canonical_link_to_another_site_is_not_the_identity():
    body = response("/news/council-budget-vote.html").body.replace(
        f"{BASE}/news/council".encode(), b"https://wire.example/news/council"
    )
    found = read_page(response("/reprint.html", body, "text/html"), "src").found
    assert found["url"] == (f"{BASE}/reprint.html", "the URL fetched")


def test_the_document_becomes_an_article_with_its_basis():
    article = make_article(read_page(response("/news/port-strike-talks.html"), "src"))
    assert article.title == "Dock workers vote to strike over pay as talks stall"
    assert article.outlet == "Baymouth Daily" and article.published == "2024-03-12T18:05:00+00:00"
    assert article.url == f"{BASE}/news/port-strike-talks.html"
    assert article.basis["published"] == "JSON-LD datePublished"


@pytest.mark.parametrize(
    ("path", "body", "content_type", "message"),
    [
        ("/news/latest.html", None, None, "no article text on the page"),
        ("/x.pdf", b"%PDF-1.4", "application/pdf", "not an article page but application/pdf"),
        ("/f.xml", b"<rss></rss>", "text/xml", "not an article page but an RSS/Atom feed"),
        (
            "/js.html",
            b"<html><body><div id=app></div><script>x()</script>",
            "text/html",
            "no article",
        ),
    ],
)
def test_pages_without_an_article(path, body, content_type, message):
    with pytest.raises(DocumentError, match=message):
        read_page(response(path, body, content_type), "src")


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "HTTP 404 Not Found .the page is gone"),
        (410, "HTTP 410 Gone"),
        (403, "HTTP 403 Forbidden .the site refuses"),
        (429, "HTTP 429 Too Many Requests"),
        (503, "HTTP 503 Service Unavailable .the site failed"),
        (204, "HTTP 204 No Content"),
        (599, "HTTP 599 unknown status"),
    ],
)
def test_error_statuses_say_what_happened(status, message):
    with pytest.raises(DocumentError, match=message):
        check_status(response("/x", b"", "text/html", status=status))
    check_status(response("/x", b"", "text/html", status=200))
