import pytest

from newsweave.ingest.records import read_published
from newsweave.web.metadata import page_metadata, url_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-14T07:45:00+00:00", "2024-03-14T07:45:00+00:00"),
        ("2024-03-14T07:45:00Z", "2024-03-14T07:45:00+00:00"),
        ("2024-03-14 07:45 UTC", "2024-03-14T07:45:00+00:00"),
        ("2024-03-14", "2024-03-14"),
        ("Thu, 14 Mar 2024 07:45:00 GMT", "2024-03-14T07:45:00+00:00"),
        ("14 Mar 2024", "2024-03-14"),
        ("Thursday, March 14th, 2024", "2024-03-14"),
        ("Sept. 31, 2024", None),
        ("March 14", None),
        ("11/03/2024", None),
        ("March 14, 2024 and more", None),
        ("14 Mar 2024 9:30 PM", None),  # 12-hour: not guessed
        ("Mar 14, 2024 9:30 PM EST", None),
        ("Thu, 14 Mar 2024 21:30 CET", None),  # a zone RFC 2822 does not know
        ("Thu, 14 Mar 2024 21:30 -0500", "2024-03-14T21:30:00-05:00"),
        ("14 Mar 2024 21:30 EDT", "2024-03-14T21:30:00-04:00"),
        ("", None),
    ],
)
def test_read_published(text, iso):
    assert read_published(text) == iso


def test_url_date():
    assert url_date("https://a.org/2019/11/12/story.html") == (
        "2019-11-12",
        "URL path /2019/11/12/",
    )
    assert url_date("https://a.org/news/2019-11-12-story")[0] == "2019-11-12"
    assert url_date("https://a.org/2019/11/story")[0] == "2019-11"
    assert url_date("https://a.org/story-20191112") is None
    assert url_date("https://a.org/2019/13/01/x") is None


def test_json_ld_graph_with_a_list_type_and_unreadable_scripts():
    html = """<html><head>
    <script type="application/ld+json">{not json</script>
    <script type="application/LD+JSON">{"@graph": [{"@type": "WebSite", "name": "Site"},
      {"@type": ["NewsArticle"], "headline": "  A   headline ", "datePublished": "2024-01-02",
       "author": [{"name": "Ann Lee"}, "Bo Chen", {"name": "https://a.org/staff/x"}],
       "publisher": {"name": "The Daily"}}]}</script></head><body></body></html>"""
    found = page_metadata(html, "https://a.org/x")
    assert found["title"] == ("A headline", "JSON-LD headline")
    assert found["published"] == ("2024-01-02", "JSON-LD datePublished")
    assert found["author"] == ("Ann Lee, Bo Chen", "JSON-LD author")
    assert found["outlet"] == ("The Daily", "JSON-LD publisher")


def test_unreadable_dates_fall_through_to_the_next_source():
    html = """<html lang="fr-FR"><head><meta property="article:published_time" content="soon">
    <meta name="parsely-pub-date" content="2024-02-03T04:05:06Z">
    <meta property="og:url" content="/canonical"></head></html>"""
    found = page_metadata(html, "https://a.org/2020/01/01/x")
    assert found["published"] == ("2024-02-03T04:05:06+00:00", "meta parsely-pub-date")
    assert found["canonical"] == ("https://a.org/canonical", "meta og:url")
    assert found["language"] == ("fr", "the page's <html lang>")


def test_time_elements_and_title_suffix():
    html = """<html><head><title>Big news today | The Daily</title></head><body>
    <h1>Big news today</h1><time pubdate datetime="2024-05-06T07:08:09+02:00">6 May</time>
    </body></html>"""
    found = page_metadata(html, "https://a.org/x")
    assert found["published"] == ("2024-05-06T07:08:09+02:00", "<time pubdate datetime>")
    assert found["outlet"][0] == "The Daily"
    assert "title" not in found  # left to trafilatura, which reads <title> and <h1>


def test_a_title_suffix_needs_the_headline_before_it():
    html = "<html><head><title>Jobs - Careers</title></head><body><h1>Work</h1></body></html>"
    assert "outlet" not in page_metadata(html, "https://a.org/x")
