"""Short noun phrases from the parse, with the story's entities named by their names.

A timeline entry names who did what: "he", "the former president" or "Mr Lee" become the
entity they stand for (``Entity.name``) wherever the story's entities resolve them. A phrase
is the core of a noun group (its determiner, adjectives, compounds, numbers and possessor),
never its clauses or prepositional tails, and never the time expression that dated it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsweave.extract.mention_index import MentionIndex
from newsweave.extract.names import HONORIFICS
from newsweave.extract.naming import entity_at, mention_at
from newsweave.extract.speakers import PRONOUNS
from newsweave.model import Article, Entity, Span

__all__ = ["PHRASE_WORDS", "Namer", "core_tokens", "is_quantity"]

#: Most words of a noun phrase in an event line ("Three officials", "the street of a city");
#: headline noun groups run 1-5 words, longer ones are cut to their head's side.
PHRASE_WORDS = 6
#: Dependents that belong to a noun's core: "the country's former president", "three officials".
_CORE = frozenset(["det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case"])
#: Heads that count the noun of their "of" phrase.
_QUANTITIES = frozenset(
    """thousands hundreds dozens millions scores tens some many most all none several few
    host number handful majority minority couple lot lots slew bunch""".split()
)
#: Leading words a headline drops ("the government collapses" reads "Government collapses").
_ARTICLES = frozenset(["the", "a", "an"])


def core_tokens(head: Token, timed: set[int]) -> list[Token]:
    """The head with its core dependents' subtrees, minus time words, in text order."""
    tokens = {head.i}
    joined = any(c.dep_ == "conj" and c.pos_ == head.pos_ for c in head.children)
    for child in head.children:
        if child.dep_ in _CORE or (joined and child.dep_ == "cc"):
            tokens.update(t.i for t in child.subtree)
        elif child.dep_ == "conj" and child.pos_ == head.pos_:
            tokens.update(t.i for t in child.subtree if t.dep_ in _CORE or t.i == child.i)
        elif child.dep_ == "prep" and child.lower_ == "of" and is_quantity(head):
            tokens.update(_of_core(child, timed))
    doc = head.doc
    kept = [doc[i] for i in sorted(tokens) if not _is_time(doc[i], timed)]
    return kept[-PHRASE_WORDS:] if len(kept) > PHRASE_WORDS else kept


def is_quantity(head: Token) -> bool:
    """A head that only counts what its "of" names ("thousands of supporters", "some of")."""
    return head.pos_ == "NUM" or head.lower_ in _QUANTITIES


def _of_core(of: Token, timed: set[int]) -> list[int]:
    noun = next((c for c in of.children if c.dep_ == "pobj"), None)
    if noun is None:
        return []
    return [of.i, *(t.i for t in core_tokens(noun, timed))]


def _is_time(token: Token, timed: set[int]) -> bool:
    return token.i in timed or token.ent_type_ in ("DATE", "TIME") or token.is_space


@dataclass(frozen=True, slots=True)
class Namer:
    """Names the words of one article through the story's entity mentions."""

    article: Article
    doc: Doc
    index: MentionIndex
    #: the entity a clause is about: a pronoun standing for it stays as written ("Lee leaves
    #: his post", not "Lee leaves Lee's post")
    subject: str = ""

    def entity_at(self, token: Token) -> Entity | None:
        """The entity a token names (:func:`newsweave.extract.naming.entity_at`): the longest
        mention covering it, a person first on a tie, else the one a pronoun or a description
        resolves to."""
        return entity_at(self.article, self.doc, self.index, token)

    def _mention_at(self, token: Token) -> tuple[Entity, Span] | None:
        return mention_at(self.index, self.article.id, token)

    def actor(self, head: Token) -> Entity | None:
        """The entity a noun group stands for: its head's, else an appositive's ("the head
        of the army, General Lee"); a possessor or modifier never names the group."""
        for word in (head, *(c for c in head.children if c.dep_ == "appos")):
            entity = self.entity_at(word)
            if entity is not None:
                return entity
        return None

    def render(self, tokens: Iterable[Token]) -> str:
        """The words of ``tokens`` as written, each entity mention replaced by the entity's
        name (a title or form of address before it dropped: the name says who), and each
        pronoun that resolves by the name (a possessive one with "'s")."""
        words = list(tokens)
        named = [self._named(t) for t in words]
        runs = [self._mention_at(t) for t in words]
        titles = _titles(words, named)
        out: list[str] = []
        for k, (token, entity) in enumerate(zip(words, named, strict=True)):
            same_run = k + 1 < len(words) and runs[k] is not None and runs[k + 1] == runs[k]
            if k in titles:
                continue
            if entity is None or (token.pos_ == "PRON" and entity.id == self.subject):
                out.append(token.text_with_ws)
            elif same_run and _adjacent(words, k):
                continue  # the name is written once, with the last word's spacing
            else:
                possessive = "’s" if token.tag_ == "PRP$" else ""
                out.append(entity.name + possessive + token.whitespace_)
        return _tidy("".join(out))

    def _named(self, token: Token) -> Entity | None:
        if token.pos_ == "PRON" and token.lower_ not in PRONOUNS:
            return None
        if token.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        return self.entity_at(token)


def _adjacent(words: list[Token], k: int) -> bool:
    return words[k + 1].i == words[k].i + 1


def _titles(words: list[Token], named: list[Entity | None]) -> set[int]:
    """Positions of the title written before a name ("Vice President", "Gen."): a form of
    address, or a capitalised word compounding onto one, right before the named words."""
    titles: set[int] = set()
    for k in range(len(words) - 2, -1, -1):
        token, after = words[k], k + 1
        if named[k] is not None or not _adjacent(words, k):
            continue
        before_name = named[after] is not None or after in titles
        is_title = token.lower_.rstrip(".") in HONORIFICS
        compounds = token.dep_ == "compound" and token.is_title and after in titles
        if before_name and (is_title or compounds):
            titles.add(k)
    return titles


def _tidy(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _ARTICLES and len(words) > 1:
        words = words[1:]
    return " ".join(words).strip(' ,;:—–-"“”')
