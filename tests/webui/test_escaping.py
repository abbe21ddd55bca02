"""Everything that comes from an article is escaped on every page and in the URLs."""

from __future__ import annotations

import re

from tests.webui.conftest import BuiltStore
from tests.webui.markup import assert_inert
from tests.webui.stores import HOSTILE


def _pages(hostile_client, store: BuiltStore) -> dict[str, str]:
    story = hostile_client.get(f"/stories/{store.analysed}.json").json()
    assert story["analyzed"] is True
    paths = ["/", f"/stories/{store.analysed}", "/search?q=minister+vote"]
    paths += [a["href"] for a in story["articles"]]
    return {path: hostile_client.get(path).text for path in paths}


def test_markup_from_articles_shows_as_text(hostile_client, hostile_store: BuiltStore) -> None:
    pages = _pages(hostile_client, hostile_store)
    assert len(pages) == 5
    for path, html in pages.items():
        assert HOSTILE not in html, path
        assert "<img" not in html, path
        assert_inert(html)
        assert "<b>bold</b>" not in html
    story = pages[f"/stories/{hostile_store.analysed}"]
    assert "&lt;script&gt;alert(" in story
    assert "&lt;b&gt;bold&lt;/b&gt;" in story


def test_ids_that_need_quoting_route_and_escape(hostile_client, hostile_store: BuiltStore) -> None:
    story = hostile_client.get(f"/stories/{hostile_store.analysed}.json").json()
    ids = {a["id"]: a for a in story["articles"]}
    assert set(ids) == {'evil <1> "one"', "evil/2?x=#frag"}
    assert ids["evil/2?x=#frag"]["href"] == "/articles/evil%2F2%3Fx%3D%23frag"
    for article in ids.values():
        data = hostile_client.get(article["json"]).json()
        assert data["id"] == article["id"]
        html = hostile_client.get(article["href"]).text
        assert "evil &lt;1&gt; &#34;one&#34;" in html or "evil/2?x=#frag" in html
        for passage in data["passages"]:
            assert re.fullmatch(r"p-[A-Za-z0-9._-]+-\d+-\d+", passage["anchor"])
            assert f'id="{passage["anchor"]}"' in html


def test_the_url_is_never_a_link(hostile_client, hostile_store: BuiltStore) -> None:
    html = hostile_client.get("/articles/evil%20%3C1%3E%20%22one%22").text
    assert "javascript:alert(1)//&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_nothing_from_the_url_is_echoed_unescaped(client) -> None:
    evil = '"><script>alert(1)</script>'
    for path in (
        f"/stories/{evil}",
        f"/articles/{evil}",
        f"/search?q={evil}",
        f"/?page={evil}",
        f"/search?q=x&page={evil}",
    ):
        response = client.get(path)
        assert "<script>alert" not in response.text, path
        assert response.status_code in (200, 400, 404)


def test_a_story_history_from_a_crafted_store_shows_as_text(example_store, tmp_path) -> None:
    import shutil
    import sqlite3

    from newsweave.webui import create_app
    from tests.webui.conftest import TestClient

    copy = tmp_path / "store.sqlite"
    shutil.copy(example_store.path, copy)
    evil = '"><script>alert(1)</script>'
    with sqlite3.connect(copy) as conn:
        conn.execute(
            "INSERT INTO story_events (story, event, other, run, at) "
            "VALUES (?, 'merged_into', ?, 3, ?)",
            (evil, example_store.analysed, "<img src=x onerror=alert(2)>"),
        )
    conn.close()
    with TestClient(create_app(str(copy)), raise_server_exceptions=False) as client:
        html = client.get(f"/stories/{example_store.analysed}").text
    assert_inert(html)
    assert "<script>alert(1)" not in html and "<img" not in html
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a> (merged into this one)" in html
    assert 'href="/stories/%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E"' in html
