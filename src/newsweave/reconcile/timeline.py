"""The story's events on their dates, merged across articles and cited.

Events come from date claims (an event verb or noun with a resolved date). Each entry reads
as who did what ("Ann Lee resigns", "Ann Lee leaves for Lima"), built from the parse of the
cited sentence (:mod:`newsweave.reconcile.events`) with the story's entities naming its
actors. The same event of the same actor on the same day, reported by several articles, is
one entry with all its citations; a reading that names no actor joins the one entry of that
event and day that does. Event time is kept apart from publication time: publication dates
are not events (the report draws them separately). When one event is given different days
by different articles, each day is an entry and its basis says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from newsweave.extract.claim_lexicon import EVENT_KINDS
from newsweave.extract.event_identity import event_subject
from newsweave.extract.mention_index import mention_index
from newsweave.model import (
    Article,
    Citation,
    Claim,
    Entity,
    Lineage,
    Publication,
    TimelineEntry,
    Timex,
)
from newsweave.reconcile.dating import anchor_of
from newsweave.reconcile.events import SPEECH, EventPhrase, event_phrase, event_words
from newsweave.reconcile.phrases import Namer
from newsweave.report.labels import article_labels

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["build_timeline"]

#: (date, event, actor): what one timeline entry stands for
_Key = tuple[str, str, str]


def build_timeline(
    articles: Sequence[Article],
    docs: Mapping[str, Doc],
    timexes: Sequence[Timex],
    publications: Sequence[Publication],
    claims: Sequence[Claim],
    entities: Sequence[Entity] = (),
    lineage: Lineage | None = None,
) -> tuple[TimelineEntry, ...]:
    """Dated events merged across articles, each cited to its spans, in date order.

    Example: "Ann Lee resigned on Friday" in one article and "her resignation on Friday" in
    another are one entry, ``TimelineEntry("2021-03-05", "Ann Lee resigns", <both>)``.
    """
    labels = article_labels(articles)
    readings = _readings(articles, docs, timexes, claims, entities)
    groups: dict[_Key, list[tuple[Claim, EventPhrase]]] = {}
    for claim, phrase in readings:
        groups.setdefault((claim.value, phrase.event, phrase.subject), []).append((claim, phrase))
    groups = _fold_unnamed(groups)
    days_of: dict[tuple[str, str], set[str]] = {}
    for value, event, subject in groups:
        days_of.setdefault((event, subject), set()).add(value)
    guessed = _guessed_anchors(articles, timexes, publications)
    group_of = {a: k for k, g in enumerate(lineage.groups) for a in g} if lineage else {}
    entries = []
    for (value, event, subject), group in groups.items():
        days = days_of[(event, subject)]
        if len(value) < 10 and _said_on_a_day(value, event, subject, days, groups):
            continue  # "May's election" adds nothing to "May 2"
        entries.append(_entry(value, group, days, labels, guessed, group_of))
    return tuple(sorted(entries, key=lambda e: (e.date, e.event)))


#: A year written in a time expression: the expression dates itself, whatever the anchor.
_WRITES_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|'\d\d\b")


_NAMES_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}[/.]\d{1,2}\b",
    re.I,
)


def _guessed_anchors(
    articles: Sequence[Article], timexes: Sequence[Timex], publications: Sequence[Publication]
) -> dict[str, tuple[Publication, list[Timex]]]:
    """Per article without a given publication date, its publication and its days read
    against that guessed anchor ("yesterday", "Sunday", "November 10": no year written)."""
    undated = {a.id for a in articles if not a.published}
    of = {p.article: p for p in publications if p.article in undated and anchor_of(p)}
    found: dict[str, tuple[Publication, list[Timex]]] = {}
    for t in timexes:
        if t.article in of and len(t.value) == 10 and not _WRITES_YEAR.search(t.text):
            found.setdefault(t.article, (of[t.article], []))[1].append(t)
    return found


def _anchor_notes(
    value: str,
    group: list[tuple[Claim, EventPhrase]],
    labels: Mapping[str, str],
    guessed: Mapping[str, tuple[Publication, list[Timex]]],
) -> list[str]:
    """What says a day rests on a guessed publication date: each "yesterday" of the group
    read against the first day an undated article's publication window allows."""
    notes = []
    for claim, _ in group:
        publication, relative = guessed.get(claim.article, (None, []))
        for t in relative:
            if (
                publication
                and t.value == value
                and claim.span.start <= t.span.start < claim.span.end
            ):
                how = "takes its year from" if _NAMES_MONTH.search(t.text) else "is counted from"
                notes.append(
                    f"“{t.text}” in {labels.get(claim.article, claim.article)} {how} "
                    f"{anchor_of(publication)}, the start of its guessed publication window"
                )
    return list(dict.fromkeys(notes))


