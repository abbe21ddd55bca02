"""Variants of one statement across outlets (owned by the quotes issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import Article, Lineage, Quote, QuoteGroup


def group_quotes(
    quotes: Sequence[Quote], articles: Sequence[Article], lineage: Lineage
) -> tuple[tuple[Quote, ...], tuple[QuoteGroup, ...]]:
    """Quotes with ``group`` set, and one QuoteGroup per statement."""
    return tuple(quotes), ()
