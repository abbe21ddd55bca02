"""Direct quotes with their speakers and cue verbs.

For each quotation (:mod:`newsweave.extract.quote_marks`) the cue (:mod:`newsweave.extract.cues`) is the nearest
speech verb outside the quote in its sentence (said, tweeted, wrote, told, added ...)
or "according to"; the speaker is the cue's subject. A quote with no cue of its own
continues the previous quote of its paragraph or the paragraph before, or takes the
speaker a context phrase gives ("In his words, ..."). Speakers written as a pronoun
or a description ("the head of the armed forces") are resolved to an entity where the
text allows (the nearest person named before, a role or an apposition) and are left
unresolved otherwise. Short quotations with no speech verb are scare quotes or
titles, not quotes of anyone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence

from spacy.tokens import Doc

from newsweave.extract.cues import Cue, QuotedIndex, find_cue
from newsweave.extract.mention_index import MentionIndex, mention_index
from newsweave.extract.quote_marks import find_quoted
from newsweave.extract.speakers import PRONOUNS, Speaker, resolve_speaker
from newsweave.model import Article, Entity, Quote, Span

__all__ = ["find_quotes"]

#: Quotations shorter than this (in words) need a speech verb to count as a quote.
MIN_FREE_WORDS = 4
#: Longest quotation read as a nickname when it stands inside a name.
NICKNAME_WORDS = 3
_PUNCTUATED = re.compile(r"[.,;:!?]")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\.?\s+(?:“|‘‘|``|\")$")
_NAME_AFTER = re.compile(r"(?:”|’’|''|\")\s+[A-Z][a-z]+(?=\s+[a-z]|[,.;:!?])")
#: Largest gap, in characters, over which a quote without a cue continues the previous one.
CONTINUATION_CHARS = 400


def find_quotes(
    articles: Sequence[Article], docs: Mapping[str, Doc], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Direct quotes of a story's articles, speakers resolved to ``entities`` where possible."""
    index = mention_index(entities)
    return tuple(q for a in articles for q in _article_quotes(a, docs[a.id], index))


def _article_quotes(article: Article, doc: Doc, entities: MentionIndex) -> Iterator[Quote]:
    previous: Quote | None = None
    quoted = find_quoted(article.text)
    index = QuotedIndex(quoted)
    for span in quoted:
        cue = find_cue(doc, span, index)
        words = len(span.slice(article.text).split())
        if (cue is None or cue.remote) and words < MIN_FREE_WORDS:
            continue  # a scare quote or a title
        if words <= NICKNAME_WORDS and _within_a_name(article.text, span):
            continue  # a nickname: Bret "The Hitman" Hart
        speaker = resolve_speaker(article, doc, span, cue.speaker if cue else None, entities)
        if speaker.text is None or (speaker.text.lower() in PRONOUNS and previous is not None):
            speaker = _continued(article, span, previous, speaker, entities) or speaker
        quote = _quote(article, span, speaker, cue)
        previous = quote
        yield quote


def _within_a_name(text: str, span: Span) -> bool:
    """Whether the quotation stands between two capitalised words of running text, with
    no stop or comma of its own, as a nickname does ("Bret “The Hitman” Hart revealed")."""
    return bool(
        not _PUNCTUATED.search(text, span.start, span.end)
        and _NAME_BEFORE.search(text, max(0, span.start - 40), span.start)
        and _NAME_AFTER.match(text, span.end)
    )


def _quote(article: Article, span: Span, speaker: Speaker, cue: Cue | None) -> Quote:
    digest = hashlib.sha256(f"{article.id}|{span.start}|{span.end}".encode()).hexdigest()[:10]
    verb = cue.verb if cue else None
    cue_span = Span(verb.idx, verb.idx + len(verb.text)) if verb is not None else None
    return Quote(
        id=f"q{digest}",
        article=article.id,
        span=span,
        text=span.slice(article.text),
        speaker=speaker.entity,
        speaker_text=speaker.text,
        speaker_name=speaker.name,
        cue=verb.text if verb is not None else None,
        speaker_span=speaker.span,
        cue_span=cue_span,
    )


def _continued(
    article: Article, span: Span, previous: Quote | None, own: Speaker, entities: MentionIndex
) -> Speaker | None:
    """The previous quote's speaker when this quote follows it closely: a quote with no cue
    continues it, and a pronoun right after it ("..., he said") refers to its speaker unless
    someone else is named in between."""
    if (
        previous is None
        or previous.speaker_text is None
        or span.start - previous.span.end > CONTINUATION_CHARS
    ):
        return None
    if own.text is None:
        return Speaker(
            previous.speaker, previous.speaker_text, previous.speaker_name, previous.speaker_span
        )
    named = any(
        p.entity.type == "PERSON"
        for p in entities.overlapping(article.id, previous.span.end, span.start)
    )
    if previous.speaker is None or named:
        return None
    return Speaker(previous.speaker, own.text, previous.speaker_name, own.span)
