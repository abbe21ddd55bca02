"""Titles and roles the text gives a person: "French Foreign Minister X", "X, the head of Y"."""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from newsweave.extract.names import ADDRESS_FORMS

__all__ = ["find_role"]

#: Longest role phrase kept, in words.
MAX_ROLE_WORDS = 10
#: Role phrases with brackets, coordination or a clause are parse debris, not a role.
_JUNK = re.compile(r"[\[\]()]| and | who | which | that ")
#: Marks that, between a title and a name, show they do not belong together ("[... leader X] Y").
_SEPARATORS = frozenset('[](){}"“”«»')
_POSSESSIVE_MARKS = frozenset(["’", "'", "’s", "'s"])


def find_role(doc: Doc, start: int, end: int, names: Collection[str] = ()) -> str | None:
    """The role stated for the name at ``[start, end)``: a title before it or an apposition.

    ``names`` are the ways the story writes the person's name: a word just before the span
    that makes one of them with it is the rest of the name, not the title ("Chair" is the
    title in "Committee Chair Debbie Wasserman Schultz" when the span is "Wasserman
    Schultz" and the person is also written "Debbie Wasserman Schultz").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not _names_the_person(doc, span):
        return None
    candidates = [_apposition(doc, span), _title(doc, span, _folded(names))]
    roles = [r for r in candidates if r and not _JUNK.search(r)]
    return roles[0] if roles else None


def _names_the_person(doc: Doc, span: Span) -> bool:
    """False where the name only qualifies something else, whose description is not the
    person's role: a possessor ("X’s closest rival") or a modifier ("the pro-X protesters")."""
    if span.end < len(doc) and doc[span.end].text in _POSSESSIVE_MARKS:
        return False
    root = span.root
    return not (root.dep_ in ("compound", "poss") and not span.start <= root.head.i < span.end)


def _folded(names: Collection[str]) -> frozenset[str]:
    return frozenset(" ".join(n.split()).casefold() for n in names)


def _title(doc: Doc, span: Span, names: frozenset[str] = frozenset()) -> str | None:
    head = span.root
    title = [
        t
        for t in head.lefts
        if t.i < span.start and t.dep_ in ("compound", "amod", "nmod") and t.ent_type_ != "PERSON"
    ]
    if not title:
        return None
    first = min(_subtree_start(t) for t in title)
    if any(t.text in _SEPARATORS for t in doc[first : span.start]):
        return None
    words = [t for t in doc[first : span.start] if not t.is_punct]
    while words and doc[words[-1].i : span.end].text.casefold() in names:
        words.pop()  # the rest of the person's name ("Bill" of "President Bill Clinton")
    return _text(words) if words and any(w.is_title or w.is_lower for w in words) else None


def _apposition(doc: Doc, span: Span) -> str | None:
    head = span.root
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= span.end:
            return _text(list(child.subtree))
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < span.start:
        noun = head.head
        if any(t.text in _SEPARATORS for t in doc[noun.i : span.start]):
            return None
        return _text(
            [t for t in noun.subtree if t.i < span.start and t.i < noun.i + MAX_ROLE_WORDS]
        )
    return None


def _subtree_start(token: Token) -> int:
    return min(t.i for t in token.subtree)


def _text(tokens: list[Token]) -> str | None:
    """The words of ``tokens`` as written (spacing kept), without forms of address at the edges."""
    words = [t for t in tokens if not t.is_punct or t.text in "-–"][:MAX_ROLE_WORDS]
    while words and (words[-1].lower_.rstrip(".") in ADDRESS_FORMS or words[-1].text in "-–"):
        words.pop()
    while words and words[0].lower_.rstrip(".") in ADDRESS_FORMS:
        words.pop(0)
    if not words:
        return None
    text = words[0].doc[words[0].i : words[-1].i + 1].text
    return " ".join(text.replace("’s", "’s").split()) or None
