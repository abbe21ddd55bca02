"""The Spark engine: the corpus tier and the story tier over Apache Spark (PySpark).

Every Spark import of newsweave lives in this module. The algorithms stay in their
stage modules; this engine only distributes them, with Spark's own partitioning,
shuffles and joins:

* documents become articles and features in partitions (``prepare_chunk``), each
  partition sending back its articles and their encoded features;
* duplicates: texts grouped by content hash (exact copies), MinHash band keys moved to
  the part of their key, where every bucket's pairs are made and verified at once
  (``bucket_codes``, ``verified``);
* candidates: blocking words moved to the part of their word, where every list's pairs are
  made at once (``posting_codes``), each pair then to its own part once, scored in place
  against a broadcast of the features (``Channel.cosines``);
* neighbourhoods: each scoring task sends on the entries a row ranks among its best there;
  each article's survivors brought to one part and ranked (``own_ranks``, the order of
  ``neighbourhood``), then its kept ones again;
* the pair model on each kept pair (``pair_features``, ``probabilities``), its two sides'
  statistics meeting in the pair's part;
* bounded parts of the strong-link graph on the driver (``bounded_parts``; links are
  written to the store anyway), each part clustered by a worker (``cluster_part``);
* the story tier: waves of a few stories per task, dealt by weight, spaCy loaded once per
  Python worker (:meth:`SparkEngine.analyze`).

From the band keys and blocking words to the pair model, rows travel as numpy arrays in
one bundle per part through Spark's shuffle (``partitionBy``), not one pickled tuple per
pair; what a task runs on its part is in :mod:`newsweave.engines.bundles` (no Spark there). The driver collects only what it writes to the store (articles and features, duplicate
clusters, kept neighbours and their statistics, links, stories, analyses). Integer
feature weights make every similarity exact, so the Spark engine gives exactly the
local engine's duplicates, stories and story ids.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import numpy as np

from newsweave.cluster.duplicates import (
    clusters_from_links,
    exact_links,
    order_key,
)
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.linkage import CUT, PAIR_CUT, listed_probability, split_weak_pairs
from newsweave.cluster.neighbours import EXACT_PAIRS, list_positions
from newsweave.cluster.parts import bounded_parts
from newsweave.cluster.stories import Clustering
from newsweave.cluster.table import FeatureTable, feature_table
from newsweave.config import SparkSettings
from newsweave.distinct import distinct
from newsweave.engines.bundles import (
    band_bundles,
    cluster_task,
    distinct_codes,
    kept_pairs,
    pair_sides,
    posting_bundles,
    posting_part,
    prepare_partition,
    score_partition,
    verified_buckets,
    with_model,
)
from newsweave.engines.local import (
    CHUNK,
    PreparedChunk,
)
from newsweave.errors import ConfigError, NewsweaveError
from newsweave.ingest.records import RawItem
from newsweave.native_output import discarded
from newsweave.store.codec import decode_table

__all__ = ["SparkEngine", "spark_available"]

J = TypeVar("J")
R = TypeVar("R")

INSTALL = "pip install 'newsweave[spark]'"
#: Stories per task in one wave of ``analyze --all`` on Spark: enough to keep a task busy for
#: seconds, few enough that a killed run loses little.
STORIES_PER_TASK = 4
#: Representatives per part in the neighbourhood stages (more parts for a larger corpus, so
#: one part's arrays stay a few hundred MB).
ARTICLES_PER_PART = 20_000
#: Local chunks of documents a preparing task takes: each Spark job has a cost of its own, so
#: a job prepares this many chunks per partition (50k articles: 23 -> 20 s against 1).
CHUNKS_PER_TASK = 4
#: Preparing jobs in flight while the driver writes: two keep the executors busy across a
#: job's end (its last task no longer leaves a core idle until the next job starts).
JOBS_AHEAD = 2
_QUIET_LOG4J = Path(__file__).with_name("log4j2-quiet.properties")


def spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


class SparkEngine:
    """A Spark session for one run; use as a context manager (it stops the session)."""

    def __init__(self, settings: SparkSettings) -> None:
        if not spark_available():
            raise ConfigError(f"the Spark engine needs PySpark, which is not installed ({INSTALL})")
        from pyspark import SparkContext

        self.settings = settings
        self._owns = SparkContext._active_spark_context is None  # else: reuse, never stop it
        self.sc = _start(settings)
        self.partitions = settings.partitions or 2 * self.sc.defaultParallelism

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._owns:
            self.sc.stop()

    # ------------------------------------------------------------------ corpus tier

    def prepare(self, items: Iterable[RawItem]) -> Iterator[PreparedChunk]:
        """Chunks of prepared documents, in input order, made on the executors.

        :data:`JOBS_AHEAD` jobs run (from driver threads) while the caller writes a chunk, so
        the executors wait neither on the store's writes nor on a job's last task: the next
        job's tasks are queued behind it."""
        batch = CHUNK * self.partitions * CHUNKS_PER_TASK
        source = iter(items)
        pending: deque[Future[PreparedChunk]] = deque()
        stopping = threading.Event()
        with ThreadPoolExecutor(
            max_workers=JOBS_AHEAD, thread_name_prefix="newsweave-prepare"
        ) as ahead:

            def submit() -> None:
                while len(pending) < JOBS_AHEAD and (chunk := list(_take(source, batch))):
                    pending.append(ahead.submit(self._prepared, chunk, stopping))

            submit()
            try:
                while pending:
                    with _spark_errors("preparing documents"):
                        done = pending.popleft().result()
                    submit()
                    yield done
            finally:  # stopped early (an error, Ctrl-C): cancel what is in flight, do not wait
                stopping.set()
                for future in pending:
                    future.cancel()  # not started yet: never starts
                while any(not future.done() for future in pending):
                    self.sc.cancelAllJobs()  # again for a job submitted after the last call
                    wait(pending, timeout=0.2)

    def _prepared(self, chunk: list[RawItem], stopping: threading.Event) -> PreparedChunk:
        """One chunk made on the executors: each partition sends back its articles and their
        features as the store keeps them (bytes pickle fast), which the driver reads into one
        table at once (:func:`newsweave.store.codec.decode_table`)."""
        rdd = self.sc.parallelize(chunk, self.partitions)
        if stopping.is_set():
            raise NewsweaveError("preparing stopped")  # the caller has gone: read by nobody
        made = rdd.mapPartitions(prepare_partition).collect()
        items = tuple(i for part, _ in made for i in part)
        blobs = tuple(b for _, part in made for b in part)
        table, bad = decode_table(blobs)
        if bad:  # what was just encoded decodes: anything else is a fault, not a cache miss
            raise NewsweaveError(f"Spark sent back {len(bad)} features that do not decode")
        return PreparedChunk(items, table, blobs)

    def cluster(self, features: Sequence[ArticleFeatures], cut: float = CUT) -> Clustering:
        """:func:`newsweave.cluster.stories.cluster_corpus`, distributed."""
        return self.cluster_table([feature_table(sorted(features, key=lambda f: f.article))], cut)

    def cluster_table(self, holder: list[FeatureTable], cut: float = CUT) -> Clustering:
        """:func:`newsweave.cluster.stories.cluster_table`, distributed: the table is taken
        out of ``holder`` and let go once the representatives are chosen."""
        table = holder.pop().by_id()
        with _spark_errors("clustering"):
            duplicates = self._duplicates(table)
            position = {article: i for i, article in enumerate(table.ids)}
            heads = sorted(position[c.representative] for c in duplicates)
            reps = table.take(np.array(heads, dtype=np.int64))
            del table, position
            # In the shuffles an article is its number in id order (small integers pickle and
            # hash faster than ids, and compare as the ids do); the representatives' features
            # are one broadcast table (arrays pickle fast), from which a task takes its rows.
            ids = list(reps.ids)
            place = list_positions(reps)  # rows are in id order
            index = self.sc.parallelize(
                [(k, int(place[k]), reps.blocks[k]) for k in range(len(reps))], self.partitions
            )
            features = self.sc.broadcast(reps)
            days = self.sc.broadcast(np.stack((reps.days, reps.written), axis=1))
            parts = max(self.partitions, -(-len(reps) // ARTICLES_PER_PART))
            pairs = self._pairs(index, len(reps), parts)
            scored = self._scored(features, pairs, len(reps), parts)  # both ways, by row
            kept = _exchanged(scored, parts).mapPartitions(lambda p: kept_pairs(p, parts))
            sides = _exchanged(kept, parts).mapPartitions(lambda p: pair_sides(p, parts))
            pairs = _exchanged(sides, parts).mapPartitions(lambda p: with_model(p, days.value))
            collected = pairs.collect()
            found = [(ids[p[0]], ids[p[1]], *p[2:8]) for p in collected]
            statistics = {
                ids[k]: (best, background)
                for p in collected
                for k, best, background in ((p[0], p[8], p[9]), (p[1], p[10], p[11]))
            }
            groups = self._groups(ids, found, statistics, features, cut)
            features.destroy()
            days.destroy()
        members = {c.representative: [m.article for m in c.members] for c in duplicates}
        stories = tuple(sorted(tuple(sorted(a for rep in g for a in members[rep])) for g in groups))
        links = tuple((p[0], p[1], round(p[7], 6)) for p in sorted(found) if p[7] >= cut)
        return Clustering(
            duplicates,
            stories,
            links,
            tuple((p[0], p[1], p[2], p[3], p[4]) for p in sorted(found)),
            tuple((a, *statistics.get(a, (0.0, 0.0))) for a in ids),
            reps,
        )

    def _duplicates(self, table: FeatureTable) -> tuple[Any, ...]:
        """Exact copies on the driver; near copies by LSH band keys, moved in array bundles
        to the part of their key (every entry of a bucket meets there), whose buckets are
        paired and verified at once (:func:`newsweave.cluster.duplicates.bucket_codes`)."""
        ids, hashes = table.ids, list(table.content_hashes)
        keys = [order_key(int(table.days[i]), ids[i]) for i in range(len(ids))]
        links = exact_links(keys, hashes)
        later = {b for _, b in links}
        originals = [i for i in range(len(ids)) if i not in later]
        n = len(ids)
        rank = np.empty(n, dtype=np.int64)
        rank[sorted(range(n), key=keys.__getitem__)] = np.arange(n)
        signatures = table.minhash
        shared = self.sc.broadcast(signatures)  # one copy per executor, not one per band row
        ranks = self.sc.broadcast(rank)
        parts = self.partitions
        bundles = self.sc.parallelize(originals, parts).mapPartitions(
            lambda part: band_bundles(list(part), shared.value, parts)
        )
        found = (
            _exchanged(bundles, parts)
            .mapPartitions(lambda part: verified_buckets(part, shared.value, ranks.value, n))
            .collect()
        )
        shared.destroy()
        ranks.destroy()
        codes = distinct(np.concatenate([np.zeros(0, dtype=np.int64), *found]))
        near = list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))
        return clusters_from_links(ids, hashes, signatures, table.days, links + near)

    def _pairs(self, index: Any, n: int, parts: int) -> Any:
        """Candidate pairs (codes ``a * n + b``, a < b): each blocking word's entries moved in
        bundles to the word's part and paired there; then each pair to its own part, once.
        A corpus of at most ``EXACT_PAIRS`` texts pairs every two, as the local engine does."""
        if n <= EXACT_PAIRS:
            left, right = np.triu_indices(n, k=1)
            codes = left.astype(np.int64) * n + right.astype(np.int64)
            return self.sc.parallelize([codes[codes % parts == p] for p in range(parts)], parts)
        bundles = index.mapPartitions(lambda part: posting_bundles(list(part), parts))
        paired = _exchanged(bundles, parts).mapPartitions(lambda part: posting_part(part, n, parts))
        return _exchanged(paired, parts).mapPartitions(distinct_codes)

    def _scored(self, features: Any, pairs: Any, n: int, parts: int) -> Any:
        """Every candidate pair scored, both ways, in bundles for its row's partition. The
        features are a broadcast (one copy per executor): joining them to the pairs shipped
        both sides' features with every pair, which made this stage most of the Spark
        engine's time."""
        return pairs.mapPartitions(lambda part: score_partition(part, features.value, n, parts))

    def _groups(
        self,
        ids: Sequence[str],
        found: Sequence[tuple[Any, ...]],
        statistics: dict[str, tuple[float, float]],
        features: Any,
        cut: float,
    ) -> list[list[str]]:
        """Bounded parts of the strong links (on the driver, which writes the links anyway),
        each part of three or more clustered by a task: a part travels as its members' row
        numbers, statistics and pairs; their features are read from the broadcast."""
        at = {a: k for k, a in enumerate(ids)}
        parts = bounded_parts(
            len(ids),
            np.array([at[p[0]] for p in found], dtype=np.int64),
            np.array([at[p[1]] for p in found], dtype=np.int64),
            np.array([p[7] for p in found], dtype=np.float64),
            cut,
        )
        groups = _corroborated(
            [[ids[k] for k in m.tolist()] for m, _ in parts if len(m) <= 2], found
        )
        big = [(m, dense) for m, dense in parts if len(m) > 2]
        if not big:
            return groups
        part_of = {k: n for n, (m, _) in enumerate(big) for k in m.tolist()}
        inside: list[list[tuple[Any, ...]]] = [[] for _ in big]
        for p in found:
            a, b = at[p[0]], at[p[1]]
            if a in part_of and part_of.get(b) == part_of[a]:
                inside[part_of[a]].append(p)
        tasks = [
            (
                m.tolist(),
                [statistics.get(ids[k], (0.0, 0.0)) for k in m.tolist()],
                inside[n],
                dense,
            )
            for n, (m, dense) in enumerate(big)
        ]
        clustered = (
            self.sc.parallelize(tasks, self.partitions)
            .flatMap(lambda task: cluster_task(task, features.value, cut))
            .collect()
        )
        return groups + [list(g) for g in clustered]

    # ------------------------------------------------------------------ story tier

    def analyze(
        self,
        jobs: Iterable[J],
        work: Callable[[list[J]], Iterator[R]],
        weight: Callable[[J], int] = lambda job: 1,
    ) -> Iterator[R]:
        """Run ``work`` over story jobs in waves of :data:`STORIES_PER_TASK` jobs per task.

        Each wave is one Spark job whose tasks all run at once (the jobs dealt to them by
        ``weight``, heaviest first to the lightest task, so no task waits on another);
        its results come back, and are written by the caller, before the next wave starts:
        killing the run loses at most one wave. ``work`` loads spaCy once per Python worker,
        which Spark reuses from task to task.
        """
        batch = list(jobs)
        size = self.partitions * STORIES_PER_TASK
        for start in range(0, len(batch), size):
            tasks = deal(batch[start : start + size], self.partitions, weight)
            with _spark_errors("analysing stories"):
                rdd = self.sc.parallelize(tasks, len(tasks))
                done = rdd.mapPartitions(lambda part: _run_tasks(part, work)).collect()
            yield from done


