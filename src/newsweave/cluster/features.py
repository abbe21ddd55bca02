"""What the corpus tier knows of one article: three weighted bags of words, a
MinHash signature and a date (computed by :mod:`newsweave.cluster.featurize`, a pure
function of the article alone).

Weights are integers (unit vectors scaled by :data:`SCALE`), so a cosine is an
integer dot product: the same in every engine and in any summation order, which
lets the local and the Spark engines agree to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from newsweave.cluster.bags import SCALE

__all__ = [
    "BLOCK_TERMS",
    "LEAD_WORDS",
    "SCALE",
    "ArticleFeatures",
    "SparseVector",
    "day_number",
]

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
