"""People, organisations and places, normalised across a story (owned by the quotes issue)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from newsweave.model import Article, Entity


def find_entities(articles: Sequence[Article], docs: Mapping[str, Doc]) -> tuple[Entity, ...]:
    """Entities of one story, merged across its articles."""
    return ()