def deal(jobs: Sequence[J], tasks: int, weight: Callable[[J], int]) -> list[list[J]]:
    """``jobs`` in at most ``tasks`` lists of about equal weight (heaviest first, each to the
    lightest list; ties by position and list), none empty. Example: weights 5, 3, 2, 2 in 2
    tasks give [[5, 2], [3, 2]]."""
    order = sorted(range(len(jobs)), key=lambda k: (-weight(jobs[k]), k))
    lists: list[list[J]] = [[] for _ in range(min(tasks, len(jobs)))]
    loads = [0] * len(lists)
    for k in order:
        lightest = min(range(len(lists)), key=lambda n: (loads[n], n))
        lists[lightest].append(jobs[k])
        loads[lightest] += weight(jobs[k])
    return lists


def _run_tasks(part: Iterable[list[J]], work: Callable[[list[J]], Iterator[R]]) -> Iterator[R]:
    for jobs in part:
        yield from work(jobs)


# ---------------------------------------------------------------------- session


def _start(settings: SparkSettings) -> Any:
    _check_master(settings)
    from pyspark import SparkConf, SparkContext

    conf = SparkConf()
    if not conf.contains("spark.master") or settings.master != "local[*]":
        conf = conf.setMaster(settings.master)  # spark-submit's --master stands unless overridden
    conf = (
        conf.setAppName(settings.app_name)
        .set("spark.driver.memory", settings.driver_memory)
        .set("spark.executor.memory", settings.executor_memory)
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.python.worker.reuse", "true")
    )
    if not os.environ.get("NEWSWEAVE_DEBUG"):
        quiet = f"-Dlog4j2.configurationFile=file:{_QUIET_LOG4J}"
        conf = conf.set("spark.driver.extraJavaOptions", quiet).set(
            "spark.executor.extraJavaOptions", quiet
        )
    for pair in filter(None, (p.strip() for p in settings.conf.split(","))):
        key, _, value = pair.partition("=")
        if not value:
            raise ConfigError(f"spark.conf entry {pair!r} is not key=value (e.g. spark.x=1)")
        conf = conf.set(key.strip(), value.strip())
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        with _quiet_stderr():
            context = SparkContext.getOrCreate(conf)
    except Exception as error:  # Py4J, a missing JVM, a refused master: say what to do
        raise NewsweaveError(_start_failure(error, settings)) from error
    context.setLogLevel("ERROR" if os.environ.get("NEWSWEAVE_DEBUG") else "OFF")
    return context


