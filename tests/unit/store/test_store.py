import sqlite3

import numpy as np
import pytest

from newsweave.errors import StoreError
from newsweave.model import Article
from newsweave.store import code_version, open_store, stage_key
from newsweave.store.schema import MIGRATIONS


def _article(id_, text, outlet=None):
    return Article(id=id_, source=f"{id_}.txt", text=text, outlet=outlet, content_hash=f"h-{text}")


def test_migrates_a_new_file_and_reopens(tmp_path):
    path = tmp_path / "nw.sqlite"
    with open_store(path) as store:
        store.save_articles([_article("a", "one")])
    with open_store(path) as store:
        assert store.count("articles") == 1
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS)


def test_texts_are_deduplicated_by_content_hash():
    with open_store(":memory:") as store:
        store.save_articles([_article("a", "same", "X"), _article("b", "same", "Y")])
        store.save_articles([_article("a", "same", "X")])
        assert store.count("texts") == 1
        assert store.count("articles") == 2


def test_cached_computes_once():
    calls = []
    with open_store(":memory:") as store:
        key = stage_key("stage", ["in"], "settings", "1")
        for _ in range(3):
            assert store.cached(key, lambda: calls.append(1) or {"v": 1}) == {"v": 1}
    assert calls == [1]


def test_key_depends_on_inputs_settings_and_version():
    base = stage_key("s", ["a", "b"], "x", "1")
    assert base == stage_key("s", ["a", "b"], "x", "1")
    assert (
        len(
            {
                base,
                stage_key("s", ["a"], "x", "1"),
                stage_key("s", ["a", "b"], "y", "1"),
                stage_key("s", ["a", "b"], "x", "2"),
                stage_key("t", ["a", "b"], "x", "1"),
            }
        )
        == 5
    )


def test_interrupted_run_keeps_what_was_committed(tmp_path):
    path = tmp_path / "nw.sqlite"
    done = stage_key("s", ["1"], "", "v")

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), open_store(path) as store:
        store.put_result(done, "first")
        store.cached(stage_key("s", ["2"], "", "v"), interrupted)
    with open_store(path) as store:
        assert store.get_result(done) == "first"
        assert store.cached(stage_key("s", ["2"], "", "v"), lambda: "second") == "second"
        assert store.count("stage_results") == 2


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="choose another file with --db"), open_store(path):
        pass


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer newsweave"), open_store(path):
        pass


def test_runs_are_recorded():
    with open_store(":memory:") as store:
        run = store.start_run(["examples/"], "settings", "0.1.0")
        store.finish_run(run, "done")
        assert store.count("runs") == 1


def test_code_version_names_the_release_and_the_source_it_ran():
    from newsweave import __version__

    version = code_version()
    release, _, digest = version.partition("+")
    assert release == __version__ and len(digest) == 12
    assert code_version() == version  # stable within a run


def _found(store, word):
    rows = store._conn.execute(
        "SELECT a.id FROM article_search f JOIN articles a ON a.num = f.rowid "
        "WHERE article_search MATCH ? ORDER BY a.id",
        (word,),
    )
    return [r[0] for r in rows]


def test_search_follows_updated_articles():
    with open_store(":memory:") as store:
        store.save_articles([_article("a", "flood in the valley")])
        store.save_articles([_article("a", "drought in the valley"), _article("b", "flood")])
        assert _found(store, "flood") == ["b"]
        assert _found(store, "drought") == ["a"]


def test_bulk_writes_leave_search_to_one_rebuild_even_after_a_later_indexed_write():
    with open_store(":memory:") as store, store.transaction():
        store.write_articles([_article("a", "flood in the valley")], index=False)
        store.write_articles([_article("b", "flood on the coast")])  # still stale: no index
        assert _found(store, "flood") == []
        store.refresh_search()
        assert _found(store, "flood") == ["a", "b"]
        store.write_articles([_article("a", "drought in the valley")])
        assert _found(store, "flood") == ["b"]


def test_a_rebuilt_search_index_gathers_terms_in_larger_segments():
    from newsweave.store.sqlite import SEARCH_HASH_BYTES

    with open_store(":memory:") as store, store.transaction():
        store.write_articles([_article("a", "flood in the valley")], index=False)
        store.refresh_search()
        config = dict(store._conn.execute("SELECT k, v FROM article_search_config"))
        assert config["hashsize"] == SEARCH_HASH_BYTES
        store.write_articles([_article("b", "flood on the coast")])  # indexed as before
        assert _found(store, "flood") == ["a", "b"]


def test_search_is_rebuilt_aside_and_a_failed_rebuild_is_left_to_refresh(tmp_path, monkeypatch):
    import newsweave.store.sqlite as sqlite_store

    with open_store(tmp_path / "a.sqlite") as store:
        with store.transaction():
            store.write_articles([_article("a", "flood in the valley")], index=False)
        with store.search_refreshed_aside():
            pass
        assert _found(store, "flood") == ["a"]

    rebuild = sqlite_store._rebuild_search

    def refused(conn):
        if conn is not main:
            raise sqlite3.OperationalError("database is locked")
        rebuild(conn)

    with open_store(tmp_path / "b.sqlite") as store:
        main = store.conn
        monkeypatch.setattr(sqlite_store, "_rebuild_search", refused)
        with store.transaction():
            store.write_articles([_article("a", "flood in the valley")], index=False)
        with store.search_refreshed_aside():  # no error: the index stays stale
            pass
        assert _found(store, "flood") == []
        with store.transaction():
            store.refresh_search()
        assert _found(store, "flood") == ["a"]


def _corpus_indexes(store):
    from newsweave.store.corpus import REBUILT_TABLES

    return sorted(
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(REBUILT_TABLES))})",
            REBUILT_TABLES,
        )
    )


