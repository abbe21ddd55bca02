"""Variants of one statement across outlets: verbatim, truncated, embedded, translated differently.

Two quotes are the same statement when, compared as folded words, the shorter is mostly
found in the longer in order (a truncation or an embedding: rapidfuzz partial ratio, with
most of its words in the longer, written there in a row when it is short) or most of the
words of each are in the other (another translation: "are unharmed" / "are unhurt"), and their
speakers do not disagree (one may be unresolved). Statements are grouped transitively; each
group names its speaker, the outlets carrying it and the independent lineage groups behind
it. Only candidate pairs are compared (:func:`_candidate_pairs`: hashed word runs and prefix
filtering over rare words, as array and sparse-matrix operations), never all pairs, and each
quote is folded once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

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
#: Multiplier of the word-run hash (an odd 64-bit constant; arithmetic wraps around).
_RUN_BASE = 0x9E3779B97F4A7C15


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


def _rarest(quote: _Folded, columns: Mapping[str, int], counts: np.ndarray) -> list[str]:
    """The quote's rarest distinct words (``counts``: quotes per word number), as many as it
    may not miss all of and still share MIN_WORD_SHARE of its words with another (prefix
    filtering)."""
    size = len(quote.vocabulary)
    ordered = sorted(quote.vocabulary, key=lambda w: (counts[columns[w]], w))
    return ordered[: size - _least(size) + 1]


def _candidate_pairs(folded: Sequence[_Folded]) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, that :func:`_verdict` may accept, in order, without
    comparing all pairs (prefix filtering: :func:`_rarest`, in one global order of rarity):

    - quotes of the same words, and a quote of under MIN_LOOSE_WORDS words and every quote
      that has its words in a row (a truncation): :func:`_run_pairs`;
    - a re-translation shares MIN_WORD_SHARE of the distinct words of each side, so the two
      share one of the rarest words of both;
    - a longer quote has one of the rarest words of a quote of MIN_LOOSE_WORDS or more that
      it may hold;

    and a pair is kept only if it passes :func:`_may_match`. The last two are sparse
    products (:func:`_sharing`) and the first is hashed over arrays, so Python only sees the
    pairs that pass; the work grows with the words and the matches, not with all pairs.
    """
    columns = {w: k for k, w in enumerate(sorted({w for q in folded for w in q.vocabulary}))}
    every = _incidence([q.vocabulary for q in folded], columns)
    counts = np.asarray(every.sum(axis=0)).ravel()
    rarest = [_rarest(q, columns, counts) for q in folded]
    short = [
        w if MIN_WORDS <= len(q.words) < MIN_LOOSE_WORDS else []
        for q, w in zip(folded, rarest, strict=True)
    ]
    loose = [
        w if len(q.words) >= MIN_LOOSE_WORDS else [] for q, w in zip(folded, rarest, strict=True)
    ]
    pairs = _run_pairs(folded, columns)
    pairs |= _sharing(folded, every, _incidence(short, columns), _incidence(rarest, columns), False)
    pairs |= _sharing(folded, every, _incidence(loose, columns), every, True)
    return sorted(p for p in pairs if _may_match(folded[p[0]], folded[p[1]]))


def _run_pairs(folded: Sequence[_Folded], columns: Mapping[str, int]) -> set[tuple[int, int]]:
    """Pairs (i < j) of quotes of the same words, and of a quote of MIN_WORDS to
    MIN_LOOSE_WORDS - 1 words with every other quote that writes its words in a row.

    Every run of that many words of every quote is hashed at once over the quotes' word
    numbers (one array); a hash that matches is checked word by word, so a collision never
    makes a pair."""
    same: dict[tuple[str, ...], list[int]] = {}
    for i, quote in enumerate(folded):
        same.setdefault(quote.words, []).append(i)
    pairs = {pair for group in same.values() for pair in combinations(group, 2)}
    lengths = np.array([len(q.words) for q in folded], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)))[:-1]
    words = np.array([columns[w] for q in folded for w in q.words], dtype=np.uint64)
    owner = np.repeat(np.arange(len(folded)), lengths)
    for n in range(MIN_WORDS, MIN_LOOSE_WORDS):
        probes = np.flatnonzero(lengths == n)
        if not len(probes) or len(words) < n:
            continue
        at = np.arange(len(words) - n + 1)
        at = at[owner[at] == owner[at + n - 1]]  # runs inside one quote
        hashes = _run_hashes(words, at, n)
        order = np.argsort(hashes, kind="stable")
        ranked = hashes[order]
        wanted = _run_hashes(words, starts[probes], n)
        low = np.searchsorted(ranked, wanted, "left")
        high = np.searchsorted(ranked, wanted, "right")
        probe = np.repeat(probes, high - low)
        found = at[order[_ranges(low, high)]]
        same_words = np.ones(len(found), dtype=bool)
        for t in range(n):
            same_words &= words[found + t] == words[starts[probe] + t]
        other = owner[found[same_words]]
        probe = probe[same_words]
        apart = other != probe
        left = np.minimum(probe, other)[apart]
        right = np.maximum(probe, other)[apart]
        pairs.update(zip(left.tolist(), right.tolist(), strict=True))
    return pairs


def _run_hashes(words: np.ndarray, at: np.ndarray, n: int) -> np.ndarray:
    """A 64-bit polynomial hash of the ``n`` word numbers from each position of ``at``."""
    hashes = np.zeros(len(at), dtype=np.uint64)
    for t in range(n):
        hashes = hashes * np.uint64(_RUN_BASE) + words[at + t] + np.uint64(1)
    return hashes


def _ranges(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The positions ``low[k]..high[k] - 1`` of every k, concatenated."""
    sizes = high - low
    if not sizes.sum():
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(low - np.concatenate(([0], np.cumsum(sizes)))[:-1], sizes)
    return np.arange(sizes.sum()) + offsets


def _sharing(
    folded: Sequence[_Folded],
    every: sparse.csr_matrix,
    probes: sparse.csr_matrix,
    index: sparse.csr_matrix,
    longer: bool,
) -> set[tuple[int, int]]:
    """The pairs (i < j) of a probe's row and an index row sharing a word whose shorter quote
    (as :func:`_ordered` picks it) has MIN_WORD_SHARE of its distinct words in the other
    (only index rows at least as long as the probe when ``longer``), found as sparse products,
    not pair by pair: the probes times the index give the candidates, and the rows of
    ``every`` (each quote's words) of both sides multiplied element-wise give their shared
    words, so the word-share test runs on all candidates at once."""
    candidates = (probes @ index.T).tocoo()
    lengths = np.array([len(q.text) for q in folded], dtype=np.int64)
    sizes = np.array([max(1, len(q.vocabulary)) for q in folded], dtype=np.float64)
    probe, other = candidates.row, candidates.col
    keep = other != probe
    if longer:
        keep &= lengths[other] >= lengths[probe]
    probe, other = probe[keep], other[keep]
    shared = np.asarray(every[probe].multiply(every[other]).sum(axis=1)).ravel()
    left, right = np.minimum(probe, other), np.maximum(probe, other)
    shorter = np.where(lengths[right] < lengths[left], right, left)
    passing = shared / sizes[shorter] >= MIN_WORD_SHARE
    return set(zip(left[passing].tolist(), right[passing].tolist(), strict=True))


def _incidence(rows: Sequence[Iterable[str]], columns: Mapping[str, int]) -> sparse.csr_matrix:
    """A 0/1 matrix of ``rows`` x every quote's words (numbered by ``columns``)."""
    indptr, indices = [0], list[int]()
    for words in rows:
        indices.extend(columns[w] for w in words)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(1, len(columns))))


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
