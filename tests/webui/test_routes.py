"""Every route and its JSON twin, paging, 404s, 405s and the security headers."""

from __future__ import annotations

import re

import pytest

from newsweave.webui.app import CSP
from tests.webui.conftest import BuiltStore, TestClient
from tests.webui.markup import assert_inert


def test_stories_list_and_its_twin(client, example_store: BuiltStore) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f'href="/stories/{example_store.analysed}"' in page.text
    assert "1 story in this store" in page.text
    twin = client.get("/stories.json")
    assert twin.headers["content-type"].startswith("application/json")
    data = twin.json()
    assert data["schema"] == "newsweave.webui.stories/1"
    assert data["total"] == 1 and data["page"] == 1 and data["pages"] == 1
    (story,) = data["stories"]
    assert story["id"] == example_store.analysed
    assert story["size"] == 4 and story["analyzed"] is True
    assert story["independent_sources"] >= 1
    assert story["href"] == f"/stories/{example_store.analysed}"
    assert client.get("/stories").text == page.text


def test_paging(client) -> None:
    past = client.get("/?page=2")  # a page past the last is missing, as a section's is
    assert past.status_code == 404
    assert "The store has 1 page of stories (1 story, " in past.text
    assert client.get("/stories.json?page=2").json()["error"]["status"] == 404
    assert client.get("/?page=1").status_code == 200
    words = client.get("/stories.json").json()["stories"][0]["headline"].split()[:1]
    assert client.get("/search", params={"q": words, "page": 1}).status_code == 200
    assert client.get("/search", params={"q": words, "page": 99}).status_code == 404
    for bad in ("0", "-1", "abc", "1.5", "99999999999999999999999", "١"):
        response = client.get("/", params={"page": bad})
        assert response.status_code == 400, bad
        assert "not a page number" in response.text
    assert client.get("/stories.json?page=x").json()["error"]["status"] == 400


def test_story_page_of_an_analysed_story(client, example_store: BuiltStore) -> None:
    page = client.get(f"/stories/{example_store.analysed}")
    assert page.status_code == 200
    html = page.text
    for heading in (
        "Summary",
        "Articles",
        "Who copied whom",
        "Reused passages",
        "Who said what",
        "Agreements and conflicts",
        "Timeline",
    ):
        assert f"<h3>{heading}</h3>" in html
    assert '<svg viewBox="0 0' in html  # the lineage and timeline pictures
    cites = re.findall(r'<a class="cite" href="(/articles/[^"#]+#p-[^"]+)"', html)
    assert cites, "summary citations link to the passage in its article"
    twin = client.get(f"/stories/{example_store.analysed}.json").json()
    assert twin["schema"] == "newsweave.webui.story/1"
    assert twin["analyzed"] is True
    assert twin["analysis"]["id"] == example_store.analysed
    assert twin["analysis"]["summary"], "the twin carries the story's dossier"
    assert {a["id"] for a in twin["articles"]} == set(twin["analysis"]["article_ids"])


def test_a_citation_lands_on_a_marked_passage(client, example_store: BuiltStore) -> None:
    html = client.get(f"/stories/{example_store.analysed}").text
    href = re.search(r'<a class="cite" href="(/articles/[^"]+)"', html).group(1)
    path, anchor = href.split("#")
    article = client.get(path)
    assert article.status_code == 200
    assert f'<mark class="p" id="{anchor}" data-p="{anchor}">' in article.text
    data = client.get(path + ".json").json()
    (passage,) = [p for p in data["passages"] if p["anchor"] == anchor]
    start, end = passage["span"]
    assert data["text"][start:end]
    assert "summary" in passage["cited_by"]


def test_article_page_marks_every_cited_passage(client, example_store: BuiltStore) -> None:
    story = client.get(f"/stories/{example_store.analysed}.json").json()
    for article_id in story["analysis"]["article_ids"]:
        data = client.get(f"/articles/{article_id}.json").json()
        assert data["schema"] == "newsweave.webui.article/1"
        assert data["story"] == example_store.analysed
        html = client.get(f"/articles/{article_id}").text
        assert data["passages"]
        for passage in data["passages"]:
            assert f'id="{passage["anchor"]}"' in html


