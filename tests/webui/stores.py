"""Stores the web UI tests read: the example corpus, and one full of markup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newsweave.config import Settings
from newsweave.corpus import ingest
from newsweave.pipeline import analyze_stored

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HOSTILE = '<script>alert("x")</script>"><img src=x onerror="alert(1)">'


def build_store(inputs: list[Path], db: Path) -> list[str]:
    """Ingest ``inputs`` into a new store at ``db`` and analyse its largest story; returns
    the story ids, largest first."""
    settings = Settings(db=str(db))
    ingest([str(p) for p in inputs], settings)
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY size DESC, id")]
    conn.close()
    analyze_stored(ids[0], settings)
    return ids


def hostile_corpus(folder: Path) -> Path:
    """Two reports of one event whose every field carries markup, and ids that need quoting."""
    text = (
        f'The minister said "{HOSTILE} we will win the vote on Monday" in the capital. '
        f"{HOSTILE} The parliament met on 3 March 2021 and 12 people were injured in clashes "
        "outside the building, police said. Protesters gathered in the main square on Sunday "
        "and marched to the parliament, where the opposition leader spoke to the crowd.\n\n"
        "The government said the vote would go ahead as planned despite the protests, and "
        "that the new law would come into force in April."
    )
    records = [
        {
            "id": 'evil <1> "one"',
            "title": f"Title {HOSTILE}",
            "outlet": "Outlet <b>bold</b>",
            "url": "javascript:alert(1)//<script>",
            "published": "2021-03-04",
            "text": text,
        },
        {
            "id": "evil/2?x=#frag",
            "title": f"Another {HOSTILE}",
            "outlet": f"Other {HOSTILE}",
            "published": "2021-03-05",
            "text": text.replace("12 people", "14 people"),
        },
    ]
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path
