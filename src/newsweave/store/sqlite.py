"""The SQLite store: parameterised SQL, one writer, a transaction per write.

Every write is one transaction, so an interrupted run (Ctrl-C, kill) leaves the
file consistent: what was committed is reused by the next run, the rest is redone.
"""

from __future__ import annotations

import json
import pickle
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from newsweave.errors import StoreError
from newsweave.model import Article
from newsweave.store.schema import MIGRATIONS, migrate

__all__ = ["Store", "default_db_path", "open_store"]

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

    # ----------------------------------------------------------------- articles

    def save_articles(self, articles: Sequence[Article]) -> None:
        """Insert or update articles; texts are stored once per content hash."""
        with self._write():
            self._conn.executemany(
                "INSERT OR IGNORE INTO texts (hash, text) VALUES (?, ?)",
                [(a.content_hash, a.text) for a in articles],
            )
            self._conn.executemany(
                """INSERT INTO articles (id, content_hash, source, title, outlet, url, published,
                                         language, basis, first_seen)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET content_hash=excluded.content_hash,
                     source=excluded.source, title=excluded.title, outlet=excluded.outlet,
                     url=excluded.url, published=excluded.published,
                     language=excluded.language, basis=excluded.basis""",
                [_article_row(a) for a in articles],
            )

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (for tests and diagnostics)."""
        if table not in {"texts", "articles", "stage_results", "runs"}:
            raise StoreError(f"unknown table {table}")
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # ----------------------------------------------------------------- stage results

    def get_result(self, key: str) -> Any | None:
        """The cached value under ``key``, or None."""
        row = self._conn.execute("SELECT value FROM stage_results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(zlib.decompress(row[0]))
        except (pickle.UnpicklingError, zlib.error, EOFError, AttributeError, ImportError):
            return None  # written by an incompatible version: recompute

    def put_result(self, key: str, value: Any) -> None:
        """Cache ``value`` under ``key`` (one transaction)."""
        blob = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 3)
        with self._write():
            self._conn.execute(
                "INSERT OR REPLACE INTO stage_results (key, stage, created, value) VALUES (?, ?, ?, ?)",
                (key, key.split(":", 1)[0], _now(), blob),
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


def _article_row(a: Article) -> tuple[object, ...]:
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
        _now(),
    )


@contextmanager
def open_store(path: str | Path | None = None) -> Iterator[Store]:
    """Open (creating and migrating as needed) the store at ``path``.

    ``None`` uses :func:`default_db_path`; ``":memory:"`` keeps nothing.

    Raises:
        StoreError: the file cannot be opened, is not a newsweave store, or is newer than this code.
    """
    location = str(default_db_path() if path is None else path)
    store = Store(_connect(location), location)
    try:
        yield store
    finally:
        store.close()


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
        conn.isolation_level = "DEFERRED"
        conn.execute(
            "PRAGMA journal_mode=WAL" if location != ":memory:" else "PRAGMA journal_mode=MEMORY"
        )
        conn.execute("PRAGMA foreign_keys=ON")
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
