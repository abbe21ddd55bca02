"""The speech cue of a quotation: the reporting verb and the words naming who speaks.

The cue is the nearest speech verb outside every quotation in the quote's sentences
(said, tweeted, wrote, told, added, "went on", "put it" ...) or "according to"; the
speaker is the verb's subject. Where the parser loses the subject (it often does next
to quotation marks: '"Meh," wrote a supporter'), the noun phrase written right between
the quote and the verb, or right after an inverted verb, is the speaker. A parser often
also splits '"Go!" the crowd shouted' at the mark, so the sentence right after the
closing mark, or the one ending in a colon right before the opening mark, is searched
too, within the same paragraph only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.model import Span

__all__ = ["CUE_VERBS", "Cue", "QuotedIndex", "find_cue"]

#: Verbs that report speech or writing.
CUE_VERBS = frozenset(
    """
        say tell add write tweet post state announce claim declare insist note explain warn ask
        reply respond argue describe call pledge promise urge accuse deny confirm acknowledge
        admit suggest told quote cite recall report comment remark stress emphasise emphasize
        vow predict testify complain concede conclude continue observe point mention answer echo
        joke boast shout cry exclaim whisper repeat reiterate assert maintain allege interject
        retort quip plead scoff proclaim reveal recount lament muse contend affirm opine blast slam
        wonder riff chime assure counter caution charge agree sigh brag gush snap fume read chant
        sing email lecture yell scream holler retaliate remember question inquire grumble
        mutter murmur bark thunder roar sneer reason speculate posit advise tout hail praise
        criticize criticise condemn decry denounce dismiss mock ridicule tease taunt snipe rail
        thank apologize apologise greet lash text message react exhort vent instruct order demand request beg
        implore gripe
        """.split()
)
#: Nouns naming a statement whose owner is the speaker ("his claim that ...", "she issued a
#: statement saying ...").
CUE_NOUNS = frozenset(
    """
        claim statement remark comment assertion retort reply response quip pledge promise vow
        warning lament declaration admission insistence argument accusation tweet post word
        """.split()
)
#: Phrasal cues: verb lemma -> the particle or object that makes it speech ("went on",
#: "put it", "fired back").
PHRASAL_CUES = {"go": "on", "put": "it", "fire": "back", "chime": "in", "shoot": "back"}
#: In a neighbouring sentence the cue must come early ('"..." the crowd shouted'), or the
#: sentence is about something else.
ADJACENT_CUE_WORDS = 5
#: Largest gap, in characters, between a closing mark and a following sentence that may hold
#: the cue (the mark, a comma and a space).
ADJACENT_CHARS = 4
#: Longest noun phrase, in words, taken as a speaker from the words around a verb when the
#: parse gives it no subject.
MAX_SURFACE_WORDS = 8
_NOMINAL = frozenset(["PROPN", "NOUN", "PRON"])
_RELATIVE = frozenset(["who", "that", "which"])
#: Clauses that share the subject of the clause they hang from, and how far to climb.
_CLIMB = frozenset(["conj", "xcomp", "advcl", "relcl", "dep"])
MAX_CLIMB = 3
#: Dependents that are not part of a speaker's name: clauses, appositions, coordination.
_NOT_NAME = frozenset(["relcl", "appos", "cc", "conj", "ccomp", "advcl", "parataxis", "acl", "dep"])
_DASHES = frozenset(["-", "–", "—", "--", "―"])
_MARKS = frozenset("“\"‘'«„")
#: Longest bare noun phrase, in words, that may introduce a quote with a colon.
MAX_INTRO_WORDS = 6


@dataclass(frozen=True, slots=True)
class Cue:
    verb: Token | None  # None where a bare name introduces the quote ("Ann Lee: “...”")
    speaker: Span | None
    #: found in the sentence before the quote's own, not next to the quote
    remote: bool = False


class QuotedIndex:
    """Membership test for an article's quoted spans (sorted, non-overlapping): build it once
    per article and pass it to :func:`find_cue` for each quote."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.spans[i].end


