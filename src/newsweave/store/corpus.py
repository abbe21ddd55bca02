"""The corpus tier's tables: features, duplicates, blocking index, neighbours, links, stories.

Plain parameterised SQL; lists of ids travel as one JSON array parameter
(``IN (SELECT value FROM json_each(?))``), never spliced into the statement.
Writes happen inside the caller's transaction (:meth:`newsweave.store.Store.transaction`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsweave.cluster.duplicates import DuplicateCluster, DuplicateMember
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.table import FeatureTable, concat_tables, feature_table
from newsweave.store.codec import CodecError, decode_features, decode_table, encode_table
from newsweave.store.values import as_count, as_text

__all__ = ["REBUILT_TABLES", "UNDATED", "CorpusTables", "StoryRow"]

#: The corpus tier's tables that a whole rebuild empties (``Store.clear_corpus``) and writes afresh.
REBUILT_TABLES = ("duplicates", "bands", "postings", "neighbours", "neighbourhoods", "links")

#: Stored feature blobs decoded into one table at a time when the whole store is read.
DECODED_AT_ONCE = 20_000

#: ``postings.day`` of an undated article: after every dated one.
UNDATED = 1 << 40


_FORGET = (
    "DELETE FROM postings WHERE article IN (SELECT value FROM json_each(?))",
    "DELETE FROM neighbourhoods WHERE article IN (SELECT value FROM json_each(?))",
    "DELETE FROM neighbours WHERE a IN (SELECT value FROM json_each(?)) "
    "OR b IN (SELECT value FROM json_each(?))",
    "DELETE FROM links WHERE a IN (SELECT value FROM json_each(?)) "
    "OR b IN (SELECT value FROM json_each(?))",
)


def _ids(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    headline: str
    size: int
    representatives: int
    outlets: int
    first_published: str | None
    last_published: str | None
    fingerprint: str
    created: str
    updated: str


class CorpusTables:
    """Reads and writes of the corpus tier on one SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection (to read the stored articles these tables index)."""
        return self._conn

    def clear(self) -> None:
        """Empty the tables a whole rebuild writes afresh (:data:`REBUILT_TABLES`)."""
        for table in REBUILT_TABLES:
            self._conn.execute(f"DELETE FROM {table}")

    @contextmanager
    def rebuilding(self) -> Iterator[None]:
        """Inside the caller's transaction, after the corpus tables were emptied: their
        secondary indexes are dropped while the whole tier is written and made again after
        it, one sort each instead of millions of scattered index updates. An error inside
        leaves them dropped, and the transaction's rollback brings them back."""
        if not self._conn.in_transaction:
            raise RuntimeError("rebuilding() needs an open write transaction")
        indexes = self._conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name",
            (json.dumps(list(REBUILT_TABLES)),),
        ).fetchall()
        for name, _ in indexes:
            self._conn.execute(f'DROP INDEX "{name}"')
        yield
        for _, sql in indexes:
            self._conn.execute(sql)

    # ------------------------------------------------------------------ features

    def features(self, ids: Iterable[str], version: str) -> dict[str, ArticleFeatures]:
        """Stored features of ``ids`` written by ``version``; others (or undecodable) absent."""
        found = {}
        for article, blob in self._conn.execute(
            "SELECT article, data FROM article_features WHERE version = ? "
            "AND article IN (SELECT value FROM json_each(?))",
            (version, _ids(ids)),
        ):
            try:
                found[article] = decode_features(blob)
            except CodecError:
                continue  # a row that does not decode is recomputed, never a crash
        return found

    def feature_table(self, ids: Iterable[str], version: str) -> FeatureTable:
        """:meth:`features` as one table, rows sorted by id, decoded at once (many rows)."""
        rows = self._conn.execute(
            "SELECT article, data FROM article_features WHERE version = ? "
            "AND article IN (SELECT value FROM json_each(?)) ORDER BY article",
            (version, _ids(ids)),
        ).fetchall()
        table, _ = decode_table([blob for _, blob in rows])  # one that does not decode: absent
        return table

    def every_feature_table(self, version: str) -> FeatureTable:
        """Every stored article's features by ``version`` as one table, rows sorted by id:
        decoded :data:`DECODED_AT_ONCE` rows at a time, so the blobs of the whole store are
        never all held with the table (others, or undecodable ones, absent)."""
        cursor = self._conn.execute(
            "SELECT f.data FROM article_features f JOIN articles a ON a.id = f.article "
            "WHERE f.version = ? ORDER BY f.article",
            (version,),
        )
        tables = []
        while rows := cursor.fetchmany(DECODED_AT_ONCE):
            tables.append(decode_table([blob for (blob,) in rows])[0])
        return concat_tables(tables)

    def save_features(self, features: Sequence[ArticleFeatures], version: str) -> None:
        self.save_feature_blobs(
            [f.article for f in features], encode_table(feature_table(features)), version
        )

    def save_feature_blobs(self, ids: Sequence[str], blobs: Sequence[bytes], version: str) -> None:
        """Features already encoded (:func:`newsweave.store.codec.encode_features`)."""
        self._conn.executemany(
            "INSERT OR REPLACE INTO article_features (article, version, data) VALUES (?, ?, ?)",
            [(article, version, blob) for article, blob in zip(ids, blobs, strict=True)],
        )

    # ------------------------------------------------------------------ duplicates

    def articles_with_hashes(self, hashes: Iterable[str]) -> dict[str, list[str]]:
        """Stored article ids by content hash, for the given hashes."""
        out: dict[str, list[str]] = {}
        for content_hash, article in self._conn.execute(
            "SELECT content_hash, id FROM articles WHERE content_hash IN "
            "(SELECT value FROM json_each(?)) AND id IN (SELECT article FROM duplicates)",
            (_ids(hashes),),
        ):
            out.setdefault(content_hash, []).append(article)
        return out

    def representatives_of(self, articles: Iterable[str]) -> dict[str, str]:
        return dict(
            self._conn.execute(
                "SELECT article, representative FROM duplicates "
                "WHERE article IN (SELECT value FROM json_each(?))",
                (_ids(articles),),
            )
        )

    def duplicate_clusters(self, representatives: Iterable[str]) -> dict[str, DuplicateCluster]:
        members: dict[str, list[DuplicateMember]] = {}
        for article, rep, similarity, kind in self._conn.execute(
            "SELECT article, representative, similarity, kind FROM duplicates "
            "WHERE representative IN (SELECT value FROM json_each(?)) ORDER BY article",
            (_ids(representatives),),
        ):
            members.setdefault(rep, []).append(DuplicateMember(article, similarity, kind))
        return {
            rep: DuplicateCluster(rep, tuple(sorted(ms, key=lambda m: m.kind != "representative")))
            for rep, ms in members.items()
        }

    def representative_count(self) -> int:
        """How many texts the corpus tier holds (one representative each)."""
        row = self._conn.execute(
            "SELECT count(*) FROM duplicates WHERE article = representative"
        ).fetchone()
        return int(row[0])

    def representatives(self) -> list[str]:
        """Every text's representative, sorted."""
        rows = self._conn.execute(
            "SELECT article FROM duplicates WHERE article = representative ORDER BY article"
        )
        return [str(r[0]) for r in rows]

    def save_duplicates(self, clusters: Iterable[DuplicateCluster]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO duplicates (article, representative, similarity, kind) "
            "VALUES (?, ?, ?, ?)",
            [
                (m.article, c.representative, m.similarity, m.kind)
                for c in clusters
                for m in c.members
            ],
        )

    def band_matches(self, keys: Iterable[int]) -> list[str]:
        return [
            row[0]
            for row in self._conn.execute(
                "SELECT DISTINCT article FROM bands WHERE key IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted({int(k) for k in keys})),),
            )
        ]

    def save_bands(self, articles: Sequence[str], keys: np.ndarray) -> None:
        """Every band key of many texts (``keys[k]`` are ``articles[k]``'s), in key order
        (an index is filled fastest in its own order)."""
        flat = keys.ravel()
        owner = np.repeat(np.arange(len(articles)), keys.shape[1] if keys.ndim == 2 else 0)
        order = np.lexsort((owner, flat))
        self._conn.executemany(
            "INSERT OR IGNORE INTO bands (key, article) VALUES (?, ?)",
            zip(flat[order].tolist(), [articles[k] for k in owner[order].tolist()], strict=True),
        )

    # ------------------------------------------------------------------ blocking index

    def posting_sizes(self, terms: Iterable[int]) -> dict[int, int]:
        return dict(
            self._conn.execute(
                "SELECT term, COUNT(*) FROM postings WHERE term IN "
                "(SELECT value FROM json_each(?)) GROUP BY term",
                (json.dumps(sorted({int(t) for t in terms})),),
            )
        )

    def posting_lists(self, terms: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
        """Each term's list of (day, article), sorted, in one query."""
        lists: dict[int, list[tuple[int, str]]] = {}
        for term, day, article in self._conn.execute(
            "SELECT term, day, article FROM postings WHERE term IN "
            "(SELECT value FROM json_each(?)) ORDER BY term, day, article",
            (json.dumps(sorted({int(t) for t in terms})),),
        ):
            lists.setdefault(term, []).append((day, article))
        return lists

    def posting_members(self, term: int) -> list[str]:
        return [
            row[0]
            for row in self._conn.execute(
                "SELECT article FROM postings WHERE term = ? ORDER BY day, article", (term,)
            )
        ]

    def posting_window(self, term: int, day: int, article: str, width: int) -> list[str]:
        """The ``width`` articles on each side of ``(day, article)`` in ``term``'s list."""
        before = self._conn.execute(
            "SELECT article FROM postings WHERE term = ? AND (day, article) < (?, ?) "
            "ORDER BY day DESC, article DESC LIMIT ?",
            (term, day, article, width),
        ).fetchall()
        after = self._conn.execute(
            "SELECT article FROM postings WHERE term = ? AND (day, article) > (?, ?) "
            "ORDER BY day, article LIMIT ?",
            (term, day, article, width),
        ).fetchall()
        return [r[0] for r in before + after]

    def save_postings(
        self, articles: Sequence[str], days: np.ndarray, blocks: Sequence[Sequence[int]]
    ) -> None:
        """Every blocking word of many texts (``articles`` sorted by id, each with its day and
        words), in the table's order."""
        counts = np.fromiter((len(b) for b in blocks), dtype=np.int64, count=len(blocks))
        owner = np.repeat(np.arange(len(articles)), counts)
        terms = np.fromiter((t for b in blocks for t in b), dtype=np.int64, count=len(owner))
        day = days[owner]
        order = np.lexsort((owner, day, terms))  # articles sorted by id: owner orders as they do
        self._conn.executemany(
            "INSERT OR IGNORE INTO postings (term, day, article) VALUES (?, ?, ?)",
            zip(
                terms[order].tolist(),
                day[order].tolist(),
                [articles[k] for k in owner[order].tolist()],
                strict=True,
            ),
        )

    # ------------------------------------------------------------------ neighbours

    def neighbour_rows(self, articles: Iterable[str]) -> list[tuple[str, str, float, float, float]]:
        """Every scored pair touching one of ``articles`` (``a < b``), each once, in no
        particular order. (A pair with both sides among them is left out of the second
        half, so no ``UNION`` has to sort the halves together to drop it: a quarter of the
        query's time for the 180,000 pairs of 12,000 articles.)"""
        ids = _ids(articles)
        return self._conn.execute(
            "SELECT a, b, text, lead, names FROM neighbours WHERE a IN "
            "(SELECT value FROM json_each(?)) UNION ALL SELECT a, b, text, lead, names FROM "
            "neighbours WHERE b IN (SELECT value FROM json_each(?)) "
            "AND a NOT IN (SELECT value FROM json_each(?))",
            (ids, ids, ids),
        ).fetchall()

    def save_neighbours(self, rows: Iterable[tuple[str, str, float, float, float]]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO neighbours (a, b, text, lead, names) VALUES (?, ?, ?, ?, ?)",
            sorted(rows),
        )

    def delete_neighbours(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._conn.executemany("DELETE FROM neighbours WHERE a = ? AND b = ?", pairs)

    def neighbourhoods(self, articles: Iterable[str]) -> dict[str, tuple[float, float]]:
        return {
            article: (best, background)
            for article, best, background in self._conn.execute(
                "SELECT article, best, background FROM neighbourhoods WHERE article IN "
                "(SELECT value FROM json_each(?))",
                (_ids(articles),),
            )
        }

    def save_neighbourhoods(self, rows: Iterable[tuple[str, float, float]]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO neighbourhoods (article, best, background) VALUES (?, ?, ?)",
            rows,
        )

    def forget_representatives(self, articles: Sequence[str]) -> list[str]:
        """Drop what the index holds for articles that no longer represent a text; returns
        the articles they were paired with (whose neighbourhoods change)."""
        if not articles:
            return []
        gone = set(articles)
        others = {b if a in gone else a for a, b, *_ in self.neighbour_rows(gone)} - gone
        ids = _ids(gone)
        for statement in _FORGET:
            self._conn.execute(statement, (ids,) * statement.count("?"))
        return sorted(others)

    # ------------------------------------------------------------------ links

    def all_links(self) -> list[tuple[str, str, float]]:
        return self._conn.execute("SELECT a, b, probability FROM links").fetchall()

    def add_links(self, rows: Iterable[tuple[str, str, float]]) -> None:
        """Write links (``a < b``), replacing those of the same pairs."""
        self._conn.executemany(
            "INSERT OR REPLACE INTO links (a, b, probability) VALUES (?, ?, ?)", rows
        )

    def replace_links(
        self, articles: Iterable[str], rows: Iterable[tuple[str, str, float]]
    ) -> None:
        """Drop every link touching ``articles`` and write ``rows`` instead."""
        ids = _ids(articles)
        self._conn.execute(
            "DELETE FROM links WHERE a IN (SELECT value FROM json_each(?)) "
            "OR b IN (SELECT value FROM json_each(?))",
            (ids, ids),
        )
        self._conn.executemany(
            "INSERT OR REPLACE INTO links (a, b, probability) VALUES (?, ?, ?)", rows
        )

    # ------------------------------------------------------------------ stories

    def stories_of(self, articles: Iterable[str]) -> dict[str, str]:
        return dict(
            self._conn.execute(
                "SELECT article, story FROM story_members WHERE article IN "
                "(SELECT value FROM json_each(?))",
                (_ids(articles),),
            )
        )

    def story_heads(self, stories: Iterable[str]) -> dict[str, tuple[int, str]]:
        """Each stored story's size and headline."""
        return {
            story: (size, headline)
            for story, size, headline in self._conn.execute(
                "SELECT id, size, headline FROM stories WHERE id IN (SELECT value FROM json_each(?))",
                (_ids(stories),),
            )
        }

    def story_representatives(self, stories: Iterable[str]) -> dict[str, list[str]]:
        """Each story's members that represent their duplicate cluster, sorted."""
        out: dict[str, list[str]] = {}
        for story, article in self._conn.execute(
            "SELECT m.story, m.article FROM story_members m JOIN duplicates d "
            "ON d.article = m.article AND d.representative = m.article "
            "WHERE m.story IN (SELECT value FROM json_each(?)) ORDER BY m.article",
            (_ids(stories),),
        ):
            out.setdefault(story, []).append(article)
        return out

    def story_members(self, stories: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for story, article in self._conn.execute(
            "SELECT story, article FROM story_members WHERE story IN "
            "(SELECT value FROM json_each(?)) ORDER BY article",
            (_ids(stories),),
        ):
            out.setdefault(story, []).append(article)
        return out

    def story_rows(self, stories: Iterable[str]) -> dict[str, StoryRow]:
        """The stored rows of ``stories``, their values as a store someone else made may hold
        them (a count that is no count reads 0, bytes are decoded)."""
        return {
            row[0]: _story_row(row)
            for row in self._conn.execute(
                "SELECT id, headline, size, representatives, outlets, first_published, "
                "last_published, fingerprint, created, updated FROM stories WHERE id IN "
                "(SELECT value FROM json_each(?))",
                (_ids(stories),),
            )
        }

    def story_ids(self) -> frozenset[str]:
        """Every stored story's id (one query, where asking for each new id took seconds)."""
        return frozenset(row[0] for row in self._conn.execute("SELECT id FROM stories"))

    def save_stories(self, stories: Sequence[tuple[StoryRow, Sequence[str]]]) -> None:
        """Write stories (new or replacing their rows) with their members and search rows,
        a statement for all of them at a time."""
        if not stories:
            return
        ids = _ids(row.id for row, _ in stories)
        nums = dict(
            self._conn.execute(
                "SELECT id, num FROM stories WHERE id IN (SELECT value FROM json_each(?))", (ids,)
            ).fetchall()
        )
        self._conn.execute(
            "DELETE FROM story_search WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(nums.values())),),
        )
        start = self._conn.execute("SELECT COALESCE(MAX(num), 0) FROM stories").fetchone()[0]
        for row, _ in stories:
            if row.id not in nums:
                start += 1
                nums[row.id] = start
        self._conn.executemany(
            "INSERT OR REPLACE INTO stories (id, headline, size, representatives, outlets, "
            "first_published, last_published, fingerprint, created, updated, num) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    row.id,
                    row.headline,
                    row.size,
                    row.representatives,
                    row.outlets,
                    row.first_published,
                    row.last_published,
                    row.fingerprint,
                    row.created,
                    row.updated,
                    nums[row.id],
                )
                for row, _ in stories
            ],
        )
        self._conn.executemany(
            "INSERT INTO story_search (rowid, story, headline) VALUES (?, ?, ?)",
            [(nums[row.id], row.id, row.headline) for row, _ in stories],
        )
        self._conn.execute(
            "DELETE FROM story_members WHERE story IN (SELECT value FROM json_each(?))", (ids,)
        )
        self._conn.executemany(
            "INSERT OR REPLACE INTO story_members (article, story) VALUES (?, ?)",
            [(a, row.id) for row, members in stories for a in members],
        )

    def end_story(self, story: str) -> None:
        found = self._conn.execute("SELECT num FROM stories WHERE id = ?", (story,)).fetchone()
        if found is not None:
            self._conn.execute("DELETE FROM story_search WHERE rowid = ?", (found[0],))
        self._conn.execute("DELETE FROM stories WHERE id = ?", (story,))
        self._conn.execute("DELETE FROM story_members WHERE story = ?", (story,))

    def record_events(self, rows: Iterable[tuple[str, str, str | None, int | None, str]]) -> None:
        self._conn.executemany(
            "INSERT INTO story_events (story, event, other, run, at) VALUES (?, ?, ?, ?, ?)", rows
        )


def _story_row(row: tuple[Any, ...]) -> StoryRow:
    story, headline, size, representatives, outlets, first, last, fingerprint, created, updated = (
        row
    )
    return StoryRow(
        id=story,
        headline=as_text(headline) or "",
        size=as_count(size),
        representatives=as_count(representatives),
        outlets=as_count(outlets),
        first_published=as_text(first),
        last_published=as_text(last),
        fingerprint=as_text(fingerprint) or "",
        created=as_text(created) or "",
        updated=as_text(updated) or "",
    )
