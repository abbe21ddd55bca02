"""The story's sentences as TF-IDF vectors, and which sentences of other articles support each.

Support is found without comparing every pair of sentences: an exact prefix-filter index
(:mod:`newsweave.summarize.similar`) finds the pairs whose cosine reaches
:data:`SUPPORT_SIMILARITY` (less :data:`INDEX_MARGIN`), and only those are scored again
exactly, in Python, in the same order.
"""

from __future__ import annotations

import functools
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from newsweave.extract.quote_marks import quote_depths
from newsweave.model import Article, Segmentation, Span
from newsweave.summarize.similar import similar_pairs

__all__ = [
    "MIN_WORDS",
    "QUOTATION_SENTENCES",
    "SUPPORT_SIMILARITY",
    "Sentence",
    "centroid",
    "concepts",
    "content_tokens",
    "cosine",
    "quotation_units",
    "support_candidates",
    "supporters",
    "vectorise",
]

#: Cosine of sentence TF-IDF vectors above which two sentences report the same content.
#: Chosen by reading MRPC paraphrase pairs: most paraphrases score above 0.45, few non-paraphrases do.
SUPPORT_SIMILARITY = 0.45
#: Slack under SUPPORT_SIMILARITY, so that rounding in the index's sums (in another order than
#: :func:`cosine`'s) can never drop a pair that scores at the threshold.
INDEX_MARGIN = 1e-6
#: Sentences shorter than this (in words) are datelines, captions or fragments.
MIN_WORDS = 6
#: Sentences one quotation may run over and still be taken as one unit (a longer one is left
#: in its sentences, and those that open or close it alone are fragments). Chosen on the dev
#: half of the Multi-News sample among 2, 3, 4 and 6 (ROUGE-2 recall 0.0976, 0.0972, 0.0993,
#: 0.0993).
QUOTATION_SENTENCES = 4

#: The signature of a post embedded in a page ("— Ann Lee (@annlee) April 14, 2014", a
#: "pic.twitter.com/..." link): page debris, never a sentence of the story.
_EMBEDDED_POST = re.compile(
    r"\(@\w{1,15}\)\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|pic\.twitter\.com/\w"
)
_WORD = re.compile(r"[^\W_]+")
_STEMMING = threading.Lock()
_STOP = frozenset(
    """
        a an the and or but of in on at to for from by with as is are was were be been has have
        had it its this that these those he she they his her their him them we our you i not no
        said says will would could should can may also after before over into about than then
        there which who what when where while
        """.split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: where it is, its content words and its unit TF-IDF vector."""

    article: str
    index: int  # position among the article's sentences
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    vector: Mapping[str, float]

    @property
    def words(self) -> int:
        return len(self.text.split())


def content_tokens(text: str) -> list[str]:
    """Folded words (accents and case aside) of two or more characters that are not stop words.

    Example: ``content_tokens("The Café opened")`` is ``["cafe", "opened"]``.
    """
    return [w for w in _WORD.findall(_fold(text)) if w not in _STOP and len(w) > 1]


def concepts(text: str) -> set[tuple[str, str]]:
    """The concepts a sentence states: its pairs of adjacent folded words, stemmed (Snowball's
    English stemmer, as ROUGE's Porter stemming reads "resigned" and "resigns" alike), save a
    pair of two stop words or of two one-character words (Gillick and Favre's bigram concepts).

    Example: ``concepts("The Café opened")`` is ``{("the", "cafe"), ("cafe", "open")}``.
    """
    return {
        (_stem(a), _stem(b))
        for a, b in pairwise(_WORD.findall(_fold(text)))
        if not (a in _STOP and b in _STOP) and (len(a) > 1 or len(b) > 1)
    }


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    with _STEMMING:  # a Snowball stemmer keeps its word in itself while it works
        return str(_stemmer().stemWord(word))


@functools.cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


def vectorise(
    articles: Sequence[Article], segmentations: Mapping[str, Segmentation]
) -> list[Sentence]:
    """Every sentence of at least :data:`MIN_WORDS` words that is not an embedded post's
    signature, in article order, with its vector (a quotation that runs over several
    sentences is one, :func:`quotation_units`)."""
    raw = []
    for article in articles:
        for index, span in quotation_units(article.text, segmentations[article.id].sentences):
            text = span.slice(article.text)
            if len(text.split()) >= MIN_WORDS and not _EMBEDDED_POST.search(text):
                tokens = tuple(content_tokens(text))
                raw.append((article.id, index, span, text, tokens, Counter(tokens)))
    df = Counter(word for *_, counts in raw for word in counts)
    n = len(raw)
    sentences = []
    for article_id, index, span, text, tokens, counts in raw:
        weights = {
            w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) + 1e-6 for w, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vector = {w: v / norm for w, v in weights.items()}
        sentences.append(Sentence(article_id, index, span.start, span.end, text, tokens, vector))
    return sentences


def quotation_units(text: str, spans: Sequence[Span]) -> list[tuple[int, Span]]:
    """The sentences as the summary takes them, each with its first sentence's index: a
    sentence that opens a quotation it does not close runs on with the next ones until the
    quotation closes (at most :data:`QUOTATION_SENTENCES`), so a quote of several sentences
    is taken whole or not at all, never cut open.

    Example: ``“The plane took off.`` + ``He is safe,” she wrote.`` is one unit.
    """
    units = []
    at = 0
    while at < len(spans):
        end = at
        while end + 1 < len(spans) and end - at + 1 < QUOTATION_SENTENCES:
            lowest, final = quote_depths(Span(spans[at].start, spans[end].end).slice(text))
            if lowest < 0 or final <= 0:  # closed, or the tail of an earlier quotation
                break
            end += 1
        if end > at and quote_depths(Span(spans[at].start, spans[end].end).slice(text)) != (0, 0):
            end = at  # the quotation does not close within reach: the sentences stay apart
        units.append((at, Span(spans[at].start, spans[end].end)))
        at = end + 1
    return units


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors (their cosine when both are unit vectors)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def centroid(vectors: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """The unit vector along the sum of ``vectors`` (empty when there are none)."""
    total: Counter[str] = Counter()
    for vector in vectors:
        total.update(vector)
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {w: v / norm for w, v in total.items()}


def support_candidates(sentences: Sequence[Sentence]) -> list[list[int]]:
    """For each sentence, the positions (ascending) of the sentences whose cosine may reach
    SUPPORT_SIMILARITY (itself among them): every pair the index finds at the threshold less
    INDEX_MARGIN.

    Example: two sentences of the same words give ``[[0, 1], [0, 1]]``.
    """
    pairs = similar_pairs([s.vector for s in sentences], SUPPORT_SIMILARITY - INDEX_MARGIN)
    starts = np.searchsorted(pairs[:, 0], np.arange(len(sentences) + 1))
    partners = pairs[:, 1].tolist()
    return [partners[starts[k] : starts[k + 1]] for k in range(len(sentences))]


def supporters(
    sentence: Sentence, sentences: Sequence[Sentence], candidates: Sequence[int]
) -> list[Sentence]:
    """The most similar sentence of each other article that reports the same content."""
    best: dict[str, tuple[float, Sentence]] = {}
    for other in (sentences[p] for p in candidates):
        if other.article == sentence.article:
            continue
        similarity = cosine(sentence.vector, other.vector)
        if (
            similarity >= SUPPORT_SIMILARITY
            and similarity > best.get(other.article, (0.0, other))[0]
        ):
            best[other.article] = (similarity, other)
    return [s for _, s in sorted(best.values(), key=lambda pair: pair[1].article)]
