import gzip

import pytest

from newsweave.errors import DocumentError
from newsweave.web.kinds import Kind, classify, is_archive_path, root_element, unwrap_gzip
from tests.web.helpers import response


@pytest.mark.parametrize(
    ("path", "body", "content_type", "kind"),
    [
        ("/a.html", b"<!doctype html><html><body>x</body></html>", "text/html", Kind.PAGE),
        ("/feed", b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "text/html", Kind.FEED),
        ("/f", b'<feed xmlns="http://www.w3.org/2005/Atom">', "text/xml", Kind.FEED),
        ("/s", b"<?xml version='1.0'?><urlset>", "application/xml", Kind.SITEMAP),
        ("/s", b"<sitemapindex>", "", Kind.SITEMAP_INDEX),
        ("/x", b"%PDF-1.4", "application/pdf", Kind.OTHER),
        ("/x.png", b"\x89PNG", "image/png", Kind.OTHER),
        ("/crawl.warc.gz", b"\x1f\x8b", "application/octet-stream", Kind.ARCHIVE),
        ("/x", b"WARC/1.0", "application/warc", Kind.ARCHIVE),
        ("/urls.txt", b"https://a.org/1\nhttps://a.org/2\n", "text/plain", Kind.SITEMAP),
        ("/notes.txt", b"just some words", "text/plain", Kind.OTHER),
        ("/p", b"<p>no doctype, no type</p>", "", Kind.PAGE),
        ("/sitemap-broken.xml", b"<?xml version='1.0'?>garbage", "text/xml", Kind.SITEMAP),
        ("/data", b'{"a": 1}', "application/json", Kind.OTHER),
    ],
)
def test_classify_by_body_then_type(path, body, content_type, kind):
    assert classify(response(path, body, content_type)) is kind


def test_root_element_skips_the_prolog():
    head = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "x.dtd">\n<!-- a --><RSS>'
    assert root_element(head) == "rss"
    assert root_element(b"plain text") is None


def test_gzipped_sitemap_is_unwrapped_and_bounded():
    body = b'<?xml version="1.0"?><urlset><url><loc>http://a.org/1</loc></url></urlset>'
    wrapped = response("/sitemap.xml.gz", gzip.compress(body), "application/x-gzip")
    plain = unwrap_gzip(wrapped, 10_000)
    assert plain.body == body and classify(plain) is Kind.SITEMAP
    with pytest.raises(DocumentError, match="too large"):
        unwrap_gzip(wrapped, 20)
    archive = response("/crawl.warc.gz", gzip.compress(b"WARC/1.0"), "application/gzip")
    assert unwrap_gzip(archive, 10_000) is archive


def test_archive_paths():
    assert is_archive_path("CC-NEWS-2024.warc.gz") and is_archive_path("old.ARC.GZ")
    assert not is_archive_path("page.html")
