"""``ingest``: read inputs into the store, find their duplicates, update the stories.

The library function behind ``newsweave ingest``. A store with no corpus tier yet (or one
built by other clustering code, or one that outgrows pairing every two texts) is clustered
at once, in memory (:func:`newsweave.cluster.stories.cluster_table`); a store that has one
grows by :func:`newsweave.corpus.update.update_corpus`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import BrokenExecutor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsweave.cluster.duplicates import DuplicateCluster
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.minhash import band_keys, is_empty
from newsweave.cluster.neighbours import EXACT_PAIRS
from newsweave.cluster.stories import Clustering, cluster_table
from newsweave.cluster.table import NO_DAY, FeatureTable, concat_tables, feature_table
from newsweave.config import Settings
from newsweave.corpus.apply import (
    GroupPlan,
    StoryChanges,
    apply_groups,
    plan_groups,
    plan_stored,
    write_groups,
)
from newsweave.corpus.attach import attach_corpus
from newsweave.corpus.update import update_corpus
from newsweave.engines.local import (
    CHUNK,
    Preparation,
    PreparedChunk,
    chunk_of,
    compute_features,
)
from newsweave.errors import StoreError
from newsweave.model import Article, Rejection
from newsweave.sources import Gathered, gather, input_list
from newsweave.store import Store, code_version, open_store
from newsweave.store.corpus import UNDATED, CorpusTables
from newsweave.store.lock import ingest_lock

if TYPE_CHECKING:
    from newsweave.engines.spark import SparkEngine

__all__ = [
    "IngestReport",
    "features_version",
    "ingest",
    "ingest_articles",
    "ingest_prepared",
    "regroup_mode",
    "tier_version",
]

#: Called as ``progress(stage, done, total)``; the library itself never prints. Stages:
#: "waiting" (for another ingest into the store), "read", "stories".
Progress = Callable[[str, int, int], None]

#: Steps of the "stories" stage reported to ``progress``: clustered, the corpus tables
#: written, the stories written.
STORY_STEPS = 3
#: Documents read per transaction. A commit writes every page its inserts touched, and
#: inserts keyed by content hash and article id land all over the store's trees, so at
#: 200,000 articles a commit of 1,000 wrote four times the pages of one at the start; ten
#: chunks per commit write far fewer (bench/README.md). An interrupted ingest keeps every
#: group it committed.
COMMIT_ITEMS = 10_000

#: Every module whose code decides an article's features (stored features of other code are
#: recomputed, and a corpus tier built on them is rebuilt).
_FEATURE_MODULES = (
    "bags.py",
    "datelines.py",
    "features.py",
    "featurize.py",
    "lexicon.py",
    "minhash.py",
    "names.py",
    "terms.py",
    "tokens.py",
)
#: The code and data that choose and score pairs (candidates, the pair model) and the rules
#: that link them (the cuts): a corpus tier built by other code is clustered again (its
#: stored features kept), since its links and stories are not what one batch under this
#: code gives.
_MODEL_FILES = ("neighbours.py", "pairs.py", "trees.py", "pair_model.json", "linkage.py")


def _digest(names: Sequence[str], seed: str = "") -> str:
    folder = Path(__file__).resolve().parent.parent / "cluster"
    digest = hashlib.sha256(seed.encode("ascii"))
    for name in names:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


@cache
def features_version() -> str:
    """A digest of the code that computes features: stored features from other code are
    recomputed, and a corpus tier built on them is rebuilt."""
    return _digest(_FEATURE_MODULES)


@cache
def tier_version() -> str:
    """A digest of the features' code, the candidates' and the pair model: a corpus tier
    stored under another is clustered again as a whole (features recomputed only where their
    code changed; the stories keep their ids)."""
    return _digest(_MODEL_FILES, seed=features_version())


#: Stories named in a report as those the most new articles joined.
MOST_JOINED = 10


@dataclass(frozen=True, slots=True)
class JoinedStory:
    """A story new articles joined: how many, its size after, its headline."""

    story: str
    joined: int
    size: int
    headline: str


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
    #: the stories the most new articles joined, most first (at most :data:`MOST_JOINED`)
    most_joined: tuple[JoinedStory, ...] = ()
    #: why the whole store was clustered again, when it was ("" otherwise)
    reclustered: str = ""


def _silent(stage: str, done: int, total: int) -> None:
    return None


def ingest(
    inputs: str | Path | Sequence[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
) -> IngestReport:
    """Read files and folders into the store (``settings.db``) and update its stories.

    Documents are read, turned into articles and featured in chunks (over a pool of
    processes for large inputs) while earlier chunks are written, so memory holds the
    features of the batch, not its texts.

    Raises:
        InputError: no inputs were given, or an input path does not exist.
        StoreError: the store cannot be opened or written.

    Example: ``ingest(["examples/"], Settings(db="news.sqlite")).changes.created``
    """
    inputs = input_list(inputs)
    settings = settings or Settings()
    report = progress or _silent
    gathered = gather(inputs, settings, report)
    with open_store(settings.db) as store, _engine(settings) as engine:
        run = store.start_run([str(p) for p in inputs], settings.results_json(), code_version())
        try:
            with store.bulk(), Preparation(gathered.items) as local:
                chunks = engine.prepare(gathered.items) if engine else local.chunks()
                whole = engine.cluster_table if engine else cluster_table
                result = ingest_prepared(
                    store, chunks, settings, report, run, gathered, whole, None if engine else local
                )
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
    """:func:`ingest` on articles already made, into an open store."""
    chunks = [chunk_of(rejected)]
    chunks += [chunk_of(articles[s : s + CHUNK]) for s in range(0, len(articles), CHUNK)]
    return ingest_prepared(store, chunks, settings, progress, run)


def ingest_prepared(
    store: Store,
    chunks: Iterable[PreparedChunk],
    settings: Settings,
    progress: Progress,
    run: int | None = None,
    pages: Gathered | None = None,
    cluster_whole: Callable[[list[FeatureTable], float], Clustering] = cluster_table,
    aside: Preparation | None = None,
) -> IngestReport:
    """Write prepared chunks to the store as they come (with the raw pages read for them),
    then update duplicates and stories (``cluster_whole`` clusters a holder of one table
    when the whole corpus is clustered at once: an engine's; ``aside``, the pool that
    prepared the chunks, plans the story rows of such a clustering while the corpus
    tables are written). One ingest at a time writes a store: another one's
    end is awaited first (:func:`newsweave.store.lock.ingest_lock`; ``progress`` hears
    ``("waiting", 0, 0)`` as it starts to wait and ``("waiting", 1, 1)`` when it is done)."""
    with ingest_lock(store.path, lambda: progress("waiting", 0, 0)) as waited:
        if waited:
            progress("waiting", 1, 1)
        return _ingest_locked(store, chunks, settings, progress, run, pages, cluster_whole, aside)


def _ingest_locked(
    store: Store,
    chunks: Iterable[PreparedChunk],
    settings: Settings,
    progress: Progress,
    run: int | None,
    pages: Gathered | None,
    cluster_whole: Callable[[list[FeatureTable], float], Clustering],
    aside: Preparation | None,
) -> IngestReport:
    version, tier = features_version(), tier_version()
    # a first, batch clustering keeps compact tables, not feature objects
    batch = _Batch(compact=store.corpus_version() is None)
    for group in _commit_groups(chunks):
        with store.transaction():
            for chunk in group:
                todo, blobs, rejected = batch.take(chunk, store)
                store.write_articles(todo, index=not batch.compact)
                store.corpus.save_feature_blobs([a.id for a in todo], blobs, version)
                store.record_rejections(rejected, run)
                if pages is not None:
                    store.save_pages(pages.take_pages())
                progress("read", batch.seen, 0)
    progress("stories", 0, STORY_STEPS)
    batch.resume(store, version)
    whole = _whole_corpus(store, batch, version, tier, cluster_whole, settings.cluster.regroup)
    if whole is not None:  # computed before the transaction, beside the search index
        with store.search_refreshed_aside():
            clustering = whole.cluster(whole.features, settings.cluster.cut)
    progress("stories", 1, STORY_STEPS)
    with store.transaction():
        if whole is not None:
            fresh = set(batch.ids)
            planned = _plan_aside(aside, store, clustering.stories, fresh, run)
            clusters, groups = _write_all(store, clustering)
            progress("stories", 2, STORY_STEPS)
            changes = write_groups(store, _planned(planned, store, groups, fresh, run))
        else:
            clusters, groups = _grow(store, batch.features, version, settings)
            progress("stories", 2, STORY_STEPS)
            changes = apply_groups(store, groups, set(batch.ids), run)
        store.set_corpus_version(tier)
        store.refresh_search()
        most_joined = _most_joined(store, changes.joined)
    progress("stories", STORY_STEPS, STORY_STEPS)
    return IngestReport(
        added=batch.fresh,
        updated=batch.changed,
        unchanged=batch.unchanged,
        rejected=tuple(batch.rejected),
        copies=_copies_in(clusters, set(batch.ids)),
        changes=changes,
        stories=store.count("stories"),
        articles=tuple(batch.ids),
        most_joined=most_joined,
        reclustered=whole.reason if whole is not None else "",
    )


def _plan_aside(
    aside: Preparation | None,
    store: Store,
    groups: Sequence[Sequence[str]],
    fresh: set[str],
    run: int | None,
) -> Future[GroupPlan] | None:
    """The story rows of a whole clustering, planned in a worker of the ingest's pool while
    this process writes the corpus tables (a plan reads only the stored stories and
    articles, which that write leaves alone). Threads would not help: both halves need
    Python's lock. None when there is no pool or no file to read."""
    if aside is None or store.path == ":memory:":
        return None
    return aside.submit(plan_stored, str(Path(store.path).resolve()), groups, fresh, run)