def test_a_rebuild_drops_the_corpus_indexes_and_makes_them_again(tmp_path):
    with open_store(tmp_path / "s.sqlite") as store:
        before = _corpus_indexes(store)
        assert "postings_article" in before and "neighbours_b" in before
        with store.transaction():
            store.clear_corpus()
            with store.corpus.rebuilding():
                assert _corpus_indexes(store) == []
                store.corpus.save_bands(["a", "b"], np.array([[7], [3]], dtype=np.int64))
        assert _corpus_indexes(store) == before
        assert store.corpus.band_matches([3]) == ["b"]
        with pytest.raises(StoreError), store.transaction():  # a failed rebuild rolls back whole
            store.clear_corpus()
            with store.corpus.rebuilding():
                store.conn.execute("INSERT INTO bands (key) VALUES (1)")  # NOT NULL fails
        assert _corpus_indexes(store) == before
        assert store.corpus.band_matches([3]) == ["b"]
        with pytest.raises(RuntimeError, match="transaction"), store.corpus.rebuilding():
            pass


def test_independent_sources_are_a_column_filled_for_older_stores(tmp_path):
    from newsweave.store.schema import SOURCES_VERSION, independent_sources_sql, migrate

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[: SOURCES_VERSION - 1]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {SOURCES_VERSION - 1}")
    rows = [
        ("s1", "done", '{"id": "s1", "independent_sources": 3}'),
        ("s2", "failed", None),
        ("s3", "done", "not json"),
    ]
    conn.executemany(
        "INSERT INTO analyses (story, fingerprint, version, status, dossier, created) "
        "VALUES (?, 'f', 'v', ?, ?, 'now')",
        rows,
    )
    conn.commit()
    # A reader that cannot migrate (the web UI opens stores read-only) reads the dossier.
    expression = independent_sources_sql(conn, "a")
    assert "json_extract" in expression
    assert conn.execute(f"SELECT {expression} FROM analyses a WHERE story = 's1'").fetchone() == (
        3,
    )
    migrate(conn)
    assert independent_sources_sql(conn, "a") == "a.independent_sources"
    found = dict(conn.execute("SELECT story, independent_sources FROM analyses"))
    assert found == {"s1": 3, "s2": None, "s3": None}
    conn.close()
    with open_store(path) as store:
        store.save_analysis("s4", "f", "v", dossier='{"independent_sources": 5}', record="{}")
        store.save_analysis("s5", "f", "v", error="boom")
    found = dict(sqlite3.connect(path).execute("SELECT story, independent_sources FROM analyses"))
    assert found["s4"] == 5 and found["s5"] is None


def test_story_events_keep_their_rows_and_take_updated(tmp_path):
    from newsweave.store.schema import migrate

    path = tmp_path / "v7.sqlite"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:7]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 7")
    conn.execute("INSERT INTO story_events (story, event, at) VALUES ('s1', 'created', 'then')")
    conn.execute("UPDATE sqlite_sequence SET seq = 5 WHERE name = 'story_events'")  # ids 2-5 gone
    conn.commit()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO story_events (story, event, at) VALUES ('s1', 'updated', 'x')")
    migrate(conn)
    conn.execute("INSERT INTO story_events (story, event, at) VALUES ('s1', 'updated', 'now')")
    rows = conn.execute("SELECT id, story, event FROM story_events ORDER BY id").fetchall()
    assert rows == [(1, "s1", "created"), (6, "s1", "updated")]  # no id given twice
    indexes = {r[1] for r in conn.execute("PRAGMA index_list(story_events)")}
    assert "story_events_story" in indexes
    conn.close()


def test_a_stored_basis_reads_as_a_fresh_dict_whatever_the_store_holds(tmp_path):
    from newsweave.store.sqlite import CACHED_BASIS_CHARS

    db = str(tmp_path / "b.sqlite")
    with open_store(db) as store:
        store.save_articles(
            [
                Article(id=f"a{i}", source="s", text=f"text {i}", basis={"title": "x"})
                for i in range(4)
            ]
        )
    conn = sqlite3.connect(db)
    long = '{"title": "' + "y" * CACHED_BASIS_CHARS + '"}'
    for article, basis in (("a1", "{not json"), ("a2", "[1, 2]"), ("a3", long)):
        conn.execute("UPDATE articles SET basis = ? WHERE id = ?", (basis, article))
    conn.commit()
    conn.close()
    with open_store(db) as store:
        first = store.load_articles(["a0", "a1", "a2", "a3"])
        first[0].basis["title"] = "changed"  # a caller's dict is its own
        again = store.load_articles(["a0", "a3"])
    assert [a.basis for a in first[1:3]] == [{}, {}]
    assert again[0].basis == {"title": "x"} and again[1].basis["title"] == "y" * CACHED_BASIS_CHARS


def test_a_snapshot_reads_what_was_committed_and_writes_nothing(tmp_path):
    from newsweave.store import open_snapshot

    db = str(tmp_path / "store.sqlite")
    with open_store(db) as store:
        store.save_articles([_article("a1", "First text.")])
        with store.transaction():
            store.write_articles([_article("a2", "Second text, not yet committed.")])
            with open_snapshot(db) as snapshot:
                assert [a.id for a in snapshot.load_articles(["a1", "a2"])] == ["a1"]
            with pytest.raises(StoreError, match="readonly"), open_snapshot(db) as snapshot:
                snapshot.conn.execute("DELETE FROM articles")
    with open_snapshot(db) as snapshot:
        assert [a.id for a in snapshot.load_articles(["a1", "a2"])] == ["a1", "a2"]
    with pytest.raises(StoreError, match="cannot read"), open_snapshot(str(tmp_path / "none")):
        pass
