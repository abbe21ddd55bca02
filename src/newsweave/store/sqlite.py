"""The SQLite store: parameterised SQL, one writer, a transaction per write.

Every write is one transaction, so an interrupted run (Ctrl-C, kill) leaves the
file consistent: what was committed is reused by the next run, the rest is redone.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from newsweave.errors import StoreError
from newsweave.model import Article, Rejection
from newsweave.store.records import CodecError, decode_record, encode_record
from newsweave.store.schema import MIGRATIONS, migrate
from newsweave.store.values import as_text

if TYPE_CHECKING:
    from newsweave.store.corpus import CorpusTables

__all__ = ["Store", "default_db_path", "open_store", "read_articles", "require_store_file"]

T = TypeVar("T")


def default_db_path() -> Path:
    """The store used when none is given: ``<user data dir>/newsweave/newsweave.sqlite``."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsweave", appauthor=False)) / "newsweave.sqlite"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Articles, texts, cached stage results and runs in one SQLite database."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    @cached_property
    def corpus(self) -> CorpusTables:
        """The corpus tier's tables. Made on first use: their code loads the compiled
        kernels (numba) and scipy, which a command that only reads stories never needs, so
        ``newsweave stories`` starts in a third of the time."""
        from newsweave.store.corpus import CorpusTables

        return CorpusTables(self._conn)

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, for newsweave's own read queries (catalog, web UI)."""
        return self._conn

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many transactions in a row: the write-ahead log is folded into the file once at
        the end instead of every thousand pages (each transaction still commits whole)."""
        self._conn.execute("PRAGMA wal_autocheckpoint=0")
        try:
            yield
        finally:
            self._conn.execute("PRAGMA wal_autocheckpoint=1000")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: everything inside commits together or not at all."""
        with self._write():
            yield

    # ----------------------------------------------------------------- articles

    def save_articles(self, articles: Sequence[Article]) -> None:
        """Insert or update articles; texts are stored once per content hash."""
        with self._write():
            self.write_articles(articles)

    def write_articles(self, articles: Sequence[Article], *, index: bool = True) -> None:
        """:meth:`save_articles` inside the caller's transaction; ``index`` false leaves the
        search index to one :meth:`refresh_search` at the end of a first, bulk ingest."""
        ids = json.dumps([a.id for a in articles])
        index = index and not self._search_stale()
        if not index:
            self._conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('search', 'stale')"
            )
        if index:  # an updated article leaves the search index before it changes
            self._unindex_articles(ids)
        self._conn.executemany(
            "INSERT OR IGNORE INTO texts (hash, text) VALUES (?, ?)",
            [(a.content_hash, a.text) for a in articles],
        )
        start = self._conn.execute("SELECT COALESCE(MAX(num), 0) FROM articles").fetchone()[0]
        now = _now()  # one moment for the call: a chunk's articles are first seen together
        self._conn.executemany(
            """INSERT INTO articles (id, content_hash, source, title, outlet, url, published,
                                     language, basis, first_seen, num)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET content_hash=excluded.content_hash,
                 source=excluded.source, title=excluded.title, outlet=excluded.outlet,
                 url=excluded.url, published=excluded.published,
                 language=excluded.language, basis=excluded.basis""",
            [(*_article_row(a, now), start + k + 1) for k, a in enumerate(articles)],
        )
        if index:
            self._conn.execute(
                "INSERT INTO article_search (rowid, title, text) SELECT d.num, d.title, d.text "
                "FROM article_docs d JOIN articles a ON a.num = d.num "
                "WHERE a.id IN (SELECT value FROM json_each(?))",
                (ids,),
            )

    def _unindex_articles(self, ids: str) -> None:
        self._conn.execute(
            "INSERT INTO article_search (article_search, rowid, title, text) "
            "SELECT 'delete', d.num, d.title, d.text FROM article_docs d JOIN articles a "
            "ON a.num = d.num WHERE a.id IN (SELECT value FROM json_each(?))",
            (ids,),
        )

    def _search_stale(self) -> bool:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'search'").fetchone()
        return row is not None and row[0] == "stale"

    def refresh_search(self) -> None:
        """Rebuild the article search index if articles were written without it (inside a
        transaction): one rebuild is faster than indexing a bulk ingest chunk by chunk."""
        if self._search_stale():
            _rebuild_search(self._conn)

    @contextmanager
    def search_refreshed_aside(self) -> Iterator[None]:
        """Rebuild a stale article search index while the block runs: on a second connection,
        in a thread (SQLite works outside Python's lock, so on another core), committed
        before the block's end returns. Use it around work that computes without writing.

        A head start, never a requirement: a store in memory has no second connection, and a
        rebuild that fails here (the store busy, a connection refused) leaves the index
        marked stale, so the :meth:`refresh_search` that follows does it in the caller's
        transaction, where a real failure is reported.
        """
        if self.path == ":memory:" or not self._search_stale():
            yield
            return
        try:
            aside = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error:
            yield
            return

        def rebuild() -> None:
            try:
                aside.execute("BEGIN IMMEDIATE")
                _rebuild_search(aside)
                aside.execute("COMMIT")
            except sqlite3.Error:
                with suppress(sqlite3.Error):
                    if aside.in_transaction:
                        aside.execute("ROLLBACK")

        worker = threading.Thread(target=rebuild, name="newsweave-search", daemon=True)
        worker.start()
        try:
            yield
        except BaseException:
            aside.interrupt()  # the caller failed or was stopped: do not wait for the rebuild
            raise
        finally:
            worker.join()
            aside.close()

    def article_states(
        self, ids: Iterable[str]
    ) -> dict[str, tuple[str, str | None, str | None, str | None]]:
        """Stored (content hash, title, outlet, published) of the given article ids."""
        return {
            row[0]: (row[1], row[2], row[3], row[4])
            for row in self._conn.execute(
                "SELECT id, content_hash, title, outlet, published FROM articles "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(set(ids))),),
            )
        }

    def load_articles(self, ids: Iterable[str], *, with_text: bool = True) -> list[Article]:
        """Stored articles, sorted by id (text empty when ``with_text`` is false)."""
        return read_articles(self._conn, ids, with_text=with_text)

    def save_analysis(
        self,
        story: str,
        fingerprint: str,
        version: str,
        *,
        dossier: str | None = None,
        record: str | None = None,
        error: str | None = None,
    ) -> None:
        """Keep a story's analysis (its dossier JSON and record, and the dossier's count of
        independent sources in a column of its own), or why it failed."""
        with self._write():
            self._conn.execute(
                "INSERT OR REPLACE INTO analyses (story, fingerprint, version, status, error, "
                "dossier, record, created, independent_sources) VALUES (?1, ?2, ?3, ?4, ?5, "
                "?6, ?7, ?8, CASE WHEN ?4 = 'done' AND json_valid(?6) "
                "THEN json_extract(?6, '$.independent_sources') END)",
                (
                    story,
                    fingerprint,
                    version,
                    "failed" if error else "done",
                    error,
                    dossier,
                    record,
                    _now(),
                ),
            )

    def save_pages(self, pages: Iterable[Any]) -> None:
        """Keep raw web responses (``newsweave.web.Page``), body compressed, by canonical URL."""
        self._conn.executemany(
            "INSERT OR REPLACE INTO raw_pages (url, source, final_url, status, headers, body, "
            "fetched_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.canonical_url,
                    p.source,
                    p.response.final_url,
                    p.response.status,
                    json.dumps(dict(p.response.headers), ensure_ascii=False),
                    zlib.compress(p.response.body, 6),
                    p.response.fetched_at,
                    p.response.record,
                )
                for p in pages
            ],
        )

    def unclustered_ids(self) -> list[str]:
        """Stored articles in no duplicate cluster yet (a run stopped before clustering)."""
        return [
            r[0]
            for r in self._conn.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article FROM duplicates) "
                "ORDER BY id"
            )
        ]

    def raw_pages(self) -> Iterator[tuple[str, Any]]:
        """The kept web responses, as ``(source, newsweave.web.Response)``, by canonical URL."""
        from newsweave.web.records import Response

        rows = self._conn.execute(
            "SELECT url, source, final_url, status, headers, body, fetched_at, record "
            "FROM raw_pages ORDER BY url"
        ).fetchall()
        for _url, source, final_url, status, headers, body, fetched_at, record in rows:
            try:
                payload = zlib.decompress(body)
                fields = json.loads(headers)
            except (zlib.error, ValueError):
                continue  # an unreadable row is skipped, never a crash
            yield (
                source,
                Response(
                    source, final_url, int(status), dict(fields), payload, fetched_at, (), record
                ),
            )

    def all_article_ids(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT id FROM articles ORDER BY id")]

    def record_rejections(self, rejected: Iterable[Rejection], run: int | None) -> None:
        """Keep why inputs were rejected (inside the caller's transaction)."""
        self._conn.executemany(
            "INSERT INTO rejections (run, source, reason, at) VALUES (?, ?, ?, ?)",
            [(run, r.source, r.reason, _now()) for r in rejected],
        )

    def corpus_version(self) -> str | None:
        """The feature code and pair model that built the stored corpus tier (None: not built
        yet)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()
        return None if row is None else str(row[0])

    def set_corpus_version(self, version: str) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('corpus_version', ?)", (version,)
        )

    def clear_corpus(self) -> None:
        """Forget the corpus tier's index (not the stories: a rebuild keeps their ids)."""
        self.corpus.clear()

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (for tests and diagnostics)."""
        if table not in _TABLES:
            raise StoreError(f"unknown table {table}")
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # ----------------------------------------------------------------- stage results

    def get_result(self, key: str) -> Any | None:
        """The cached value under ``key``, or None (also when the stored bytes do not decode)."""
        row = self._conn.execute(
            "SELECT format, value FROM stage_results WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        try:
            data = zlib.decompress(row[1])
            if row[0] == "bytes":
                return data
            return decode_record(data.decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, CodecError):
            return None  # unreadable or from another version: recompute

    def put_result(self, key: str, value: Any) -> None:
        """Cache ``value`` (bytes, or records of ``newsweave.model``) under ``key``."""
        if isinstance(value, bytes):
            form, data = "bytes", value
        else:
            form, data = "record", encode_record(value).encode("utf-8")
        with self._write():
            self._conn.execute(
                "INSERT OR REPLACE INTO stage_results (key, stage, created, format, value) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, key.split(":", 1)[0], _now(), form, zlib.compress(data, 3)),
            )

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Return the result under ``key``, computing and storing it when absent."""
        value = self.get_result(key)
        if value is None:
            value = compute()
            self.put_result(key, value)
        return value

    def has_result(self, key: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM stage_results WHERE key = ?", (key,)).fetchone()
        return row is not None

    # ----------------------------------------------------------------- runs

    def start_run(self, inputs: Sequence[str], settings: str, version: str) -> int:
        with self._write():
            cursor = self._conn.execute(
                "INSERT INTO runs (started, status, inputs, settings, version) VALUES (?, ?, ?, ?, ?)",
                (_now(), "running", json.dumps(list(inputs)), settings, version),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, status: str) -> None:
        with self._write():
            self._conn.execute(
                "UPDATE runs SET finished = ?, status = ? WHERE id = ?", (_now(), status, run_id)
            )

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        try:
            with self._conn:
                yield
        except sqlite3.Error as error:
            raise StoreError(f"cannot write the store {self.path}: {error}") from error


#: Bytes of terms the article search index gathers in memory before it writes them out as
#: a segment (FTS5's "hashsize", 1 MiB by default): a rebuild of 50,000 articles made and
#: merged so many small segments that it took 3.8 s of CPU, 2.6 s at 16 MiB (same index
#: contents, same query results). Kept in the index's settings, so later writes use it too.
SEARCH_HASH_BYTES = 16 << 20


def _rebuild_search(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO article_search (article_search, rank) VALUES ('hashsize', ?)",
        (SEARCH_HASH_BYTES,),
    )
    conn.execute("INSERT INTO article_search (article_search) VALUES ('rebuild')")
    conn.execute("DELETE FROM meta WHERE key = 'search'")


def read_articles(
    conn: sqlite3.Connection, ids: Iterable[str], *, with_text: bool = True
) -> list[Article]:
    """Stored articles of ``ids``, sorted by id, from any connection to a store (the web UI's
    is read-only); text empty when ``with_text`` is false. A ``basis`` that does not decode
    reads as empty: a store may come from someone else."""
    rows = conn.execute(
        _LOAD_WITH_TEXT if with_text else _LOAD_WITHOUT_TEXT, (json.dumps(sorted(set(ids))),)
    )
    return [
        Article(
            id=as_text(r[0]) or "",
            source=as_text(r[1]) or "",
            text=as_text(r[2]) or "",
            title=as_text(r[3]),
            outlet=as_text(r[4]),
            url=as_text(r[5]),
            published=as_text(r[6]),
            language=as_text(r[7]),
            basis=_basis(r[8]),
            content_hash=as_text(r[9]) or "",
        )
        for r in rows
    ]


def _basis(text: object) -> dict[str, str]:
    """A stored ``basis``, as a fresh dict (the decoding of a short one is cached: a corpus
    holds few distinct ones; a long one, which only a crafted store holds, is not kept)."""
    basis = as_text(text) or "{}"
    if len(basis) > CACHED_BASIS_CHARS:
        return dict(_decode_basis(basis))
    return dict(_cached_basis(basis))


#: Distinct ``basis`` texts whose decoding is kept (the 50,000-article benchmark store held
#: 44: they name how a field was inferred, and the figures in them take few values), and
#: the longest one kept.
BASES_KEPT = 4096
CACHED_BASIS_CHARS = 1000


def _decode_basis(text: str) -> tuple[tuple[str, str], ...]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return ()
    return tuple((str(k), str(v)) for k, v in value.items()) if isinstance(value, dict) else ()


_cached_basis = lru_cache(maxsize=BASES_KEPT)(_decode_basis)


_LOAD_WITH_TEXT = """SELECT a.id, a.source, t.text, a.title, a.outlet, a.url, a.published,
    a.language, a.basis, a.content_hash FROM articles a JOIN texts t ON t.hash = a.content_hash
    WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id"""
_LOAD_WITHOUT_TEXT = """SELECT id, source, '', title, outlet, url, published, language, basis,
    content_hash FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id"""
_TABLES = frozenset(
    """meta raw_pages texts articles stage_results runs article_features duplicates bands postings neighbours
    neighbourhoods links stories story_members story_events analyses rejections""".split()
)


def _article_row(a: Article, now: str) -> tuple[object, ...]:
    return (
        a.id,
        a.content_hash,
        a.source,
        a.title,
        a.outlet,
        a.url,
        a.published,
        a.language,
        json.dumps(dict(a.basis), ensure_ascii=False, sort_keys=True),
        now,
    )


@contextmanager
def open_store(path: str | Path | None = None, create: bool = True) -> Iterator[Store]:
    """Open (creating and migrating as needed) the store at ``path``.

    ``None`` uses :func:`default_db_path`; ``":memory:"`` keeps nothing. With
    ``create=False`` (commands that only read or analyse what was ingested) a missing file
    is an error, not a new empty store.

    Raises:
        StoreError: no file there (with ``create=False``), or the file cannot be opened, is
            not a newsweave store, or is newer than this code.
    """
    location = str(default_db_path() if path is None else path)
    if not create:
        require_store_file(location)
    elif location != ":memory:" and Path(location).is_dir():
        raise _folder(location)
    store = Store(_connect(location), location)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def open_snapshot(path: str) -> Iterator[Store]:
    """The store at ``path`` as last committed, read only, one snapshot throughout: what
    another process reads while a writer's transaction is still open (it sees none of
    that transaction). No migration, no pragma that writes: the store must exist.

    Raises:
        StoreError: the store cannot be opened or read.
    """
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as error:
        raise StoreError(f"cannot read {path}: {error}") from error
    try:
        conn.isolation_level = None
        conn.execute("BEGIN")  # a read transaction: every query sees the same commit
        yield Store(conn, path)
    except sqlite3.Error as error:
        raise StoreError(f"cannot read {path}: {error}") from error
    finally:
        with suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        conn.close()


#: Tables every newsweave store has had since its first version.
_OWN_TABLES = frozenset({"texts", "articles", "runs"})


def require_store_file(location: str) -> None:
    """Check that ``location`` is a file with something in it, as every command that reads a
    store it did not make needs (``stories``, ``analyze --story``, ``serve``).

    Raises:
        StoreError: a folder, no file, or an empty one (the message says how to make one).
    """
    if location != ":memory:" and Path(location).is_dir():
        raise _folder(location)
    where = Path(location)
    if location == ":memory:" or not where.is_file() or not where.stat().st_size:
        raise StoreError(
            f"no store at {location} (build one with 'newsweave ingest INPUT... --db {location}')"
        )


def _folder(location: str) -> StoreError:
    return StoreError(f"{location} is a folder, not a store (give the store's file with --db)")


def _refuse_foreign(conn: sqlite3.Connection, location: str) -> None:
    """Leave a SQLite database that is not a newsweave store untouched: checked before
    anything is written. A store is a brand-new database (no tables, views, indexes or
    triggers, no schema version, no application id), which becomes one, or one with a
    newsweave schema version and newsweave's tables; a newer newsweave's store is refused
    here too, before the pragmas below write to its header."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    entries = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    application = conn.execute("PRAGMA application_id").fetchone()[0]
    if not entries and not version and not application:
        return
    if version > len(MIGRATIONS):  # a later schema than this code knows: never touched
        conn.close()
        raise StoreError(
            f"{location} was written by a newer newsweave (upgrade newsweave or use --db)"
        )
    if version and _OWN_TABLES.issubset(names):
        return
    conn.close()
    held = sorted(names) or ["no tables, but another program's settings or views"]
    raise StoreError(
        f"{location} is a SQLite database but not a newsweave store (it holds "
        f"{', '.join(held[:3])}{', ...' if len(held) > 3 else ''}); choose another file with --db"
    )


def _connect(location: str) -> sqlite3.Connection:
    if location != ":memory:":
        try:
            Path(location).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the folder of {location}: {error} (choose --db)"
            ) from error
    try:
        conn = sqlite3.connect(location, timeout=30, isolation_level=None)
        _refuse_foreign(conn, location)
        conn.isolation_level = "DEFERRED"
        # a new store's pages (an existing store keeps its own): a news text rarely fits a
        # 4 KiB page, and a 200,000-article ingest spent 5.1 s committing at 16 KiB, 7.7 s at 4
        conn.execute("PRAGMA page_size=16384")
        conn.execute(
            "PRAGMA journal_mode=WAL" if location != ":memory:" else "PRAGMA journal_mode=MEMORY"
        )
        conn.execute("PRAGMA foreign_keys=ON")
        # WAL with NORMAL sync never corrupts the file; a power cut may lose the last commit
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-200000")  # up to ~200 MB of pages
        conn.execute("PRAGMA temp_store=MEMORY")
        version = migrate(conn)
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{location} is not a usable newsweave store ({error}); choose another file with --db"
        ) from error
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{location} was written by a newer newsweave (upgrade newsweave or use --db)"
        )
    return conn