def _planned(
    planned: Future[GroupPlan] | None,
    store: Store,
    groups: Sequence[Sequence[str]],
    fresh: set[str],
    run: int | None,
) -> GroupPlan:
    """The plan from the worker; planned here instead when there was none, or when the
    worker could not read the store or died (a real fault then shows here)."""
    if planned is not None:
        try:
            return planned.result()
        except (StoreError, BrokenExecutor):
            pass
    return plan_groups(store, groups, fresh, run)


def _most_joined(store: Store, joined: Mapping[str, str]) -> tuple[JoinedStory, ...]:
    counts = Counter(joined.values())
    top = sorted(counts, key=lambda story: (-counts[story], story))[:MOST_JOINED]
    heads = store.corpus.story_heads(top)
    return tuple(JoinedStory(s, counts[s], *heads[s]) for s in top if s in heads)


def _copies_in(clusters: Sequence[DuplicateCluster], batch: set[str]) -> int:
    """The batch's articles that copy another text: its copies, and its representatives of
    a text the store held already (an earlier copy takes over as representative); not the
    copies of the clusters it touched."""
    return sum(
        1
        for c in clusters
        for m in c.members
        if m.article in batch
        and (m.kind != "representative" or any(o.article not in batch for o in c.members))
    )


@contextmanager
def _engine(settings: Settings) -> Iterator[SparkEngine | None]:
    """The Spark engine for this run when ``settings.run.engine`` asks for it."""
    if settings.run.engine != "spark":
        yield None
        return
    from newsweave.engines.spark import SparkEngine

    with SparkEngine(settings.spark) as engine:
        yield engine


