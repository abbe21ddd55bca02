import pytest

from newsweave.errors import DocumentError
from newsweave.web.sitemaps import read_sitemap
from tests.web.helpers import BASE, response


def test_urlset_and_index():
    urls = [link.url for link in read_sitemap(response("/sitemap.xml"), 1, 100).links]
    assert urls[0] == f"{BASE}/news/school-reopening.html" and len(urls) == 4
    index = read_sitemap(response("/sitemap-index.xml"), 1, 100).links
    assert [link.url for link in index] == [f"{BASE}/sitemap-news.xml", f"{BASE}/sitemap.xml"]


def test_news_sitemap_entries_carry_title_date_and_outlet():
    (link,) = read_sitemap(response("/sitemap-news.xml"), 2, 100).links
    assert link.depth == 2
    assert link.found["published"] == (
        "2024-02-28T21:10:00Z",
        "the news sitemap's <news:publication_date>",
    )
    assert link.found["outlet"][0] == "Northshore Courier"
    assert link.found["title"][0].startswith("Council approves")


def test_text_sitemap():
    body = b"https://a.org/1\n\nhttps://a.org/2\n"
    urls = [
        link.url for link in read_sitemap(response("/urls.txt", body, "text/plain"), 1, 9).links
    ]
    assert urls == ["https://a.org/1", "https://a.org/2"]


def test_malformed_empty_and_foreign_xml_are_rejected():
    with pytest.raises(DocumentError, match=r"malformed sitemap: .*line 6"):
        read_sitemap(response("/sitemap-broken.xml"), 1, 100)
    with pytest.raises(DocumentError, match="lists no URLs"):
        read_sitemap(response("/s.xml", b"<urlset></urlset>", "text/xml"), 1, 100)
    with pytest.raises(DocumentError, match="root is <rss>"):
        read_sitemap(response("/s.xml", b"<rss></rss>", "text/xml"), 1, 100)


def test_entities_are_never_expanded_nor_fetched():
    laughs = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY local SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>
<urlset><url><loc>http://a.org/&d;</loc></url><url><loc>http://a.org/&local;&remote;</loc></url>
</urlset>"""
    links = read_sitemap(response("/s.xml", laughs, "text/xml"), 1, 100).links
    assert [link.url for link in links] == ["http://a.org/", "http://a.org/"]
