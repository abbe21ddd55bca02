"""Passages one article took from another (owned by the reuse issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.config import AlignSettings
from newsweave.model import Article, ReusePassage


def find_reuse(articles: Sequence[Article], settings: AlignSettings) -> tuple[ReusePassage, ...]:
    """Every reused passage between any two of ``articles`` (corpus-wide)."""
    return ()