class _Batch:
    """What one ingest has taken in so far: new features, counts, rejections."""

    def __init__(self, compact: bool = False) -> None:
        #: keep each chunk's features as one compact table instead of per-article records
        self.compact = compact
        self._tables: list[FeatureTable] = []
        self.features: list[ArticleFeatures] = []
        self.ids: list[str] = []
        self.rejected: list[Rejection] = []
        self.fresh = self.changed = self.seen = 0
        self._unchanged: set[str] = set()  # ids read again as stored
        self._sources: dict[str, tuple[str, str]] = {}  # id -> (content hash, source)

    def take(
        self, chunk: PreparedChunk, store: Store
    ) -> tuple[list[Article], list[bytes], list[Rejection]]:
        """The chunk's articles to write (new or changed), their encoded features, and its
        rejections."""
        rejected = chunk.rejected
        rows = []
        articles = chunk.articles
        for row, article in enumerate(articles):
            repeat = self._repeat(article)
            if repeat is None:
                rows.append(row)
            else:
                rejected.append(repeat)
        self.seen += len(chunk.items)
        states = store.article_states(articles[r].id for r in rows)
        todo = [r for r in rows if states.get(articles[r].id) != _state(articles[r])]
        self.fresh += sum(1 for r in todo if articles[r].id not in states)
        self.changed += sum(1 for r in todo if articles[r].id in states)
        if len(todo) < len(rows):
            written = {articles[r].id for r in todo}
            self._unchanged.update(articles[r].id for r in rows if articles[r].id not in written)
        table = chunk.table if len(todo) == len(articles) else chunk.table.take(np.array(todo))
        if self.compact:
            self._tables.append(table)
        else:
            self.features.extend(table.rows())
        self.ids.extend(articles[r].id for r in todo)
        self.rejected.extend(rejected)
        return [articles[r] for r in todo], [chunk.blobs[r] for r in todo], rejected

    @property
    def unchanged(self) -> int:
        """Articles read again as they are stored."""
        return len(self._unchanged)

    def take_tables(self) -> list[FeatureTable]:
        tables, self._tables = self._tables, []
        return tables

    def resume(self, store: Store, version: str) -> None:
        """Add articles an interrupted run stored but never clustered (so nothing is lost)."""
        waiting = sorted(set(store.unclustered_ids()) - set(self.ids))
        if not waiting:
            return
        stored = store.corpus.features(waiting, version)
        missing = [i for i in waiting if i not in stored]
        recomputed = compute_features(store.load_articles(missing)) if missing else []
        if self.compact:
            self._tables.append(feature_table([*stored.values(), *recomputed]))
        else:
            self.features.extend([*stored.values(), *recomputed])
        self.ids.extend(waiting)
        self.fresh += len(waiting)  # new to the stories, even if this run read them again:
        self._unchanged.difference_update(waiting)  # counted once, as new

    def _repeat(self, article: Article) -> Rejection | None:
        """A second input with an id already read in this batch (never silently dropped)."""
        first = self._sources.setdefault(article.id, (article.content_hash, article.source))
        if first == (article.content_hash, article.source):
            return None
        if first[0] == article.content_hash:
            return Rejection(article.source, f"duplicate of {first[1]} (same text)")
        return Rejection(
            article.source,
            f"duplicate id {article.id!r} (also {first[1]}); give each record its own id",
        )


