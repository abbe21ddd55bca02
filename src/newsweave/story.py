"""The story tier: deep analysis of the few dozen articles of one story."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newsweave.align import build_lineage, orient_by_windows, orient_passages
from newsweave.config import Settings
from newsweave.extract.claims import find_claims
from newsweave.extract.entities import find_entities
from newsweave.extract.quotes import find_quotes
from newsweave.extract.timexes import TimexScan, find_timexes, scan_timexes
from newsweave.model import Article, Publication, ReusePassage, Story, StoryAnalysis, Timex
from newsweave.reconcile.dating import anchor_of, infer_publications
from newsweave.reconcile.findings import reconcile_claims
from newsweave.reconcile.quotes import group_quotes
from newsweave.reconcile.timeline import build_timeline
from newsweave.segment import segment
from newsweave.summarize import summarize_story

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["analyze_story"]


def analyze_story(
    story: Story,
    articles: Sequence[Article],
    passages: Sequence[ReusePassage],
    docs: Mapping[str, Doc],
    settings: Settings,
) -> StoryAnalysis:
    """Lineage, entities, quotes, dates, claims, findings, timeline and summary of one story.

    Pure over its inputs: ``docs`` are the parsed articles, ``passages`` the
    reuse found between them.
    """
    lineage = build_lineage(articles, passages)
    scans = {a.id: scan_timexes(a.text) for a in articles}
    publications = infer_publications(articles, lineage, scans)
    lineage = orient_by_windows(lineage, publications)
    entities = find_entities(articles, docs)
    quotes, quote_groups = group_quotes(find_quotes(articles, docs, entities), articles, lineage)
    timexes = _timexes(articles, publications, scans)
    claims = find_claims(articles, docs, entities, timexes)
    segmentations = {a.id: segment(a, docs[a.id]) for a in articles}
    findings = reconcile_claims(claims, lineage)
    return StoryAnalysis(
        story=story,
        independent_sources=len(lineage.groups),
        lineage=lineage,
        reuse=orient_passages(passages, lineage),
        publications=publications,
        entities=entities,
        quotes=quotes,
        quote_groups=quote_groups,
        timexes=timexes,
        claims=claims,
        findings=findings,
        timeline=build_timeline(articles, docs, timexes, publications, claims, entities, lineage),
        summary=summarize_story(
            articles,
            segmentations,
            lineage,
            settings.summary_words,
            settings.summary,
            publications=publications,
            timexes=timexes,
            findings=findings,
        ),
    )


def _timexes(
    articles: Sequence[Article],
    publications: Sequence[Publication],
    scans: Mapping[str, TimexScan],
) -> tuple[Timex, ...]:
    anchors = {p.article: anchor_of(p) for p in publications}
    return tuple(
        t for a in articles for t in find_timexes(a.text, a.id, anchors.get(a.id), scans.get(a.id))
    )
