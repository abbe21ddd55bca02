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
* neighbourhoods: each article's pairs grouped by article and ranked
  (``neighbourhood``), twice (all scored pairs, then the kept ones);
* the pair model on each kept pair (``pair_features``, ``probabilities``), its two sides'
  statistics meeting by the pair's key;
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
    Candidates,
    neighbourhood,
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
    Prepared,
    collect_less_often,
    prepare_without_texts,
    with_texts,
)
from newsweave.errors import ConfigError, NewsweaveError
from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection
from newsweave.store.codec import decode_features, encode_features

__all__ = ["SparkEngine", "spark_available"]

J = TypeVar("J")
R = TypeVar("R")

INSTALL = "pip install 'newsweave[spark]'"
#: Stories per task in one wave of ``analyze --all`` on Spark: enough to keep a task busy for
#: seconds, few enough that a killed run loses little.
STORIES_PER_TASK = 4
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

    def prepare(self, items: Iterable[RawDocument | Rejection]) -> Iterator[list[Prepared]]:
        """Chunks of prepared documents, in input order, made on the executors.

        The next chunk's job runs while the caller writes this one (one job ahead, from a
        second driver thread), so the executors do not wait on the store's writes."""
        batch = CHUNK * self.partitions
        source = iter(items)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-prepare") as ahead:

            def submit() -> Future[list[Prepared]] | None:
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

    def _prepared(self, chunk: list[RawDocument | Rejection]) -> list[Prepared]:
        """One chunk made on the executors, which send the features back without the texts
        (the driver holds them and normalises them again, as the local engine does)."""
        rdd = self.sc.parallelize(chunk, self.partitions)
        return with_texts(rdd.mapPartitions(_prepare_partition).collect(), chunk)

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
                [
                    (k, ((posting_sort_key(f)[0], k), f.blocks, _days(f)))
                    for k, f in enumerate(numbered)
                ],
                self.partitions,
            ).cache()
            blobs = self.sc.broadcast(encoded)
            scored = self._scored(blobs, self._pairs(index)).cache()
            kept = _keep(scored)
            stats = _stats(kept, index).cache()
            pairs = _with_probability(stats)
            found = [(ids[p[0]], ids[p[1]], *p[2:]) for p in pairs.collect()]
            statistics = {ids[k]: v for k, v in stats.mapValues(lambda s: s[0]).collect()}
            groups = self._groups(reps, found, statistics, rows, cut)
            for rdd in (rows, index, scored, stats):
                rdd.unpersist()
            blobs.destroy()
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

    def _scored(self, blobs: Any, pairs: Any) -> Any:
        """(a, b, text, lead, names) for every candidate pair. The features are a broadcast
        (one copy per executor): joining them to the pairs shipped both sides' features with
        every pair, which made this stage most of the Spark engine's time."""
        return pairs.mapPartitions(lambda part: _score_partition(part, blobs.value))

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


def _prepare_partition(part: Iterable[RawDocument | Rejection]) -> list[Prepared]:
    collect_less_often()  # as the local engine's workers do
    return prepare_without_texts(list(part))


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

    keys = dict((index, key) for key, index in members)
    return [
        (a, b)
        for a, b in bucket_pairs([(keys[i], i) for i in sorted(keys)])
        if jaccard(signatures[a], signatures[b]) >= NEAR_DUPLICATE
    ]


def _posting_pairs(members: list[tuple[Any, int]]) -> list[tuple[int, int]]:
    ordered = [article for _, article in sorted(members)]
    return [(min(a, b), max(a, b)) for a, b in posting_pairs(ordered)]


def _score_partition(
    pairs: Iterable[tuple[int, int]], blobs: Sequence[bytes]
) -> Iterator[tuple[int, int, float, float, float]]:
    """Cosines of a partition's pairs: one small table of its articles' features (decoded
    from the broadcast ``blobs``), the same kernel."""
    batch = list(pairs)
    if not batch:
        return
    order = sorted({a for pair in batch for a in pair})
    table = feature_table([decode_features(blobs[i]) for i in order])
    at = {a: k for k, a in enumerate(order)}
    left = np.array([at[a] for a, _ in batch], dtype=np.int64)
    right = np.array([at[b] for _, b in batch], dtype=np.int64)
    text, lead, names = (c.cosines(left, right) for c in (table.text, table.lead, table.names))
    for k, (a, b) in enumerate(batch):
        yield (a, b, float(text[k]), float(lead[k]), float(names[k]))


def _by_article(pairs: Any) -> Any:
    """Each article with its pairs as ``(partner, text, lead, names)`` (one shuffle)."""
    return pairs.flatMap(
        lambda p: [(p[0], (p[1], p[2], p[3], p[4])), (p[1], (p[0], p[2], p[3], p[4]))]
    ).groupByKey()


