"""How much of a story a sentence carries: a linear score over a few measured features.

Each sentence's features (all in about [0, 1]):

- ``support``: independent lineage groups reporting it besides its own (``(g - 1) / groups``);
- ``best_support``: its cosine to the closest sentence of another article that supports it;
- ``centrality``: its cosine to the centroid of the story's sentences;
- ``lead``: its cosine to the centroid of the articles' opening sentences, each lineage group
  weighed alike (what every group leads with);
- ``position``: ``1 / (1 + index)`` in its article;
- ``length``: its words over 30 (capped at 60 words);
- ``density``: the share of its words that are content words;
- ``spread``: the mean, over its content words, of the share of lineage groups that use them.

:data:`WEIGHTS` were fitted once by least squares to each sentence's ROUGE-2 precision against
the human summary on the *dev* half of the Multi-News sample (even clusters, sentences among
the first 40 of their article); the odd half is held out and only reported
(``bench/summary_bench.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.model import Lineage
from newsweave.summarize.sentences import Sentence, centroid, cosine

__all__ = ["WEIGHTS", "score_sentences"]

#: Feature weights and the intercept, fitted on the dev half of the Multi-News sample (see above).
WEIGHTS: Mapping[str, float] = {
    "support": 0.111,
    "best_support": 0.165,
    "centrality": 0.476,
    "lead": 0.032,
    "position": 0.057,
    "length": -0.059,
    "density": -0.189,
    "spread": 0.132,
}
INTERCEPT = 0.115
#: Opening sentences of each article that make up the lead centroid (the news lead).
LEAD_SENTENCES = 3
#: Scores are kept above this, so that a novelty factor can only lower them.
FLOOR = 1e-6


def score_sentences(
    sentences: Sequence[Sentence],
    support: Sequence[Sequence[Sentence]],
    lineage: Lineage,
) -> list[float]:
    """One score per sentence (same order); ``support[i]`` are the supporters of sentence i.

    Example: a lead sentence reported by every other lineage scores above a caption.
    """
    group = {a: i for i, members in enumerate(lineage.groups) for a in members}
    groups = max(1, len(lineage.groups))
    story = centroid([s.vector for s in sentences])
    lead = _lead_centroid(sentences, group)
    spread = _word_spread(sentences, group, groups)
    scores = []
    for sentence, backers in zip(sentences, support, strict=True):
        features = _features(sentence, backers, group, groups, story, lead, spread)
        value = INTERCEPT + sum(WEIGHTS[name] * v for name, v in features.items())
        scores.append(max(FLOOR, value))
    return scores


def _features(
    sentence: Sentence,
    backers: Sequence[Sentence],
    group: Mapping[str, int],
    groups: int,
    story: Mapping[str, float],
    lead: Mapping[str, float],
    spread: Mapping[str, float],
) -> dict[str, float]:
    reporting = {group.get(s.article, -1) for s in (sentence, *backers)}
    tokens = sentence.tokens
    words = max(1, sentence.words)
    return {
        "support": (len(reporting) - 1) / groups if groups > 1 else 0.0,
        "best_support": max((cosine(sentence.vector, s.vector) for s in backers), default=0.0),
        "centrality": cosine(sentence.vector, story),
        "lead": cosine(sentence.vector, lead),
        "position": 1.0 / (1.0 + sentence.index),
        "length": min(words, 60) / 30,
        "density": len(tokens) / words,
        "spread": sum(spread[t] for t in tokens) / len(tokens) if tokens else 0.0,
    }


def _lead_centroid(sentences: Sequence[Sentence], group: Mapping[str, int]) -> dict[str, float]:
    """Centroid of each group's opening sentences, then of the groups (each counts once)."""
    by_group: dict[int, list[Mapping[str, float]]] = {}
    for sentence in sentences:
        if sentence.index < LEAD_SENTENCES:
            by_group.setdefault(group.get(sentence.article, -1), []).append(sentence.vector)
    return centroid([centroid(vectors) for _, vectors in sorted(by_group.items())])


def _word_spread(
    sentences: Sequence[Sentence], group: Mapping[str, int], groups: int
) -> dict[str, float]:
    """For each content word, the share of lineage groups whose sentences use it."""
    users: dict[str, set[int]] = {}
    for sentence in sentences:
        for token in set(sentence.tokens):
            users.setdefault(token, set()).add(group.get(sentence.article, -1))
    return {w: len(g) / groups for w, g in users.items()}
