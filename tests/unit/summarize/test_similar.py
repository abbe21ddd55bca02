"""The prefix-filter index finds exactly the pairs comparing every pair would."""

import math
import random

import pytest

from newsweave.model import Article, Segmentation, Span
from newsweave.summarize.sentences import (
    SUPPORT_SIMILARITY,
    cosine,
    support_candidates,
    supporters,
    vectorise,
)
from newsweave.summarize.similar import ranked_vectors, similar_pairs


def _unit_vectors(rng, count, vocabulary):
    """Vectors over a Zipf-like vocabulary (a few words in most), some repeated, some empty."""
    words = [f"w{k}" for k in range(vocabulary)]
    weights = [1 / (k + 1) for k in range(vocabulary)]
    vectors = []
    for _ in range(count):
        if vectors and rng.random() < 0.1:
            vectors.append(dict(rng.choice(vectors)))
            continue
        chosen = set(rng.choices(words, weights, k=rng.randint(0, 8)))
        raw = {w: rng.uniform(0.05, 1.0) for w in sorted(chosen, key=lambda w: rng.random())}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        vectors.append({w: v / norm for w, v in raw.items()})
    return vectors


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("threshold", [0.2, 0.45, 0.8])
def test_similar_pairs_are_the_pairs_of_all_pairs(seed, threshold):
    vectors = _unit_vectors(random.Random(seed), 150, 40)
    found = {tuple(p) for p in similar_pairs(vectors, threshold).tolist()}
    every = {
        (i, j)
        for i, a in enumerate(vectors)
        for j, b in enumerate(vectors)
        if cosine(a, b) >= threshold
    }
    assert every <= found
    assert all(cosine(vectors[i], vectors[j]) >= threshold - 1e-9 for i, j in found)


def test_similar_pairs_edge_cases():
    assert similar_pairs([], 0.5).shape == (0, 2)
    assert similar_pairs([{}, {}], 0.5).tolist() == []
    pairs = similar_pairs([{"a": 1.0}, {"a": 0.6, "b": 0.8}], 0.5)
    assert pairs.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert similar_pairs([{"a": 1.0}, {"a": 0.6, "b": 0.8}], 0.7).tolist() == [[0, 0], [1, 1]]
    with pytest.raises(ValueError):
        similar_pairs([{"a": 1.0}], 0.0)


def test_ranked_vectors_number_words_rarest_first():
    table = ranked_vectors([{"a": 0.6, "b": 0.8}, {"b": 1.0}])
    assert table.indptr.tolist() == [0, 2, 3]
    assert table.rows.tolist() == [0, 0, 1]
    assert table.ranks.tolist() == [0, 1, 1]
    assert table.weights.tolist() == [0.6, 0.8, 1.0]
    assert table.remaining.tolist() == pytest.approx([1.0, 0.8, 1.0])


def _random_story(rng, articles, per_article):
    words = "vote senate bill tax plan cut rise state city mayor court judge ruling law".split()
    words += [f"name{k}" for k in range(12)]
    texts = []
    for _ in range(articles):
        lines = []
        for _ in range(per_article):
            if texts and rng.random() < 0.2:  # a sentence another article has
                source = rng.choice(texts)
                lines.append(rng.choice(source))
            else:
                lines.append(" ".join(rng.choices(words, k=rng.randint(6, 12))) + ".")
        texts.append(lines)
    story, segmentations = [], {}
    for k, lines in enumerate(texts):
        text, spans, start = " ".join(lines), [], 0
        for line in lines:
            spans.append(Span(start, start + len(line)))
            start += len(line) + 1
        story.append(Article(id=f"a{k}", source=f"a{k}", text=text))
        segmentations[f"a{k}"] = Segmentation(f"a{k}", (Span(0, len(text)),), tuple(spans))
    return story, segmentations


@pytest.mark.parametrize("seed", range(4))
def test_indexed_supporters_are_the_supporters_of_all_pairs(seed):
    articles, segmentations = _random_story(random.Random(seed), 12, 15)
    sentences = vectorise(articles, segmentations)
    everyone = range(len(sentences))
    indexed = [
        supporters(s, sentences, c)
        for s, c in zip(sentences, support_candidates(sentences), strict=True)
    ]
    assert indexed == [supporters(s, sentences, everyone) for s in sentences]
    assert any(indexed)
    exact = [
        [j for j in everyone if cosine(s.vector, sentences[j].vector) >= SUPPORT_SIMILARITY]
        for s in sentences
    ]
    for found, above in zip(support_candidates(sentences), exact, strict=True):
        assert set(above) <= set(found)
