import pytest

from newsweave.errors import DocumentError
from newsweave.web.feeds import read_feed
from tests.web.helpers import BASE, response


def test_rss_entries_in_order_with_titles_dates_and_relative_links():
    listing = read_feed(response("/feeds/rss.xml"), depth=1, max_items=100)
    assert [link.url for link in listing.links] == [
        f"{BASE}/news/2024/03/14/harbour-bridge-closure.html",
        f"{BASE}/amp/school-reopening.html",
        f"{BASE}/go/port-strike",
        f"{BASE}/news/fishing-quota.html",
    ]
    first = listing.links[0]
    assert first.via == f"{BASE}/feeds/rss.xml" and first.depth == 1
    assert first.found["published"] == (
        "2024-03-14T07:45:00+00:00",
        "the RSS feed entry's published date",
    )
    assert first.found["title"][0] == "Harbour bridge to close for six weeks of repairs"


def test_atom_entries_fall_back_to_the_updated_date():
    links = read_feed(response("/feeds/atom.xml"), 1, 100).links
    assert links[0].found["published"][0] == "2024-02-28T21:10:00+00:00"
    assert links[1].found["published"] == (
        "2024-03-15T10:30:00+00:00",
        "the Atom feed entry's updated date",
    )


def test_max_items_bounds_the_links_but_counts_them_all():
    listing = read_feed(response("/feeds/rss.xml"), 1, max_items=2)
    assert len(listing.links) == 2 and listing.total == 4


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (None, "malformed feed: undefined entity at line 5"),
        (b"\x00\x01garbage", "malformed feed"),
        (b'<rss version="2.0"><channel><title>Empty</title></channel></rss>', "no entries"),
        (b'<rss version="2.0"><channel><item><title>x</title></item></channel></rss>', "no links"),
    ],
)
def test_feeds_that_list_nothing_are_rejected(body, message):
    with pytest.raises(DocumentError, match=message):
        read_feed(response("/feeds/broken.xml", body), 1, 100)


def test_a_feed_with_a_recoverable_error_is_still_read():
    body = b'<rss version="2.0"><channel><item><link>http://a.org/1</link></item>'
    assert read_feed(response("/feed", body, "application/rss+xml"), 1, 10).links[0].url == (
        "http://a.org/1"
    )
