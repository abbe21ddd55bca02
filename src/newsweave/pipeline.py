"""The pipeline: ingest -> cluster -> align -> extract -> reconcile -> summarise.

:func:`analyze` is the one public entry point; the CLI only adapts it. Every
stage's result is kept in the store under a key of its inputs, settings and the
code version, so a rerun reuses what is still valid and an interrupted run
resumes where it stopped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave import __version__
from newsweave.config import Settings
from newsweave.corpus.apply import story_fingerprint
from newsweave.corpus.catalog import missing_story
from newsweave.ingest import collect_articles
from newsweave.model import Article, Dossier, ReusePassage, Story, StoryAnalysis
from newsweave.sources import gather, input_list
from newsweave.store import Store, code_version, open_store, stage_key
from newsweave.story import analyze_story

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Progress", "analyze", "analyze_stored"]

#: Called as ``progress(stage, done, total)``; the library itself never prints.
Progress = Callable[[str, int, int], None]


def analyze(
    inputs: str | Path | Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
) -> Dossier:
    """Analyse news files and folders into a dossier.

    Args:
        inputs: files or folders of ``.txt``, ``.html``/``.htm``, ``.jsonl`` and web archives
            (``.warc``, ``.warc.gz``, ``.arc.gz``), and ``http(s)://`` URLs of pages, RSS/Atom
            feeds and sitemaps.
        settings: defaults when None; ``settings.db`` chooses the store.
        progress: optional callback ``(stage, done, total)``.

    Returns:
        The :class:`~newsweave.model.Dossier`; inputs that could not be read are
        in ``rejected`` with their reason. It has no articles when nothing was readable.

    Raises:
        InputError: no inputs were given, or an input path does not exist.
        StoreError: the store cannot be opened or written.

    Example: ``newsweave.analyze(["examples/"]).stories[0].independent_sources``
    """
    inputs = input_list(inputs)
    settings = settings or Settings()
    report = progress or _silent
    gathered = gather(inputs, settings, report)
    ingested = collect_articles(gathered.items)
    if not ingested.articles:
        return Dossier((), ingested.rejected, (), (), __version__)
    with open_store(settings.db) as store:
        with store.transaction():
            store.save_pages(gathered.take_pages())
        run = store.start_run([str(p) for p in inputs], settings.results_json(), code_version())
        try:
            dossier = _analyze_articles(store, ingested.articles, settings, report)
        except BaseException:
            store.finish_run(run, "interrupted")
            raise
        store.finish_run(run, "done")
    return Dossier(ingested.articles, ingested.rejected, dossier[0], dossier[1], __version__)


def analyze_stored(
    story_id: str,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
) -> Dossier:
    """The story tier on one story of the store (``settings.db``), without re-reading inputs.

    The analysis is kept in the store's ``analyses`` table (its dossier JSON and record).

    Raises:
        InputError: the store has no story with that id.
        StoreError: the store cannot be opened or written.

    Example: ``analyze_stored("s1a2b3c4d5", Settings(db="news.sqlite")).stories[0]``
    """
    settings = settings or Settings()
    report = progress or _silent
    with open_store(settings.db, create=False) as store:
        story, articles = _stored_story(store, story_id)
        analysis = analyze_members(store, story, articles, settings, report)
        dossier = Dossier(tuple(articles), (), (), (analysis,), __version__)
        keep_analysis(store, dossier, story_fingerprint(articles))
    return dossier


def _stored_story(store: Store, story_id: str) -> tuple[Story, list[Article]]:
    row = store.corpus.story_rows([story_id]).get(story_id)
    if row is None:
        raise missing_story(store, story_id)
    members = store.corpus.story_members([story_id]).get(story_id, [])
    articles = sorted(store.load_articles(members), key=lambda a: (a.published or "~", a.id))
    return Story(story_id, tuple(a.id for a in articles), row.headline), articles


def analyze_members(
    store: Store,
    story: Story,
    articles: Sequence[Article],
    settings: Settings,
    report: Progress,
) -> StoryAnalysis:
    """The story tier on ``articles`` (one story): reuse among them, then the deep analysis."""
    from newsweave.align import find_reuse

    hashes = sorted(_article_key(a) for a in articles)
    report("reuse", 0, 1)
    passages = store.cached(
        stage_key("reuse", hashes, repr(settings.align), code_version()),
        lambda: find_reuse(articles, settings.align),
    )
    report("reuse", 1, 1)
    return _cached_story(store, story, {a.id: a for a in articles}, passages, settings)


def keep_analysis(store: Store, dossier: Dossier, fingerprint: str) -> None:
    """Store the analysis of a dossier's one story (public JSON and exact record)."""
    from newsweave.report.dossier import dossier_to_dict
    from newsweave.store.records import encode_record

    (analysis,) = dossier.stories
    story_json = dossier_to_dict(dossier)["stories"][0]
    store.save_analysis(
        analysis.story.id,
        fingerprint,
        code_version(),
        dossier=json.dumps(story_json, ensure_ascii=False),
        record=encode_record(analysis),
    )


