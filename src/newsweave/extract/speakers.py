"""Who a quote's speaker is: a name, a pronoun or a description, resolved to an entity.

- a name: the entity with a mention there;
- a pronoun (he, she, they, his ...): the person named most recently before it, outside quotes;
- a description ("the head of the armed forces", "the former president"): the entity whose
  stated role shares its words, when exactly one does;
- context ("In his words, ..."): the pronoun of the phrase, resolved as above.
Anything else is left unresolved (entity None) rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from newsweave.extract.mention_index import MentionIndex, mention_index
from newsweave.extract.names import fold
from newsweave.extract.quote_marks import find_quoted
from newsweave.model import Article, Entity, Span

__all__ = ["PRONOUNS", "Speaker", "resolve_speaker"]

#: pronoun -> the entity types it can stand for
PRONOUNS: dict[str, tuple[str, ...]] = {
    "he": ("PERSON",),
    "him": ("PERSON",),
    "his": ("PERSON",),
    "she": ("PERSON",),
    "her": ("PERSON",),
    "it": ("ORG", "GPE", "NORP"),
    "its": ("ORG", "GPE", "NORP"),
    "they": ("ORG", "NORP", "PERSON"),
    "their": ("ORG", "NORP", "PERSON"),
}
#: How far back, in characters, a pronoun looks for what it stands for (news keeps its main
#: actor in play for several paragraphs).
PRONOUN_WINDOW = 1200
#: Share of a speaker's words a non-person name must cover to be the speaker itself
#: ("the WHO" is the WHO; "the head of the French navy" is not "French").
MIN_NAME_COVER = 0.75
#: Content words a description must share with an entity's role to resolve to it.
MIN_ROLE_OVERLAP = 2
_CONTEXT = re.compile(r"\b(?:in|according to) (his|her|their) (?:own )?words\b", re.IGNORECASE)
_FUNCTION = frozenset(["the", "a", "an", "of", "in", "on", "at", "for", "to", "and", "'s", "’s"])


@dataclass(frozen=True, slots=True)
class Speaker:
    entity: str | None
    text: str | None
    name: str | None
    span: Span | None


UNKNOWN = Speaker(None, None, None, None)


def resolve_speaker(
    article: Article,
    doc: Doc,
    quote: Span,
    written: Span | None,
    entities: Sequence[Entity] | MentionIndex,
) -> Speaker:
    """The speaker of the quote at ``quote`` given the words ``written`` that name it (if any).

    ``entities`` may be given as their :func:`mention_index` (build it once per story).
    """
    if written is None:
        context = _CONTEXT.search(article.text, max(0, quote.start - 60), quote.start)
        if context is None:
            return UNKNOWN
        written = Span(context.start(1), context.end(1))
    index = mention_index(entities)
    text = written.slice(article.text)
    entity = (
        _named(article, written, index, people_only=True)
        or _by_pronoun(article, doc, written, text, index)
        or _by_role(text, index)
        or _named(article, written, index, people_only=False)
    )
    return Speaker(entity.id if entity else None, text, entity.name if entity else None, written)


def _named(
    article: Article, written: Span, index: MentionIndex, people_only: bool
) -> Entity | None:
    hits = []
    words = fold(written.slice(article.text))
    for placed in index.overlapping(article.id, written.start, written.end):
        entity = placed.entity
        cover = len(fold(placed.mention.text)) / max(1, len(words))
        if entity.type == "PERSON" or (not people_only and cover >= MIN_NAME_COVER):
            hits.append((entity.type != "PERSON", -cover, entity.name, entity))
    return min(hits, key=lambda h: h[:3])[3] if hits else None


def _by_pronoun(
    article: Article, doc: Doc, written: Span, text: str, index: MentionIndex
) -> Entity | None:
    """The latest fitting entity named before the pronoun, outside quotations; one inside the
    subject of the pronoun's own sentence is preferred, then a grammatical subject, to any
    other mention."""
    kinds = PRONOUNS.get(text.lower())
    if kinds is None:
        return None
    quoted = find_quoted(article.text[max(0, written.start - PRONOUN_WINDOW) : written.start])
    offset = max(0, written.start - PRONOUN_WINDOW)
    candidates = []
    for placed in index.starting_in(article.id, offset, written.start):
        entity, mention = placed.entity, placed.mention
        if entity.type not in kinds:
            continue
        if any(q.start + offset <= mention.span.start < q.end + offset for q in quoted):
            continue
        steps = _subject_steps(doc, mention.span, written)
        here = steps is not None  # inside this sentence's subject: nearest its head, then kind
        candidates.append(
            (
                here,
                -(steps or 0),
                -kinds.index(entity.type) if here else 0,
                _is_subject(doc, mention.span),
                mention.span.start,
                entity,
            )
        )
    return max(candidates, key=lambda c: c[:5])[5] if candidates else None


def _is_subject(doc: Doc, span: Span) -> bool:
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    return tokens is not None and tokens.root.dep_ in ("nsubj", "nsubjpass")


def _subject_steps(doc: Doc, span: Span, pronoun: Span) -> int | None:
    """How many heads up from the mention the subject of the pronoun's own sentence is, when
    the mention is inside it ("Analysis by the Harbour Policy Institute has cast doubt ...,
    and warned against what it called ...": the Institute, two steps below "Analysis");
    None when it is not."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    here = doc.char_span(pronoun.start, pronoun.end, alignment_mode="expand")
    if tokens is None or here is None or tokens.root.sent.start != here.root.sent.start:
        return None
    token, steps = tokens.root, 0
    while token.dep_ not in ("nsubj", "nsubjpass"):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return None
        token, steps = token.head, steps + 1
    return steps


def _by_role(text: str, index: MentionIndex) -> Entity | None:
    """The one person whose stated role shares the most content words with the description
    (at least MIN_ROLE_OVERLAP); only people whose role shares a word are scored."""
    words = {w for w in fold(text).split() if w not in _FUNCTION}
    if len(words) < MIN_ROLE_OVERLAP:
        return None
    ranks = sorted({r for w in words for r in index.by_role_word.get(w, ())})
    scored = [(len(words & index.role_words[r]), index.entities[r]) for r in ranks]
    best = max((s for s, _ in scored), default=0)
    winners = [e for s, e in scored if s == best and s >= MIN_ROLE_OVERLAP]
    return winners[0] if len(winners) == 1 else None
