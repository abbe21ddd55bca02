"""``ingest``: read inputs into the store, find their duplicates, update the stories.

The library function behind ``newsweave ingest``. A store with no corpus tier yet
(or one built by other feature code) is clustered at once, in memory
(:func:`newsweave.cluster.stories.cluster_corpus`); a store that has one grows by
:func:`newsweave.corpus.update.update_corpus`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from newsweave.cluster.duplicates import DuplicateCluster
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.minhash import band_keys
from newsweave.cluster.stories import cluster_corpus
from newsweave.config import Settings
from newsweave.corpus.apply import StoryChanges, apply_groups
from newsweave.corpus.update import index_representatives, update_corpus
from newsweave.engines.local import compute_features
from newsweave.errors import InputError
from newsweave.ingest import read_inputs
from newsweave.model import Article, Rejection
from newsweave.store import Store, code_version, open_store

__all__ = ["IngestReport", "features_version", "ingest", "ingest_articles"]

#: Called as ``progress(stage, done, total)``; the library itself never prints.
Progress = Callable[[str, int, int], None]

_FEATURE_MODULES = ("terms.py", "names.py", "features.py", "minhash.py")


@cache
def features_version() -> str:
    """A digest of the code that computes features: stored features from other code are
    recomputed, and a corpus tier built on them is rebuilt."""
    folder = Path(__file__).resolve().parent.parent / "cluster"
    digest = hashlib.sha256()
    for name in _FEATURE_MODULES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ``ingest`` did."""

    added: int
    updated: int
    unchanged: int
    rejected: tuple[Rejection, ...]
    copies: int
    changes: StoryChanges | None
    stories: int
    articles: tuple[str, ...] = field(default=())


def _silent(stage: str, done: int, total: int) -> None:
    return None


def ingest(
    inputs: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
) -> IngestReport:
    """Read files and folders into the store (``settings.db``) and update its stories.

    Raises:
        InputError: no inputs were given, or an input path does not exist.
        StoreError: the store cannot be opened or written.

    Example: ``ingest(["examples/"], Settings(db="news.sqlite")).changes.created``
    """
    settings = settings or Settings()
    if not inputs:
        raise InputError("no inputs given (name files or folders of .txt, .html or .jsonl)")
    report = progress or _silent
    read = read_inputs(inputs, settings.ingest)
    with open_store(settings.db) as store:
        run = store.start_run([str(p) for p in inputs], settings.fingerprint(), code_version())
        try:
            result = ingest_articles(store, read.articles, read.rejected, settings, report, run)
        except BaseException:
            store.finish_run(run, "interrupted")
            raise
        store.finish_run(run, "done")
    return result


def ingest_articles(
    store: Store,
    articles: Sequence[Article],
    rejected: Sequence[Rejection],
    settings: Settings,
    progress: Progress,
    run: int | None = None,
) -> IngestReport:
    """:func:`ingest` on articles already read, into an open store."""
    states = store.article_states(a.id for a in articles)
    fresh = [a for a in articles if a.id not in states]
    changed = [a for a in articles if a.id in states and states[a.id] != _state(a)]
    unchanged = len(articles) - len(fresh) - len(changed)
    todo = fresh + changed
    version = features_version()
    progress("features", 0, len(todo))
    features = compute_features(todo, progress=lambda done: progress("features", done, len(todo)))
    progress("stories", 0, 1)
    with store.transaction():
        store.write_articles(todo)
        store.record_rejections(rejected, run)
        store.corpus.save_features(features, version)
        if changed or store.corpus_version() not in (None, version):
            features = _rebuild_features(store, version)
            clusters, groups = _cluster_all(store, features, settings)
        elif store.corpus_version() is None:
            clusters, groups = _cluster_all(store, features, settings)
        else:
            clusters, groups = _grow(store, features, version, settings)
        changes = apply_groups(store, groups, {a.id for a in todo}, run)
        store.set_corpus_version(version)
    progress("stories", 1, 1)
    copies = sum(1 for c in clusters for m in c.members if m.kind != "representative")
    return IngestReport(
        added=len(fresh),
        updated=len(changed),
        unchanged=unchanged,
        rejected=tuple(rejected),
        copies=copies,
        changes=changes,
        stories=store.count("stories"),
        articles=tuple(a.id for a in todo),
    )


def _state(a: Article) -> tuple[str, str | None, str | None, str | None]:
    return (a.content_hash, a.title, a.outlet, a.published)


def _rebuild_features(store: Store, version: str) -> list[ArticleFeatures]:
    """Features of every stored article, recomputing those another version wrote."""
    ids = store.all_article_ids()
    stored = store.corpus.features(ids, version)
    missing = [i for i in ids if i not in stored]
    recomputed = compute_features(store.load_articles(missing)) if missing else []
    store.corpus.save_features(recomputed, version)
    return list(stored.values()) + recomputed


def _cluster_all(
    store: Store, features: Sequence[ArticleFeatures], settings: Settings
) -> tuple[Sequence[DuplicateCluster], Sequence[Sequence[str]]]:
    """Cluster every given article at once and write the whole corpus tier."""
    store.clear_corpus()
    clustering = cluster_corpus(features, settings.cluster.cut)
    tables = store.corpus
    tables.save_duplicates(clustering.duplicates)
    by_id = {f.article: f for f in features}
    exact = {m.article for c in clustering.duplicates for m in c.members if m.kind == "exact"}
    distinct = [f for f in features if f.article not in exact]
    if distinct:
        keys = band_keys(np.stack([f.minhash for f in distinct]))
        tables.save_bands(
            (int(k), f.article) for f, row in zip(distinct, keys, strict=True) for k in row.tolist()
        )
    index_representatives(tables, [by_id[c.representative] for c in clustering.duplicates])
    tables.save_neighbours(clustering.neighbours)
    tables.save_neighbourhoods(clustering.neighbourhoods)
    tables.replace_links([], clustering.links)
    return clustering.duplicates, clustering.stories


def _grow(
    store: Store, features: Sequence[ArticleFeatures], version: str, settings: Settings
) -> tuple[Sequence[DuplicateCluster], Sequence[Sequence[str]]]:
    update = update_corpus(store.corpus, features, version, settings.cluster.cut)
    reps = {r for g in update.groups for r in g}
    clusters = store.corpus.duplicate_clusters(reps)
    groups = [sorted(m.article for r in g for m in clusters[r].members) for g in update.groups]
    return update.duplicates, groups
