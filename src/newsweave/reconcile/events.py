"""An event as a reader says it: who did what, built from the parse of the cited sentence.

An event verb becomes a headline clause: its subject (named through the story's entities;
inherited from the verb it depends on when it has none of its own), the verb in the present
("resigns"; "is elected" in the passive; "will return", "to meet" for what is still to come),
then a short complement: a particle, the object, one short prepositional phrase ("leaves for
Lima", "blocks the main road"). An event noun becomes its noun group ("presidential
election"), named for whose event it is when the text says ("resignation of Ann Lee"); a noun
a dated verb carries out with no owner of its own ("published a report") is that verb's event.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsweave.extract.claims import event_name
from newsweave.extract.event_identity import event_subject
from newsweave.extract.naming import quoted
from newsweave.reconcile.phrases import PHRASE_WORDS, Namer, core_tokens, is_quantity

__all__ = ["SPEECH", "EventPhrase", "event_phrase", "event_words", "present_tense"]

#: Most words of a complement after the verb ("for Lima", "the streets of the old town"); a longer
#: object is left out rather than cut mid-phrase. Headline complements run 1-6 words.
COMPLEMENT_WORDS = 7
#: Prepositions whose phrase completes a move or an act ("leaves for", "resigns from", "marches
#: toward"); time and cause phrases ("on Monday", "after the vote") never do.
_GOAL_PREPS = frozenset(
    "to for from into toward towards against as with over in at onto out of".split()
)
#: Verbs whose "to" clause is still to come ("called for lawmakers to meet", "plans to visit"):
#: the event then reads "lawmakers to meet", as a headline writes plans.
_PLANNING = frozenset(
    """
        call ask urge plan expect schedule set agree decide vow promise threaten want hope
        order invite intend prepare aim seek propose due
        """.split()
)
#: Verbs of saying: what they say is their object or clause, never a phrase of where or how
#: ("announced in a televised address" is not what was announced).
SPEECH = frozenset(
    "announce confirm say tell state declare report tweet write post add warn deny".split()
)
#: Subjects that stand for the noun their clause describes ("legislators, who had met").
_PLURAL_PRONOUNS = frozenset(["they", "we", "you", "i", "these", "those", "both", "many"])
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}


@dataclass(frozen=True, slots=True)
class EventPhrase:
    """One reading of an event: its ``text``, the event it names (``event``: a verb's object
    noun folds into the verb's event) and who it is about (``subject``: an entity id, else
    the subject's lemma, else "")."""

    text: str
    event: str
    subject: str
    is_clause: bool
    has_complement: bool


def event_phrase(word: Token, namer: Namer, timed: set[int]) -> EventPhrase:
    """The event ``word`` (a verb or an event noun) names, as a short line.

    ``timed`` holds the indices of the time-expression tokens, which never enter the line.

    Example: in "The minister resigned from office on Friday", ``resigned`` reads "Minister
    resigns from office" ("Ann Lee resigns from office" when the story names her).
    """
    if word.pos_ == "VERB":
        return _clause(word, namer, timed)
    verb = _carrier(word, timed)
    if verb is not None:
        return _clause(verb, namer, timed)
    return _noun_event(word, namer, timed)


def _carrier(noun: Token, timed: set[int]) -> Token | None:
    """The dated event verb a noun with no owner is the object of ("published a report on
    Sunday"): the date then hangs from the verb, not from the noun."""
    if noun.dep_ not in ("dobj", "pobj") or _owner(noun, timed) is not None:
        return None
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head
    if verb.pos_ != "VERB" or not event_name(verb):
        return None
    inside = {t.i for t in noun.subtree}
    dated = any(t.i in timed and t.i not in inside for t in verb.subtree)
    return verb if dated else None


# --------------------------------------------------------------------------- clauses


def _clause(verb: Token, namer: Namer, timed: set[int]) -> EventPhrase:
    name = event_name(verb) or verb.lemma_.lower()
    subject = event_subject(verb)
    entity = namer.actor(subject) if subject is not None else None
    if subject is None:
        who, key = "", ""
    elif entity is not None:
        who, key = entity.name, entity.id
    else:
        who, key = namer.render(core_tokens(subject, timed)), subject.lemma_.lower()
    plural = subject is not None and entity is None and _is_plural(subject)
    complement = _complement(verb, replace(namer, subject=entity.id if entity else ""), timed)
    text = " ".join(w for w in (who, _verb_form(verb, plural), complement) if w)
    return EventPhrase(_capitalised(text), name, key, True, bool(complement))


def _verb_form(verb: Token, plural: bool) -> str:
    """The verb as a headline writes it: present simple, "is"/"are" and the participle in the
    passive, a modal kept ("will return"), "not" kept, "to" for what is planned."""
    lemma = verb.lemma_.lower()
    particle = " ".join(c.lower_ for c in verb.children if _is_particle(c, verb))
    tail = f" {particle}" if particle else ""
    modal = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
    negated = any(c.dep_ == "neg" for c in verb.children)
    if any(c.dep_ == "auxpass" for c in verb.children):
        be = "are" if plural else "is"
        aux = f"{modal} be" if modal else be
        return f"{aux}{' not' if negated else ''} {verb.lower_}{tail}"
    if modal:
        return f"{modal}{' not' if negated else ''} {lemma}{tail}"
    if _is_planned(verb):
        return f"to {lemma}{tail}"
    if negated:
        return f"{'do' if plural else 'does'} not {lemma}{tail}"
    return (lemma if plural else present_tense(lemma)) + tail


def _is_particle(word: Token, verb: Token) -> bool:
    """A particle, or a preposition right after the verb with no object ("checked in")."""
    if word.dep_ == "prt":
        return True
    return (
        word.dep_ in ("prep", "advmod")
        and word.pos_ == "ADP"
        and word.i == verb.i + 1
        and (not any(c.dep_ == "pobj" for c in word.children))
    )


def _is_planned(verb: Token) -> bool:
    marked = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return marked and verb.dep_ in ("xcomp", "advcl", "ccomp") and verb.head.lemma_ in _PLANNING


def present_tense(lemma: str) -> str:
    """The third person singular of a verb's lemma ("resign" -> "resigns", "fly" -> "flies").

    Example: ``present_tense("leave")`` is ``"leaves"``.
    """
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        return lemma + "es"
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _the_number(subject: Token) -> bool:
    """ "The number of deaths rises" agrees with "number" ("a number of people rise" does not)."""
    return subject.lower_ == "number" and any(c.lower_ == "the" for c in subject.children)


def _is_plural(subject: Token) -> bool:
    """Whether the verb agrees with ``subject`` in the plural; a head that only counts ("a
    handful of voters") agrees as what it counts."""
    if subject.lower_ in _PLURAL_PRONOUNS or any(c.dep_ == "conj" for c in subject.children):
        return True
    if is_quantity(subject) and not _the_number(subject):
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if counted is not None:
            return _is_plural(counted)
    return subject.tag_ in ("NNS", "NNPS") and subject.pos_ != "PROPN"


def _complement(verb: Token, namer: Namer, timed: set[int]) -> str:
    """A particle is part of the verb; then the object, else a short "to" clause, a "that"
    clause of what was said, or one goal phrase; "" when none is short enough."""
    parts = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd", "acomp") and not _is_time_word(child, timed):
            parts.append(_object(child, namer, timed))
            break
    if not parts:
        parts.append(_clausal(verb, namer, timed))
    if not any(parts) and verb.lemma_.lower() not in SPEECH:
        parts = [_goal(verb, namer, timed)]
    text = " ".join(p for p in parts if p)
    return text if 0 < len(text.split()) <= COMPLEMENT_WORDS else ""


#: Objects that are the subject itself, kept as written.
REFLEXIVES = frozenset(
    "myself yourself himself herself itself ourselves yourselves themselves".split()
)


def _object(word: Token, namer: Namer, timed: set[int]) -> str:
    entity = namer.actor(word)
    if word.lower_ in REFLEXIVES:
        return word.lower_  # "Lee shot himself": who it was is the subject
    if word.pos_ == "PRON" and entity is None:
        return ""
    if word.pos_ == "PRON" and entity is not None and entity.id == namer.subject:
        # "Lee shot himself" stays so; "Lee saw her" cannot mean Lee (English would say
        # "herself"), so a "her" resolved to the subject is a wrong guess: left as written
        return word.lower_
    if entity is not None and word.pos_ in ("PRON", "PROPN"):
        return entity.name
    words = core_tokens(word, timed)
    of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    text = _lower_first(namer.render(words), words)
    if of is not None:
        owner = _prepositional(of, namer, timed)
        if owner and len(text.split()) + len(owner.split()) <= PHRASE_WORDS:
            text = f"{text} {owner}"
    return text


def _clausal(verb: Token, namer: Namer, timed: set[int]) -> str:
    """A short "to" clause ("begins to march toward the capital") or the core of a reported
    clause ("confirms the plane had landed"), unless it is a quotation."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            rest = _complement(child, namer, timed)
            return f"to {child.lemma_.lower()}" + (f" {rest}" if rest else "")
        if child.dep_ == "ccomp" and child.pos_ == "VERB":
            if quoted(child):
                return ""  # a quotation is the speaker's words, not retold in a headline
            inner = event_subject(child)
            if inner is None or inner.head.i != child.i:
                return ""
            entity = namer.actor(inner)
            who = entity.name if entity else namer.render(core_tokens(inner, timed))
            rest = _complement(child, namer, timed)
            return " ".join(w for w in (_lower_first(who, [inner]), child.lower_, rest) if w)
    return ""


def _goal(verb: Token, namer: Namer, timed: set[int]) -> str:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _GOAL_PREPS and child.i > verb.i:
            phrase = _prepositional(child, namer, timed)
            if phrase:
                return phrase
    return ""


def _prepositional(prep: Token, namer: Namer, timed: set[int]) -> str:
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or _is_time_word(noun, timed):
        return ""
    entity = namer.actor(noun) if noun.pos_ in ("PROPN", "PRON") else None
    words = core_tokens(noun, timed)
    text = entity.name if entity else _lower_first(namer.render(words), words)
    return f"{prep.lower_} {text}" if text else ""


def _is_time_word(word: Token, timed: set[int]) -> bool:
    return word.i in timed or word.ent_type_ in ("DATE", "TIME")


# --------------------------------------------------------------------------- event nouns


def _owner(noun: Token, timed: set[int]) -> Token | None:
    """Whose event a noun is: its possessor ("his resignation"), else the object of its "of"
    ("the departure of the president"); never a date ("October's election")."""
    for child in noun.children:
        if (
            child.dep_ in ("poss", "nmod")
            and child.pos_ in ("PROPN", "PRON", "NOUN")
            and not _is_time_word(child, timed)
        ):
            return child
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return owner if owner is not None and not _is_time_word(owner, timed) else None


def _noun_event(noun: Token, namer: Namer, timed: set[int]) -> EventPhrase:
    name = event_name(noun) or noun.lemma_.lower()
    owner = _owner(noun, timed)
    entity = namer.actor(owner) if owner is not None else None
    modifiers = [
        t
        for t in core_tokens(noun, timed)
        if t.i >= noun.i or (t.dep_ in ("amod", "compound") and t.head == noun)
    ]
    own = namer.render(modifiers) or noun.text
    if entity is not None:
        text, key = f"{own} of {entity.name}", entity.id
    elif owner is not None and owner.pos_ != "PRON":
        whose = namer.render(core_tokens(owner, timed))
        text, key = f"{own} of {_lower_first(whose, [owner])}", owner.lemma_.lower()
    else:
        text, key = own, ""
    return EventPhrase(_capitalised(text), name, key, False, False)


def _lower_first(text: str, words: list[Token]) -> str:
    """Lower the first letter when the phrase starts with a common word as written (not a
    name, not an acronym, not a name put in for a pronoun, not a word capitalised inside its
    sentence such as "Russian" or "Senate")."""
    first = words[0] if words else None
    if not text or first is None or first.pos_ == "PROPN" or first.is_upper:
        return text
    if first.text[:1].isupper() and not first.is_sent_start:
        return text
    if not text.startswith(first.text) and not text.lower().startswith(first.lower_):
        return text
    return text[0].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_words(doc: Doc, start: int, end: int, event: str) -> list[Token]:
    """The words of ``doc[start:end]`` (a character range) that name ``event``."""
    sentence = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in sentence or () if event_name(t) == event]
