"""The corpus-tier features of many articles at once, by compiled passes over their text.

Each article's features depend on that article alone; computing a chunk together only
shares the work: every title and head is folded, joined and scanned for words and
capitalised names in one call each (:mod:`newsweave.cluster.tokens`), their weights are
looked up in one table (:mod:`newsweave.cluster.lexicon`), the three bags are built and
normalised in one call (:mod:`newsweave.cluster.bags`) and the MinHash signatures in
another (:mod:`newsweave.cluster.minhash`). The result is a :class:`FeatureTable`, the
compact form the clustering reads, with no object per article.

Example: ``article_features(article).text.terms`` are the ids of its content words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit

from newsweave.cluster.bags import Bags, bag_vectors, heaviest
from newsweave.cluster.datelines import latest_written_day
from newsweave.cluster.features import (
    BLOCK_TERMS,
    HEAD_CHARS,
    LEAD_WORDS,
    TEXT_WORDS,
    ArticleFeatures,
    day_number,
)
from newsweave.cluster.lexicon import STOP, lexicon
from newsweave.cluster.minhash import TextBytes, signatures, text_bytes
from newsweave.cluster.names import name_terms
from newsweave.cluster.table import NO_DAY, Channel, FeatureTable
from newsweave.cluster.terms import UNKNOWN_IDF, background_idf, fold, fold_casefolded
from newsweave.cluster.tokens import scan_words
from newsweave.model import Article

__all__ = ["article_features", "feature_rows", "features_of", "warm_up", "word_counts"]


def article_features(article: Article) -> ArticleFeatures:
    """The corpus-tier features of ``article``."""
    return feature_rows([article]).row(0)


def features_of(articles: Sequence[Article]) -> list[ArticleFeatures]:
    """The features of each article, in order."""
    return feature_rows(articles).rows()


def feature_rows(articles: Sequence[Article]) -> FeatureTable:
    """The features of the articles as one table, a row each, in order."""
    titles = [a.title or "" for a in articles]
    heads = [a.text[:HEAD_CHARS] for a in articles]
    texts = [a.text for a in articles]
    cased = [t.casefold() for t in texts]  # for the shingles, and for heads that are whole texts
    terms, idf, ranges = _content_words(
        [
            x
            for title, text, folded in zip(titles, texts, cased, strict=True)
            for x in (fold(title), _folded_head(text, folded))
        ]
    )
    text = bag_vectors(terms, idf, ranges, TEXT_WORDS)
    block_ptr, block_terms = heaviest(text, BLOCK_TERMS)
    days = [day_number(a.published) for a in articles]
    encoded = text_bytes(cased, casefolded=True)
    return FeatureTable(
        ids=tuple(a.id for a in articles),
        text=_channel(text),
        lead=_channel(bag_vectors(terms, idf, ranges, LEAD_WORDS)),
        names=_channel(
            _name_bags([f"{t}\n{h}" if t else h for t, h in zip(titles, heads, strict=True)])
        ),
        minhash=signatures(texts, encoded),
        days=np.array([NO_DAY if d is None else d for d in days], dtype=np.int64),
        written=np.array([_written(a, d) for a, d in zip(articles, days, strict=True)], np.int64),
        blocks=tuple(
            tuple(block_terms[block_ptr[k] : block_ptr[k + 1]].tolist())
            for k in range(len(articles))
        ),
        content_hashes=tuple(a.content_hash for a in articles),
        words=word_counts(encoded),
    )


#: Bytes that separate words: ASCII whitespace (with the file, group, record and unit
#: separators, as ``str.split`` has them).
_SEPARATOR = np.zeros(256, dtype=bool)
_SEPARATOR[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True


def word_counts(encoded: TextBytes) -> np.ndarray:
    """The words of each text: runs of bytes between ASCII whitespace (``len(text.split())``
    but for Unicode-only spaces such as the no-break space, which join words here).

    Example: ``word_counts(text_bytes(["a  b\\nc", ""]))`` is ``[3, 0]``.
    """
    return _word_counts(encoded.data, encoded.starts, _SEPARATOR)


@njit(cache=True, nogil=True)
def _word_counts(data: np.ndarray, starts: np.ndarray, separator: np.ndarray) -> np.ndarray:
    counts = np.zeros(len(starts) - 1, dtype=np.int64)
    for k in range(len(starts) - 1):
        inside = False
        for i in range(starts[k], starts[k + 1]):
            gap = separator[data[i]]
            if not gap and not inside:
                counts[k] += 1
            inside = not gap
    return counts


def _folded_head(text: str, casefolded: str) -> str:
    """:func:`fold` of the text's head, from the whole text case-folded when the head is the
    whole text (most are: folding is done once)."""
    if len(text) <= HEAD_CHARS:
        return fold_casefolded(casefolded)
    return fold(text[:HEAD_CHARS])


def _written(article: Article, day: int | None) -> int:
    written = day if day is not None else latest_written_day(article.text)
    return NO_DAY if written is None else written


def _content_words(folded: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The content words of texts given in pairs (a title, then the head of its text): their
    term ids and idf, and per pair the ranges of its title's and its head's words."""
    found = scan_words(folded)
    table = lexicon()
    at = table.find(found.terms)
    idf = np.where(at >= 0, table.idf[at], UNKNOWN_IDF)
    numbers = np.flatnonzero(found.has_digit)  # wordfreq estimates numbers itself
    if len(numbers):
        spans = zip(
            *(a[numbers].tolist() for a in (found.text, found.starts, found.lengths)), strict=True
        )
        idf[numbers] = [background_idf(folded[t][s : s + n]) for t, s, n in spans]
    stop = np.where(at >= 0, table.flags[at] & STOP, 0) != 0
    content = (found.lengths > 1) & ~stop
    counts = np.bincount(found.text[content], minlength=len(folded))
    bounds = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    ranges = np.stack([bounds[0:-1:2], bounds[1::2], bounds[1::2], bounds[2::2]], axis=1)
    return found.terms[content], idf[content], ranges


def _name_bags(texts: Sequence[str]) -> Bags:
    """The bag of capitalised names of each text."""
    bounds, terms = name_terms(texts)
    ranges = np.stack([bounds[:-1], bounds[:-1], bounds[:-1], bounds[1:]], axis=1)
    return bag_vectors(terms, lexicon().idf_of(terms), ranges, len(terms) + 1)


def _channel(bags: Bags) -> Channel:
    return Channel(bags.indptr, bags.terms, bags.weights)


def warm_up() -> None:
    """Load the word tables and the compiled scanners now (before forking workers that will
    all use them, so they share one copy instead of each loading its own)."""
    features_of([Article(id="warm-up", source="", text="Warm up: Ann Okafor’s 2 words.")])