def _state(a: Article) -> tuple[str, str | None, str | None, str | None]:
    return (a.content_hash, a.title, a.outlet, a.published)


def _stored_table(store: Store, version: str) -> list[FeatureTable]:
    """Every stored article's features as one table (in a holder for
    :func:`~newsweave.cluster.stories.cluster_table`); those another version wrote, or that
    do not decode, are recomputed from the stored texts and saved."""
    table = store.corpus.every_feature_table(version)
    missing = sorted(set(store.all_article_ids()) - set(table.ids))
    if not missing:
        return [table]
    recomputed = compute_features(store.load_articles(missing))
    with store.transaction():
        store.corpus.save_features(recomputed, version)
    return [concat_tables([table, feature_table(recomputed)])]


@dataclass(frozen=True, slots=True)
class _WholeCorpus:
    """Every article's features and the function that clusters them at once."""

    features: list[FeatureTable]  # a holder of one table for :func:`cluster_table`
    cluster: Callable[[list[FeatureTable], float], Clustering]
    #: why a stored corpus tier is clustered again as a whole ("" for a first batch)
    reason: str = ""


def _commit_groups(chunks: Iterable[PreparedChunk]) -> Iterator[Iterator[PreparedChunk]]:
    """The chunks in groups of about :data:`COMMIT_ITEMS` documents, each written in one
    transaction, drawn one chunk at a time (the workers prepare the next meanwhile)."""
    pending = iter(chunks)
    while True:
        first = next(pending, None)
        if first is None:
            return
        yield _group_from(first, pending)


