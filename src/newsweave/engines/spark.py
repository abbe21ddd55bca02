"""The Spark engine: the corpus tier and the story tier over Apache Spark (PySpark).

Every Spark import of newsweave lives in this module. The algorithms stay in their
stage modules; this engine only distributes them, with Spark's own partitioning,
shuffles and joins:

* documents become articles and features in partitions (``prepare_without_texts``);
* duplicates: texts grouped by content hash (exact copies), MinHash band keys grouped
  into buckets whose pairs are verified where they are (``bucket_pairs``);
* candidates: blocking words grouped into postings whose pairs are generated where they
  are (``posting_pairs``), scored in place against a broadcast of the features
  (``Channel.cosines``);
* neighbourhoods: each article's scored pairs brought to one part and ranked
  (``own_ranks``, the order of ``neighbourhood``), then its kept ones again; these stages
  move numpy arrays in one bundle per part through Spark's shuffle (``partitionBy``), not
  one pickled tuple per pair;
* the pair model on each kept pair (``pair_features``, ``probabilities``), its two sides'
  statistics meeting in the pair's part;
* bounded parts of the strong-link graph on the driver (``bounded_parts``; links are
  written to the store anyway), each part clustered by a worker (``cluster_part``);
* the story tier: waves of a few stories per task, dealt by weight, spaCy loaded once per
  Python worker (:meth:`SparkEngine.analyze`).

The driver collects only what it writes to the store (articles and features, duplicate
clusters, kept neighbours and their statistics, links, stories, analyses). Integer
feature weights make every similarity exact, so the Spark engine gives exactly the
local engine's duplicates, stories and story ids.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import numpy as np

from newsweave.cluster.duplicates import bucket_pairs, clusters_from_links, exact_links, order_key
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.linkage import CUT
from newsweave.cluster.minhash import band_keys
from newsweave.cluster.neighbours import (
    KEEP,
    RANK_CAP,
    best_and_background,
    own_ranks,
    posting_pairs,
    posting_sort_key,
)
from newsweave.cluster.pairs import PairEvidence, pair_features, probabilities
from newsweave.cluster.parts import bounded_parts
from newsweave.cluster.stories import Clustering, cluster_part
from newsweave.cluster.table import NO_DAY, feature_table
from newsweave.config import SparkSettings
from newsweave.engines.local import (
    CHUNK,
    PreparedChunk,
    collect_less_often,
    merge_chunks,
    prepare_without_texts,
    with_texts,
)
from newsweave.errors import ConfigError, NewsweaveError
from newsweave.ingest.records import RawItem
from newsweave.store.codec import decode_features, encode_features

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

        The next chunk's job runs while the caller writes this one (one job ahead, from a
        second driver thread), so the executors do not wait on the store's writes."""
        batch = CHUNK * self.partitions
        source = iter(items)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-prepare") as ahead:

            def submit() -> Future[PreparedChunk] | None:
                chunk = list(_take(source, batch))
                return ahead.submit(self._prepared, chunk) if chunk else None

            pending = submit()
            try:
                while pending is not None:
                    with _spark_errors("preparing documents"):
                        done = pending.result()
                    pending = submit()
                    yield done
            finally:
                if pending is not None and not pending.done():
                    self.sc.cancelAllJobs()  # stopped early (an error, Ctrl-C): do not wait

    def _prepared(self, chunk: list[RawItem]) -> PreparedChunk:
        """One chunk made on the executors, a compact chunk per partition, sent back without
        the texts (the driver holds the raw documents and makes the texts again)."""
        rdd = self.sc.parallelize(chunk, self.partitions)
        return with_texts(merge_chunks(rdd.mapPartitions(_prepare_partition).collect()), chunk)

    def cluster(self, features: Sequence[ArticleFeatures], cut: float = CUT) -> Clustering:
        """:func:`newsweave.cluster.stories.cluster_corpus`, distributed."""
        ordered = sorted(features, key=lambda f: f.article)
        with _spark_errors("clustering"):
            duplicates = self._duplicates(ordered)
            by_id = {f.article: f for f in ordered}
            reps = [by_id[c.representative] for c in duplicates]
            # In the shuffles an article is its number in id order (small integers pickle and
            # hash faster than ids, and compare as the ids do); features travel as their store
            # encoding (bytes pickle fast; decoded where used).
            numbered = sorted(reps, key=lambda f: f.article)
            ids = [f.article for f in numbered]
            encoded = [encode_features(f) for f in numbered]
            rows = self.sc.parallelize(
                list(zip(ids, encoded, strict=True)), self.partitions
            ).cache()
            index = self.sc.parallelize(
                [(k, ((posting_sort_key(f)[0], k), f.blocks)) for k, f in enumerate(numbered)],
                self.partitions,
            )
            blobs = self.sc.broadcast(encoded)
            days = self.sc.broadcast(np.array([_days(f) for f in numbered], dtype=np.int64))
            parts = max(self.partitions, -(-len(numbered) // ARTICLES_PER_PART))
            scored = self._scored(blobs, self._pairs(index), parts)  # both ways, by row
            kept = _exchanged(scored, parts).mapPartitions(lambda p: _kept(p, parts))
            lists = _exchanged(kept, parts).mapPartitions(lambda p: _both_ways(p, parts))
            sides = _exchanged(lists, parts).mapPartitions(lambda p: _sides(p, parts))
            pairs = _exchanged(sides, parts).mapPartitions(lambda p: _with_model(p, days.value))
            collected = pairs.collect()
            found = [(ids[p[0]], ids[p[1]], *p[2:8]) for p in collected]
            statistics = {
                ids[k]: (best, background)
                for p in collected
                for k, best, background in ((p[0], p[8], p[9]), (p[1], p[10], p[11]))
            }
            groups = self._groups(reps, found, statistics, rows, cut)
            rows.unpersist()
            blobs.destroy()
            days.destroy()
        members = {c.representative: [m.article for m in c.members] for c in duplicates}
        stories = tuple(sorted(tuple(sorted(a for rep in g for a in members[rep])) for g in groups))
        links = tuple((p[0], p[1], round(p[7], 6)) for p in sorted(found) if p[7] >= cut)
        return Clustering(
            duplicates,
            stories,
            links,
            tuple((p[0], p[1], p[2], p[3], p[4]) for p in sorted(found)),
            tuple((f.article, *statistics.get(f.article, (0.0, 0.0))) for f in reps),
            feature_table(reps),
        )

    def _duplicates(self, ordered: Sequence[ArticleFeatures]) -> tuple[Any, ...]:
        table = feature_table(ordered)
        ids, hashes = table.ids, [f.content_hash for f in ordered]
        keys = [order_key(int(table.days[i]), ids[i]) for i in range(len(ids))]
        links = exact_links(keys, hashes)
        later = {b for _, b in links}
        distinct = [i for i in range(len(ids)) if i not in later]
        signatures = table.minhash
        shared = self.sc.broadcast(signatures)  # one copy per executor, not one per band row
        rdd = self.sc.parallelize([(i, keys[i]) for i in distinct], self.partitions)
        near = (
            rdd.mapPartitions(lambda part: _band_rows(list(part), shared.value))
            .groupByKey(self.partitions)
            .flatMap(lambda kv: _verify_bucket(list(kv[1]), shared.value))
            .distinct(self.partitions)
            .collect()
        )
        shared.destroy()
        return clusters_from_links(ids, hashes, signatures, table.days, links + sorted(near))

    def _pairs(self, rows: Any) -> Any:
        """Candidate pairs (a < b) from postings grouped by blocking word."""
        return (
            rows.flatMap(lambda kv: [(t, (kv[1][0], kv[0])) for t in kv[1][1]])
            .groupByKey(self.partitions)
            .flatMap(lambda kv: _posting_pairs(list(kv[1])))
            .distinct(self.partitions)
        )

    def _scored(self, blobs: Any, pairs: Any, parts: int) -> Any:
        """Every candidate pair scored, both ways, in bundles for its row's partition. The
        features are a broadcast (one copy per executor): joining them to the pairs shipped
        both sides' features with every pair, which made this stage most of the Spark
        engine's time."""
        return pairs.mapPartitions(lambda part: _score_partition(part, blobs.value, parts))

    def _groups(
        self,
        reps: Sequence[ArticleFeatures],
        found: Sequence[tuple[Any, ...]],
        statistics: dict[str, tuple[float, float]],
        rows: Any,
        cut: float,
    ) -> list[list[str]]:
        ids = [f.article for f in reps]
        at = {a: k for k, a in enumerate(ids)}
        parts = bounded_parts(
            len(ids),
            np.array([at[p[0]] for p in found], dtype=np.int64),
            np.array([at[p[1]] for p in found], dtype=np.int64),
            np.array([p[7] for p in found], dtype=np.float64),
            cut,
        )
        part_of = {ids[k]: n for n, (members, _) in enumerate(parts) for k in members.tolist()}
        dense = [d for _, d in parts]
        groups = [[ids[k] for k in m.tolist()] for m, _ in parts if len(m) <= 2]
        big = {n for n, (m, _) in enumerate(parts) if len(m) > 2}
        if not big:
            return groups
        inside = [
            (part_of[p[0]], p)
            for p in found
            if part_of[p[0]] == part_of[p[1]] and part_of[p[0]] in big
        ]
        members = rows.filter(lambda kv: part_of.get(kv[0]) in big).map(
            lambda kv: (part_of[kv[0]], ("f", kv[1], statistics.get(kv[0], (0.0, 0.0))))
        )
        listed = self.sc.parallelize(inside, self.partitions).map(lambda kv: (kv[0], ("p", kv[1])))
        clustered = (
            members.union(listed)
            .groupByKey(self.partitions)
            .flatMap(lambda kv: _cluster_group(list(kv[1]), dense[kv[0]], cut))
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
    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


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


def _prepare_partition(part: Iterable[RawItem]) -> list[PreparedChunk]:
    collect_less_often()  # as the local engine's workers do
    return [prepare_without_texts(list(part))]


def _band_rows(
    rows: list[tuple[int, tuple[int, str]]], signatures: np.ndarray
) -> list[tuple[int, tuple[tuple[int, str], int]]]:
    """``(band key, (order key, row))`` for every band of every row (keys of a partition's
    signatures at once)."""
    if not rows:
        return []
    keys = band_keys(signatures[np.array([i for i, _ in rows], dtype=np.int64)])
    return [
        (int(k), (key, index))
        for (index, key), bands in zip(rows, keys.tolist(), strict=True)
        for k in bands
    ]


def _verify_bucket(
    members: list[tuple[tuple[int, str], int]], signatures: np.ndarray
) -> list[tuple[int, int]]:
    """The verified pairs of one LSH bucket (each row once, however many bands it shares)."""
    from newsweave.cluster.duplicates import NEAR_DUPLICATE
    from newsweave.cluster.minhash import jaccard

    keys = {index: key for key, index in members}
    return [
        (a, b)
        for a, b in bucket_pairs([(keys[i], i) for i in sorted(keys)])
        if jaccard(signatures[a], signatures[b]) >= NEAR_DUPLICATE
    ]


def _posting_pairs(members: list[tuple[Any, int]]) -> list[tuple[int, int]]:
    ordered = [article for _, article in sorted(members)]
    return [(min(a, b), max(a, b)) for a, b in posting_pairs(ordered)]


def _score_partition(
    pairs: Iterable[tuple[int, int]], blobs: Sequence[bytes], parts: int
) -> Iterator[Bundle]:
    """Cosines of a partition's pairs (one small table of its articles' features, decoded
    from the broadcast ``blobs``; the same kernel), sent both ways to their rows' parts."""
    batch = list(pairs)
    if not batch:
        return
    order = sorted({a for pair in batch for a in pair})
    table = feature_table([decode_features(blobs[i]) for i in order])
    at = {a: k for k, a in enumerate(order)}
    left = np.array([at[a] for a, _ in batch], dtype=np.int64)
    right = np.array([at[b] for _, b in batch], dtype=np.int64)
    text, lead, names = (c.cosines(left, right) for c in (table.text, table.lead, table.names))
    a = np.array([a for a, _ in batch], dtype=np.int64)
    b = np.array([b for _, b in batch], dtype=np.int64)
    yield from _both_directions(a, b, (text, lead, names), parts)


# ----------------------------------------------------------------- neighbourhoods in bundles
#
# From the scored pairs to the pair model, rows travel as numpy arrays in one bundle per
# (partition, destination) through Spark's shuffle (``partitionBy``), not as millions of
# pickled tuples: each article's entries meet in the part ``article % parts``, each pair's
# in the part ``a % parts``. An entry is ``(row, other, text, lead, names)``: the pair
# ``(row, other)`` seen from ``row``.

#: ``(destination part, columns)``: one bundle of rows for one part.
Bundle = tuple[int, tuple[np.ndarray, ...]]


def _exchanged(bundles: Any, parts: int) -> Any:
    """The bundles moved to their destination parts (Spark's shuffle)."""
    return bundles.partitionBy(parts, lambda part: part).values()


def _bundled(
    destination: np.ndarray, columns: Sequence[np.ndarray], parts: int
) -> Iterator[Bundle]:
    order = np.argsort(destination, kind="stable")
    bounds = np.searchsorted(destination[order], np.arange(parts + 1))
    for part in range(parts):
        chosen = order[bounds[part] : bounds[part + 1]]
        if len(chosen):
            yield part, tuple(c[chosen] for c in columns)


def _both_directions(
    a: np.ndarray, b: np.ndarray, scores: Sequence[np.ndarray], parts: int
) -> Iterator[Bundle]:
    """Entries of pairs ``(a, b)`` from both sides, each to its row's part."""
    rows, others = np.concatenate((a, b)), np.concatenate((b, a))
    columns = (rows, others, *(np.concatenate((s, s)) for s in scores))
    return _bundled(rows % parts, columns, parts)


def _gathered(bundles: Iterable[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...] | None:
    """The columns of a part's bundles, joined (None for an empty part)."""
    every = list(bundles)
    if not every:
        return None
    return tuple(np.concatenate(column) for column in zip(*every, strict=True))


def _kept(bundles: Iterable[tuple[np.ndarray, ...]], parts: int) -> Iterator[Bundle]:
    """Each row ranks its whole list (every entry of a row is in its part): the pairs it
    keeps (among its best KEEP) go, as ``(a, b, text, lead, names)``, to the pair's part."""
    columns = _gathered(bundles)
    if columns is None:
        return
    rows, others, text, lead, names = columns
    keep = own_ranks(rows, others, (text + lead) / 2.0) < KEEP
    a, b = np.minimum(rows, others)[keep], np.maximum(rows, others)[keep]
    yield from _bundled(a % parts, (a, b, text[keep], lead[keep], names[keep]), parts)


def _both_ways(bundles: Iterable[tuple[np.ndarray, ...]], parts: int) -> Iterator[Bundle]:
    """Each kept pair once (both sides may have kept it), sent both ways to its rows."""
    columns = _gathered(bundles)
    if columns is None:
        return
    a, b, text, lead, names = columns
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    first = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])]
    chosen = order[first]
    yield from _both_directions(
        a[first], b[first], (text[chosen], lead[chosen], names[chosen]), parts
    )


def _sides(bundles: Iterable[tuple[np.ndarray, ...]], parts: int) -> Iterator[Bundle]:
    """Each row over its kept pairs: its best and background and its rank of each
    partner; every entry, with those, goes to its pair's part."""
    columns = _gathered(bundles)
    if columns is None:
        return
    rows, others, text, lead, names = columns
    sims = (text + lead) / 2.0
    ranks = own_ranks(rows, others, sims)
    places, at = np.unique(rows, return_inverse=True)
    best, background = best_and_background(at, ranks, sims, len(places))
    a = np.minimum(rows, others)
    side = (rows, others, np.minimum(ranks, RANK_CAP), best[at], background[at], text, lead, names)
    yield from _bundled(a % parts, side, parts)


def _with_model(
    bundles: Iterable[tuple[np.ndarray, ...]], days: np.ndarray
) -> Iterator[tuple[Any, ...]]:
    """The two sides of each kept pair met: ``(a, b, text, lead, names, rank_ab, rank_ba,
    p, best_a, background_a, best_b, background_b)``."""
    columns = _gathered(bundles)
    if columns is None:
        return
    rows, others, ranks, best, background, text, lead, names = columns
    a, b = np.minimum(rows, others), np.maximum(rows, others)
    order = np.lexsort((rows != a, b, a))  # each pair's a-side first, then its b-side
    left, right = order[0::2], order[1::2]
    pa, pb = a[left], b[left]
    evidence = PairEvidence(
        text=text[left],
        lead=lead[left],
        names=names[left],
        best_a=best[left],
        best_b=best[right],
        background_a=background[left],
        background_b=background[right],
        rank_ab=ranks[left],
        rank_ba=ranks[right],
        day_a=days[pa, 0],
        day_b=days[pb, 0],
        written_a=days[pa, 1],
        written_b=days[pb, 1],
    )
    p = probabilities(pair_features(evidence))
    yield from zip(
        pa.tolist(),
        pb.tolist(),
        text[left].tolist(),
        lead[left].tolist(),
        names[left].tolist(),
        ranks[left].tolist(),
        ranks[right].tolist(),
        p.tolist(),
        best[left].tolist(),
        background[left].tolist(),
        best[right].tolist(),
        background[right].tolist(),
        strict=True,
    )


def _days(f: ArticleFeatures) -> tuple[int, int]:
    return (NO_DAY if f.day is None else f.day, NO_DAY if f.written is None else f.written)


def _cluster_group(items: list[tuple[Any, ...]], dense: bool, cut: float) -> list[list[str]]:
    features = [decode_features(item[1]) for item in items if item[0] == "f"]
    stats = [item[2] for item in items if item[0] == "f"]
    pairs = [item[1] for item in items if item[0] == "p"]
    return cluster_part(features, stats, pairs, dense, cut)
