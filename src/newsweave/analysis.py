"""``analyze --all``: the story tier over every stored story that needs it, in parallel.

A story needs an analysis when it has none, or its articles changed since (its
fingerprint differs); the code version that made each analysis is kept beside it. Each story is one job:
the parent reads its articles from the store and hands them to a worker (a process of
a local pool, or a Spark executor), which parses them (spaCy loaded once per worker),
finds reuse among them and runs the story tier; the parent writes each result as it
arrives, in its own transaction. Killing a run loses at most the stories in flight;
running again continues with the rest. A story that fails is recorded with its reason
and the others go on. Results do not depend on the number of workers.
"""

from __future__ import annotations

import json
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from newsweave import __version__
from newsweave.config import Settings
from newsweave.corpus.apply import story_fingerprint
from newsweave.corpus.catalog import since_day
from newsweave.engines.local import default_workers
from newsweave.model import Article, Dossier, Story
from newsweave.store import Store, code_version, open_store

__all__ = ["AnalysisReport", "Job", "Result", "analyze_all", "pending_stories", "run_job"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Job:
    """One story to analyse: everything a worker needs, no store."""

    story: Story
    articles: tuple[Article, ...]
    fingerprint: str
    settings: Settings


@dataclass(frozen=True, slots=True)
class Result:
    story: str
    fingerprint: str
    dossier: str | None
    record: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class AnalysisReport:
    analysed: int
    failed: tuple[tuple[str, str], ...]
    up_to_date: int


def pending_stories(
    store: Store, *, min_size: int = 1, since: str | None = None
) -> tuple[list[str], int]:
    """Ids of the stories to analyse (sorted), and how many eligible ones are up to date.

    Raises:
        InputError: ``since`` is not a day.
    """
    since = since_day(since)
    rows = store.conn.execute(
        """SELECT s.id, s.fingerprint, a.fingerprint, a.version, a.status
           FROM stories s LEFT JOIN analyses a ON a.story = s.id
           WHERE s.size >= ? AND (? IS NULL OR s.last_published >= ?)
           ORDER BY s.id""",
        (min_size, since, since),
    ).fetchall()
    todo = [story for story, fingerprint, done, _, _ in rows if done != fingerprint]
    return todo, len(rows) - len(todo)


def _jobs(store: Store, stories: Sequence[str], settings: Settings) -> Iterator[Job]:
    rows = store.corpus.story_rows(stories)
    members = store.corpus.story_members(stories)
    for story_id in stories:
        articles = sorted(
            store.load_articles(members.get(story_id, [])),
            key=lambda a: (a.published or "~", a.id),
        )
        story = Story(story_id, tuple(a.id for a in articles), rows[story_id].headline)
        yield Job(story, tuple(articles), story_fingerprint(articles), settings)


def run_job(job: Job) -> Result:
    """Analyse one story (in whatever process runs it); failures become a reason."""
    from newsweave.align import find_reuse
    from newsweave.nlp import load_pipeline
    from newsweave.report.dossier import dossier_to_dict
    from newsweave.store.records import encode_record
    from newsweave.story import analyze_story

    try:
        nlp = load_pipeline()
        articles = list(job.articles)
        docs = dict(zip((a.id for a in articles), nlp.pipe(a.text for a in articles), strict=True))
        passages = find_reuse(articles, job.settings.align)
        analysis = analyze_story(job.story, articles, passages, docs, job.settings)
        dossier = Dossier(job.articles, (), (), (analysis,), __version__)
        story_json = json.dumps(dossier_to_dict(dossier)["stories"][0], ensure_ascii=False)
        return Result(job.story.id, job.fingerprint, story_json, encode_record(analysis), None)
    except Exception as error:  # one story's failure is recorded; the others go on
        if os.environ.get("NEWSWEAVE_DEBUG"):
            traceback.print_exc()
        return Result(job.story.id, job.fingerprint, None, None, f"{type(error).__name__}: {error}")


def run_partition(jobs: list[Job]) -> Iterator[Result]:
    """Analyse the jobs of one partition (spaCy is loaded once, on the first)."""
    for job in jobs:
        yield run_job(job)


def analyze_all(
    settings: Settings,
    *,
    min_size: int = 1,
    since: str | None = None,
    progress: Progress | None = None,
) -> AnalysisReport:
    """Analyse every stored story that needs it (``settings.db``), in parallel.

    ``settings.run.engine`` chooses a local process pool (``settings.run.workers``, default
    one per core) or Spark executors (``settings.spark``).

    Raises:
        StoreError: the store cannot be opened or written.
        NewsweaveError: the Spark engine cannot start (the message names the fix).

    Example: ``analyze_all(Settings(db="news.sqlite")).analysed``
    """
    report = progress or _silent
    with open_store(settings.db, create=False) as store:
        todo, current = pending_stories(store, min_size=min_size, since=since)
        report("stories", 0, len(todo))
        failed: list[tuple[str, str]] = []
        done = 0
        for result in _results(_jobs(store, todo, settings), settings, len(todo)):
            _keep(store, result)
            if result.error:
                failed.append((result.story, result.error))
            done += 1
            report("stories", done, len(todo))
    return AnalysisReport(done - len(failed), tuple(failed), current)


def _keep(store: Store, result: Result) -> None:
    store.save_analysis(
        result.story,
        result.fingerprint,
        code_version(),
        dossier=result.dossier,
        record=result.record,
        error=result.error,
    )


def _results(jobs: Iterator[Job], settings: Settings, count: int) -> Iterator[Result]:
    if settings.run.engine == "spark":
        from newsweave.engines.spark import SparkEngine

        with SparkEngine(settings.spark) as engine:
            yield from engine.analyze(list(jobs), run_partition, weight=_weight)
        return
    workers = settings.run.workers or default_workers()
    if workers <= 1 or count <= 1:
        yield from map(run_job, jobs)
        return
    yield from _pooled(jobs, min(workers, count))


def _weight(job: Job) -> int:
    """A story's cost, roughly: its words (the parse is most of it)."""
    return sum(len(a.text.split()) for a in job.articles)


def _pooled(jobs: Iterable[Job], workers: int) -> Iterator[Result]:
    """Results as workers finish them, with a bounded number of stories in flight."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # spaCy and threads do not like fork
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm) as pool:
        pending: deque[Future[Result]] = deque()
        for job in jobs:
            pending.append(pool.submit(run_job, job))
            while len(pending) >= 2 * workers:
                yield _next_done(pending)
        while pending:
            yield _next_done(pending)


def _next_done(pending: deque[Future[Result]]) -> Result:
    from concurrent.futures import FIRST_COMPLETED, wait

    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    first = next(f for f in pending if f in done)
    pending.remove(first)
    return first.result()


def _warm() -> None:
    """Each worker loads spaCy once, before its first story."""
    from newsweave.nlp import load_pipeline

    load_pipeline()


def _silent(stage: str, done: int, total: int) -> None:
    return None
