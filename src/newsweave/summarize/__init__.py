"""A story's summary, every sentence cited: extracted (default) or generated and checked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.config import SummarySettings
from newsweave.model import (
    Article,
    Finding,
    Lineage,
    Publication,
    Segmentation,
    SummarySentence,
    Timex,
)
from newsweave.summarize.cited import summarize

__all__ = ["summarize", "summarize_story"]


def summarize_story(
    articles: Sequence[Article],
    segmentations: Mapping[str, Segmentation],
    lineage: Lineage,
    words: int,
    settings: SummarySettings,
    *,
    publications: Sequence[Publication] = (),
    timexes: Sequence[Timex] = (),
    findings: Sequence[Finding] = (),
) -> tuple[SummarySentence, ...]:
    """The story's summary in ``settings.mode``: ``"extract"`` (:func:`summarize`) or
    ``"generate"`` (:func:`newsweave.summarize.generate.generate_summary`, which falls back
    to the extractive summary, saying why, when the endpoint fails).

    Example: ``summarize_story(articles, segs, lineage, 120, Settings().summary)``
    """
    if settings.mode == "generate":
        from newsweave.summarize.generate import generate_summary

        return generate_summary(
            articles,
            segmentations,
            lineage,
            words,
            settings,
            publications=publications,
            timexes=timexes,
            findings=findings,
        )
    return summarize(
        articles,
        segmentations,
        lineage,
        words,
        publications=publications,
        timexes=timexes,
        findings=findings,
    )
