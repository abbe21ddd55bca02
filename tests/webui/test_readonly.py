"""The web UI never writes: the store's bytes are the same after a session of requests."""

from __future__ import annotations

import sqlite3

import pytest

from newsweave.errors import StoreError
from newsweave.webui.store import connect_readonly, open_readonly
from tests.webui.conftest import BuiltStore, TestClient


def test_a_session_of_requests_changes_nothing(example_store: BuiltStore) -> None:
    from newsweave.webui import create_app

    before = example_store.digest()
    with TestClient(create_app(example_store.path)) as c:
        story = c.get(f"/stories/{example_store.analysed}.json").json()
        paths = ["/", "/stories.json", "/search?q=morales", "/search.json?q=mexico"]
        paths += [f"/stories/{example_store.analysed}", "/stories/nope", "/?page=abc"]
        for article in story["articles"]:
            paths += [article["href"], article["json"]]
        for path in paths * 3:
            c.get(path)
        for method in ("POST", "PUT", "DELETE"):
            c.request(method, "/")
    assert example_store.digest() == before


def test_connections_cannot_write(example_store: BuiltStore) -> None:
    conn = connect_readonly(example_store.path)
    try:
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM stories")
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("CREATE TABLE x (y)")
    finally:
        conn.close()


def test_a_missing_or_foreign_file_is_refused(tmp_path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_readonly(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a newsweave store"):
        open_readonly(junk)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a newsweave store"):
        open_readonly(other)
