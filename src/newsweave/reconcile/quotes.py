"""Variants of one statement across outlets: verbatim, truncated, embedded, translated differently.

Two quotes are the same statement when, compared as folded words, the shorter is mostly
found in the longer in order (a truncation or an embedding) or most of their words are
shared (another translation: "are safe" / "are secure"), and their speakers do not
disagree (one may be unresolved). Statements are grouped transitively; each group names
its speaker, the outlets carrying it and the independent lineage groups behind it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from newsweave.align.tokens import tokenize
from newsweave.extract.speakers import PRONOUNS
from newsweave.model import Article, Lineage, Quote, QuoteGroup

__all__ = ["group_quotes", "same_statement"]

#: rapidfuzz partial ratio (0-100) of the shorter quote inside the longer above which one is a
#: truncation or embedding of the other. Verbatim and truncated carriers score 95-100; a
#: re-translated sentence 80-90; different statements of one speaker rarely pass 70.
MIN_PARTIAL = 80
#: Share of the shorter quote's words found in the longer, for re-translations that reorder.
MIN_WORD_SHARE = 0.7
#: Quotes shorter than this (in words) only group when identical: two-word fragments
#: ("a coup") recur without being one statement.
MIN_WORDS = 3


#: Quotes this long (in words) that match this closely are one statement whoever the extractor
#: thought said them: two people do not say the same long sentence.
LONG_WORDS = 8
NEAR_IDENTICAL = 95


def same_statement(a: Quote, b: Quote) -> bool:
    """Whether two quotes render one statement (see the module's rules)."""
    left, right = " ".join(tokenize(a.text).words), " ".join(tokenize(b.text).words)
    if _near_identical(left, right):
        return True
    if a.speaker and b.speaker and a.speaker != b.speaker:
        return False
    if left == right:
        return True
    if min(len(left.split()), len(right.split())) < MIN_WORDS:
        return False
    short, long_ = sorted((left, right), key=len)
    if fuzz.partial_ratio(short, long_) >= MIN_PARTIAL:
        return True
    words = short.split()
    return sum(w in set(long_.split()) for w in words) / len(words) >= MIN_WORD_SHARE


def _near_identical(left: str, right: str) -> bool:
    short, long_ = sorted((left, right), key=len)
    return len(short.split()) >= LONG_WORDS and fuzz.partial_ratio(short, long_) >= NEAR_IDENTICAL


def group_quotes(
    quotes: Sequence[Quote], articles: Sequence[Article], lineage: Lineage
) -> tuple[tuple[Quote, ...], tuple[QuoteGroup, ...]]:
    """Quotes with ``group`` set, and one QuoteGroup per statement carried by any article."""
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    speakers = [{q.speaker} - {None} for q in quotes]
    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            a, b = find(i), find(j)
            if a == b or not same_statement(quotes[i], quotes[j]):
                continue
            if len(speakers[a] | speakers[b]) > 1 and not _near_identical(
                " ".join(tokenize(quotes[i].text).words), " ".join(tokenize(quotes[j].text).words)
            ):
                continue  # one speaker per statement
            parent[b] = a
            speakers[a] |= speakers[b]
    members: dict[int, list[Quote]] = {}
    for index, quote in enumerate(quotes):
        members.setdefault(find(index), []).append(quote)
    outlets = {a.id: a.outlet or a.id for a in articles}
    groups = [_group(m, outlets, lineage) for m in members.values()]
    by_quote = {quote_id: g for g in groups for quote_id in g.quotes}
    labelled = tuple(_labelled(q, by_quote[q.id]) for q in quotes)
    return labelled, tuple(sorted(groups, key=lambda g: (-len(g.articles), g.id)))


def _labelled(quote: Quote, group: QuoteGroup) -> Quote:
    """The quote with its group; a speaker the text gave only by pronoun, or not at all, is
    corrected by the other carriers of the statement (cross-document evidence)."""
    weak = quote.speaker_text is None or quote.speaker_text.lower() in PRONOUNS
    if group.speaker and weak and quote.speaker != group.speaker:
        return replace(
            quote, group=group.id, speaker=group.speaker, speaker_name=group.speaker_name
        )
    return replace(quote, group=group.id)


def _group(quotes: list[Quote], outlets: dict[str, str], lineage: Lineage) -> QuoteGroup:
    ids = sorted(q.id for q in quotes)
    digest = hashlib.sha256("|".join(ids).encode()).hexdigest()[:10]
    speakers = Counter(q.speaker for q in quotes if q.speaker)
    speaker = speakers.most_common(1)[0][0] if speakers else None
    name = next((q.speaker_name for q in quotes if q.speaker == speaker and q.speaker_name), None)
    articles = tuple(sorted({q.article for q in quotes}))
    return QuoteGroup(
        id=f"g{digest}",
        speaker=speaker,
        speaker_name=name,
        text=max((q.text for q in quotes), key=len),
        quotes=tuple(ids),
        articles=articles,
        outlets=tuple(sorted({outlets[a] for a in articles})),
        independent_sources=lineage.count_groups(articles),
    )
