"""A story's long sections: cut on its page, paged in full on their own, with JSON twins."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape

import pytest

from newsweave.config import Settings
from newsweave.corpus import ingest
from newsweave.webui import create_app, pages
from newsweave.webui.jsondoc import StoredJson, json_bytes
from tests.webui.conftest import BuiltStore, TestClient
from tests.webui.stores import EXAMPLES

SECTION_HREF = re.compile(r'<p class="more">[^<]*: <a href="([^"]+)">all (\d+) →</a>')


@pytest.fixture()
def small_pages(example_store: BuiltStore, monkeypatch) -> Iterator[TestClient]:
    """A server whose story page shows one item of each section and a citation per
    statement, and whose section pages hold two items: the example story's sections
    are then cut and paged as a story of hundreds of articles is."""
    monkeypatch.setattr(pages, "PREVIEW", dict.fromkeys(pages.PREVIEW, 1))
    monkeypatch.setattr(pages, "SECTION_PER_PAGE", 2)
    monkeypatch.setattr(pages, "PREVIEW_CITES", 2)
    with TestClient(create_app(example_store.path), raise_server_exceptions=False) as client:
        yield client


def _items(client: TestClient, story: str, section: str) -> list[object]:
    """Every item of a section, following the twin's pager."""
    items: list[object] = []
    url: str | None = f"/stories/{story}.json?section={section}"
    while url:
        data = client.get(url).json()
        assert data["schema"] == "newsweave.webui.story-section/1"
        assert data["section"] == section and data["story"] == story
        assert len(data["items"]) <= 2
        items += data["items"]
        url = data["next"]
    assert len(items) == data["total"]
    return items


def test_a_cut_section_links_to_its_pages(small_pages, example_store: BuiltStore) -> None:
    story = example_store.analysed
    html = small_pages.get(f"/stories/{story}").text
    links = {unescape(href): int(total) for href, total in SECTION_HREF.findall(html)}
    assert f"/stories/{story}?section=articles" in links, "4 articles, 1 shown"
    assert links[f"/stories/{story}?section=articles"] == 4
    twin = small_pages.get(f"/stories/{story}.json").json()
    for href, total in links.items():
        section = href.split("section=")[1]
        assert twin["sections"][section]["total"] == total
        assert twin["sections"][section]["href"] == href
        assert len(_items(small_pages, story, section)) == total


def test_section_pages_hold_every_item_once(small_pages, example_store: BuiltStore) -> None:
    story = example_store.analysed
    articles = _items(small_pages, story, "articles")
    assert [a["id"] for a in articles] == list(
        small_pages.get(f"/stories/{story}.json").json()["analysis"]["article_ids"]
    )
    dossier = small_pages.get(f"/stories/{story}.json").json()["analysis"]
    timeline = _items(small_pages, story, "timeline")
    assert sorted(json.dumps(e, sort_keys=True) for e in timeline) == sorted(
        json.dumps(e, sort_keys=True) for e in dossier["timeline"]
    )
    quotes = [q for statement in _items(small_pages, story, "quotes") for q in statement["quotes"]]
    assert sorted(q["id"] for q in quotes) == sorted(q["id"] for q in dossier["quotes"])


def test_a_section_page_and_its_pager(small_pages, example_store: BuiltStore) -> None:
    story = example_store.analysed
    first = small_pages.get(f"/stories/{story}?section=articles")
    assert first.status_code == 200
    assert "<h1>Articles</h1>" in first.text and "4 articles" in first.text
    assert first.text.count('<tr><td><a href="/articles/') == 2
    assert f'href="/stories/{story}?section=articles&amp;page=2"' in first.text
    second = small_pages.get(f"/stories/{story}?section=articles&page=2")
    assert second.text.count('<tr><td><a href="/articles/') == 2
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text
    beyond = small_pages.get(f"/stories/{story}?section=articles&page=9")
    assert beyond.status_code == 404 and "has 2 pages" in beyond.text
    error = small_pages.get(f"/stories/{story}.json?section=articles&page=9").json()["error"]
    assert error["status"] == 404


def test_a_long_citation_list_ends_in_a_link_to_all(small_pages, example_store: BuiltStore) -> None:
    story = example_store.analysed
    html = small_pages.get(f"/stories/{story}").text
    more = re.findall(
        r'<a class="cite" href="([^"]+)" title="(\d+) more citations">\+\d+ more</a>', html
    )
    assert more, "a statement with more than two citations shows one and a link to the rest"
    href = unescape(more[0][0])
    assert href.startswith(f"/stories/{story}?section=")
    full = small_pages.get(href).text
    assert "more citations" not in full, "a section's page shows every citation"


def test_bad_sections_are_bad_requests(client, example_store: BuiltStore) -> None:
    story = example_store.analysed
    for bad in ("nope", "<script>", "summary'--"):
        response = client.get(f"/stories/{story}", params={"section": bad})
        assert response.status_code == 400
        assert "has no section" in response.text and "<script>" not in response.text
    assert client.get(f"/stories/{story}.json?section=nope").json()["error"]["status"] == 400


def test_an_unanalysed_story_has_no_sections(tmp_path) -> None:
    db = tmp_path / "raw.sqlite"
    ingest([str(EXAMPLES)], Settings(db=str(db)))
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        (story,) = client.get("/stories.json").json()["stories"]
        response = client.get(f"{story['href']}?section=quotes")
        assert response.status_code == 400
        assert "not analysed" in response.text


def test_stored_json_is_written_as_stored_and_escaped() -> None:
    stored = '{"a": "<b>&</b>", "n": [1, 2]}'
    text = json_bytes({"x": 1, "analysis": StoredJson(lambda: stored)}).decode()
    assert "<" not in text and "&" not in text
    assert json.loads(text) == {"x": 1, "analysis": {"a": "<b>&</b>", "n": [1, 2]}}
    for bad in ("{", "", None, "not json"):
        assert json.loads(json_bytes({"analysis": StoredJson(lambda b=bad: b)})) == {
            "analysis": None
        }


def test_a_story_whose_articles_changed_after_its_analysis_says_so(example_store, tmp_path):
    import shutil
    import sqlite3
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    path = tmp_path / "edited.sqlite"
    shutil.copy(example_store.path, path)
    story = example_store.analysed
    with sqlite3.connect(path) as conn:  # as when an article's text was updated in place
        conn.execute("UPDATE stories SET fingerprint = 'edited' WHERE id = ?", (story,))
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        data = client.get(f"/stories/{story}.json").json()
        page = client.get(f"/stories/{story}").text
    assert data["changed_since_analysis"] == {"joined": [], "left": [], "edited": True}
    assert "Articles of this story changed since it was analysed" in page
