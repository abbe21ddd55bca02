"""Which event a dated event word names: its kind (the word) is not enough.

Two outlets dating "the primary" differently disagree only if they mean one primary; two
states' primaries a week apart are two events. The same holds for verbs: "Reid endorsed
her in February" and "Obama will endorse her on Thursday" are two endorsements, not a
conflict over one. A date claim's scope (:class:`newsweave.model.Claim`) carries what the
text says to tell such events apart:

- an event noun: the place the text names with it (:func:`event_place`);
- an event verb: whom it is about (:func:`event_participant`): the "by" phrase of a
  passive, else its subject (:func:`event_subject`, the same the timeline's "who" is:
  through relative pronouns, coordination and participles), as the story's entity, a
  pronoun resolved (so "Lee", "Ann Lee" and "she" are one doer), or as the thing a
  common noun names ("the campaign sent", "the town voted").

A claim whose text names no place or doer has no scope and joins the scoped group that
holds its value, or the only one (:mod:`newsweave.reconcile.findings`), so a doer the text
does not name (an unresolved "he", "the former president", where a person of the story is
said to be president) still agrees or conflicts with a named one.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsweave.extract.mention_index import MentionIndex
from newsweave.extract.names import HONORIFICS
from newsweave.extract.naming import entity_at
from newsweave.model import Article

__all__ = ["DESCRIBED", "event_participant", "event_place", "event_scope", "event_subject"]

#: How a scope opens when it names a participant by a common noun ("by the campaign", "of
#: the vote"): a thing the text describes, which a claim that names no one is not taken to
#: be about.
DESCRIBED = ("by the ", "of the ")

#: Entity types of a place that holds an event.
_PLACES = ("GPE", "LOC")
#: Verbs whose subject holds the event that is their object ("South Carolina holds a primary").
_HOLDING = frozenset({"hold", "host", "stage"})
#: Words through which a relative clause's subject is the noun the clause describes
#: ("Nevada, which holds caucuses on Feb. 20": Nevada holds them).
_RELATIVES = frozenset({"which", "that", "who", "whom"})


def event_scope(event: Token, entities: MentionIndex, article: Article) -> str | None:
    """What tells the event ``event`` names apart from others of its kind: its place for a
    noun; for a verb, whom it is about (:func:`event_participant`); None when the text names
    neither."""
    if event.pos_ in ("NOUN", "PROPN"):
        return event_place(event)
    return event_participant(event, entities, article)


def event_place(event: Token) -> str | None:
    """Where an event noun takes place, when the text names the place (a GPE or LOC entity)
    with it: before it ("the <state> primary", "<country>'s election"), after it ("the
    primary in <state>"), or as what holds it ("<state>, which holds a primary"). Two events
    of one kind in two places (two states' primaries, a week apart) are two events, never a
    conflict; a date claim that names no place still joins the place whose date it gives.
    None for a verb, or a noun with no place named.
    """
    if event.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in event.children:
        if child.dep_ in ("compound", "poss", "nmod") and child.ent_type_ in _PLACES:
            return _place_name(child)
        if child.dep_ == "prep" and child.lower_ == "in":
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ in _PLACES:
                return _place_name(place)
    verb = event.head
    if event.dep_ == "dobj" and verb.lemma_.lower() in _HOLDING:
        holder = event_subject(verb)
        if holder is not None and holder.ent_type_ in _PLACES:
            return _place_name(holder)
    return None


def event_participant(verb: Token, entities: MentionIndex, article: Article) -> str | None:
    """Whom what ``verb`` says is about, when the text names them: ``"by <doer>"`` for the
    "by" phrase of a passive or the subject (:func:`event_subject`) of an active verb, ``"of
    <it>"`` for the subject of a passive with no "by" phrase ("votes will be counted"). A
    participant is the story's entity the word names (:func:`newsweave.extract.naming.
    entity_at`: a mention, or a pronoun resolved), by its name; else, for a common noun,
    "the" and its lemma ("by the campaign"). None for a verb with no subject, a non-verb,
    an unresolved pronoun, and a noun that may describe a person of the story (a title, or
    the head word of a role the story states for one: "the senator", "the spokesman").

    Example: in "Reid, who endorsed Clinton in February, ..." the participant of "endorsed"
    is ``"by Harry Reid"`` when the story's entity of "Reid" is named so.
    """
    if verb.pos_ != "VERB":
        return None
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if agent is not None:
        who, role = agent, "by"
    else:
        subject = event_subject(verb)
        if subject is None:
            return None
        who, role = subject, "of" if _passive(verb) else "by"
    name = _participant_name(who, entities, article)
    return f"{role} {name}" if name else None


def _passive(verb: Token) -> bool:
    """Whether ``verb`` is passive: a passive auxiliary or subject ("was released"), or a past
    participle describing its noun ("the memo released on Tuesday")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _participant_name(word: Token, entities: MentionIndex, article: Article) -> str | None:
    for named_word in (word, *(c for c in word.children if c.dep_ == "appos")):
        named = entity_at(article, word.doc, entities, named_word)
        if named is not None:
            return named.name
    lemma = word.lemma_.lower()
    if word.pos_ != "NOUN" or lemma in entities.role_heads or lemma in HONORIFICS:
        return None
    return f"the {lemma}"


def event_subject(verb: Token) -> Token | None:
    """The verb's subject; a relative pronoun stands for the noun its clause describes; a
    verb with none inherits one from the verb it hangs from (coordination, "to" clauses,
    participles, "after leaving"), the object of a verb of urging first ("urged him to go")."""
    for _ in range(4):
        own = [
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ not in ("DATE", "TIME")
        ]
        own = sorted(own, key=lambda c: (c.pos_ not in ("NOUN", "PROPN", "PRON"), c.i))
        if own:
            subject = own[0]
            if subject.lower_ in _RELATIVES and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        if head is verb or verb.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "ccomp"):
            return None
        if verb.dep_ == "xcomp":
            urged = next((c for c in head.children if c.dep_ == "dobj"), None)
            if urged is not None:
                return urged
        verb = head
    return None


def _place_name(token: Token) -> str:
    """The place's name as one lower-case string: the whole entity the token is in."""
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    words = entity if entity is not None else [token]
    return " ".join(w.text for w in words if w.ent_type_ in _PLACES and w.tag_ != "POS").lower()