def _said_on_a_day(
    value: str, event: str, subject: str, days: set[str], keys: Iterable[_Key]
) -> bool:
    """Whether a coarsely dated event ("May's election", "last month's vote") is, in the
    same story, given a day within its span: the same event of the same actor, or, for a
    bare event noun with no actor, an event of the same kind ("vote" and "the presidential
    election")."""
    if any(len(d) == 10 and d.startswith(value) for d in days):
        return True
    words = event.lower().split()
    if len(words) != 1 or subject:
        return False
    kind = EVENT_KINDS.get(words[0], words[0])
    return any(
        len(day) == 10
        and day.startswith(value)
        and kind in {EVENT_KINDS.get(w, w) for w in other.lower().split()}
        for day, other, _ in keys
    )


def _readings(
    articles: Sequence[Article],
    docs: Mapping[str, Doc],
    timexes: Sequence[Timex],
    claims: Sequence[Claim],
    entities: Sequence[Entity],
) -> list[tuple[Claim, EventPhrase]]:
    """Each date claim with the line its cited sentence says it in."""
    by_id = {a.id: a for a in articles}
    index = mention_index(entities)
    timed = {a: _timed(docs[a], timexes, a) for a in by_id if a in docs}
    readings = []
    for claim in claims:
        if claim.slot != "date":
            continue
        article, doc = by_id.get(claim.article), docs.get(claim.article)
        phrase = EventPhrase(claim.subject, claim.subject, "", False, False)
        if article is not None and doc is not None:
            own = timed[article.id]
            in_times = set(own["*"])  # "March" of "5 March" names no march
            words = [
                w
                for w in event_words(doc, claim.span.start, claim.span.end, claim.subject)
                if w.i not in in_times
            ]
            if words:
                word = _nearest(words, own.get(claim.value[:10], ()))
                phrase = event_phrase(word, Namer(article, doc, index), set(own["*"]))
                if (
                    _is_dateline(word, phrase)
                    or _says_nothing(word, phrase)
                    or _says_not_who(word, phrase)
                ):
                    continue
        readings.append((claim, phrase))
    return readings


def _is_dateline(word: Token, phrase: EventPhrase) -> bool:
    """A bare participle with neither subject nor object ("Posted on June 13", "Published
    May 3"): the article's own publication line, which the report draws apart, not an event."""
    return (
        phrase.is_clause
        and not phrase.subject
        and not phrase.has_complement
        and (word.tag_ == "VBN")
    )


def _says_nothing(word: Token, phrase: EventPhrase) -> bool:
    """A verb of saying whose clause the parse did not give ("The general announces"): the entry
    would not say what happened; the date claim stays in the dossier."""
    return phrase.is_clause and not phrase.has_complement and word.lemma_.lower() in SPEECH


#: Subjects that say who only to the one who is speaking (a quotation's "I", "we", "you").
_SPEAKERS_OWN = frozenset({"i", "we", "you"})
_SPEAKERS_POSSESSIVE = frozenset({"my", "our", "your"})
#: Pronouns that stand for something the sentence around them says, when no entity took them.
_POINTING = frozenset({"it", "this", "that", "these", "those", "which", "what"})


