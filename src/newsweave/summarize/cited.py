"""Choose the sentences that carry a story, each cited to every passage that supports it.

1. Every sentence of the story is a TF-IDF vector; the sentences of *other* articles that
   report the same content support it (:mod:`newsweave.summarize.sentences`).
2. Each sentence is scored by how widely independent lineage groups report it and its words,
   how central it is to the story and to the articles' leads, and where it stands
   (:mod:`newsweave.summarize.salience`).
3. Sentences are taken greedily within the word budget, skipping any that repeats a chosen
   sentence (cosine above :data:`REDUNDANCY_SIMILARITY`), in two passes. First by the
   concepts they add (Gillick and Favre's, greedily): a concept is a pair of adjacent words
   (:func:`concepts`) weighed by the articles that state it, when at least
   :data:`CONCEPT_ARTICLES` do; a sentence is valued at the weight of its concepts not yet in
   the summary per word, times its score to the power :data:`SCORE_POWER`. Once no sentence
   that fits adds a concept, by score times the square of their novelty (the share of their
   content words and word pairs not yet in the summary). Both values only fall as the
   summary grows, so a lazy heap gives the exact greedy order.
   A sentence cut inside a quotation, one whose quotation marks do not pair, or the tail of a
   cut one (:func:`is_fragment`) is never taken; a quotation that runs over a few sentences
   is one unit (:func:`newsweave.summarize.sentences.quotation_units`).
4. Each chosen sentence cites itself and its supporters; where a conflict finding's cited
   passage lies in one of those, the sentence is flagged with the disagreeing values.
5. The summary reads as a story: by the time of what each sentence reports, then by score
   (:mod:`newsweave.summarize.order`).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from newsweave.extract.quote_marks import quote_depths
from newsweave.model import (
    Article,
    Citation,
    Finding,
    Lineage,
    Publication,
    Segmentation,
    Span,
    SummarySentence,
    Timex,
)
from newsweave.reconcile.findings import compatible
from newsweave.summarize.order import story_order
from newsweave.summarize.salience import score_sentences
from newsweave.summarize.sentences import (
    Sentence,
    concepts,
    cosine,
    support_candidates,
    supporters,
    vectorise,
)

__all__ = ["conflict_flags", "is_fragment", "rank_sentences", "select", "summarize"]

#: Lower-case words that do not open a sentence: one that starts so is the tail of a cut one.
_TAIL_WORDS = frozenset(
    "of and or but nor to in on at by for from with without into than that which whose who "
    "whom where while as the a an its their his her".split()
)
#: A candidate more similar than this to a chosen sentence repeats it and is skipped.
REDUNDANCY_SIMILARITY = 0.5
#: Exponent of a candidate's novelty in its value. Chosen on the dev half of the Multi-News
#: sample among 0 (no novelty), 1, 2, 3 and 4: 2 scored best there.
NOVELTY_POWER = 2.0
#: A concept (a pair of adjacent words, :func:`concepts`) counts once this many articles state
#: it; it weighs the number of articles that do. (Counting independent lineage groups instead
#: scored lower on the dev half of the Multi-News sample.)
CONCEPT_ARTICLES = 2
#: Exponent of a sentence's score in its concept value. Chosen on the dev half of the
#: Multi-News sample among 0, 0.5 and 1: 0.5 scored best there.
SCORE_POWER = 0.5


def summarize(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
    *,
    publications: Sequence[Publication] = (),
    timexes: Sequence[Timex] = (),
    findings: Sequence[Finding] = (),
) -> tuple[SummarySentence, ...]:
    """At most ``words`` words of the story's most supported sentences, with citations.

    Args:
        articles, segmentations, lineage: the story's articles, their sentences and lineage.
        words: the budget (the first sentence is kept even when it alone is longer).
        publications, timexes: when each article appeared and the dates its text gives, to
            order the summary as a story.
        findings: the story's findings; a sentence citing a conflict's passage is flagged.

    Example: ``summarize(articles, segs, lineage, 80)`` -> ``(SummarySentence(text, citations), ...)``
    """
    chosen = rank_sentences(articles, segmentations, lineage, words)
    ranked = [sentence for sentence, _ in chosen]
    return tuple(
        _summary_sentence(*chosen[k], findings) for k in story_order(ranked, publications, timexes)
    )


def rank_sentences(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
) -> list[tuple[Sentence, list[Sentence]]]:
    """The sentences :func:`summarize` takes within ``words``, best first, each with the
    sentences of other articles that support it."""
    sentences = vectorise(articles, segmentations)
    if not sentences:
        return []
    support = [
        supporters(s, sentences, c)
        for s, c in zip(sentences, support_candidates(sentences), strict=True)
    ]
    scores = [
        0.0 if is_fragment(s.text) else score
        for s, score in zip(sentences, score_sentences(sentences, support, lineage), strict=True)
    ]
    return [(sentences[i], support[i]) for i in select(sentences, scores, words)]


def is_fragment(text: str) -> bool:
    """True for a sentence cut inside a quotation (it ends with a comma and a closing mark:
    the attribution that finishes it was split off), one sentence of a quotation that runs
    over several (its double quotation marks do not pair: read alone, it opens a quote that
    never closes or closes one that never opened), or the tail of a sentence cut before it
    (it opens with a lower-case word that cannot open one: "of", "and", "which" ...).

    Example: ``'The crew is unhurt,”'``, ``'“The plane has taken off.'`` and
    ``"of the group's methods."`` are fragments."""
    stripped = text.strip()
    first = stripped.split(maxsplit=1)[0] if stripped else ""
    unpaired = quote_depths(stripped) != (0, 0)
    return first in _TAIL_WORDS or unpaired or stripped.endswith((",”", ',"', ",’", ",'"))


def select(sentences: Sequence[Sentence], scores: Sequence[float], words: int) -> list[int]:
    """Positions of the sentences taken, best first (see the module's step 3); a sentence
    scored 0 or less is never taken."""
    stated = [concepts(s.text) for s in sentences]
    weight = _concept_weights(sentences, stated)
    said: set[object] = set()  # the concepts of the sentences taken

    def concept_value(position: int) -> float:
        gain = sum(weight.get(c, 0) for c in stated[position] - said)
        return gain / max(1, sentences[position].words) * scores[position] ** SCORE_POWER

    chosen: list[int] = []
    _greedy(sentences, scores, words, chosen, concept_value, said, stated, positive=True)
    units = {position: _units(sentences[position]) for position in chosen}
    covered: set[object] = set().union(*units.values())

    def salience_value(position: int) -> float:
        if position not in units:
            units[position] = _units(sentences[position])
        return scores[position] * _novelty(units[position], covered) ** NOVELTY_POWER

    _greedy(sentences, scores, words, chosen, salience_value, covered, units, positive=False)
    return chosen


def _greedy(
    sentences: Sequence[Sentence],
    scores: Sequence[float],
    words: int,
    chosen: list[int],
    value: Callable[[int], float],
    covered: set[object],
    units: Mapping[int, set[Any]] | Sequence[set[Any]],
    *,
    positive: bool,
) -> None:
    """Append to ``chosen`` the sentences taken greedily by ``value``, which only falls as
    ``covered`` grows (so a lazy heap gives the exact greedy order): each fits the budget
    (the first may be longer) and repeats no chosen sentence; with ``positive``, a sentence
    valued 0 is not taken. ``units[p]`` joins ``covered`` when ``p`` is taken."""
    used = sum(sentences[c].words for c in chosen)
    taken = set(chosen)
    heap = [
        (-(value(p) if positive else score), p)
        for p, score in enumerate(scores)
        if score > 0 and p not in taken
    ]
    heapq.heapify(heap)
    while heap and used < words:
        _, position = heapq.heappop(heap)
        sentence = sentences[position]
        if chosen and used + sentence.words > words:
            continue
        current = value(position)
        if positive and current <= 0:
            continue
        if heap and (-current, position) > heap[0]:
            heapq.heappush(heap, (-current, position))
            continue
        if any(
            cosine(sentence.vector, sentences[c].vector) > REDUNDANCY_SIMILARITY for c in chosen
        ):
            continue
        chosen.append(position)
        covered |= units[position]
        used += sentence.words


def _concept_weights(
    sentences: Sequence[Sentence], stated: Sequence[set[tuple[str, str]]]
) -> dict[tuple[str, str], int]:
    """How many articles state each concept, for those that :data:`CONCEPT_ARTICLES` or more do."""
    articles: dict[tuple[str, str], set[str]] = {}
    for sentence, found in zip(sentences, stated, strict=True):
        for concept in found:
            articles.setdefault(concept, set()).add(sentence.article)
    return {c: len(a) for c, a in articles.items() if len(a) >= CONCEPT_ARTICLES}


def _units(sentence: Sentence) -> set[object]:
    tokens = sentence.tokens
    return {*tokens, *pairwise(tokens)}


def _novelty(units: set[object], covered: set[object]) -> float:
    return len(units - covered) / len(units) if units else 0.0


def conflict_flags(citations: Sequence[Citation], findings: Sequence[Finding]) -> tuple[str, ...]:
    """One flag per conflict finding with a cited passage inside one of ``citations``.

    Example: ``("conflict: date of election: 2021-05-02 (2 lineages) vs 2021-05-03 (1 lineage)",)``
    """
    flags = []
    for finding in findings:
        if finding.kind != "conflict":
            continue
        passages = [c for value in finding.values for c in value.citations]
        if any(_within(c, cited) for c in passages for cited in citations):
            disputed = [  # a coarser value both sides fit ("2021-05") is not in the dispute
                v
                for v in finding.values
                if any(not compatible(v.value, w.value) for w in finding.values)
            ]
            values = " vs ".join(
                f"{v.value} ({v.independent_support} "
                f"lineage{'' if v.independent_support == 1 else 's'})"
                for v in disputed
            )
            flags.append(f"conflict: {finding.slot} of {finding.subject}: {values}")
    return tuple(dict.fromkeys(flags))


def _within(passage: Citation, cited: Citation) -> bool:
    return passage.article == cited.article and passage.span.overlaps(cited.span)


def _summary_sentence(
    sentence: Sentence, backers: Sequence[Sentence], findings: Sequence[Finding]
) -> SummarySentence:
    citations = tuple(Citation(s.article, Span(s.start, s.end)) for s in (sentence, *backers))
    return SummarySentence(
        text=sentence.text, citations=citations, flags=conflict_flags(citations, findings)
    )
