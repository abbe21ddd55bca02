"""Which of the story's entities a word of an article names.

One place for it: a timeline entry's "who" (:mod:`newsweave.reconcile.phrases`) and the
doer that tells two dated events of one kind apart (:mod:`newsweave.extract.event_identity`)
name the same entity for the same word.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsweave.extract.mention_index import MentionIndex
from newsweave.extract.speakers import PRONOUNS, resolve_speaker
from newsweave.model import Article, Entity, Span

__all__ = ["ACTORS", "entity_at", "mention_at", "quoted"]

#: Entity types a grammatical subject may stand for.
ACTORS = frozenset(["PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"])
#: Words back from a pronoun within which its quotation's opening mark is looked for.
QUOTE_REACH = 150
#: Quotation marks that open, close, or (straight) do either.
_OPENING, _CLOSING, _EITHER = frozenset("“‘«"), frozenset("”’»"), frozenset('"')


def mention_at(index: MentionIndex, article: str, token: Token) -> tuple[Entity, Span] | None:
    """The entity mention covering ``token`` (of an :data:`ACTORS` type): the longest, a
    person first on a tie, then the earliest; None when no mention covers it."""
    start, end = token.idx, token.idx + len(token.text)
    hits = [
        (p.entity, p.mention.span)
        for p in index.overlapping(article, start, end)
        if p.entity.type in ACTORS
    ]
    if not hits:
        return None
    return min(hits, key=lambda h: (-len(h[1]), h[0].type != "PERSON", h[1].start))


def entity_at(article: Article, doc: Doc, index: MentionIndex, token: Token) -> Entity | None:
    """The entity ``token`` names: the mention covering it (:func:`mention_at`), else the one
    a pronoun resolves to (:func:`newsweave.extract.speakers.resolve_speaker`), unless the
    pronoun stands in a quotation (:func:`quoted`), where its speaker's "he" is not resolved
    from the narration around it."""
    placed = mention_at(index, article.id, token)
    if placed is not None:
        return placed[0]
    if token.lower_ not in PRONOUNS or quoted(token):
        return None  # a pronoun inside a quotation is its speaker's, not the narrator's
    span = Span(token.idx, token.idx + len(token.text))
    speaker = resolve_speaker(article, doc, span, span, index)
    return next((e for e in index.entities if e.id == speaker.entity), None)


def quoted(token: Token) -> bool:
    """Whether ``token`` stands between quotation marks of its paragraph (up to
    :data:`QUOTE_REACH` words back: a quotation may run over sentences the parse splits)."""
    doc = token.doc
    start = token.i
    while start > 0 and token.i - start < QUOTE_REACH and "\n" not in doc[start - 1].text:
        start -= 1
    inside = False
    for word in doc[start : token.i]:
        if word.text in _OPENING or word.text == "``":
            inside = True
        elif word.text in _CLOSING or word.text == "''":
            inside = False
        elif word.text in _EITHER:
            inside = not inside
    return inside