def _silent(stage: str, done: int, total: int) -> None:
    return None


def _analyze_articles(
    store: Store, articles: tuple[Article, ...], settings: Settings, report: Progress
) -> tuple[tuple[ReusePassage, ...], tuple[StoryAnalysis, ...]]:
    from newsweave.align import find_reuse
    from newsweave.cluster import cluster_stories

    store.save_articles(articles)
    hashes = sorted(_article_key(a) for a in articles)
    report("cluster", 0, 1)
    stories = store.cached(
        # how ingest regroups a store does not change one pile's stories
        stage_key(
            "cluster", hashes, repr(replace(settings.cluster, regroup="auto")), code_version()
        ),
        lambda: cluster_stories(articles, settings.cluster),
    )
    report("reuse", 0, 1)
    reuse = store.cached(
        stage_key("reuse", hashes, repr(settings.align), code_version()),
        lambda: find_reuse(articles, settings.align),
    )
    by_id = {a.id: a for a in articles}
    analyses = []
    for done, story in enumerate(stories):
        report("stories", done, len(stories))
        analyses.append(_cached_story(store, story, by_id, reuse, settings))
    report("stories", len(stories), len(stories))
    return _cross_story(reuse, stories), tuple(analyses)


def _article_key(article: Article) -> str:
    """What identifies an article's input to every stage: its text and its metadata."""
    return (
        f"{article.id}|{article.content_hash}|{article.outlet}|{article.published}|{article.title}"
    )


def _cached_story(
    store: Store,
    story: Story,
    by_id: Mapping[str, Article],
    reuse: Sequence[ReusePassage],
    settings: Settings,
) -> StoryAnalysis:
    members = [by_id[i] for i in story.article_ids]
    inside = set(story.article_ids)
    passages = tuple(p for p in reuse if p.source in inside and p.target in inside)
    key = stage_key(
        "story",
        [story.id, *(_article_key(a) for a in members), repr(passages)],
        f"{settings.summary_words}|{settings.summary!r}",
        code_version(),
    )
    found = store.get_result(key)
    if found is not None:
        return found
    analysis = analyze_story(story, members, passages, _parse(store, members), settings)
    if not _fell_back(analysis):  # a failed generation is not kept: the next run tries again
        store.put_result(key, analysis)
    return analysis


def _fell_back(analysis: StoryAnalysis) -> bool:
    return any(
        f.startswith("extractive: generation failed") for s in analysis.summary for f in s.flags
    )


def _parse(store: Store, articles: Sequence[Article]) -> dict[str, Doc]:
    """spaCy docs of ``articles``, each parsed once per text and model, then kept in the store."""
    from spacy.tokens import Doc

    from newsweave.nlp import load_pipeline

    nlp = load_pipeline()
    model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    keys = {a.id: stage_key("parse", [a.content_hash], model, code_version()) for a in articles}
    docs: dict[str, Doc] = {}
    missing = []
    for article in articles:
        blob = store.get_result(keys[article.id])
        if blob is None:
            missing.append(article)
        else:
            docs[article.id] = Doc(nlp.vocab).from_bytes(blob)
    for article, doc in zip(missing, nlp.pipe(a.text for a in missing), strict=True):
        store.put_result(keys[article.id], doc.to_bytes())
        docs[article.id] = doc
    return docs


def _cross_story(
    reuse: Sequence[ReusePassage], stories: Sequence[Story]
) -> tuple[ReusePassage, ...]:
    story_of = {a: s.id for s in stories for a in s.article_ids}
    return tuple(p for p in reuse if story_of[p.source] != story_of[p.target])
