"""The story's events on normalised dates (owned by the dates issue)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from newsweave.model import Article, Claim, Publication, TimelineEntry, Timex


def build_timeline(
    articles: Sequence[Article],
    docs: Mapping[str, Doc],
    timexes: Sequence[Timex],
    publications: Sequence[Publication],
    claims: Sequence[Claim],
) -> tuple[TimelineEntry, ...]:
    """Dated events merged across articles, each cited to its spans."""
    return ()
