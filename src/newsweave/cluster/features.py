"""What the corpus tier knows of one article: three weighted bags of words, a
MinHash signature and a date. A pure function of the article alone.

Weights are integers (unit vectors scaled by :data:`SCALE`), so a cosine is an
integer dot product: the same in every engine and in any summation order, which
lets the local and the Spark engines agree to the last bit.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsweave.cluster.datelines import latest_written_day
from newsweave.cluster.minhash import signature
from newsweave.cluster.names import capitalised_names
from newsweave.cluster.terms import content_words, known_words, word_info, words
from newsweave.model import Article

__all__ = [
    "BLOCK_TERMS",
    "LEAD_WORDS",
    "SCALE",
    "ArticleFeatures",
    "SparseVector",
    "article_features",
    "day_number",
]

#: Unit vectors are scaled to this integer norm; a cosine is ``dot / SCALE**2``. 2**14 keeps
#: every weight in 15 bits and rounding error below 1e-4 of a cosine.
SCALE = 1 << 14
#: Words of the lead (after the title) that make the lead bag: about the first two sentences.
LEAD_WORDS = 60
#: Content words of the text (after the title) that make the text bag: the story is told at
#: the top; a long feature's later pages add cost, not evidence (on the mixed stream, 250 or
#: 400 words cluster as well as whole texts).
TEXT_WORDS = 300
#: Characters of the text read for its bags of words and names (enough for TEXT_WORDS).
HEAD_CHARS = 3000
#: An article's heaviest words that index it for candidate pairs (blocking keys).
BLOCK_TERMS = 12


@dataclass(frozen=True, slots=True, eq=False)
class SparseVector:
    """Sorted term ids and their integer weights (norm :data:`SCALE`)."""

    terms: np.ndarray  # int64, sorted ascending, unique
    weights: np.ndarray  # int32 (at most SCALE)

    def __len__(self) -> int:
        return len(self.terms)


@dataclass(frozen=True, slots=True, eq=False)
class ArticleFeatures:
    """The corpus tier's view of one article (no parser)."""

    article: str
    content_hash: str
    text: SparseVector
    lead: SparseVector
    names: SparseVector
    minhash: np.ndarray  # uint32, one value per permutation
    blocks: tuple[int, ...]  # term ids of the heaviest words
    day: int | None  # publication day (days since 1970-01-01), when given
    words: int
    #: the publication day, else the latest full date the text writes (a guess), else None
    written: int | None = None


def article_features(article: Article) -> ArticleFeatures:
    """The corpus-tier features of ``article``.

    Example: ``article_features(article).text.terms`` are the ids of its content words.
    """
    title = article.title or ""
    head = article.text[:HEAD_CHARS]
    content = content_words(words(head))
    title_words = content_words(words(title)) if title else []
    day = day_number(article.published)
    text_vector = _vector(title_words + content[:TEXT_WORDS])
    return ArticleFeatures(
        article=article.id,
        content_hash=article.content_hash,
        text=text_vector,
        lead=_vector(title_words + content[:LEAD_WORDS]),
        names=_vector(capitalised_names(f"{title}\n{head}" if title else head)),
        minhash=signature(article.text),
        blocks=_heaviest(text_vector, BLOCK_TERMS),
        day=day,
        words=len(article.text.split()),
        written=day if day is not None else latest_written_day(article.text),
    )


def _vector(bag: Sequence[str]) -> SparseVector:
    weighted: dict[int, float] = {}
    known = known_words()
    for word, count in Counter(bag).items():
        term, idf = known.get(word) or word_info(word)
        if idf > 0.0:
            weighted[term] = (1.0 + math.log(count)) * idf if count > 1 else idf
    if not weighted:
        return SparseVector(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32))
    terms = np.fromiter(weighted, dtype=np.int64, count=len(weighted))
    values = np.fromiter(weighted.values(), dtype=np.float64, count=len(weighted))
    order = np.argsort(terms)
    values = values[order] * (SCALE / math.sqrt(float(values @ values)))
    return SparseVector(terms[order], np.rint(values).astype(np.int32))


def _heaviest(vector: SparseVector, count: int) -> tuple[int, ...]:
    if not len(vector):
        return ()
    order = np.lexsort((vector.terms, -vector.weights))[:count]
    return tuple(sorted(int(t) for t in vector.terms[order]))


_EPOCH = date(1970, 1, 1).toordinal()


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date or date-time; None for a missing or partial date.

    Example: ``day_number("1970-01-02T10:00Z")`` is ``1``.
    """
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal() - _EPOCH
    except ValueError:
        return None
