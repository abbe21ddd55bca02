"""Factual statements carrying a value: counts, event dates, time in office, and (through
:mod:`newsweave.extract.measures`) amounts, percentages, ages and roles.

Works on the dependency parse of each article (token offsets index the article
text) and on the article's TIMEX3 expressions:

- counts: a number attached to a counted noun whose verb or adjective is in the
  count lexicon ("20 people were reported injured", "three people have died"),
  with the scope phrase that bounds it ("in the clashes", "since the protests began");
- event dates: a DATE timex attached to an event verb or noun ("resigned Sunday",
  "the May 2 election"), and dates derived through "a day after <event>";
- tenure: a duration attached to a verb of holding office ("governed for 14 years").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.claim_lexicon import (
    COUNT_SLOTS,
    EVENT_NOUNS,
    NOT_EVENTS,
    PERSON_NOUNS,
    TENURE_VERBS,
    VAGUE_COUNTS,
    VERB_TO_EVENT,
)
from newsweave.extract.event_identity import event_scope
from newsweave.extract.measures import measure_claims
from newsweave.extract.mention_index import MentionIndex, mention_index
from newsweave.extract.timex_lexicon import number_value
from newsweave.model import Article, Claim, Entity, Span, Timex

__all__ = ["event_name", "find_claims"]

_SCOPE_PREPS = frozenset({"in", "since", "during", "at", "on", "over"})


def find_claims(
    articles: Sequence[Article],
    docs: Mapping[str, Doc],
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
) -> tuple[Claim, ...]:
    """Claims (slot, subject, value, unit, scope, span) of a story's articles, in text order."""
    claims: list[Claim] = []
    index = mention_index(entities)
    by_article: dict[str, list[Timex]] = {}
    for timex in timexes:
        by_article.setdefault(timex.article, []).append(timex)
    for article in articles:
        doc = docs[article.id]
        own = by_article.get(article.id, [])
        claims.extend(_counts(article, doc))
        dated = list(_event_dates(article, doc, own, index))
        claims.extend(dated)
        claims.extend(_relative_dates(article, doc, own, dated))
        claims.extend(_tenures(article, doc, own))
        claims.extend(measure_claims(article, doc, index, _claim))
    return tuple(sorted(claims, key=lambda c: (c.article, c.span.start, c.slot)))


def _claim(
    article: Article,
    span: Span,
    slot: str,
    subject: str,
    value: str,
    unit: str | None,
    scope: str | None,
) -> Claim:
    key = f"{article.id}|{span.start}|{span.end}|{slot}|{subject}|{value}"
    return Claim(
        id="c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10],
        article=article.id,
        span=span,
        slot=slot,
        subject=subject,
        value=value,
        unit=unit,
        scope=scope,
    )


def _sentence_span(token: Token) -> Span:
    sentence = token.sent
    return Span(sentence.start_char, sentence.end_char)


# --------------------------------------------------------------------------- counts


def _count_value(token: Token) -> str | None:
    """The number a numeral token stands for, normalised ("three" -> "3", "hundreds" -> "100+")."""
    text = token.text.lower()
    if text in VAGUE_COUNTS:
        return VAGUE_COUNTS[text]
    value = number_value(text.replace(",", ""))
    if value is None or value != int(value) or value < 0:
        return None
    return str(int(value))


def _count_slot(noun: Token) -> str | None:
    """The slot of a counted noun: from its verb ("were injured") or adjective ("injured people")."""
    candidates = [
        noun.head,
        *noun.children,
        *(c for c in noun.head.children if c.dep_ in ("acomp", "oprd", "xcomp")),
    ]
    if noun.head.dep_ in ("xcomp", "ccomp", "conj", "advcl"):
        candidates.append(noun.head.head)
    for word in candidates:
        slot = COUNT_SLOTS.get(word.lemma_.lower()) or COUNT_SLOTS.get(word.text.lower())
        if slot:
            return slot
    for word in noun.head.subtree if noun.head.pos_ in ("VERB", "AUX") else ():
        if word.dep_ in ("acomp", "oprd", "xcomp", "advcl", "dobj", "attr") and COUNT_SLOTS.get(
            word.lemma_.lower()
        ):
            return COUNT_SLOTS[word.lemma_.lower()]
    return None


