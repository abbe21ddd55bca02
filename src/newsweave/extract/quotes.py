"""Direct quotes with speakers and cues (owned by the quotes issue)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from newsweave.model import Article, Entity, Quote


def find_quotes(
    articles: Sequence[Article], docs: Mapping[str, Doc], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Direct quotes of a story's articles, speakers resolved to ``entities`` where possible."""
    return ()
