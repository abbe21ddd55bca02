"""The corpus tier over the store: ingest articles, keep duplicates and stories up to date.

``ingest`` and ``IngestReport`` are loaded on first use (PEP 562): reading stories
(:mod:`newsweave.corpus.catalog`) imports this package too, and needs none of the
clustering code that ingesting loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.corpus.intake import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsweave.corpus import intake

        return getattr(intake, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
