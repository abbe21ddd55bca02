"""What a store's story events say: where an ended story's articles went.

Plain SQL over ``story_events``, with none of the corpus tier's compiled code, so
``newsweave stories show`` follows a merged story without loading it.
"""

from __future__ import annotations

import sqlite3

__all__ = ["MAX_MERGES", "merged_into"]

#: Merges followed from an ended story to the story that holds its articles now.
MAX_MERGES = 20


def merged_into(conn: sqlite3.Connection, story_id: str) -> str | None:
    """The stored story that an ended story's articles are in now: the first story alive
    along the merges recorded in ``story_events`` (a story merged into one that was merged
    in turn); None when ``story_id`` was never merged or the chain reaches no live story."""
    seen, now = {story_id}, story_id
    for _ in range(MAX_MERGES):
        row = conn.execute(
            "SELECT other FROM story_events WHERE story = ? AND event = 'merged_into' "
            "ORDER BY id DESC LIMIT 1",
            (now,),
        ).fetchone()
        if row is None or row[0] is None or row[0] in seen:
            return None
        now = str(row[0])
        if conn.execute("SELECT 1 FROM stories WHERE id = ?", (now,)).fetchone():
            return now
        seen.add(now)
    return None
