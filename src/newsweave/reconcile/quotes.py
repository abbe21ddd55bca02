"""Variants of one statement across outlets: verbatim, truncated, embedded, translated differently.

Two quotes are the same statement when, compared as folded words, the shorter is mostly
found in the longer in order (a truncation or an embedding: rapidfuzz partial ratio, with
most of its words in the longer, written there in a row when it is short) or most of the
words of each are in the other (another translation: "are unharmed" / "are unhurt"), and their
speakers do not disagree (one may be unresolved). Statements are grouped transitively; each
group names its speaker, the outlets carrying it and the independent lineage groups behind
it. Only candidate pairs are compared (:func:`_candidate_pairs`: an index of word runs and
prefix filtering over rare words), never all pairs, and each quote is folded once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from newsweave.align.lineage import group_counter
from newsweave.align.tokens import tokenize
from newsweave.extract.speakers import PRONOUNS
from newsweave.model import Article, Lineage, Quote, QuoteGroup

__all__ = ["group_quotes", "same_statement"]

#: rapidfuzz partial ratio (0-100) of the shorter quote inside the longer above which one is a
#: truncation or embedding of the other. Verbatim and truncated carriers score 95-100; a
#: re-translated sentence 80-90; different statements of one speaker rarely pass 70.
MIN_PARTIAL = 80
#: Share of each quote's distinct words found in the other, for re-translations that reorder
#: ("The crew and passengers are unharmed" / "... are unhurt" share 5 of 6).
MIN_WORD_SHARE = 0.7
#: Quotes shorter than this (in words) only group when identical: two-word fragments
#: ("a coup") recur without being one statement.
MIN_WORDS = 3
#: A shorter quote of fewer words than this is a truncation of a longer one only when its
#: words are written there as they are, in a row. Checked by hand on a 500-article PolNeAR
#: story: a three- to five-word phrase scores MIN_PARTIAL by chance inside most long quotes
#: ("to a point" in "i can point to only two ..."), and nearly all of those pairs (2,700 of
#: 2,900) were such chance matches.
MIN_LOOSE_WORDS = 6


#: Quotes this long (in words) that match this closely are one statement whoever the extractor
#: thought said them: two people do not say the same long sentence.
LONG_WORDS = 8
NEAR_IDENTICAL = 95


@dataclass(frozen=True, slots=True)
class _Folded:
    """A quote's folded words (case, accents, punctuation), computed once per quote."""

    text: str
    words: tuple[str, ...]
    vocabulary: frozenset[str]


def _fold(quote: Quote) -> _Folded:
    text = " ".join(tokenize(quote.text).words)
    words = tuple(text.split())
    return _Folded(text, words, frozenset(words))


def same_statement(a: Quote, b: Quote) -> bool:
    """Whether two quotes render one statement (see the module's rules)."""
    return _verdict(_fold(a), _fold(b), a.speaker, b.speaker)[0]


def _share(part: _Folded, whole: _Folded) -> float:
    """Share of ``part``'s distinct words that ``whole`` has."""
    return len(part.vocabulary & whole.vocabulary) / max(1, len(part.vocabulary))


def _contained(short: _Folded, long_: _Folded) -> bool:
    """The shorter quote's words written in the longer one, in a row."""
    return f" {short.text} " in f" {long_.text} "


def _verdict(
    left: _Folded, right: _Folded, speaker_a: str | None, speaker_b: str | None
) -> tuple[bool, bool]:
    """(one statement, near-identical): near-identical quotes are one statement whoever
    said them; otherwise speakers must not disagree."""
    short, long_ = _ordered(left, right)
    share = _share(short, long_)
    if share < MIN_WORD_SHARE or min(len(left.words), len(right.words)) < MIN_WORDS:
        same = left.text == right.text and (
            not speaker_a or not speaker_b or speaker_a == speaker_b
        )
        return same, False
    partial = fuzz.partial_ratio(short.text, long_.text)
    if len(short.words) >= LONG_WORDS and partial >= NEAR_IDENTICAL:
        return True, True
    if speaker_a and speaker_b and speaker_a != speaker_b:
        return False, False
    if left.text == right.text or min(share, _share(long_, short)) >= MIN_WORD_SHARE:
        return True, False  # the same words, perhaps reordered: another translation
    loose = len(short.words) >= MIN_LOOSE_WORDS
    return partial >= MIN_PARTIAL and (loose or _contained(short, long_)), False


def _ordered(left: _Folded, right: _Folded) -> tuple[_Folded, _Folded]:
    """(shorter, longer) by text, ``left`` first on a tie."""
    return (right, left) if len(right.text) < len(left.text) else (left, right)