def _check_master(settings: SparkSettings) -> None:
    master = settings.master
    if master.startswith("local"):
        return
    parts = urlsplit(master)
    if parts.scheme not in ("spark", "spark+ssl") or not parts.hostname:
        return  # yarn, k8s, ...: Spark itself says what is wrong
    try:
        with socket.create_connection(
            (parts.hostname, parts.port or 7077), settings.connect_timeout
        ):
            return
    except OSError as error:
        raise NewsweaveError(
            f"the Spark master {master} is unreachable ({error.strerror or error}); "
            "start it, or give a reachable one with --master or NEWSWEAVE_SPARK_MASTER"
        ) from None


def _start_failure(error: Exception, settings: SparkSettings) -> str:
    text = str(error)
    if (
        "JAVA_HOME" in text
        or "Java gateway" in text
        or ("java" in text.lower() and "not found" in text)
    ):
        return (
            "Spark could not start its Java process (install Java 17, e.g. "
            "'apt-get install openjdk-17-jre-headless', or set JAVA_HOME)"
        )
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return (
        f"Spark could not start on {settings.master} ({first[:200]}); check --master and "
        "NEWSWEAVE_SPARK_* settings (NEWSWEAVE_DEBUG=1 shows Spark's own messages)"
    )


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """The JVM's start-up chatter goes to a null device unless NEWSWEAVE_DEBUG is set."""
    if os.environ.get("NEWSWEAVE_DEBUG"):
        yield
        return
    with discarded(2):
        yield


