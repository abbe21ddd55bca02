"""The corpus tier over the store: ingest articles, keep duplicates and stories up to date."""

from newsweave.corpus.intake import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]
