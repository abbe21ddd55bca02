"""Claims about quantities and people: amounts of money, percentages, ages, roles.

- amounts: a MONEY entity and what it is an amount of ("a $2 billion loan" -> loan);
- percentages: a PERCENT entity and the noun or subject it describes ("turnout was 48%"),
  none when that is no noun ("rose to 49.6%", "he won 23%": it would align with every
  other percentage of the story and make conflicts of poll figures of different people);
- ages: "Name, 60," and "the 60-year-old <name or noun in apposition to a name>", only when
  the person is named (an age of "the former herder" says nothing checkable);
- roles: an entity's stated role ("French Foreign Minister") as a claim about that entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.mention_index import MentionIndex, mention_index
from newsweave.model import Article, Claim, Entity, Span

__all__ = ["measure_claims"]

ClaimMaker = Callable[[Article, Span, str, str, str, str | None, str | None], Claim]

_MULTIPLIERS = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
}
_CURRENCIES = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "yen": "JPY",
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_AGE_APPOSITION = re.compile(r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*), (?P<age>\d{1,3}),")
_AGE_ADJECTIVE = re.compile(r"\b(?P<age>\d{1,3})-year-old\b")


def measure_claims(
    article: Article, doc: Doc, entities: Sequence[Entity] | MentionIndex, make: ClaimMaker
) -> Iterator[Claim]:
    """Amount, percentage, age and role claims of one article.

    ``entities`` may be given as their :func:`mention_index` (build it once per story).
    """
    index = mention_index(entities)
    for ent in doc.ents:
        if ent.label_ == "MONEY":
            yield from _amount(article, ent, make)
        elif ent.label_ == "PERCENT":
            yield from _percentage(article, ent, make)
    yield from _ages(article, doc, index, make)
    yield from _roles(article, doc, index, make)


def _number(text: str) -> float | None:
    match = _NUMBER.search(text)
    if match is None:
        return None
    value = float(match.group().replace(",", ""))
    for word, factor in _MULTIPLIERS.items():
        if re.search(rf"\b{word}\b", text.lower()):
            value *= factor
    return value


def _sentence(token: Token) -> Span:
    return Span(token.sent.start_char, token.sent.end_char)


def _described(ent: SpacySpan) -> Token | None:
    """The noun a quantity is about: its head noun, or the subject of its clause; None when
    that is no noun ("rose to 49.6%", "he won 23 percent": a preposition, a pronoun), which
    would align the quantity with every other of its kind."""
    head = ent.root.head
    if head.pos_ in ("NOUN", "PROPN") and head not in ent:
        return head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    described = subject if subject is not None else head
    if described.pos_ not in ("NOUN", "PROPN") or described in ent:
        return None
    return described


def _amount(article: Article, ent: SpacySpan, make: ClaimMaker) -> Iterator[Claim]:
    value = _number(ent.text)
    described = _described(ent)
    if value is None or described is None:
        return
    currency = next((code for sign, code in _CURRENCIES.items() if sign in ent.text.lower()), None)
    subject = described.lemma_.lower()
    yield make(article, _sentence(ent.root), "amount", subject, f"{value:g}", currency, None)


def _percentage(article: Article, ent: SpacySpan, make: ClaimMaker) -> Iterator[Claim]:
    value = _number(ent.text)
    described = _described(ent)
    if value is None or described is None:
        return
    subject = described.lemma_.lower()
    yield make(article, _sentence(ent.root), "percentage", subject, f"{value:g}", "percent", None)


def _person_at(entities: MentionIndex, article: str, start: int, end: int) -> Entity | None:
    """The first person (in story order) with a mention overlapping ``[start, end)``."""
    return next(
        (p.entity for p in entities.overlapping(article, start, end) if p.entity.type == "PERSON"),
        None,
    )


def _ages(article: Article, doc: Doc, entities: MentionIndex, make: ClaimMaker) -> Iterator[Claim]:
    for match in _AGE_APPOSITION.finditer(article.text):
        person = _person_at(entities, article.id, match.start("name"), match.end("name"))
        if person is not None and 0 < int(match["age"]) < 120:
            token = doc.char_span(match.start("age"), match.end("age"), alignment_mode="expand")
            if token is not None:
                yield make(
                    article, _sentence(token.root), "age", person.name, match["age"], "years", None
                )
    for match in _AGE_ADJECTIVE.finditer(article.text):
        tokens = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if tokens is None:
            continue
        noun = tokens.root.head if tokens.root.head.pos_ in ("NOUN", "PROPN") else tokens.root
        named = (
            noun
            if noun.ent_type_ == "PERSON"
            else next((c for c in noun.children if c.dep_ == "appos"), noun)
        )
        person = _person_at(entities, article.id, named.idx, named.idx + len(named.text))
        if person is not None:
            yield make(
                article, _sentence(tokens.root), "age", person.name, match["age"], "years", None
            )


def _roles(article: Article, doc: Doc, entities: MentionIndex, make: ClaimMaker) -> Iterator[Claim]:
    from newsweave.extract.roles import find_role

    for placed in entities.in_article(article.id):
        entity, mention = placed.entity, placed.mention
        if entity.type == "PERSON":
            role = find_role(doc, mention.span.start, mention.span.end, entities.person_names)
            tokens = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if role and tokens is not None:
                yield make(
                    article, _sentence(tokens.root), "role", entity.name, role.lower(), None, None
                )