def find_cue(doc: Doc, span: Span, quoted: Sequence[Span] | QuotedIndex) -> Cue | None:
    """The speech verb and its speaker for the quote at ``span``, nearest first. Words inside
    any quotation (``quoted``) are what someone said, never the cue or the one saying it.

    Looked for, in order: the sentences holding the quote; the sentence right after its
    closing mark (first words only); the sentence ending in a colon right before its opening
    mark, its clause's verb, or a bare name introducing it that way ("Ann Lee: “...”"); the
    sentence before, in its paragraph ('Lee said the plan would fail. "It is a disaster."');
    a dash signature on the next line ("— Ann Lee").
    """
    inside = quoted if isinstance(quoted, QuotedIndex) else QuotedIndex(quoted)
    window = doc.char_span(span.start, span.end, alignment_mode="expand")
    tokens = [t for t in window if span.start <= t.idx < span.end] if window is not None else []
    if not tokens:
        return None
    own = [tokens[0].sent]
    while own[-1].end <= tokens[-1].i:
        own.append(doc[own[-1].end].sent)
    colon = _colon_before(doc, tokens[0])
    after = _following(doc, tokens[-1], span)
    return (
        _best_cue(own, span, len(doc), inside)
        or _governing(tokens, span, inside)
        or _best_cue(after, span, ADJACENT_CUE_WORDS, inside, reports_own=True)
        or _best_cue(
            [colon.sent] if colon and colon.sent not in own else [], span, len(doc), inside
        )
        or (_colon_clause(colon, inside) or _named_intro(colon, inside) if colon else None)
        or _remote(_best_cue(_before_in_paragraph(doc, own[0]), span, len(doc), inside))
        or _signature(doc, tokens[-1], inside)
    )


def _remote(cue: Cue | None) -> Cue | None:
    return Cue(cue.verb, cue.speaker, remote=True) if cue is not None else None


def _best_cue(
    sentences: list, span: Span, within: int, inside: QuotedIndex, reports_own: bool = False
) -> Cue | None:
    """The nearest cue with a speaker among the first ``within`` words of each sentence; with
    ``reports_own``, a verb reporting a clause of its own ('Lee said both are wrong') is not
    the cue, it reports something else."""
    candidates = []
    for sentence in sentences:
        words = 0
        for token in sentence:
            words += not (token.is_punct or token.is_space)
            if token.idx in inside or words > within:
                continue
            if _is_cue_verb(token) and not (
                (reports_own and _has_clause(token)) or _quote_is_subject(token, span)
            ):
                candidates.append((_distance(token, span), token, _subject(token, span, inside)))
            elif token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                obj = next(
                    (g for c in token.children for g in c.children if g.dep_ == "pobj"), None
                )
                candidates.append(
                    (_distance(token, span), token, _phrase_span(obj) if obj is not None else None)
                )
    # a speaker found beats none; a verb beats a noun ("X called Y's remarks a 'low'"); the
    # verb the quoted words hang from beats a nearer one ('X said Y was “right” when she
    # spoke' is X's)
    governing = _ancestors_of_quote(sentences, span)
    ranked = sorted(
        candidates,
        key=lambda c: (c[2] is None, c[1].pos_ == "NOUN", c[1].i not in governing, c[0]),
    )
    for _, verb, speaker in ranked:
        if speaker is None or speaker.start not in inside:
            return Cue(verb, speaker)
    return None


def _ancestors_of_quote(sentences: list, span: Span) -> set[int]:
    """Indices of the words the quoted words hang from, in the parse of their sentences."""
    ancestors: set[int] = set()
    for sentence in sentences:
        for token in sentence:
            if span.start <= token.idx < span.end and not token.is_punct:
                ancestors.update(a.i for a in token.ancestors if not span.start <= a.idx < span.end)
    return ancestors


