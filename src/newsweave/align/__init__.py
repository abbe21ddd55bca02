"""Text reuse between articles, lineage of copies and independent groups."""

from newsweave.align.lineage import build_lineage, orient_by_windows, orient_passages
from newsweave.align.reuse import find_reuse

__all__ = ["build_lineage", "find_reuse", "orient_by_windows", "orient_passages"]