def _group_from(first: PreparedChunk, pending: Iterator[PreparedChunk]) -> Iterator[PreparedChunk]:
    yield first
    items = len(first.items)
    while items < COMMIT_ITEMS:
        chunk = next(pending, None)
        if chunk is None:
            return
        yield chunk
        items += len(chunk.items)


def _whole_corpus(
    store: Store,
    batch: _Batch,
    version: str,
    tier: str,
    cluster_whole: Callable[[list[FeatureTable], float], Clustering],
    regroup: str = "auto",
) -> _WholeCorpus | None:
    """What to cluster at once: everything for a reason :func:`_whole_reason` names, the batch
    when nothing is clustered yet; None when the batch grows the tier."""
    stored = store.corpus_version()
    # nothing clustered yet (no corpus tier, or every earlier article rejected): a first batch
    first = stored is None or store.corpus.representative_count() == 0
    reason = _whole_reason(store, batch, stored, tier, first, regroup)
    if reason:
        return _WholeCorpus(_stored_table(store, version), cluster_whole, reason)
    if first:  # the batch is the corpus
        tables = batch.take_tables() if batch.compact else [feature_table(batch.features)]
        return _WholeCorpus([concat_tables(tables)], cluster_whole)
    return None


def _whole_reason(
    store: Store, batch: _Batch, stored: str | None, tier: str, first: bool, regroup: str = "auto"
) -> str:
    """Why the stored corpus tier must be (or is best) clustered again as a whole, or ""."""
    if batch.changed:
        return f"{batch.changed} stored article{'s' if batch.changed != 1 else ''} changed text"
    if stored not in (None, tier):
        return "it was built by another version of newsweave's features or story model"
    if _outgrows_exact_pairs(store, batch):
        return (
            f"it grows past {EXACT_PAIRS:,} texts, beyond which only texts sharing words are paired"
        )
    if first or batch.compact or not batch.features:
        return ""
    if regroup == "whole":
        return "[cluster] regroup is 'whole'"
    held, size = store.corpus.representative_count(), len(batch.features)
    attached = regroup_mode(regroup, held, size) == "attach"
    if regroup == "auto" and not attached and whole_is_faster(held, size):
        return (
            f"the batch adds {size:,} articles to a store of {held:,} texts, "
            "and clustering everything again is faster than regrouping what they reach"
        )
    return ""


def _outgrows_exact_pairs(store: Store, batch: _Batch) -> bool:
    """Whether a store small enough to pair every two texts may grow past that with this
    batch: then it is clustered again as a whole, as one batch of everything would be
    (:data:`~newsweave.cluster.neighbours.EXACT_PAIRS`), so no pair that only a small store
    makes outlives it."""
    if batch.compact:  # no corpus tier yet: the batch is clustered whole anyway
        return False
    held = store.corpus.representative_count()
    if held > EXACT_PAIRS:
        return False
    hashes = {f.content_hash for f in batch.features}
    known = store.corpus.articles_with_hashes(hashes)  # exact copies of clustered texts
    return held + len(hashes - known.keys()) > EXACT_PAIRS


def _write_all(
    store: Store, clustering: Clustering
) -> tuple[Sequence[DuplicateCluster], Sequence[Sequence[str]]]:
    """Write the whole corpus tier of a clustering of every article (inside a transaction)."""
    store.clear_corpus()
    with store.corpus.rebuilding():
        _write_tier(store.corpus, clustering)
    return clustering.duplicates, clustering.stories


