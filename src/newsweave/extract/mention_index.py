"""The story's entity mentions indexed by article and position, built once per story.

Speaker resolution, quote continuation and measure claims ask "which mentions overlap this
span" or "which mentions start in this window" for every quote; scanning every mention of
every entity for each question grows with the square of a story's size. Here each article's
mentions are sorted by start, and a question is a binary search: a mention overlapping
``[start, end)`` starts after ``start`` minus the article's longest mention. Answers keep the
order of the scan they replace (entities in story order, then their mentions), so a tie goes
to the same entity as before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.extract.names import fold
from newsweave.model import Entity, Mention

__all__ = ["MentionIndex", "Placed", "mention_index", "role_head"]


@dataclass(frozen=True, slots=True)
class Placed:
    """A mention with its entity and its rank in the story's (entity, mention) order."""

    order: int
    entity: Entity
    mention: Mention


@dataclass(frozen=True, slots=True)
class _Article:
    placed: tuple[Placed, ...]  # by start
    starts: tuple[int, ...]
    longest: int


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Build with :func:`mention_index`; ``entities`` are the story's, in their order."""

    entities: tuple[Entity, ...]
    articles: dict[str, _Article]
    #: folded words of each PERSON entity's stated role, by entity rank
    role_words: dict[int, frozenset[str]]
    #: role word -> ranks of the PERSON entities whose role holds it
    by_role_word: dict[str, tuple[int, ...]]
    #: the head word of each PERSON entity's stated role (:func:`role_head`, lower case): what
    #: a common noun that may stand for one of them names ("the senator", "the chair")
    role_heads: frozenset[str] = frozenset()
    #: every way the story writes a person's name (names and aliases of PERSON entities)
    person_names: frozenset[str] = frozenset()

    def in_article(self, article: str) -> list[Placed]:
        """Every mention in ``article``, in (entity, mention) order."""
        found = self.articles.get(article)
        return sorted(found.placed, key=lambda p: p.order) if found else []

    def overlapping(self, article: str, start: int, end: int) -> list[Placed]:
        """Mentions in ``article`` overlapping ``[start, end)`` (``Span.overlaps``), in order."""
        found = self.articles.get(article)
        if found is None:
            return []
        first = bisect_left(found.starts, start - found.longest)
        last = bisect_left(found.starts, end)
        hits = [
            p
            for p in found.placed[first:last]
            if p.mention.span.start < end and start < p.mention.span.end
        ]
        return sorted(hits, key=lambda p: p.order)

    def starting_in(self, article: str, low: int, high: int) -> list[Placed]:
        """Mentions in ``article`` starting in ``[low, high)``, in (entity, mention) order."""
        found = self.articles.get(article)
        if found is None:
            return []
        hits = found.placed[bisect_left(found.starts, low) : bisect_left(found.starts, high)]
        return sorted(hits, key=lambda p: p.order)


#: Words after which a role goes on about something else ("spokesman for the campaign").
_ROLE_PREPOSITIONS = frozenset("of for at in to with on from".split())


def role_head(role: str) -> str:
    """The word a role names its holder by, in lower case: its last word before any
    preposition ("chair" of "Democratic National Committee Chair", "spokesman" of "spokesman
    for the campaign"); "" for no role. (Not :func:`fold`, which drops titles such as
    "minister", the very words wanted here.)"""
    words = re.findall(r"[\w-]+", role.casefold())
    cut = next((k for k, w in enumerate(words) if w in _ROLE_PREPOSITIONS), len(words))
    return words[cut - 1] if cut else ""


def mention_index(entities: Sequence[Entity] | MentionIndex) -> MentionIndex:
    """Index ``entities`` (an index is returned as it is).

    Example: ``mention_index(entities).overlapping("a1", 10, 20)``.
    """
    if isinstance(entities, MentionIndex):
        return entities
    placed: dict[str, list[Placed]] = {}
    for mention_rank, (entity, mention) in enumerate((e, m) for e in entities for m in e.mentions):
        placed.setdefault(mention.article, []).append(Placed(mention_rank, entity, mention))
    articles = {}
    for article, items in placed.items():
        items.sort(key=lambda p: (p.mention.span.start, p.order))
        articles[article] = _Article(
            tuple(items),
            tuple(p.mention.span.start for p in items),
            max(len(p.mention.span) for p in items),
        )
    role_words = {
        rank: frozenset(fold(e.role).split())
        for rank, e in enumerate(entities)
        if e.role and e.type == "PERSON"
    }
    by_role_word: dict[str, list[int]] = {}
    for rank, words in role_words.items():
        for word in words:
            by_role_word.setdefault(word, []).append(rank)
    heads = frozenset(
        head for e in entities if e.type == "PERSON" and (head := role_head(e.role or ""))
    )
    return MentionIndex(
        tuple(entities),
        articles,
        role_words,
        {w: tuple(r) for w, r in by_role_word.items()},
        heads,
        frozenset(n for e in entities if e.type == "PERSON" for n in (e.name, *e.aliases)),
    )
