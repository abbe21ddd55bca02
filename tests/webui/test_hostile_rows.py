"""A store someone else made may hold anything in its columns: the UI answers, never 500."""

from __future__ import annotations

import json
import shutil
import sqlite3
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsweave.webui import create_app

ROUTES = ["/", "/stories.json", "/search?q=president", "/stories/{s}", "/stories/{s}.json"]


def _record(conn, story, change):
    record = json.loads(
        conn.execute("SELECT record FROM analyses WHERE story = ?", (story,)).fetchone()[0]
    )
    change(record)
    conn.execute("UPDATE analyses SET record = ? WHERE story = ?", (json.dumps(record), story))


CHANGES = {
    "size is text": lambda c, s: c.execute("UPDATE stories SET size = 'abc', outlets = x'00ff'"),
    "dates and headline are blobs": lambda c, s: c.execute(
        "UPDATE stories SET first_published = 12, last_published = x'00', headline = x'3c62'"
    ),
    "a dangling article in the record": lambda c, s: _record(
        c, s, lambda r: r["reuse"][0].__setitem__("source", "nope")
    ),
    "a span of floats in the record": lambda c, s: _record(
        c, s, lambda r: r["quotes"][0]["span"].__setitem__("start", 1.5)
    ),
    "a lineage whose groups leave an article out": lambda c, s: _record(
        c, s, lambda r: r["lineage"].__setitem__("groups", [r["lineage"]["groups"][0][:1]])
    ),
    "an undirected pair naming another article": lambda c, s: _record(
        c, s, lambda r: r["lineage"].__setitem__("undirected", [["zzz", "a", 0.5, 0.5]])
    ),
    "a dossier nested past any reader": lambda c, s: c.execute(
        "UPDATE analyses SET dossier = ?", ("[" * 100_000 + "]" * 100_000,)
    ),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_odd_values_give_pages_not_failures(example_store, tmp_path, name):
    path = tmp_path / "odd.sqlite"
    shutil.copy(example_store.path, path)
    story = example_store.analysed
    with sqlite3.connect(path) as conn:
        CHANGES[name](conn, story)
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        for route in ROUTES:
            response = client.get(route.format(s=story))
            assert response.status_code == 200, (route, response.status_code)
        listed = client.get("/stories.json").json()["stories"][0]
        assert listed["size"] in (0, 4)  # a size that is no number reads as unknown


def test_a_page_number_of_thousands_of_digits_is_a_bad_request(client):
    assert client.get("/?page=" + "9" * 5000).status_code == 400