def _scope(noun: Token) -> str | None:
    """A prepositional or clausal phrase bounding the count ("in the clashes", "since ... began").

    A verb conjoined to another ("died since the protests began and hundreds have been
    injured") shares its scope. Scopes are lemmatised so that wordings compare.
    """
    verb = noun.head
    for candidate in (verb, verb.head if verb.dep_ == "conj" else None):
        if candidate is None:
            continue
        for child in [
            *candidate.children,
            *(
                c
                for w in candidate.children
                if w.dep_ in ("xcomp", "acomp", "oprd")
                for c in w.children
            ),
        ]:
            if child.dep_ == "prep" and child.lower_ in _SCOPE_PREPS and child.i > noun.i:
                return _phrase(child)
            if child.dep_ == "advcl" and any(m.lower_ == "since" for m in child.children):
                return _phrase(child)
    return None


def _phrase(token: Token) -> str:
    """The lemmas of a phrase, up to a coordinating conjunction or eight words."""
    words: list[str] = []
    for word in token.subtree:
        if (word.dep_ in ("cc", "conj") and words) or len(words) == 8:
            break
        if not word.is_punct:
            words.append(word.lemma_.lower())
    return " ".join(words)


def _counts(article: Article, doc: Doc) -> Iterator[Claim]:
    for token in doc:
        value = _count_value(token) if token.like_num or token.lower_ in VAGUE_COUNTS else None
        if value is None or token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        noun = token.head if token.dep_ == "nummod" else token
        if token.dep_ not in ("nummod", "nsubj", "nsubjpass", "dobj", "pobj", "conj"):
            continue
        slot = _count_slot(noun)
        if slot is None:
            continue
        subject = (
            "people"
            if noun.lemma_.lower() in PERSON_NOUNS or noun is token
            else noun.lemma_.lower()
        )
        yield _claim(
            article,
            _sentence_span(token),
            slot,
            subject,
            value,
            "people" if subject == "people" else noun.lemma_,
            _scope(noun),
        )


# --------------------------------------------------------------------------- event dates


def event_name(token: Token) -> str | None:
    """The event a verb or noun names ("resigned" -> "resignation"), or None."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return None if lemma in NOT_EVENTS else VERB_TO_EVENT.get(lemma, lemma)
    if token.pos_ in ("NOUN", "PROPN") and lemma in EVENT_NOUNS:
        return lemma.rstrip("s") if lemma.endswith("ions") else lemma
    return None


def _event_of(token: Token | None) -> str | None:
    """The event a governing word names, looking through light verbs to their subject
    ("the departure came a day after ..." names the departure)."""
    if token is None:
        return None
    name = event_name(token)
    if name:
        return name
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return event_name(subject) if subject is not None else None


def _governor(span: SpacySpan) -> Token | None:
    """The event word a time expression is attached to: its head, through a preposition ("on
    Monday") and through nouns that only place the event in time ("at the close of trading")."""
    root = span.root
    head = root.head
    if root.dep_ in ("pobj", "npadvmod") and head.pos_ == "ADP":
        head = head.head
    return _through_time_nouns(head)


def _timex_tokens(doc: Doc, timex: Timex) -> SpacySpan | None:
    return doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")


def _is_day(value: str) -> bool:
    return len(value) >= 7 and value[:4].isdigit() and "X" not in value[:10] and "W" not in value


def _event_dates(
    article: Article, doc: Doc, timexes: Sequence[Timex], index: MentionIndex
) -> Iterator[Claim]:
    days = [t for t in timexes if t.type in ("DATE", "TIME") and _is_day(t.value)]
    spans = [(t, _timex_tokens(doc, t)) for t in days]
    timed = {token.i for _, span in spans if span is not None for token in span}
    for timex, span in spans:
        governor = _governor(span) if span is not None else None
        if governor is None:
            continue
        for event in _sharing_the_date(governor, timed):
            name = event_name(event)
            if name:
                yield _claim(
                    article,
                    _sentence_span(event),
                    "date",
                    name,
                    timex.value[:10],
                    None,
                    event_scope(event, index, article),
                )


def _through_time_nouns(word: Token) -> Token:
    """A date on a noun that only places the event in time ("fell at the close of trading
    Thursday", "rose at the start of the day Monday") dates the verb the noun hangs from."""
    preposition = word.head
    if (
        word.pos_ == "NOUN"
        and event_name(word) is None
        and word.dep_ == "pobj"
        and preposition.dep_ == "prep"
        and preposition.head.pos_ == "VERB"
    ):
        return preposition.head
    return word


#: Dependents through which a verb's date passes to the event noun it carries out ("filed for
#: bankruptcy Thursday", "made its first flight Tuesday").
_CARRIED = frozenset(["dobj", "pobj"])


def _sharing_the_date(governor: Token, timed: set[int]) -> Iterator[Token]:
    """The word a date is attached to, then the events that happen with it: the event nouns
    its verb carries out, and verbs coordinated with it that carry no date of their own ("will
    leave A and arrive in B on 25 October")."""
    yield governor
    if governor.pos_ != "VERB":
        return
    for child in governor.children:
        objects = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ in _CARRIED]
        yield from (o for o in objects if o.pos_ == "NOUN")
    partners = [c for c in governor.children if c.dep_ == "conj"]
    if governor.dep_ == "conj":
        partners.append(governor.head)
    for verb in partners:
        if (
            verb.pos_ == "VERB"
            and _mood(verb) == _mood(governor)
            and not _has_own_date(verb, timed)
        ):
            yield verb


