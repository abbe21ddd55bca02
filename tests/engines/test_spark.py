"""The Spark engine gives exactly the local engine's duplicates, stories and story ids.

Real text: several hundred articles of the mixed stream (ECB+, Multi-News, MEANTIME),
with planted reprints and light edits so duplicate clusters are exercised; Spark runs
on ``local[2]`` with the machine's Java. Skipped (with how to fix) without PySpark or Java.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsweave.cli import main
from newsweave.cluster.featurize import article_features
from newsweave.cluster.stories import cluster_corpus
from newsweave.config import SparkSettings
from newsweave.model import Article, Rejection
from tests.eval.gate import require
from tests.eval.stream import read_stream

pytestmark = pytest.mark.slow

ARTICLES = 400


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pip install 'newsweave[spark]' to run the Spark tests")
    if shutil.which("java") is None:
        pytest.skip("no Java: install Java 17 (apt-get install openjdk-17-jre-headless)")
    from newsweave.engines.spark import SparkEngine

    engine = SparkEngine(SparkSettings(master="local[2]", partitions=4))
    yield engine
    engine.stop()


def _records(datasets):
    docs = read_stream(datasets)[:ARTICLES]
    records = [{"id": d.id, "text": d.text, "published": d.published} for d in docs]
    for k, d in enumerate(docs[:40]):  # reprints and lightly edited copies
        text = d.text if k % 2 else d.text.replace(" the ", " a ", 2) + "\nEditing by a desk."
        records.append({"id": f"copy-{k}", "text": text, "published": d.published})
    return records


def _articles(records):
    return [
        Article(
            id=r["id"],
            source=r["id"],
            text=r["text"],
            published=r["published"],
            content_hash=hashlib.sha256(r["text"].encode()).hexdigest(),
        )
        for r in records
    ]


@pytest.mark.parametrize("exact", [None, 50], ids=["every-pair", "blocked"])
def test_spark_clusters_exactly_as_the_local_engine(spark, datasets, monkeypatch, exact):
    """On every pair (a small corpus) and through blocking words (a large one: here the
    threshold is lowered so that 440 articles are large)."""
    require(datasets / "ecbplus")
    if exact is not None:
        import newsweave.cluster.neighbours as neighbours
        import newsweave.engines.spark as engine

        monkeypatch.setattr(neighbours, "EXACT_PAIRS", exact)
        monkeypatch.setattr(engine, "EXACT_PAIRS", exact)
    features = [article_features(a) for a in _articles(_records(datasets))]
    local = cluster_corpus(features)
    distributed = spark.cluster(features)
    assert any(len(c.members) > 1 for c in local.duplicates)
    assert distributed.duplicates == local.duplicates
    assert distributed.stories == local.stories
    assert distributed.links == local.links
    assert distributed.neighbours == local.neighbours
    assert distributed.neighbourhoods == local.neighbourhoods


def test_ingest_on_spark_gives_the_same_store(spark, datasets, tmp_path, capsys):
    """A first batch, then a second that clusters the whole store again (a batch of more
    than 2% of its texts), on either engine; the second is a Parquet table, whose rows are
    decoded where JSON Lines records are (in Spark's executors)."""
    require(datasets / "ecbplus")
    records = _records(datasets)
    sources = [tmp_path / "first.jsonl", tmp_path / "second.parquet"]
    with sources[0].open("w", encoding="utf-8") as handle:
        for record in records[::2]:
            handle.write(json.dumps(record) + "\n")
    pq.write_table(pa.Table.from_pylist(records[1::2]), sources[1])
    tables = {}
    for engine in ("local", "spark"):
        db = tmp_path / f"{engine}.sqlite"
        for source in sources:
            argv = ["ingest", str(source), "--db", str(db), "--engine", engine]
            assert main([*argv, "--master", "local[2]"]) == 0
        assert "clustered again" in capsys.readouterr().out
        conn = sqlite3.connect(db)
        tables[engine] = {
            name: sorted(conn.execute(query).fetchall())
            for name, query in {
                "stories": "SELECT id, headline, size FROM stories",
                "members": "SELECT article, story FROM story_members",
                "duplicates": "SELECT article, representative, kind FROM duplicates",
                "links": "SELECT a, b, probability FROM links",
            }.items()
        }
    capsys.readouterr()
    assert tables["spark"] == tables["local"]


def test_without_pyspark_the_error_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    import newsweave.engines.spark as engine

    monkeypatch.setattr(engine, "spark_available", lambda: False)
    (tmp_path / "a.txt").write_text("Parliament voted on Tuesday to remove the minister.")
    code = main(
        ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.sqlite"), "--engine", "spark"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Error: ") and "(pip install 'newsweave[spark]')" in err


def test_an_unreachable_master_is_a_clear_error(tmp_path, capsys):
    pytest.importorskip("pyspark", reason="pip install 'newsweave[spark]'")
    (tmp_path / "a.txt").write_text("Parliament voted on Tuesday to remove the minister.")
    argv = [
        "ingest",
        str(tmp_path / "a.txt"),
        "--db",
        str(tmp_path / "s.sqlite"),
        "--engine",
        "spark",
        "--master",
        "spark://127.0.0.1:9",
    ]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1
    assert "the Spark master spark://127.0.0.1:9 is unreachable" in err and "Traceback" not in err


def test_the_story_tier_on_spark_equals_one_process(spark, tmp_path):
    from newsweave.analysis import analyze_all
    from newsweave.config import load_settings
    from tests.integration.test_analyze_all import _analyses, _store

    db = _store(tmp_path)
    report = analyze_all(load_settings(overrides={"db": str(db), "run.engine": "spark"}))
    assert report.analysed == 3 and report.failed == ()
    alone = tmp_path / "alone"
    alone.mkdir()
    db_alone = _store(alone)
    analyze_all(load_settings(overrides={"db": str(db_alone), "run.workers": 1}))
    assert _analyses(db) == _analyses(db_alone)


def test_spark_submit_runs_newsweave_as_the_application(tmp_path):
    """The README's cluster recipe, on a local master: spark-submit ... newsweave/__main__.py."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("pyspark", reason="pip install 'newsweave[spark]'")
    import importlib.util

    spec = importlib.util.find_spec("newsweave.__main__")  # its path, without running it
    assert spec is not None and spec.origin is not None
    bin_dir = Path(sys.executable).parent
    submit, app = bin_dir / "spark-submit", Path(spec.origin)
    if not submit.exists() or not app.exists() or shutil.which("java") is None:
        pytest.skip("spark-submit, the newsweave script or Java is missing")
    examples = Path(__file__).resolve().parents[2] / "examples"
    db = tmp_path / "submitted.sqlite"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(
        [
            str(submit),
            "--master",
            "local[2]",
            str(app),
            "ingest",
            str(examples),
            "--db",
            str(db),
            "--engine",
            "spark",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("Ingested 4 new articles")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM stories").fetchone() == (1,)


def test_stories_are_dealt_to_tasks_of_even_weight():
    pytest.importorskip("pyspark", reason="pip install 'newsweave[spark]'")
    from newsweave.engines.spark import deal

    weights = [40, 3, 9, 22, 5, 17, 1, 30, 8, 12]
    tasks = deal(weights, 4, lambda w: w)
    assert sorted(w for task in tasks for w in task) == sorted(weights)  # each job once
    loads = [sum(task) for task in tasks]
    assert len(tasks) == 4 and all(tasks) and max(loads) - min(loads) <= max(weights) // 2
    assert deal([7], 4, lambda w: w) == [[7]] and deal([], 4, lambda w: w) == []


def test_prepare_keeps_the_input_order_over_chunks_prepared_ahead(spark, monkeypatch):
    """Chunks are prepared one job ahead of the caller: they still come in input order, the
    same as the local engine's, with bad documents as rejections; stopping early neither
    hangs nor leaves a job running."""
    import newsweave.engines.spark as spark_module
    from newsweave.engines.local import prepare_chunk
    from newsweave.ingest.records import RawDocument

    monkeypatch.setattr(spark_module, "CHUNK", 2)  # 2 x 4 partitions: 8 documents a chunk
    monkeypatch.setattr(spark_module, "CHUNKS_PER_TASK", 1)
    items = [
        RawDocument(f"doc-{k}.txt", "" if k % 7 == 3 else f"Story number {k} in the town.")
        for k in range(30)
    ]
    chunks = list(spark.prepare(items))
    assert len(chunks) == 4
    assert [_name(p) for c in chunks for p in c.items] == [
        _name(p) for p in prepare_chunk(items).items
    ]
    assert sum(len(c.rejected) for c in chunks) == 4  # empty texts
    for chunk in chunks:  # a feature row and a stored blob per article, in order
        assert list(chunk.table.ids) == [a.id for a in chunk.articles]
        assert all(a.text.startswith("Story number") for a in chunk.articles)
        assert len(chunk.blobs) == len(chunk.articles)
    early = spark.prepare(items)
    assert len(next(early).items) == 8
    early.close()
    # the scheduler drops a cancelled job from its books a moment after the driver's call
    # returns: wait for that (a job still running after seconds would be a leak)
    deadline = time.monotonic() + 10
    while spark.sc.statusTracker().getActiveJobsIds() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert spark.sc.statusTracker().getActiveJobsIds() == []


def _name(item):
    return ("rejected", item.source) if isinstance(item, Rejection) else item.source
