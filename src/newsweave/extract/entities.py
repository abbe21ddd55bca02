"""People, organisations and places, normalised across the articles of a story.

Mentions come from spaCy's NER; the story then decides what they are:

- names are compared folded (case, accents, honorifics, possessives): Peña = Pena,
  Ms Ruiz = Ruiz;
- a one-word person mention joins the one person in the story whose name ends with it;
- an acronym joins the organisation whose capitalised words it abbreviates (OAS);
- each entity's type is the majority of its mentions' types across all articles, so a
  place tagged once as a person, or a surname tagged as an organisation, is corrected;
- every other occurrence of an entity's names in the story's texts becomes a mention too.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from newsweave.extract.names import fold, initials, strip_name
from newsweave.extract.roles import find_role
from newsweave.model import Article, Entity, Mention, Span

__all__ = ["ENTITY_TYPES", "find_entities"]

#: OntoNotes labels newsweave keeps as entities (others are numbers, dates, works ...).
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
#: Labels spaCy's small model gives names it is unsure of; they vote for no type.
_WEAK = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE"})


@dataclass(frozen=True, slots=True)
class _Raw:
    article: str
    start: int
    end: int
    text: str
    label: str
    key: str


def find_entities(articles: Sequence[Article], docs: Mapping[str, Doc]) -> tuple[Entity, ...]:
    """Entities of one story, merged across its articles, each with every mention.

    Example: mentions "Lucía Peña", "Peña" and "Pena" in three articles give one PERSON
    entity with those aliases.
    """
    raw = [m for a in articles for m in _mentions(a, docs[a.id])]
    clusters = _cluster(raw)
    occurrences = _Occurrences({a.id: a.text for a in articles})
    people = frozenset(m.text for m in raw if m.label == "PERSON")  # for roles: given names
    entities = [_entity(members, occurrences, docs, people) for members in clusters]
    return tuple(
        sorted((e for e in entities if e is not None), key=lambda e: (-len(e.mentions), e.name))
    )


def _mentions(article: Article, doc: Doc) -> Iterable[_Raw]:
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES | _WEAK:
            continue
        start, end, text = strip_name(article.text, ent.start_char, ent.end_char)
        key = fold(text)
        if key and any(c.isalpha() for c in key):
            yield _Raw(article.id, start, end, text, ent.label_, key)


def _cluster(raw: list[_Raw]) -> list[list[_Raw]]:
    """Group mentions: same folded name, full-name variants, then surnames and acronyms."""
    by_key: dict[str, list[_Raw]] = {}
    for mention in raw:
        by_key.setdefault(mention.key, []).append(mention)
    types = {k: _vote(v) for k, v in by_key.items()}
    target = {k: k for k in by_key}
    people = [k for k in by_key if " " in k and types[k] == "PERSON"]
    extended = _extensions(people)
    for key in people:
        target[key] = _person_core(key, people, by_key, extended)
    cores = sorted({target[k] for k in people})
    orgs = [k for k in by_key if " " in k and types[k] in ("ORG", "GPE", "LOC", "FAC")]
    forms = _FullForms(cores, orgs)
    for key in by_key:
        if " " not in key:
            target[key] = forms.full_form(key, types[key], by_key) or key
    clusters: dict[str, list[_Raw]] = {}
    for key, members in by_key.items():
        clusters.setdefault(target[key], []).extend(members)
    return list(clusters.values())


def _extensions(people: list[str]) -> dict[tuple[str, ...], list[str]]:
    """Each word-wise proper prefix and suffix of a person name -> the names it begins or
    ends, so that related names are looked up instead of compared with every other name."""
    extended: dict[tuple[str, ...], list[str]] = {}
    for name in people:
        words = tuple(name.split())
        for cut in range(1, len(words)):
            for part in {words[:cut], words[-cut:]}:
                extended.setdefault(part, []).append(name)
    return extended


def _person_core(
    key: str,
    people: list[str],
    by_key: Mapping[str, list[_Raw]],
    extended: Mapping[tuple[str, ...], list[str]],
) -> str:
    """The most frequent person name that this one extends or is extended by, word for word
    ("ana maria" ~ "ana maria lopez", "spain ana lopez" ~ "ana lopez")."""
    words = key.split()
    known = set(people)
    parts = {" ".join(words[:cut]) for cut in range(1, len(words))}
    parts |= {" ".join(words[-cut:]) for cut in range(1, len(words))}
    related = {key, *(p for p in parts if p in known), *extended.get(tuple(words), ())}
    return max(related, key=lambda p: (len(by_key[p]), len(p.split()), p))


class _FullForms:
    """The full names a one-word mention may stand for: person names by their last word,
    organisation names by their initials (each computed once per story)."""

    def __init__(self, people: list[str], orgs: list[str]) -> None:
        self.by_last: dict[str, list[str]] = {}
        for name in people:
            self.by_last.setdefault(name.split()[-1], []).append(name)
        self.by_initials: dict[str, list[str]] = {}
        for name in orgs:
            self.by_initials.setdefault(initials(name), []).append(name)

    def full_form(self, key: str, kind: str | None, by_key: Mapping[str, list[_Raw]]) -> str | None:
        if kind in ("PERSON", None, "ORG"):
            ends = self.by_last.get(key, [])
            if len(ends) == 1:
                return ends[0]
        originals = {m.text for m in by_key[key]}
        if any(o.isupper() and len(o) >= 2 for o in originals):
            expansions = self.by_initials.get(key, [])
            if len(expansions) == 1:
                return expansions[0]
        return None


def _vote(members: Iterable[_Raw]) -> str | None:
    counts = Counter(m.label for m in members if m.label in ENTITY_TYPES)
    return counts.most_common(1)[0][0] if counts else None


def _entity(
    members: list[_Raw],
    occurrences: _Occurrences,
    docs: Mapping[str, Doc],
    people: Collection[str] = (),
) -> Entity | None:
    """The entity of one cluster of mentions; ``people`` are the story's person names, so a
    given name before a surname the parse took alone is not read into the role ("Former
    President Bill" of "Clinton", where the story writes "Bill Clinton")."""
    kind = _vote(members)
    if kind is None:
        return None
    name = _canonical(members, kind)
    aliases = sorted({m.text for m in members} - {name})
    found = {(m.article, m.start, m.end): m.text for m in members}
    covered: dict[str, set[int]] = {}
    for m in members:
        covered.setdefault(m.article, set()).update(range(m.start, m.end))
    for alias in sorted({name, *aliases}, key=lambda a: (-len(a), a)):  # longest first: stable
        for article, start, end in occurrences.of(alias):
            taken = covered.setdefault(article, set())
            if taken.isdisjoint(range(start, end)):
                found[(article, start, end)] = alias
                taken.update(range(start, end))
    mentions = tuple(Mention(a, Span(s, e), t) for (a, s, e), t in sorted(found.items()))
    roles = Counter(
        r
        for m in mentions
        if (r := find_role(docs[m.article], m.span.start, m.span.end, {name, *aliases, *people}))
    )
    role = max(roles, key=lambda r: (roles[r], len(r.split()) > 1, r)) if roles else None
    digest = hashlib.sha256(f"{kind}|{fold(name)}".encode()).hexdigest()[:10]
    return Entity(
        id=f"e{digest}", name=name, type=kind, aliases=tuple(aliases), mentions=mentions, role=role
    )


def _canonical(members: list[_Raw], kind: str) -> str:
    """The most frequent multi-word form for people and organisations, accented over plain."""
    counts = Counter(m.text for m in members)
    return max(
        counts,
        key=lambda t: (
            len(t.split()) > 1 if kind in ("PERSON", "ORG") else 0,
            counts[t],
            t != fold(t),
            len(t),
            t,
        ),
    )


#: A run of the characters a name may not be glued to ("-" joins words: "pro-Lee" is not Lee).
_RUN = re.compile(r"[\w-]+")


class _Occurrences:
    """Where names are written in a story's texts, as whole words: each text's runs of word
    characters are indexed once, so a name is looked up under its first run (a name written
    at ``s`` with nothing word-like before or after it starts a run equal to its own first
    run) instead of searched for in every text."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self.runs: dict[str, list[tuple[str, int]]] = {}
        for article, text in texts.items():
            for match in _RUN.finditer(text):
                self.runs.setdefault(match.group(), []).append((article, match.start()))

    def of(self, alias: str) -> Iterator[tuple[str, int, int]]:
        """``(article, start, end)`` of every whole-word occurrence, in article then text order
        (as ``re.finditer`` of the alias between non-word characters would give them)."""
        if len(alias) < 3:
            return
        head = _RUN.match(alias)
        if head is None:  # a name opening with a sign ("$", "@"): search the texts
            for article, text in self.texts.items():
                for match in _occurrences(text, alias):
                    yield article, *match
            return
        last: tuple[str, int] = ("", -1)
        for article, start in self.runs.get(head.group(), ()):
            end = start + len(alias)
            text = self.texts[article]
            if (article == last[0] and start < last[1]) or not text.startswith(alias, start):
                continue
            if end < len(text) and _RUN.match(text, end):
                continue
            last = (article, end)
            yield article, start, end


def _occurrences(text: str, alias: str) -> Iterable[tuple[int, int]]:
    if len(alias) < 3:
        return
    for match in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
        yield match.start(), match.end()
