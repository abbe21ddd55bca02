"""Search through FTS5: words become quoted terms; hostile input is a 400 or an empty result."""

from __future__ import annotations

import pytest

from newsweave.webui.queries import match_expression, search_terms
from tests.webui.conftest import BuiltStore

HOSTILE_QUERIES = [
    '"',
    '""',
    "'",
    "NEAR(",
    "NEAR(morales mexico, 2)",
    'morales" OR "x',
    "morales AND",
    "OR",
    "NOT morales",
    "morales*",
    "^morales",
    "title:morales",
    "{title text}: morales",
    "morales' OR '1'='1",
    "'; DROP TABLE stories; --",
    "1) UNION SELECT * FROM texts --",
    "%",
    "_",
    "\\",
    "\x00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\ue000\ue001",
    "\ud7ff\U0010ffff",
    "x" * 499,
]


def test_words_are_found_in_headlines_and_texts(client, example_store: BuiltStore) -> None:
    (story,) = client.get("/stories.json").json()["stories"]
    words = [w for w in search_terms(story["headline"]) if len(w) > 4][:2]
    query = " ".join(words).upper()
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200
    assert f'href="/stories/{example_store.analysed}"' in page.text
    assert "<mark>" in page.text
    data = client.get("/search.json", params={"q": query}).json()
    assert data["schema"] == "newsweave.webui.search/1"
    assert data["terms"] == [w.upper() for w in words]
    assert [s["id"] for s in data["stories"]] == [example_store.analysed]
    assert data["articles"]
    assert all(a["story"] == example_store.analysed for a in data["articles"])
    wanted = {w.lower() for w in words}
    assert all(m.lower() in wanted for a in data["articles"] for m in a["matches"])


def test_every_word_must_match(client) -> None:
    data = client.get("/search.json", params={"q": "Morales zzzyzzzx"}).json()
    assert data["stories"] == [] and data["articles"] == []


def test_an_empty_search_shows_the_form(client) -> None:
    page = client.get("/search")
    assert page.status_code == 200 and 'name="q"' in page.text
    assert client.get("/search.json").json()["articles"] == []


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_are_words_or_nothing(client, query: str) -> None:
    for path in ("/search", "/search.json"):
        response = client.get(path, params={"q": query})
        assert response.status_code in (200, 400), (query, response.status_code)
        assert "Traceback" not in response.text
        assert "<script>alert" not in response.text
        assert "<img" not in response.text
    data = client.get("/search.json", params={"q": query}).json()
    assert data["terms"] == search_terms(query)


def test_operator_words_are_plain_words(client) -> None:
    data = client.get("/search.json", params={"q": "NEAR( morales"}).json()
    assert data["terms"] == ["NEAR", "morales"]
    alone = client.get("/search.json", params={"q": "morales"}).json()
    assert len(data["articles"]) <= len(alone["articles"])
    found = client.get("/search.json", params={"q": 'morales" OR "x'}).json()
    assert found["terms"] == ["morales", "OR", "x"]


def test_a_10kb_query_is_a_bad_request(client) -> None:
    for path in ("/search", "/search.json"):
        response = client.get(path, params={"q": "morales " * 1300})
        assert response.status_code == 400
        assert "at most 500 characters" in response.text


def test_non_utf8_bytes_are_not_an_error(client) -> None:
    for raw in (b"/search?q=%FF%FE%FA", b"/search.json?q=mor%C0ales", b"/search?q=%ED%A0%80"):
        response = client.get(raw.decode("ascii"))
        assert response.status_code in (200, 400)
        assert "Traceback" not in response.text


def test_match_expression_quotes_every_term() -> None:
    assert match_expression(["a", 'b"c', "NEAR"]) == '"a" AND "b""c" AND "NEAR"'
    assert search_terms('NEAR("x" y)* ^z:w') == ["NEAR", "x", "y", "z", "w"]
    assert len(search_terms("w " * 100)) == 12


def test_common_words_come_newest_first(client, monkeypatch) -> None:
    from newsweave.webui import queries

    monkeypatch.setattr(queries, "RANKED_MATCHES", 1)
    data = client.get("/search.json", params={"q": "Morales"}).json()
    assert len(data["articles"]) > 1
    assert "the newest come first" in data["note"]


def test_words_past_the_twelfth_are_left_out_and_said(client) -> None:
    data = client.get("/search.json", params={"q": " ".join(f"w{n}" for n in range(15))}).json()
    assert len(data["terms"]) == 12
    assert "3 more were left out" in data["note"]