def _write_tier(tables: CorpusTables, clustering: Clustering) -> None:
    """Every table of the corpus tier from one clustering of the whole corpus."""
    tables.save_duplicates(clustering.duplicates)
    reps = clustering.representatives
    if reps is not None and len(reps):  # later copies match their cluster through these
        signed = np.flatnonzero(~is_empty(reps.minhash))  # an empty text matches no text
        tables.save_bands([reps.ids[k] for k in signed], band_keys(reps.minhash[signed]))
        ordered = reps.by_id()
        days = np.where(ordered.days == NO_DAY, UNDATED, ordered.days)
        tables.save_postings(ordered.ids, days, ordered.blocks)
    tables.save_neighbours(clustering.neighbours)
    tables.save_neighbourhoods(clustering.neighbourhoods)
    tables.replace_links([], clustering.links)


#: Representatives a store holds from which a small batch is attached, not regrouped
#: exactly (``[cluster] regroup = "auto"``): below it an exact regroup takes seconds anyway.
ATTACH_FROM = 20_000
#: A batch is small, and attached, when it holds at most this share of the store's
#: representatives; a larger one changes enough to regroup exactly.
ATTACH_SHARE = 0.1


#: A batch of at least this many articles per text the store holds is clustered with the
#: whole store again (``[cluster] regroup = "auto"``), unless it is attached: regrouping
#: the region a batch reaches reads back most of the store anyway, since a text's blocking
#: words reach far. Measured on the firehose corpus (2026-12-05, ``bench/growth_bench.py``,
#: seconds for the batch's ingest, region regroup against whole): 20 articles into 9,980
#: 1.7-2.0 / 2.3; 200 into 9,800 2.3-2.5 / 2.2-2.3; 500 into 19,500 4.8-5.3 / 4.3-4.5;
#: 2,000 into 30,000 7.7-8.2 / 6.5-6.8; 10,000 into 40,000 18.6-20.4 / 11.7-13.0 (the
#: texts a store holds are about three in five of its articles there). The whole store
#: clustered again is, besides, the stories of one batch exactly.
WHOLE_SHARE = 0.02


def whole_is_faster(representatives: int, batch: int) -> bool:
    """Whether a batch of ``batch`` articles into a store of ``representatives`` texts is
    clustered faster with the whole store than by regrouping the region it reaches
    (:data:`WHOLE_SHARE`).

    Example: ``whole_is_faster(30_000, 2_000)`` is True, ``whole_is_faster(30_000, 100)``
    False.
    """
    return batch >= WHOLE_SHARE * representatives


def regroup_mode(regroup: str, representatives: int, batch: int) -> str:
    """The regroup a batch of ``batch`` articles into a store holding ``representatives``
    takes: "attach" or "exact" for "auto" (see :data:`ATTACH_FROM`), else the one asked.

    Example: ``regroup_mode("auto", 200_000, 1_000)`` is ``"attach"``.
    """
    if regroup != "auto":
        return regroup
    small = batch <= ATTACH_SHARE * representatives
    return "attach" if representatives >= ATTACH_FROM and small else "exact"


def _grow(
    store: Store, features: Sequence[ArticleFeatures], version: str, settings: Settings
) -> tuple[Sequence[DuplicateCluster], Sequence[Sequence[str]]]:
    held = store.corpus.representative_count()
    if regroup_mode(settings.cluster.regroup, held, len(features)) == "attach":
        update = attach_corpus(store.corpus, features, version, settings.cluster.cut)
    else:
        update = update_corpus(store.corpus, features, version, settings.cluster.cut)
    reps = {r for g in update.groups for r in g}
    clusters = store.corpus.duplicate_clusters(reps)
    groups = [sorted(m.article for r in g for m in clusters[r].members) for g in update.groups]
    return update.duplicates, groups
