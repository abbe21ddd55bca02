"""Quality gate: entity mentions and cross-document entity coreference on MEANTIME.

Each MEANTIME corpus (Airbus, Apple, GM, stocks: ~30 Wikinews articles each) is analysed
as one story; gold are the named mentions (NAM) of persons, organisations and places
linked to cross-document instances. Mentions: a system mention matches a gold one when
their spans overlap and the types agree. Coreference is scored on the gold mentions.
"""

from __future__ import annotations

import pytest

from newsweave.extract.entities import find_entities
from newsweave.model import Article
from newsweave.nlp import parse_many
from tests.eval.coref_scoring import coref_scores
from tests.eval.ecb_entities import read_ecb_entities
from tests.eval.gate import check_floors, require
from tests.eval.meantime_entities import TYPES, read_meantime_entities

pytestmark = pytest.mark.eval


def _system(docs):
    articles = [Article(id=d.id, source=d.id, text=d.text) for d in docs]
    parsed = dict(zip((a.id for a in articles), parse_many(a.text for a in articles), strict=True))
    return find_entities(articles, parsed)


def corpus_scores(docs) -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
    entities = _system(docs)
    counts = {
        "system": sum(len(e.mentions) for e in entities if e.type in set().union(*TYPES.values())),
        "gold": 0,
        "matched": 0,
    }
    system, gold = {}, {}
    for doc in docs:
        for start, end, instance, kind in doc.mentions:
            key = f"{doc.id}:{start}"
            gold[key] = instance
            counts["gold"] += 1
            hit = next(
                (
                    e
                    for e in entities
                    if e.type in TYPES[kind]
                    for m in e.mentions
                    if m.article == doc.id and m.span.start < end and start < m.span.end
                ),
                None,
            )
            if hit is not None:
                system[key] = hit.id
                counts["matched"] += 1
    return counts, system, gold


def test_entity_quality(datasets):
    root = require(datasets / "meantime" / "intra_cross-doc_annotation")
    totals = {"system": 0, "gold": 0, "matched": 0}
    system, gold = {}, {}
    for corpus in sorted(p for p in root.iterdir() if p.is_dir()):
        docs = [read_meantime_entities(p) for p in sorted(corpus.glob("*.xml"))]
        counts, corpus_system, corpus_gold = corpus_scores(docs)
        for key in totals:
            totals[key] += counts[key]
        system |= {k: f"{corpus.name}:{v}" for k, v in corpus_system.items()}
        gold |= {k: f"{corpus.name}:{v}" for k, v in corpus_gold.items()}
    scores = coref_scores(system, gold)
    scores["mention_recall"] = totals["matched"] / totals["gold"]
    scores |= {f"ecb_{k}": v for k, v in ecb_scores(datasets).items()}
    check_floors("entities", scores)


#: ECB+ topics scored (every fifth, deterministic): parsing all 982 articles takes minutes.
ECB_TOPICS = ("1", "6", "11", "16", "21", "26", "31", "36", "41")


def ecb_scores(datasets) -> dict[str, float]:
    root = require(datasets / "ecbplus" / "ECB+_LREC2014" / "ECB+")
    system, gold = {}, {}
    totals = {"system": 0, "gold": 0, "matched": 0}
    for topic in ECB_TOPICS:
        docs = [read_ecb_entities(p) for p in sorted((root / topic).glob("*.xml"))]
        counts, topic_system, topic_gold = corpus_scores(docs)
        for key in totals:
            totals[key] += counts[key]
        system |= {f"{topic}/{k}": f"{topic}:{v}" for k, v in topic_system.items()}
        gold |= {f"{topic}/{k}": f"{topic}:{v}" for k, v in topic_gold.items()}
    scores = coref_scores(system, gold)
    scores["mention_recall"] = totals["matched"] / totals["gold"]
    return scores