def test_unanalysed_story_shows_its_articles_and_how_to_analyse(tmp_path) -> None:
    from newsweave.config import Settings
    from newsweave.corpus import ingest
    from newsweave.webui import create_app
    from tests.webui.stores import EXAMPLES

    db = tmp_path / "raw.sqlite"
    ingest([str(EXAMPLES)], Settings(db=str(db)))
    with TestClient(create_app(db)) as c:
        (story,) = c.get("/stories.json").json()["stories"]
        assert story["analyzed"] is False and story["independent_sources"] is None
        page = c.get(story["href"])
        assert page.status_code == 200
        assert "Not analysed yet" in page.text
        assert f"newsweave analyze --story {story['id']} --db" in page.text
        assert page.text.count('href="/articles/') >= 4
        twin = c.get(story["json"]).json()
        assert twin["analysis"] is None
        assert twin["analyze_command"].startswith(f"newsweave analyze --story {story['id']}")
        assert len(twin["articles"]) == 4
        article = c.get(twin["articles"][0]["href"])
        assert "not analysed yet" in article.text
        assert c.get(twin["articles"][0]["json"]).json()["passages"] == []
        assert [(e["event"], e["run"]) for e in twin["history"]] == [("created", 1)]
        assert "<h3>History</h3>" in page.text and "<small>run 1</small> created" in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/stories/nope",
        "/stories/nope.json",
        "/articles/nope",
        "/articles/nope.json",
        "/stories/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/articles/%FF%FE",
        "/no/such/page",
        "/static/../store.sqlite",
        "/static/nope.js",
    ],
)
def test_unknown_ids_answer_404_with_a_page_that_says_so(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>alert" not in response.text
    if path.endswith(".json"):
        assert response.json()["error"]["status"] == 404
    else:
        assert "No such" in response.text or "Not found" in response.text
        assert "Traceback" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/", "/stories.json", "/search?q=x", "/stories/x", "/nowhere"])
def test_writes_answer_405(client, method: str, path: str) -> None:
    response = client.request(method, path, content=b"x=1")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert "read-only" in response.text


def test_head_answers_like_get(client) -> None:
    response = client.head("/")
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    "path", ["/", "/stories.json", "/search?q=a", "/stories/nope", "/static/report.css"]
)
def test_every_response_has_the_csp(client, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "default-src 'none'" in CSP
    assert response.headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_and_only_package_files(client, example_store: BuiltStore) -> None:
    for path in ("/", "/search?q=morales", f"/stories/{example_store.analysed}"):
        html = client.get(path).text
        assert_inert(html)
    css = client.get("/static/report.css")
    assert css.headers["content-type"].startswith("text/css")
    js = client.get("/static/passages.js")
    assert js.headers["content-type"].startswith("text/javascript")
    assert "classList.add" in js.text


def test_a_merged_story_links_to_where_it_went(example_store: BuiltStore, tmp_path) -> None:
    import shutil
    import sqlite3

    from newsweave.webui import create_app

    copy = tmp_path / "store.sqlite"
    shutil.copy(example_store.path, copy)
    with sqlite3.connect(copy) as conn:  # s-old went into s-mid, which went into the story
        conn.executemany(
            "INSERT INTO story_events (story, event, other, at) VALUES (?, 'merged_into', ?, '')",
            [("s-old", "s-mid"), ("s-mid", example_store.analysed)],
        )
    conn.close()
    with TestClient(create_app(str(copy)), raise_server_exceptions=False) as client:
        page = client.get("/stories/s-old")
        assert page.status_code == 404
        assert f"It was merged into story {example_store.analysed}." in page.text
        assert f'<a href="/stories/{example_store.analysed}">' in page.text
        error = client.get("/stories/s-old.json").json()["error"]
        assert error["href"] == f"/stories/{example_store.analysed}.json"
        assert "href" not in client.get("/stories/s-none.json").json()["error"]
        # the story the merges went into says so in its history, in any order of reading
        story = client.get(f"/stories/{example_store.analysed}").text
        assert 'absorbed story <a href="/stories/s-mid">s-mid</a> (merged into this one)' in story
        events = client.get(f"/stories/{example_store.analysed}.json").json()["history"]
        assert events[-1] == {
            "at": "",
            "run": None,
            "story": "s-mid",
            "event": "merged_into",
            "other": example_store.analysed,
        }
