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
from collections.abc import Iterable, Mapping, Sequence
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
    texts = {a.id: a.text for a in articles}
    entities = [_entity(members, texts, docs) for members in clusters]
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
    for key in people:
        target[key] = _person_core(key, people, by_key)
    cores = sorted({target[k] for k in people})
    orgs = [k for k in by_key if " " in k and types[k] in ("ORG", "GPE", "LOC", "FAC")]
    for key in by_key:
        if " " not in key:
            target[key] = _full_form(key, types[key], cores, orgs, by_key) or key
    clusters: dict[str, list[_Raw]] = {}
    for key, members in by_key.items():
        clusters.setdefault(target[key], []).extend(members)
    return list(clusters.values())


def _person_core(key: str, people: list[str], by_key: Mapping[str, list[_Raw]]) -> str:
    """The most frequent person name that this one extends or is extended by, word for word
    ("ana maria" ~ "ana maria lopez", "spain ana lopez" ~ "ana lopez")."""
    words = key.split()
    related = [
        p for p in people if p == key or _is_part(p.split(), words) or _is_part(words, p.split())
    ]
    return max(related, key=lambda p: (len(by_key[p]), len(p.split()), p))


def _is_part(short: list[str], long: list[str]) -> bool:
    return len(short) < len(long) and (long[: len(short)] == short or long[-len(short) :] == short)


def _full_form(
    key: str, kind: str | None, people: list[str], orgs: list[str], by_key: Mapping[str, list[_Raw]]
) -> str | None:
    if kind in ("PERSON", None, "ORG"):
        ends = [p for p in people if p.split()[-1] == key]
        if len(ends) == 1:
            return ends[0]
    originals = {m.text for m in by_key[key]}
    if any(o.isupper() and len(o) >= 2 for o in originals):
        expansions = [o for o in orgs if initials(o) == key]
        if len(expansions) == 1:
            return expansions[0]
    return None


def _vote(members: Iterable[_Raw]) -> str | None:
    counts = Counter(m.label for m in members if m.label in ENTITY_TYPES)
    return counts.most_common(1)[0][0] if counts else None


def _entity(
    members: list[_Raw], texts: Mapping[str, str], docs: Mapping[str, Doc]
) -> Entity | None:
    kind = _vote(members)
    if kind is None:
        return None
    name = _canonical(members, kind)
    aliases = sorted({m.text for m in members} - {name})
    found = {(m.article, m.start, m.end): m.text for m in members}
    for article, text in texts.items():
        for alias in {name, *aliases}:
            for match in _occurrences(text, alias):
                if not any(a == article and s < match[1] and match[0] < e for a, s, e in found):
                    found[(article, *match)] = text[match[0] : match[1]]
    mentions = tuple(Mention(a, Span(s, e), t) for (a, s, e), t in sorted(found.items()))
    roles = Counter(
        r for m in mentions if (r := find_role(docs[m.article], m.span.start, m.span.end))
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


def _occurrences(text: str, alias: str) -> Iterable[tuple[int, int]]:
    if len(alias) < 3:
        return
    for match in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
        yield match.start(), match.end()
