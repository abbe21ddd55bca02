"""Who copied whom, and the independent groups of a story (owned by the reuse issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import Article, Lineage, ReusePassage


def build_lineage(articles: Sequence[Article], passages: Sequence[ReusePassage]) -> Lineage:
    """Derivations and independent groups among one story's ``articles``."""
    return Lineage(derivations=(), groups=tuple((a.id,) for a in articles))
