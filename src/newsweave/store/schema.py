"""Schema migrations, applied in order; ``PRAGMA user_version`` records the last one applied.

Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3

__all__ = [
    "MIGRATIONS",
    "SEARCH_VERSION",
    "SOURCES_VERSION",
    "independent_sources_sql",
    "migrate",
]

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
    # 2: the corpus tier (duplicates, blocking index, neighbours, links, stories), story
    # analyses, rejections; stage results become data only (JSON records or spaCy bytes;
    # the pickles of version 1 are dropped, so a store written elsewhere runs no code)
    """
    DROP TABLE stage_results;
    CREATE TABLE stage_results (
        key TEXT PRIMARY KEY,
        stage TEXT NOT NULL,
        created TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('record', 'bytes')),
        value BLOB NOT NULL
    );
    CREATE INDEX stage_results_stage ON stage_results(stage);
    ALTER TABLE articles ADD COLUMN num INTEGER;
    UPDATE articles SET num = rowid;
    CREATE UNIQUE INDEX articles_num ON articles(num);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE article_features (
        article TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        data BLOB NOT NULL
    );
    CREATE TABLE duplicates (
        article TEXT PRIMARY KEY,
        representative TEXT NOT NULL,
        similarity REAL NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('representative', 'exact', 'near'))
    );
    CREATE INDEX duplicates_representative ON duplicates(representative);
    CREATE TABLE bands (
        key INTEGER NOT NULL,
        article TEXT NOT NULL,
        PRIMARY KEY (key, article)
    ) WITHOUT ROWID;
    CREATE INDEX bands_article ON bands(article);
    CREATE TABLE postings (
        term INTEGER NOT NULL,
        day INTEGER NOT NULL,
        article TEXT NOT NULL,
        PRIMARY KEY (term, day, article)
    ) WITHOUT ROWID;
    CREATE INDEX postings_article ON postings(article);
    CREATE TABLE neighbours (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        text REAL NOT NULL,
        lead REAL NOT NULL,
        names REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX neighbours_b ON neighbours(b);
    CREATE TABLE neighbourhoods (
        article TEXT PRIMARY KEY,
        best REAL NOT NULL,
        background REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE links (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        probability REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX links_b ON links(b);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        headline TEXT NOT NULL,
        size INTEGER NOT NULL,
        representatives INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT,
        fingerprint TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX stories_last_published ON stories(last_published);
    CREATE INDEX stories_size ON stories(size);
    CREATE TABLE story_members (
        article TEXT PRIMARY KEY,
        story TEXT NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story);
    CREATE TABLE story_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        story TEXT NOT NULL,
        event TEXT NOT NULL CHECK (event IN ('created', 'grew', 'shrank', 'merged_into', 'split_from', 'ended')),
        other TEXT,
        run INTEGER,
        at TEXT NOT NULL
    );
    CREATE INDEX story_events_story ON story_events(story);
    CREATE TABLE analyses (
        story TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
        error TEXT,
        dossier TEXT,
        record TEXT,
        created TEXT NOT NULL
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run INTEGER,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # 3: raw web responses, so a page is re-read after an upgrade without fetching it again
    """
    CREATE TABLE raw_pages (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        final_url TEXT NOT NULL,
        status INTEGER NOT NULL,
        headers TEXT NOT NULL,
        body BLOB NOT NULL,
        fetched_at TEXT NOT NULL,
        record TEXT
    );
    """,
    # 4: full-text search (FTS5) over article titles and texts (external content: the
    # articles and texts tables, so no text is stored twice) and over story headlines
    """
    CREATE VIEW article_docs AS
        SELECT a.num AS num, COALESCE(a.title, '') AS title, t.text AS text
        FROM articles a JOIN texts t ON t.hash = a.content_hash;
    CREATE VIRTUAL TABLE article_search USING fts5(
        title, text, content='article_docs', content_rowid='num',
        tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO article_search (article_search) VALUES ('rebuild');
    CREATE VIRTUAL TABLE story_search USING fts5(
        story UNINDEXED, headline, tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO story_search (story, headline) SELECT id, headline FROM stories;
    """,
    # 5: stories get a stable integer handle, and their search rows are keyed by it, so a
    # story's headline is replaced in the index without scanning it
    """
    ALTER TABLE stories ADD COLUMN num INTEGER;
    UPDATE stories SET num = rowid;
    CREATE UNIQUE INDEX stories_num ON stories(num);
    DROP TABLE story_search;
    CREATE VIRTUAL TABLE story_search USING fts5(
        story UNINDEXED, headline, tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO story_search (rowid, story, headline) SELECT num, id, headline FROM stories;
    """,
    # 6: band keys are only ever looked up by key: their index by article cost a sort of every
    # band row at each rebuild (21 a text) and was never read
    """
    DROP INDEX IF EXISTS bands_article;
    """,
    # 7: an analysed story's count of independent sources as a column: lists and searches
    # read it for every story they show, and reading it out of the dossier JSON parsed the
    # whole dossier (7-13 MB for a story of 800 articles, 60 ms a row)
    """
    ALTER TABLE analyses ADD COLUMN independent_sources INTEGER;
    UPDATE analyses SET independent_sources = json_extract(dossier, '$.independent_sources')
        WHERE status = 'done' AND json_valid(dossier);
    """,
    # 8: a story whose articles stay but whose texts or metadata change is 'updated' (it was
    # recorded as 'shrank'); SQLite cannot change a CHECK, so the table is made again
    """
    CREATE TABLE story_events_v8 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        story TEXT NOT NULL,
        event TEXT NOT NULL CHECK (event IN ('created', 'grew', 'shrank', 'updated', 'merged_into', 'split_from', 'ended')),
        other TEXT,
        run INTEGER,
        at TEXT NOT NULL
    );
    INSERT INTO story_events_v8 (id, story, event, other, run, at)
        SELECT id, story, event, other, run, at FROM story_events;
    UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'story_events')
        WHERE name = 'story_events_v8'
          AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'story_events');
    DROP TABLE story_events;
    ALTER TABLE story_events_v8 RENAME TO story_events;
    CREATE INDEX story_events_story ON story_events(story);
    """,
    # 9: a story's history (``stories show``) holds the stories merged into it or split from
    # it, found by ``other``: without an index, every look scanned all the events a store
    # following feeds for months gathers.
    """
    CREATE INDEX story_events_other ON story_events(other);
    """,
)
#: Schema version that added the full-text search tables.
SEARCH_VERSION = 4
#: Schema version that added ``analyses.independent_sources``.
SOURCES_VERSION = 7


def independent_sources_sql(conn: sqlite3.Connection, alias: str) -> str:
    """The SQL expression of an analysed story's independent sources in ``alias`` (a row of
    ``analyses``): its column, or in a store older than :data:`SOURCES_VERSION` (which a
    read-only reader cannot migrate) the value read out of its dossier."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= SOURCES_VERSION:
        return f"{alias}.independent_sources"
    return f"json_extract({alias}.dossier, '$.independent_sources')"


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
