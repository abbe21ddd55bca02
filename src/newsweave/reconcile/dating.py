"""Publication dates: given, or inferred from the text and the story (owned by the dates issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import Article, Lineage, Publication


def infer_publications(articles: Sequence[Article], lineage: Lineage) -> tuple[Publication, ...]:
    """One Publication per article, in order."""
    return tuple(
        Publication(a.id, a.published, a.basis.get("published", "input") if a.published else "unknown")
        for a in articles
    )