def _may_match(left: _Folded, right: _Folded) -> bool:
    """What :func:`_verdict` needs before it accepts a pair: the same text, or the shorter
    quote's distinct words MIN_WORD_SHARE in the longer."""
    short, long_ = _ordered(left, right)
    return left.text == right.text or _share(short, long_) >= MIN_WORD_SHARE


def _least(size: int) -> int:
    """The fewest of ``size`` distinct words that reach MIN_WORD_SHARE (as ``_share`` counts)."""
    return next(k for k in range(size + 1) if k / max(1, size) >= MIN_WORD_SHARE)


def _rarest(quote: _Folded, postings: Mapping[str, list[int]]) -> list[str]:
    """The quote's rarest distinct words, as many as it may not miss all of and still share
    MIN_WORD_SHARE of its words with another (prefix filtering)."""
    size = len(quote.vocabulary)
    ordered = sorted(quote.vocabulary, key=lambda w: (len(postings[w]), w))
    return ordered[: size - _least(size) + 1]


def _candidate_pairs(folded: Sequence[_Folded]) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, that :func:`_verdict` may accept, in order, without
    comparing all pairs (prefix filtering: :func:`_rarest`, in one global order of rarity):

    - a quote of under MIN_LOOSE_WORDS words is looked up among every quote's word runs of
      its length (equal texts, or a truncation written in a row);
    - a re-translation shares MIN_WORD_SHARE of the distinct words of each side, so the two
      share one of the rarest words of both: each quote is indexed and looked up under those;
    - a longer quote is looked up under its rarest words among every quote's words;

    and a pair is kept only if it passes :func:`_may_match` (cheap, and what most candidates of
    a long quote made of common words fail), so the pairs compared grow with the matches.
    """
    runs: dict[tuple[str, ...], list[int]] = {}
    postings: dict[str, list[int]] = {}
    for i, quote in enumerate(folded):
        for run in _runs(quote.words) | {quote.words}:
            runs.setdefault(run, []).append(i)
        for word in quote.vocabulary:
            postings.setdefault(word, []).append(i)
    rarest = [_rarest(q, postings) for q in folded]
    by_rarest: dict[str, list[int]] = {}
    for i, words in enumerate(rarest):
        for word in words:
            by_rarest.setdefault(word, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, quote in enumerate(folded):
        loose = len(quote.words) >= MIN_LOOSE_WORDS
        found = [] if loose else list(runs[quote.words])
        if len(quote.words) >= MIN_WORDS and not loose:
            found += [j for word in rarest[i] for j in by_rarest[word]]
        elif loose:  # as the shorter side (the longer is found from it)
            size = len(quote.text)
            found += [j for w in rarest[i] for j in postings[w] if len(folded[j].text) >= size]
        for j in set(found) - {i}:
            pair = (i, j) if i < j else (j, i)
            if pair not in pairs and _may_match(folded[pair[0]], folded[pair[1]]):
                pairs.add(pair)
    return sorted(pairs)


def _runs(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Word runs a quote of MIN_WORDS to MIN_LOOSE_WORDS - 1 words may be written as."""
    return {
        words[k : k + n]
        for n in range(MIN_WORDS, MIN_LOOSE_WORDS)
        for k in range(len(words) - n + 1)
    }


def group_quotes(
    quotes: Sequence[Quote], articles: Sequence[Article], lineage: Lineage
) -> tuple[tuple[Quote, ...], tuple[QuoteGroup, ...]]:
    """Quotes with ``group`` set, and one QuoteGroup per statement carried by any article.

    Pairs are compared in order (one speaker per statement depends on what was merged
    before), but only the pairs :func:`_candidate_pairs` finds.
    """
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    folded = [_fold(q) for q in quotes]
    speakers = [{q.speaker} - {None} for q in quotes]
    for i, j in _candidate_pairs(folded):
        a, b = find(i), find(j)
        if a == b:
            continue
        same, near = _verdict(folded[i], folded[j], quotes[i].speaker, quotes[j].speaker)
        if not same or (len(speakers[a] | speakers[b]) > 1 and not near):
            continue  # one speaker per statement
        parent[b] = a
        speakers[a] |= speakers[b]
    members: dict[int, list[Quote]] = {}
    for index, quote in enumerate(quotes):
        members.setdefault(find(index), []).append(quote)
    outlets = {a.id: a.outlet or a.id for a in articles}
    count_groups = group_counter(lineage)
    groups = [_group(m, outlets, count_groups) for m in members.values()]
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


def _group(
    quotes: list[Quote], outlets: dict[str, str], count_groups: Callable[[Iterable[str]], int]
) -> QuoteGroup:
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
        independent_sources=count_groups(articles),
    )