def _rank_one(
    article: int, partners: list[tuple[int, float, float, float]]
) -> tuple[float, float, list[int]]:
    """``neighbourhood`` over one article's own pairs: its best and background similarity
    and its rank of each partner, in the order given (ties by id, as everywhere)."""
    ids = tuple(sorted({article, *(p[0] for p in partners)}))
    at = {i: k for k, i in enumerate(ids)}
    candidates = Candidates(
        np.full(len(partners), at[article], dtype=np.int64),
        np.array([at[p[0]] for p in partners], dtype=np.int64),
        np.array([p[1] for p in partners], dtype=np.float64),
        np.array([p[2] for p in partners], dtype=np.float64),
        np.zeros(len(partners)),
    )
    around = neighbourhood(len(ids), candidates, ids)
    me = at[article]
    return float(around.best[me]), float(around.background[me]), around.rank_left.tolist()


def _keep(scored: Any) -> Any:
    """The scored pairs either side ranks among its best KEEP: each article sends on the
    pairs it keeps, and a pair both sides keep is taken once."""
    return (
        _by_article(scored)
        .flatMap(_kept_by)
        .reduceByKey(lambda x, _: x)
        .map(lambda kv: (kv[0][0], kv[0][1], *kv[1]))
    )


def _kept_by(item: tuple[int, Iterable[tuple[int, float, float, float]]]) -> list[Any]:
    """``((a, b), (text, lead, names))`` for each pair of one article that it keeps."""
    article, partners = item[0], list(item[1])
    _, _, ranks = _rank_one(article, partners)
    return [
        ((min(article, o), max(article, o)), (text, lead, names))
        for (o, text, lead, names), rank in zip(partners, ranks, strict=True)
        if rank < KEEP
    ]


def _stats(kept: Any, rows: Any) -> Any:
    """Per article over its kept pairs: ``((best, background), (day, written), [(partner,
    text, lead, names, rank)])``, its days joined from ``rows``."""
    days = rows.mapValues(lambda v: v[2])
    return _by_article(kept).map(_ranked).join(days).mapValues(lambda v: (v[0][0], v[1], v[0][1]))


def _ranked(item: tuple[int, Iterable[tuple[int, float, float, float]]]) -> Any:
    """One article's (best, background) and its pairs, each with its rank of the partner."""
    article, partners = item[0], list(item[1])
    best, background, ranks = _rank_one(article, partners)
    return article, (
        (best, background),
        [(*p, rank) for p, rank in zip(partners, ranks, strict=True)],
    )


def _with_probability(stats: Any) -> Any:
    """(a, b, text, lead, names, rank_ab, rank_ba, p) for every kept pair: each article sends
    its side (its statistics, days and rank of the partner) to the pair, and the two sides
    meet in one shuffle."""
    return stats.flatMap(_sides).groupByKey().mapPartitions(_probability_partition)


def _sides(item: Any) -> list[Any]:
    """One article's side of each of its kept pairs, keyed by the pair."""
    article, (numbers, days, partners) = item
    return [
        ((min(article, o), max(article, o)), (article < o, numbers, days, rank, scores))
        for o, *scores, rank in partners
    ]


def _probability_partition(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    batch = []
    for (a, b), met in rows:
        left, right = sorted(met, key=lambda side: not side[0])  # a's side first
        batch.append((a, b, left, right))
    if not batch:
        return
    ranks = [(min(x[2][3], RANK_CAP), min(x[3][3], RANK_CAP)) for x in batch]
    evidence = PairEvidence(
        text=np.array([x[2][4][0] for x in batch]),
        lead=np.array([x[2][4][1] for x in batch]),
        names=np.array([x[2][4][2] for x in batch]),
        best_a=np.array([x[2][1][0] for x in batch]),
        best_b=np.array([x[3][1][0] for x in batch]),
        background_a=np.array([x[2][1][1] for x in batch]),
        background_b=np.array([x[3][1][1] for x in batch]),
        rank_ab=np.array([r[0] for r in ranks], dtype=np.int64),
        rank_ba=np.array([r[1] for r in ranks], dtype=np.int64),
        day_a=np.array([x[2][2][0] for x in batch], dtype=np.int64),
        day_b=np.array([x[3][2][0] for x in batch], dtype=np.int64),
        written_a=np.array([x[2][2][1] for x in batch], dtype=np.int64),
        written_b=np.array([x[3][2][1] for x in batch], dtype=np.int64),
    )
    p = probabilities(pair_features(evidence))
    for k, (a, b, left, _) in enumerate(batch):
        text, lead, names = left[4]
        yield (a, b, text, lead, names, *ranks[k], float(p[k]))


def _days(f: ArticleFeatures) -> tuple[int, int]:
    return (NO_DAY if f.day is None else f.day, NO_DAY if f.written is None else f.written)


def _cluster_group(items: list[tuple[Any, ...]], dense: bool, cut: float) -> list[list[str]]:
    features = [decode_features(item[1]) for item in items if item[0] == "f"]
    stats = [item[2] for item in items if item[0] == "f"]
    pairs = [item[1] for item in items if item[0] == "p"]
    return cluster_part(features, stats, pairs, dense, cut)
