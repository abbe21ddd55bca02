"""Passages one article took from another, across a whole corpus.

Copies first: exact copies are passages of the whole text, and the corpus tier's
near-duplicates (:func:`newsweave.cluster.duplicates.duplicate_groups`: reprints and wire
copies with light edits) are families, each headed by its earliest text. Every copy is
aligned with its family's head; across families, candidates come from the n-gram index
of the heads (:mod:`newsweave.align.candidates`), so a text reprinted by two hundred
outlets is one text there, neither a stock phrase nor two hundred squared pairs.
Each candidate pair is aligned locally (:mod:`newsweave.align.local`);
shared quotations and boilerplate are dropped (:mod:`newsweave.align.filters`);
each pair is oriented from source to copy (:mod:`newsweave.align.direction`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.align.candidates import (
    NGRAM,
    common_ngrams,
    ngram_hashes,
    pairs_from_ids,
    vocabulary_ids,
)
from newsweave.align.coverage import share
from newsweave.align.direction import decide_direction
from newsweave.align.filters import is_boilerplate, is_common_quote, quoted_spans
from newsweave.align.local import Region, align_tokens
from newsweave.align.tokens import Tokens, snap_to_words, tokenize
from newsweave.cluster.duplicates import duplicate_groups
from newsweave.config import AlignSettings
from newsweave.distinct import found_in, shared_values
from newsweave.ingest.records import earliest_first
from newsweave.model import Article, ReuseKind, ReusePassage, Span

__all__ = ["find_reuse"]

#: Word match ratio from which a passage is near-verbatim rather than a paraphrase
#: (light copy-editing keeps 85%+ of the words in place).
NEAR_VERBATIM = 0.85
#: An n-gram found in more families of copies than this is a stock phrase ("did not respond to
#: a request for comment"); a passage between two families must share at least one rarer
#: n-gram to count as reuse. Copies of one text count once: a wire story reprinted by
#: dozens is not a stock phrase. Only bites on large corpora: in a story of a few dozen
#: articles no n-gram is that common. Measured on the 10,000-article benchmark: removes
#: stock-phrase passages without losing planted cases.
COMMON_DF = 10


def find_reuse(articles: Sequence[Article], settings: AlignSettings) -> tuple[ReusePassage, ...]:
    """Every reused passage between any two of ``articles``, source side first.

    Example: ``find_reuse(articles, AlignSettings())[0].kind`` is ``"verbatim"`` for a reprint.
    """
    heads, copies = _exact_copies(articles)
    passages: list[ReusePassage] = [_whole_copy(articles[a], articles[b]) for a, b in copies]
    articles = [articles[k] for k in heads]  # one text each: copies do not crowd the index
    family = _families(articles)
    tokens = [tokenize(a.text) for a in articles]
    ids = vocabulary_ids(tokens)
    leads = sorted(set(family))
    lead_ids = [ids[k] for k in leads]
    common = (
        common_ngrams(lead_ids, COMMON_DF) if len(leads) > COMMON_DF else np.zeros(0, np.uint64)
    )
    across = {(leads[a], leads[b]) for a, b in pairs_from_ids(lead_ids)}
    within = {(family[k], k) for k in range(len(articles)) if family[k] != k}
    for first, second in sorted(across | within):
        # align each pair in one orientation (by id), so the passages found do not depend on
        # which of the two came first in the input
        i, j = sorted((first, second), key=lambda k: (articles[k].id, k))
        copied = family[i] == family[j]  # known copies of one text: no stock phrase there
        regions = [
            r
            for r in align_tokens(ids[i], ids[j], settings.min_words)
            if copied
            or not len(common)
            or _has_rare_ngram(ids[i][r.a_start : r.a_end], ids[j][r.b_start : r.b_end], common)
        ]
        passages.extend(
            _orient(
                articles[i],
                articles[j],
                _spans(regions, tokens[i], tokens[j], articles[i], articles[j]),
            )
        )
    return tuple(
        sorted(
            passages, key=lambda p: (p.source, p.target, p.source_span.start, p.target_span.start)
        )
    )


def _exact_copies(articles: Sequence[Article]) -> tuple[list[int], list[tuple[int, int]]]:
    """The first article of each text (earliest, then by id), and (first, copy) pairs for the
    exact copies of it: reprints are passages of the whole text, no alignment needed."""
    by_text: dict[str, list[int]] = {}
    for k, article in enumerate(articles):
        by_text.setdefault(article.content_hash or f"#{k}", []).append(k)
    heads, copies = [], []
    for members in by_text.values():
        members.sort(key=lambda k: earliest_first(articles[k]))
        heads.append(members[0])
        copies += [(members[0], k) for k in members[1:]]
    return sorted(heads), copies


def _families(articles: Sequence[Article]) -> list[int]:
    """Each text's family head: the earliest text of its near-duplicate group (itself when
    it heads one, as a text with no copy does)."""
    family = list(range(len(articles)))
    for group in duplicate_groups(articles):
        head = min(group, key=lambda k: earliest_first(articles[k]))
        for k in group:
            family[k] = head
    return family


def _whole_copy(first: Article, copy: Article) -> ReusePassage:
    span = Span.stripped(first.text, 0, len(first.text)) or Span(0, len(first.text))
    shares = share([span], first.text), share([span], copy.text)
    direction = decide_direction(first, copy, *shares)
    return ReusePassage(
        source=direction.source,
        target=direction.target,
        source_span=span,
        target_span=span,
        kind="verbatim",
        similarity=1.0,
    )


def _has_rare_ngram(a: np.ndarray, b: np.ndarray, common: np.ndarray) -> bool:
    """True when the two regions share an n-gram that is not a corpus-wide stock phrase."""
    shared = shared_values(ngram_hashes(a, NGRAM), ngram_hashes(b, NGRAM))
    return bool(len(shared)) and not found_in(shared, common).all()


def _spans(
    regions: list[Region], a: Tokens, b: Tokens, article_a: Article, article_b: Article
) -> list[tuple[Span, Span, Region]]:
    quotes_a, quotes_b = quoted_spans(article_a.text), quoted_spans(article_b.text)
    kept = []
    for region in regions:
        span_a = _word_span(article_a.text, a, region.a_start, region.a_end)
        span_b = _word_span(article_b.text, b, region.b_start, region.b_end)
        if is_common_quote(article_a.text, span_a, quotes_a) and is_common_quote(
            article_b.text, span_b, quotes_b
        ):
            continue  # a common quotation: independent reporting of one statement
        if is_boilerplate(span_a.slice(article_a.text)) or is_boilerplate(
            span_b.slice(article_b.text)
        ):
            continue
        kept.append((span_a, span_b, region))
    return kept


def _word_span(text: str, tokens: Tokens, first: int, last: int) -> Span:
    """The characters of aligned tokens ``[first, last)``, snapped to whole written words (a
    token is a run of letters, so "Sen's" is two tokens and a region may start at its "s")."""
    return Span(*snap_to_words(text, int(tokens.starts[first]), int(tokens.ends[last - 1])))


def _orient(a: Article, b: Article, spans: list[tuple[Span, Span, Region]]) -> list[ReusePassage]:
    if not spans:
        return []
    share_a = share([s for s, _, _ in spans], a.text)
    share_b = share([s for _, s, _ in spans], b.text)
    direction = decide_direction(a, b, share_a, share_b)
    a_is_source = direction.source == a.id
    return [
        ReusePassage(
            source=direction.source,
            target=direction.target,
            source_span=span_a if a_is_source else span_b,
            target_span=span_b if a_is_source else span_a,
            kind=_kind(region),
            similarity=round(float(region.similarity), 4),
        )
        for span_a, span_b, region in spans
    ]


def _kind(region: Region) -> ReuseKind:
    if region.identical:
        return "verbatim"
    return "near-verbatim" if region.similarity >= NEAR_VERBATIM else "paraphrase"