def _mood(verb: Token) -> frozenset[str]:
    """The modals and infinitive marker of a verb: 'left and will return' are two times; a
    conjunct without its own shares its head's ('will meet and sign')."""
    own = frozenset(
        c.lower_ for c in verb.children if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to")
    )
    if not own and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _mood(verb.head)
    return own


def _has_own_date(verb: Token, timed: set[int]) -> bool:
    """Whether a time expression hangs from ``verb`` itself (not through its conjuncts)."""
    return any(
        token.i in timed
        for child in verb.children
        if child.dep_ != "conj"
        for token in child.subtree
    )


def _day(value: str) -> date | None:
    """The day an ISO value names, or None for a coarser one ("2018-12", "2018-W49")."""
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _relative_dates(
    article: Article, doc: Doc, timexes: Sequence[Timex], dated: Sequence[Claim]
) -> Iterator[Claim]:
    """'<event A> ... a day after <event B>': B's date is A's date minus the duration."""
    for timex in timexes:
        if (
            timex.type != "DURATION"
            or not timex.value.endswith("D")
            or not timex.value[1:-1].isdigit()
        ):
            continue
        span = _timex_tokens(doc, timex)
        if span is None or span.end >= len(doc) or doc[span.end].lower_ not in ("after", "before"):
            continue
        later = doc[span.end].lower_ == "after"
        target = next(
            (w for w in doc[span.end].subtree if w.dep_ in ("pobj", "pcomp") and event_name(w)),
            None,
        )
        anchor_name = _event_of(_governor(span))
        if target is None or anchor_name is None:
            continue
        # Only a day can be moved by days: an anchor dated to a month or a year ("2018-12")
        # gives the other event no day.
        anchor_day = next(
            (day for c in dated if c.subject == anchor_name and (day := _day(c.value))), None
        )
        if anchor_day is None:
            continue
        days = int(timex.value[1:-1])
        moved = anchor_day - timedelta(days=days if later else -days)
        yield _claim(
            article,
            _sentence_span(target),
            "date",
            event_name(target) or "",
            moved.isoformat(),
            None,
            None,
        )


# --------------------------------------------------------------------------- tenure


def _tenures(article: Article, doc: Doc, timexes: Sequence[Timex]) -> Iterator[Claim]:
    for timex in timexes:
        if timex.type != "DURATION" or "X" in timex.value:
            continue
        span = _timex_tokens(doc, timex)
        if span is None:
            continue
        verb = _governor(span)
        if verb is None or verb.lemma_.lower() not in TENURE_VERBS:
            continue
        holder = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            holder is not None
            and holder.lower_ in ("who", "which", "that")
            and verb.dep_ == "relcl"
        ):
            holder = verb.head
        if holder is None:
            continue
        subject = " ".join([w.text for w in holder.lefts if w.dep_ == "compound"] + [holder.text])
        yield _claim(
            article, _sentence_span(verb), "tenure", subject, timex.value, "duration", None
        )
