"""Text reuse between articles, lineage of copies and independent groups."""

from newsweave.align.lineage import build_lineage
from newsweave.align.reuse import find_reuse

__all__ = ["build_lineage", "find_reuse"]
