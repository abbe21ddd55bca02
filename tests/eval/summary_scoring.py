"""Multi-News clusters as newsweave stories, and the scorer of their summaries.

Shared by the summary gate (``tests/eval/test_summary.py``) and the benchmark
(``bench/summary_bench.py``): each cluster's sources become ``Article``s through newsweave's
own ingest (``make_article``), are parsed with ``newsweave.nlp`` (docs cached as
``Doc.to_bytes`` under a folder keyed by the text's hash and the model), and run through the
story tier (``find_reuse`` among the cluster's articles, then ``analyze_story``).

Scores: ROUGE-1/2/L (``rouge-score``, Porter stemming) of a summary cut to a word budget
against the human reference; citation precision by :func:`citation_support` (method in its
docstring). Dev and held-out halves: even clusters (by line number) are dev, odd held out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.config import Settings
from newsweave.ingest.records import RawDocument, make_article
from newsweave.model import Article, Lineage, Story, StoryAnalysis, SummarySentence

__all__ = [
    "CONTENT_SHARE",
    "Cluster",
    "analyze_cluster",
    "citation_support",
    "cut_words",
    "parsed_docs",
    "read_clusters",
    "rouge",
]

#: Share of a sentence's content words a cited span must hold to support it (when it does
#: not contain the sentence outright). One half: a paraphrase keeps most content words.
CONTENT_SHARE = 0.5

_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    """
    a an the and or but of in on at to for from by with as is are was were be been has have had
    it its this that these those he she they his her their him them we our you i not no said
    says will would could should can may also after before over into about than then there
    which who what when where while
    """.split()
)


@dataclass(frozen=True)
class Cluster:
    id: str
    number: int  # line number in the sample: even = dev, odd = held out
    texts: tuple[str, ...]
    reference: str

    @property
    def is_dev(self) -> bool:
        return self.number % 2 == 0


def read_clusters(root: Path) -> list[Cluster]:
    """The Multi-News sample: sources split on ``|||||``, blank sources left out."""
    path = root / "multinews_sample100" / "multinews_representative.jsonl"
    clusters = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        texts = tuple(p.strip() for p in record["document"].split("|||||") if p.strip())
        clusters.append(Cluster(record["id"], number, texts, record["reference"]))
    return clusters


def cluster_articles(cluster: Cluster) -> list[Article]:
    """One newsweave ``Article`` per source, through ingest (normalised text, inferred metadata)."""
    return [
        make_article(RawDocument(f"{cluster.id}#{i}", text, {"id": f"{cluster.id}-{i}"}))
        for i, text in enumerate(cluster.texts)
    ]


def parsed_docs(articles: Sequence[Article], cache: Path | None) -> dict[str, Any]:
    """spaCy docs of ``articles``; with ``cache``, each parse is kept there and read back."""
    from spacy.tokens import Doc

    from newsweave.nlp import load_pipeline

    nlp = load_pipeline()
    model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    docs: dict[str, Any] = {}
    for article in articles:
        path = cache / f"{model}-{article.content_hash[:32]}.spacy" if cache else None
        if path is not None and path.exists():
            docs[article.id] = Doc(nlp.vocab).from_bytes(path.read_bytes())
            continue
        doc = nlp(article.text)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.to_bytes())
        docs[article.id] = doc
    return docs


def analyze_cluster(
    cluster: Cluster, cache: Path | None, settings: Settings
) -> tuple[list[Article], Mapping[str, Any], StoryAnalysis]:
    """The cluster's articles, their docs, and the story tier's analysis of them as one story."""
    from newsweave.align import find_reuse
    from newsweave.story import analyze_story

    articles = cluster_articles(cluster)
    docs = parsed_docs(articles, cache)
    passages = find_reuse(articles, settings.align)
    story = Story(cluster.id, tuple(a.id for a in articles), articles[0].title or cluster.id)
    return articles, docs, analyze_story(story, articles, passages, docs, settings)


def cut_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:words])


def rouge(candidates: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """Mean ROUGE-1/2/L precision, recall and F1 (Porter stemming), e.g. ``{"rouge2_r": 0.1}``."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals: dict[str, float] = {}
    for candidate, reference in zip(candidates, references, strict=True):
        for name, score in scorer.score(reference, candidate).items():
            for part, value in (("p", score.precision), ("r", score.recall), ("f", score.fmeasure)):
                key = f"{name}_{part}"
                totals[key] = totals.get(key, 0.0) + value
    return {k: v / max(1, len(candidates)) for k, v in totals.items()}


def content_words(text: str) -> list[str]:
    """Lower-cased words of two or more characters that are not stop words."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


def supports(sentence: str, passage: str) -> bool:
    """True when ``passage`` contains ``sentence`` (spaces and case aside) or holds at least
    :data:`CONTENT_SHARE` of its content words."""
    if " ".join(sentence.lower().split()) in " ".join(passage.lower().split()):
        return True
    words = content_words(sentence)
    if not words:
        return False
    held = set(content_words(passage))
    return sum(w in held for w in words) / len(words) >= CONTENT_SHARE


@dataclass(frozen=True)
class CitationCounts:
    sentences: int = 0
    cited: int = 0  # sentences with at least one citation
    supported: int = 0  # sentences every one of whose citations supports them
    citations: int = 0
    supporting: int = 0  # citations that support their sentence
    multi_lineage: int = 0  # sentences citing two or more independent lineages
    flagged: int = 0


def citation_support(
    summary: Iterable[SummarySentence], texts: Mapping[str, str], lineage: Lineage
) -> CitationCounts:
    """Count how the summary's citations support its sentences.

    Method: a citation supports its sentence when the cited span's text contains the sentence
    or holds at least half (:data:`CONTENT_SHARE`) of the sentence's content words (lower-cased
    words of two or more characters, stop words aside); a sentence is supported when all of
    its citations are. Extractive sentences cite themselves first, so ``multi_lineage`` (a
    sentence citing articles of two or more of ``lineage.groups``) says how many are backed
    by more than their own article's lineage.
    """
    counts = dict.fromkeys(CitationCounts.__dataclass_fields__, 0)
    group = {a: i for i, g in enumerate(lineage.groups) for a in g}
    for sentence in summary:
        verdicts = [
            supports(sentence.text, c.span.slice(texts[c.article])) for c in sentence.citations
        ]
        counts["sentences"] += 1
        counts["cited"] += bool(verdicts)
        counts["supported"] += bool(verdicts) and all(verdicts)
        counts["citations"] += len(verdicts)
        counts["supporting"] += sum(verdicts)
        lineages = {group.get(c.article, -1 - n) for n, c in enumerate(sentence.citations)}
        counts["multi_lineage"] += len(lineages) > 1
        counts["flagged"] += bool(getattr(sentence, "flags", ()))
    return CitationCounts(**counts)


def add_counts(a: CitationCounts, b: CitationCounts) -> CitationCounts:
    return CitationCounts(
        **{k: getattr(a, k) + getattr(b, k) for k in CitationCounts.__dataclass_fields__}
    )
