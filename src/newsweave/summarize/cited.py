"""Choose the sentences that carry a story, each cited to every passage that supports it.

A sentence scores by how many *independent* lineage groups report the same
content (a sentence of similar words in another article) and by how central
it is to the story; sentences are taken greedily within the word budget,
skipping any that repeat one already chosen (maximal marginal relevance).

Support is found without comparing sentences in Python pair by pair: the sentences' TF-IDF
vectors form one sparse matrix, and each sentence's most common words whose weights alone
stay below :data:`SUPPORT_SIMILARITY` (their norm is under it) are left out of the right-hand
side of one sparse product. A pair reaching the threshold keeps at least the threshold less
that norm in the product (the cosine over the left-out words is at most their norm), so the
product's entries above that bound are the only candidates; each is then scored exactly as
before, in the same order.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from scipy import sparse

from newsweave.align.lineage import group_counter
from newsweave.model import Article, Citation, Lineage, Segmentation, Span, SummarySentence

__all__ = ["summarize"]

#: Cosine of sentence TF-IDF vectors above which two sentences report the same content.
#: Chosen by reading MRPC paraphrase pairs: most paraphrases score above 0.45, few non-paraphrases do.
SUPPORT_SIMILARITY = 0.45
#: A candidate more similar than this to a chosen sentence repeats it and is skipped.
REDUNDANCY_SIMILARITY = 0.5
#: Slack under SUPPORT_SIMILARITY for the words left out of the product, so that rounding in
#: the sums can never drop a pair that scores at the threshold.
INDEX_MARGIN = 1e-6
#: Sentences multiplied at a time (bounds the memory of one block of the product).
PRODUCT_ROWS = 2048
#: Sentences shorter than this (in words) are datelines, captions or fragments.
MIN_WORDS = 6
#: Score lost by a sentence that opens with a pronoun or a quotation mark: read alone it
#: does not say who is meant (a summary is read out of its article's context).
DANGLING_PENALTY = 1.0

_PRONOUNS = frozenset(
    """
        he she they it his her their its this these those but and
        """.split()
)
#: How many opening words may hold the pronoun that leaves a sentence without its referent.
DANGLING_WINDOW = 8

_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    """
        a an the and or but of in on at to for from by with as is are was were be been has have
        had it its this that these those he she they his her their him them we our you i not no
        said says will would could should can may also after before over into about than then
        there which who what when where while
        """.split()
)


@dataclass(frozen=True, slots=True)
class _Sentence:
    article: str
    index: int
    start: int
    end: int
    text: str
    vector: Mapping[str, float]


def summarize(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
) -> tuple[SummarySentence, ...]:
    """At most ``words`` words of the story's most supported sentences, with citations.

    Example: ``summarize(articles, segs, lineage, 80)`` -> ``(SummarySentence(text, citations), ...)``
    """
    sentences = _vectorise(articles, segmentations)
    if not sentences:
        return ()
    candidates = _candidates(sentences)
    support = {
        id(s): _supporters(s, sentences, c) for s, c in zip(sentences, candidates, strict=True)
    }
    centroid = _centroid(sentences)
    count_groups = group_counter(lineage)
    scored = sorted(
        sentences,
        key=lambda s: (-_score(s, support[id(s)], centroid, count_groups), s.article, s.index),
    )
    return tuple(_summary_sentence(s, support[id(s)]) for s in _select(scored, words))


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in _WORD.findall(folded) if w not in _STOP and len(w) > 1]


def _vectorise(
    articles: Sequence[Article], segmentations: Mapping[str, Segmentation]
) -> list[_Sentence]:
    raw = []
    for article in articles:
        for index, span in enumerate(segmentations[article.id].sentences):
            text = span.slice(article.text)
            if len(text.split()) >= MIN_WORDS:
                raw.append((article.id, index, span, text, Counter(_tokens(text))))
    df = Counter(word for *_, counts in raw for word in counts)
    n = len(raw)
    sentences = []
    for article_id, index, span, text, counts in raw:
        weights = {
            w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) + 1e-6 for w, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vector = {w: v / norm for w, v in weights.items()}
        sentences.append(_Sentence(article_id, index, span.start, span.end, text, vector))
    return sentences


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _candidates(sentences: Sequence[_Sentence]) -> list[list[int]]:
    """For each sentence, the positions (ascending) of the sentences whose cosine may reach
    SUPPORT_SIMILARITY: one sparse product, in blocks of rows, kept above the threshold."""
    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for position, sentence in enumerate(sentences):
        for word, weight in sentence.vector.items():
            rows.append(position)
            cols.append(columns.setdefault(word, len(columns)))
            values.append(weight)
    vectors = sparse.csr_matrix((values, (rows, cols)), shape=(len(sentences), len(columns)))
    found: list[list[int]] = []
    for begin in range(0, len(sentences), PRODUCT_ROWS):
        cosines = (vectors[begin : begin + PRODUCT_ROWS] @ vectors.T).tocsr()
        for row in range(cosines.shape[0]):
            cells = slice(cosines.indptr[row], cosines.indptr[row + 1])
            near = cosines.indices[cells][cosines.data[cells] >= SUPPORT_SIMILARITY - INDEX_MARGIN]
            found.append(sorted(near.tolist()))
    return found


def _supporters(
    sentence: _Sentence, sentences: Sequence[_Sentence], candidates: Sequence[int]
) -> list[_Sentence]:
    best: dict[str, tuple[float, _Sentence]] = {}
    for other in (sentences[p] for p in candidates):
        if other.article == sentence.article:
            continue
        similarity = _cosine(sentence.vector, other.vector)
        if (
            similarity >= SUPPORT_SIMILARITY
            and similarity > best.get(other.article, (0.0, other))[0]
        ):
            best[other.article] = (similarity, other)
    return [s for _, s in sorted(best.values(), key=lambda pair: pair[1].article)]


def _centroid(sentences: Sequence[_Sentence]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for sentence in sentences:
        total.update(sentence.vector)
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {w: v / norm for w, v in total.items()}


def _score(
    sentence: _Sentence,
    supporters: Sequence[_Sentence],
    centroid: Mapping[str, float],
    count_groups: Callable[[Iterable[str]], int],
) -> float:
    groups = count_groups([sentence.article, *(s.article for s in supporters)])
    position = 1.0 / (1.0 + sentence.index)  # news puts what matters first
    dangling = DANGLING_PENALTY if _is_dangling(sentence.text) else 0.0
    return groups + _cosine(sentence.vector, centroid) + 0.5 * position - dangling


def _is_dangling(text: str) -> bool:
    """True when the sentence opens with a quote mark, or a pronoun comes before any name."""
    if text[:1] in "\"“‘'«":
        return True
    for position, word in enumerate(text.split()[:DANGLING_WINDOW]):
        bare = word.strip(",.;:").lower()
        if bare in _PRONOUNS:
            return True
        if position and word[:1].isupper():
            return False
    return False


def _select(scored: Sequence[_Sentence], words: int) -> list[_Sentence]:
    chosen: list[_Sentence] = []
    used = 0
    for sentence in scored:
        length = len(sentence.text.split())
        if used + length > words and chosen:
            continue
        if any(_cosine(sentence.vector, c.vector) > REDUNDANCY_SIMILARITY for c in chosen):
            continue
        chosen.append(sentence)
        used += length
        if used >= words:
            break
    return chosen


def _summary_sentence(sentence: _Sentence, supporters: Sequence[_Sentence]) -> SummarySentence:
    citations = [Citation(sentence.article, Span(sentence.start, sentence.end))]
    citations += [Citation(s.article, Span(s.start, s.end)) for s in supporters]
    return SummarySentence(text=sentence.text, citations=tuple(citations))
