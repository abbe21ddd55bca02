"""The store as the web UI reads it: SQLite opened read-only, one connection per request.

``mode=ro`` (not ``immutable``: an ``ingest`` may write the file while the server
reads it, and WAL readers then see each commit whole). Every connection also sets
``PRAGMA query_only``, so no statement the web UI runs can write.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from newsweave.errors import StoreError
from newsweave.store.schema import MIGRATIONS, SEARCH_VERSION
from newsweave.store.sqlite import require_store_file

__all__ = ["ReadOnlyStore", "open_readonly"]

#: Idle connections kept for the next requests (one per worker thread is enough).
POOL_SIZE = 16
#: Seconds a read waits for a writer's lock (WAL readers rarely wait at all).
BUSY_TIMEOUT = 5.0


class ReadOnlyStore:
    """A pool of read-only connections to one store file.

    Args:
        path: the SQLite file.
        version: its schema version (``PRAGMA user_version``).
    """

    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        self.version = version
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=POOL_SIZE)

    @property
    def has_search(self) -> bool:
        """Whether the store has the FTS5 search tables."""
        return self.version >= SEARCH_VERSION

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection for one request (returned to the pool after)."""
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = connect_readonly(self.path)
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()
            try:
                self._idle.put_nowait(conn)
            except queue.Full:
                conn.close()

    def close(self) -> None:
        """Close the idle connections."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def connect_readonly(path: Path) -> sqlite3.Connection:
    """One read-only connection (``mode=ro``, ``query_only``) to ``path``.

    Raises:
        StoreError: the file cannot be opened.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, check_same_thread=False)
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path} read-only: {error} (check the file)") from error
    return conn


def open_readonly(path: str | Path) -> ReadOnlyStore:
    """Check that ``path`` is a newsweave store and open it for reading.

    Raises:
        StoreError: no such file, not a newsweave store, or written by a newer newsweave.
    """
    where = Path(path)
    require_store_file(str(path))
    try:
        conn = connect_readonly(where)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path} is not a newsweave store ({error}); choose another file with --db"
        ) from error
    if version < 2 or not {"stories", "story_members", "articles", "analyses"} <= tables:
        raise StoreError(
            f"{path} is not a newsweave store (no stories in it; build one with "
            f"'newsweave ingest INPUT... --db {path}')"
        )
    if version > len(MIGRATIONS):
        raise StoreError(f"{path} was written by a newer newsweave (upgrade newsweave)")
    return ReadOnlyStore(where, version)
