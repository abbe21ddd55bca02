"""The embedded store: one SQLite file holding articles, texts, stage results and runs."""

from newsweave.store.keys import code_version, stage_key
from newsweave.store.sqlite import Store, default_db_path, open_snapshot, open_store

__all__ = [
    "Store",
    "code_version",
    "default_db_path",
    "open_snapshot",
    "open_store",
    "stage_key",
]
