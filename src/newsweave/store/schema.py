"""Schema migrations, applied in order; ``PRAGMA user_version`` records the last one applied.

Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3

__all__ = ["MIGRATIONS", "migrate"]

MIGRATIONS: tuple[str, ...] = (
    # 1: texts deduplicated by content hash; articles point at them; stage results; runs
    """
    CREATE TABLE texts (
        hash TEXT PRIMARY KEY,
        text TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL REFERENCES texts(hash),
        source TEXT NOT NULL,
        title TEXT, outlet TEXT, url TEXT, published TEXT, language TEXT,
        basis TEXT NOT NULL DEFAULT '{}',
        first_seen TEXT NOT NULL
    );
    CREATE INDEX articles_content_hash ON articles(content_hash);
    CREATE TABLE stage_results (
        key TEXT PRIMARY KEY,
        stage TEXT NOT NULL,
        created TEXT NOT NULL,
        value BLOB NOT NULL
    );
    CREATE INDEX stage_results_stage ON stage_results(stage);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started TEXT NOT NULL,
        finished TEXT,
        status TEXT NOT NULL,
        inputs TEXT NOT NULL,
        settings TEXT NOT NULL,
        version TEXT NOT NULL
    );
    """,
)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this database lacks, each in its own transaction.

    Returns the schema version reached. A database newer than this code is left
    untouched and reported by the caller.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version, script in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
        current = version
    return int(current)
