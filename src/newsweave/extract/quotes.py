"""Direct quotes with their speakers and cue verbs.

For each quotation (:mod:`newsweave.extract.quote_marks`) the cue is the nearest
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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsweave.extract.quote_marks import find_quoted
from newsweave.extract.speakers import PRONOUNS, Speaker, resolve_speaker
from newsweave.model import Article, Entity, Quote, Span

__all__ = ["CUE_VERBS", "find_quotes"]

#: Verbs that report speech or writing.
CUE_VERBS = frozenset(
    """
        say tell add write tweet post state announce claim declare insist note explain warn ask
        reply respond argue describe call pledge promise urge accuse deny confirm acknowledge
        admit suggest told quote cite recall report comment remark stress emphasise emphasize
        vow predict testify complain concede conclude continue observe point mention answer echo
        joke boast shout cry exclaim whisper repeat reiterate assert maintain allege interject
        retort quip plead scoff proclaim reveal recount lament muse contend affirm opine blast slam
        wonder recall acknowledge declare
        """.split()
)
#: Quotations shorter than this (in words) need a speech verb to count as a quote.
MIN_FREE_WORDS = 4
#: Largest gap, in characters, between a closing mark and a following sentence that may hold
#: the cue (the mark, a comma and a space).
ADJACENT_CHARS = 4
#: In such a neighbouring sentence the cue must come early ("..." the crowd shouted), or the
#: sentence is about something else.
ADJACENT_CUE_WORDS = 5
#: Largest gap, in characters, over which a quote without a cue continues the previous one.
CONTINUATION_CHARS = 400


@dataclass(frozen=True, slots=True)
class _Cue:
    verb: Token
    speaker: Span | None


def find_quotes(
    articles: Sequence[Article], docs: Mapping[str, Doc], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Direct quotes of a story's articles, speakers resolved to ``entities`` where possible."""
    return tuple(q for a in articles for q in _article_quotes(a, docs[a.id], entities))


def _article_quotes(article: Article, doc: Doc, entities: Sequence[Entity]) -> Iterator[Quote]:
    previous: Quote | None = None
    for span in find_quoted(article.text):
        cue = _cue(doc, span)
        words = len(span.slice(article.text).split())
        if cue is None and words < MIN_FREE_WORDS:
            continue  # a scare quote or a title
        speaker = resolve_speaker(article, doc, span, cue.speaker if cue else None, entities)
        if speaker.text is None or (speaker.text.lower() in PRONOUNS and previous is not None):
            speaker = _continued(article, span, previous, speaker, entities) or speaker
        quote = _quote(article, span, speaker, cue)
        previous = quote
        yield quote


def _quote(article: Article, span: Span, speaker: Speaker, cue: _Cue | None) -> Quote:
    digest = hashlib.sha256(f"{article.id}|{span.start}|{span.end}".encode()).hexdigest()[:10]
    cue_span = Span(cue.verb.idx, cue.verb.idx + len(cue.verb.text)) if cue else None
    return Quote(
        id=f"q{digest}",
        article=article.id,
        span=span,
        text=span.slice(article.text),
        speaker=speaker.entity,
        speaker_text=speaker.text,
        speaker_name=speaker.name,
        cue=cue.verb.text if cue else None,
        speaker_span=speaker.span,
        cue_span=cue_span,
    )


def _continued(
    article: Article, span: Span, previous: Quote | None, own: Speaker, entities: Sequence[Entity]
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
    between = Span(previous.span.end, span.start)
    named = any(
        e.type == "PERSON" and m.article == article.id and m.span.overlaps(between)
        for e in entities
        for m in e.mentions
    )
    if previous.speaker is None or named:
        return None
    return Speaker(previous.speaker, own.text, previous.speaker_name, own.span)


def _cue(doc: Doc, span: Span) -> _Cue | None:
    """The speech verb and its subject for the quote at ``span``, nearest first."""
    own, extra = _sentences_around(doc, span) or ([], [])
    return _best_cue(own, span, len(doc)) or _best_cue(extra, span, ADJACENT_CUE_WORDS)


def _best_cue(sentences: list, span: Span, within: int) -> _Cue | None:
    """The nearest cue with a speaker among the first ``within`` words of each sentence."""
    candidates = []
    for sentence in sentences:
        for token in sentence:
            inside = span.start <= token.idx < span.end
            if inside or token.i - sentence.start >= within:
                continue
            if (
                token.lemma_.lower() in CUE_VERBS
                and token.pos_ in ("VERB", "AUX", "NOUN")
                and not _is_so_called(token)
            ):
                candidates.append((_distance(token, span), token, _subject(token, span)))
            elif token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                obj = next(
                    (g for c in token.children for g in c.children if g.dep_ == "pobj"), None
                )
                candidates.append(
                    (_distance(token, span), token, _phrase_span(obj) if obj is not None else None)
                )
    for _, verb, speaker in sorted(candidates, key=lambda c: (c[2] is None, c[0])):
        if speaker is None or not (span.start <= speaker.start < span.end):
            return _Cue(verb, speaker)
    return None


def _sentences_around(doc: Doc, span: Span) -> list[list]:
    """Where to look for the cue, in order: the sentences holding the quote; then the sentence
    starting right after its closing mark (a parser often splits '"Go!" the crowd shouted' at
    the mark) or the sentence ending with a colon right before its opening mark."""
    inside = [t for t in doc if span.start <= t.idx < span.end]
    if not inside:
        return []
    own = {t.sent.start: t.sent for t in inside}
    extra = {}
    after = next((t for t in doc[inside[-1].i + 1 :] if not (t.is_punct or t.is_space)), None)
    if after is not None and after.sent.start not in own and after.idx - span.end <= ADJACENT_CHARS:
        extra[after.sent.start] = after.sent
    before = doc[inside[0].i - 1] if inside[0].i else None
    while before is not None and before.text in "“\"‘'" and before.i:
        before = doc[before.i - 1]
    if before is not None and before.text == ":" and before.sent.start not in own:
        extra[before.sent.start] = before.sent
    return [[own[k] for k in sorted(own)], [extra[k] for k in sorted(extra)]]


def _is_so_called(token: Token) -> bool:
    """'so-called' marks a scare quote, not speech."""
    return (
        token.lower_ == "called"
        and token.doc.text[max(0, token.idx - 3) : token.idx].lower() == "so-"
    )


def _distance(token: Token, span: Span) -> int:
    return span.start - token.idx if token.idx < span.start else token.idx - span.end


def _subject(verb: Token, span: Span) -> Span | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl", "relcl"):
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ == "relcl":
            subject = verb.head
    if subject is not None and subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None:
        return None
    phrase = _phrase_span(subject)
    return None if phrase is not None and span.start <= phrase.start < span.end else phrase


def _phrase_span(token: Token) -> Span | None:
    """The noun phrase of ``token``: names with their compounds, descriptions with modifiers."""
    if token.pos_ == "PRON":
        return Span(token.idx, token.idx + len(token.text))
    words = [
        t
        for t in token.subtree
        if t.dep_ not in ("relcl", "punct", "appos", "cc", "conj") or t is token
    ]
    words = [
        t
        for t in words
        if not any(
            a.dep_ in ("relcl", "appos", "conj")
            for a in t.ancestors
            if a in token.subtree and a is not token
        )
    ]
    start = min(t.idx for t in words)
    end = max(t.idx + len(t.text) for t in words)
    return Span(start, end)