def _quote_is_subject(verb: Token, span: Span) -> bool:
    """'The “experts” disagreed': the quoted words, inside a noun phrase begun before the
    mark, are what the verb is about ('"Meh," wrote a fan' is parsed alike but starts at it)."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and span.start <= c.idx < span.end
        and any(w.idx < span.start and not w.is_punct for w in c.lefts)
        for c in verb.children
    )


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ == "ccomp" and c.idx > verb.idx for c in verb.children)


def _is_cue_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return lemma in CUE_NOUNS
    if token.pos_ not in ("VERB", "AUX") or _is_so_called(token):
        return False
    if lemma in PHRASAL_CUES:
        return any(c.lower_ == PHRASAL_CUES[lemma] and c.i == token.i + 1 for c in token.children)
    return lemma in CUE_VERBS


def _following(doc: Doc, last: Token, span: Span) -> list[SpacySpan]:
    """The sentence starting right after the closing mark, in the same paragraph (its cue
    must not report a clause of its own: see :func:`_best_cue`)."""
    after = next((t for t in doc[last.i + 1 :] if not (t.is_punct or t.is_space)), None)
    if (
        after is None
        or after.sent.start <= last.i
        or after.idx - span.end > ADJACENT_CHARS
        or any("\n" in t.text_with_ws for t in doc[last.i : after.i])
    ):
        return []
    return [after.sent]


def _colon_before(doc: Doc, first: Token) -> Token | None:
    """The colon right before the opening mark; it may close the paragraph before
    ("Lee responded: ¶ “...”")."""
    i = first.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in _MARKS):
        i -= 1
    return doc[i] if i >= 0 and doc[i].text == ":" else None


def _before_in_paragraph(doc: Doc, first: SpacySpan) -> list[SpacySpan]:
    """The sentence before ``first`` when no paragraph break separates them."""
    if first.start == 0:
        return []
    previous = doc[first.start - 1].sent
    return [] if "\n" in doc[first.start - 1].text_with_ws else [previous]


def _governing(tokens: list[Token], span: Span, inside: QuotedIndex) -> Cue | None:
    """The verb outside the quote that the quoted clause depends on ('"...," Lee
    retaliated'), when the parse attaches it as that verb's complement."""
    for token in tokens:
        head = token.head
        if (
            head.idx not in inside
            and not span.start <= head.idx < span.end
            and token.dep_ in ("ccomp", "parataxis", "dobj")
            and head.pos_ == "VERB"
        ):
            subject = _own_subject(head, inside)
            if subject is not None:
                return Cue(head, _phrase_span(subject))
    return None


def _colon_clause(colon: Token, inside: QuotedIndex) -> Cue | None:
    """Any verb whose clause introduces the quote with a colon, with its subject ("Lee
    resisted: “...”", "he gave a back-handed compliment: “...”")."""
    verb = colon.head
    if verb.pos_ not in ("VERB", "AUX") or verb.idx in inside:
        return None
    subject = _own_subject(verb, inside)
    return Cue(verb, _phrase_span(subject)) if subject is not None else None


def _signature(doc: Doc, last: Token, inside: QuotedIndex) -> Cue | None:
    """A quote closing its paragraph and signed on the next line with a dash and a name
    ("“...” ¶ — Ann Lee, mayor", "¶ -Ann Lee"): the name before any comma is the speaker."""
    i = last.i + 1
    while (
        i < len(doc)
        and doc[i].is_punct
        and not _is_dash(doc[i])
        and "\n" not in doc[i - 1].text_with_ws
    ):
        i += 1  # the closing mark and a full stop
    if i >= len(doc):
        return None
    same_line = not ("\n" in doc[i - 1].text_with_ws or "\n" in doc[i].text)
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc):
        return None
    if _is_dash(doc[i]):
        first, start = i + 1, None
    elif doc[i].text[0] in _DASHES and doc[i].text[1:2].isalpha():
        first, start = i, doc[i].idx + 1  # the tokenizer kept the dash on the word: "-Ann"
    else:
        return None
    while first < len(doc) and doc[first].is_space and "\n" not in doc[first].text:
        first += 1  # "― Ann Lee" written with a no-break space
    words: list[Token] = []
    for token in doc[first : first + MAX_INTRO_WORDS + 1]:
        if token.text in (",", "(") or token.is_space or token.idx in inside:
            break
        words.append(token)
        if "\n" in token.whitespace_:
            break
    while words and words[-1].is_punct:
        words.pop()  # "― Ann Lee."
    if same_line and not _ends_line(doc, words[-1].i if words else first):
        return None  # "“...” – Ann Lee" must close its line ("― Ann Lee, mayor ¶")
    if (
        not words
        or len(words) > MAX_INTRO_WORDS
        or not all(t.pos_ in ("PROPN", "NOUN", "PUNCT", "ADJ", "DET") for t in words)
        or not any(t.pos_ == "PROPN" for t in words)
    ):
        return None
    return Cue(None, Span(start or words[0].idx, words[-1].idx + len(words[-1].text)))


def _is_dash(token: Token) -> bool:
    """A dash, also when the tokenizer kept the closing mark on it ("”―")."""
    return token.text.lstrip("”’\"'»") in _DASHES


def _ends_line(doc: Doc, i: int) -> bool:
    """True when the line of token ``i`` ends within a few words (a signature's title)."""
    for token in doc[i : i + MAX_INTRO_WORDS + 1]:
        if "\n" in token.whitespace_ or "\n" in token.text or token.i == len(doc) - 1:
            return True
        if token.text in _MARKS:
            return False
    return False


def _named_intro(colon: Token, inside: QuotedIndex) -> Cue | None:
    """A name or short noun phrase with no verb introducing the quote with a colon ("Ann
    Lee: “...”", "From the report: “...”")."""
    words: list[Token] = []
    for token in reversed(colon.doc[colon.sent.start : colon.i]):
        if token.is_punct or token.is_space or token.idx in inside:
            break
        words.insert(0, token)
    while words and words[0].pos_ in ("ADP", "CCONJ", "ADV"):
        words.pop(0)
    if (
        not words
        or len(words) > MAX_INTRO_WORDS
        or any(t.pos_ in ("VERB", "AUX") for t in words)
        or not any(t.pos_ in ("PROPN", "NOUN") for t in words)
    ):
        return None
    return Cue(None, Span(words[0].idx, words[-1].idx + len(words[-1].text)))


def _is_so_called(token: Token) -> bool:
    """'so-called' marks a scare quote, not speech."""
    if token.lower_ != "called" or token.i < 2:
        return False
    hyphen, so = token.doc[token.i - 1], token.doc[token.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and so.lower_ == "so"


def _distance(token: Token, span: Span) -> int:
    return span.start - token.idx if token.idx < span.start else token.idx - span.end


def _subject(verb: Token, span: Span, inside: QuotedIndex) -> Span | None:
    """Who the cue ``verb`` reports: the agent of a passive ("remarks made by X"), the
    possessor or the subject behind a cue noun ("his promise", "X delivered a retort"), the
    grammatical subject outside quotations, the subject of the clause the verb hangs from, or
    the noun phrase written next to it."""
    subject = _agent(verb) or (_nominal_source(verb, inside) if verb.pos_ == "NOUN" else None)
    if subject is None and verb.pos_ != "NOUN":
        subject = _inherited_subject(verb, inside)
    if subject is None and verb.pos_ == "NOUN":
        return None
    phrase = _phrase_span(subject) if subject is not None else _surface_subject(verb, span)
    return None if phrase is None or phrase.start in inside else phrase


def _inherited_subject(verb: Token, inside: QuotedIndex) -> Token | None:
    """The verb's subject, or that of the clause it hangs from, climbing coordinated and
    participle clauses ("X lashed out, calling it “...” and asserting “...”"); a relative
    clause's subject is the noun it modifies."""
    for _ in range(MAX_CLIMB):
        subject = _own_subject(verb, inside)
        if verb.dep_ == "relcl" and (subject is None or subject.lower_ in _RELATIVE):
            return verb.head
        if subject is not None or verb.dep_ not in _CLIMB or verb.head is verb:
            return subject
        if verb.head.idx in inside:
            return None  # the clause it hangs from is someone's words
        verb = verb.head
    return None


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _nominal_source(noun: Token, inside: QuotedIndex) -> Token | None:
    """Whose statement a cue noun is: its possessor ("his claim", "Lee's promise"), or the
    subject of the verb it is the object of ("she issued a statement saying")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return _own_subject(noun.head, inside)
    return None


def _own_subject(verb: Token, inside: QuotedIndex) -> Token | None:
    subjects = [
        c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx not in inside
    ]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _surface_subject(verb: Token, span: Span) -> Span | None:
    """The noun phrase between the quote's closing mark and the verb ('"...," screenwriter
    Ann Lee wrote'; an apposition after a comma is left out: '"...," Ann Lee, 69, said'), or
    right after a verb that follows the quote ('"...," wrote a fan')."""
    doc = verb.doc
    if verb.idx < span.end:
        return None
    i = verb.i
    while i > 0 and doc[i - 1].idx >= span.end:
        i -= 1
    between: list[Token] = []
    for token in doc[i : verb.i]:
        if token.text == "," and between:
            break
        if not (token.is_punct or token.is_space):
            between.append(token)
    if not between:
        chunk = next((c for c in doc.noun_chunks if c.start == verb.i + 1), None)
        return Span(chunk.start_char, chunk.end_char) if chunk is not None else None
    if len(between) > MAX_SURFACE_WORDS or not any(t.pos_ in _NOMINAL for t in between):
        return None
    if any(t.pos_ in ("ADP", "SCONJ", "CCONJ") for t in between):
        return None  # a clause or a prepositional phrase, not a name
    return Span(between[0].idx, between[-1].idx + len(between[-1].text))


def _phrase_span(token: Token) -> Span | None:
    """The noun phrase of ``token``: names with their compounds, descriptions with modifiers."""
    if token.pos_ == "PRON":
        return Span(token.idx, token.idx + len(token.text))
    words = [
        t
        for t in token.subtree
        if t is token
        or (
            t.dep_ not in _NOT_NAME
            and t.dep_ != "punct"
            and not any(
                a.dep_ in _NOT_NAME for a in t.ancestors if a in token.subtree and a is not token
            )
        )
    ]
    start = min(t.idx for t in words)
    end = max(t.idx + len(t.text) for t in words)
    return Span(start, end)