def _says_not_who(word: Token, phrase: EventPhrase) -> bool:
    """A clause whose subject is a first- or second-person pronoun no entity took ("I lecture",
    "We were searching"), what the speaker's own "my", "our" or "your" holds ("My heart is
    broken"), or a pronoun that points at what the sentence around it said ("That tracks
    spending", "It will take place"): read apart from its sentence or quotation, the entry
    does not say who; the date claim stays in the dossier."""
    if not phrase.is_clause:
        return False
    if phrase.subject.lower() in _SPEAKERS_OWN | _POINTING:
        return True
    subject = event_subject(word) if word.pos_ == "VERB" else None
    return subject is not None and any(
        c.dep_ == "poss" and c.lower_ in _SPEAKERS_POSSESSIVE for c in subject.children
    )


def _timed(doc: Doc, timexes: Sequence[Timex], article: str) -> dict[str, list[int]]:
    """Token indices of the article's time expressions, by value (and all under "*")."""
    timed: dict[str, list[int]] = {"*": []}
    for timex in timexes:
        if timex.article != article:
            continue
        tokens = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        indices = [t.i for t in tokens or ()]
        timed["*"].extend(indices)
        timed.setdefault(timex.value[:10], []).extend(indices)
    return timed


def _nearest(words: list[Token], anchors: Sequence[int]) -> Token:
    """The event word the time expression that dates it hangs from (fewest steps up the
    parse), then the closest in the text; the first when the sentence has no such date."""
    if not anchors:
        return words[0]
    doc = words[0].doc

    def rank(word: Token) -> tuple[int, int, int]:
        steps = [s for a in anchors if (s := _steps_up(doc[a], word)) is not None]
        near = min(abs(word.i - a) for a in anchors)
        return (min(steps) if steps else len(doc), near, word.i)

    return min(words, key=rank)


def _steps_up(token: Token, ancestor: Token) -> int | None:
    for steps, word in enumerate(token.ancestors, start=1):
        if word.i == ancestor.i:
            return steps
    return None


def _fold_unnamed(
    groups: dict[_Key, list[tuple[Claim, EventPhrase]]],
) -> dict[_Key, list[tuple[Claim, EventPhrase]]]:
    """A reading naming no actor joins the one entry of its event and day that names one."""
    named: dict[tuple[str, str], list[_Key]] = {}
    for key in groups:
        if key[2]:
            named.setdefault(key[:2], []).append(key)
    folded: dict[_Key, list[tuple[Claim, EventPhrase]]] = {}
    for key, group in groups.items():
        homes = named.get(key[:2], []) if not key[2] else []
        target = homes[0] if len(homes) == 1 else key
        folded.setdefault(target, []).extend(group)
    return folded


def _entry(
    value: str,
    group: list[tuple[Claim, EventPhrase]],
    days: set[str],
    labels: Mapping[str, str],
    guessed: Mapping[str, tuple[Publication, list[Timex]]],
    group_of: Mapping[str, int],
) -> TimelineEntry:
    citations = tuple(dict.fromkeys(Citation(c.article, c.span) for c, _ in group))
    reporters = sorted({labels.get(c.article, c.article) for c, _ in group})
    basis = f"reported by {', '.join(reporters)}"
    independent = len({group_of.get(c.article, c.article) for c, _ in group})
    if independent < len(reporters):  # copies of one text are one source, not several
        basis += f" ({independent} independent source{'s' if independent != 1 else ''})"
    others = sorted(d for d in days if d != value and len(d) == len(value))
    if others:
        basis += f"; other articles date it {', '.join(others)}"
    for note in _anchor_notes(value, group, labels, guessed):
        basis += f"; {note}"
    return TimelineEntry(
        date=value, event=_best([p for _, p in group]), citations=citations, basis=basis
    )


def _best(phrases: list[EventPhrase]) -> str:
    """The fullest reading: a clause over a noun, an actor named, a complement, then the
    wording most articles share, then the shortest."""
    counts: dict[str, int] = {}
    for phrase in phrases:
        counts[phrase.text] = counts.get(phrase.text, 0) + 1
    best = min(
        phrases,
        key=lambda p: (
            not p.is_clause,
            not p.subject,
            not p.has_complement,
            -counts[p.text],
            len(p.text),
            p.text,
        ),
    )
    return best.text