@contextmanager
def _spark_errors(doing: str) -> Iterator[None]:
    """A failed Spark job becomes one line naming the fix (the JVM's trace with
    NEWSWEAVE_DEBUG=1)."""
    try:
        yield
    except NewsweaveError:
        raise
    except Exception as error:
        if os.environ.get("NEWSWEAVE_DEBUG") or not _from_spark(error):
            raise
        reason = "lost an executor" if "executor" in str(error).lower() else "failed"
        raise NewsweaveError(
            f"Spark {reason} while {doing} ({type(error).__name__}); rerun (finished work is "
            "kept), give executors more memory (NEWSWEAVE_SPARK_EXECUTOR_MEMORY), or set "
            "NEWSWEAVE_DEBUG=1 to see Spark's error"
        ) from None


def _from_spark(error: Exception) -> bool:
    return type(error).__module__.split(".")[0] in ("py4j", "pyspark")


def _take(source: Iterator[Any], count: int) -> Iterator[Any]:
    for _ in range(count):
        try:
            yield next(source)
        except StopIteration:
            return


# ---------------------------------------------------------------------- task functions
# (module-level, so Spark ships them by reference; each calls a stage module's function)


def _exchanged(bundles: Any, parts: int) -> Any:
    """The bundles moved to their destination parts (Spark's shuffle)."""
    return bundles.partitionBy(parts, lambda part: part).values()


def _corroborated(groups: list[list[str]], found: Sequence[tuple[Any, ...]]) -> list[list[str]]:
    """Parts of one or two texts as groups, a pair kept only where its probability reaches
    :data:`~newsweave.cluster.linkage.PAIR_CUT` (as ``cluster_part`` keeps the groups of two
    it makes)."""
    probability = {(p[0], p[1]): p[7] for p in found if p[7] >= PAIR_CUT}  # the rest split
    pairs = [listed_probability(probability, a, b) for a, b in (g for g in groups if len(g) == 2)]
    return split_weak_pairs(groups, np.array(pairs, dtype=np.float64))
