"""Factual statements carrying a value (owned by the dates issue)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from newsweave.model import Article, Claim, Entity, Timex


def find_claims(
    articles: Sequence[Article],
    docs: Mapping[str, Doc],
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
) -> tuple[Claim, ...]:
    """Claims (slot, subject, value, unit, span) of a story's articles."""
    return ()
