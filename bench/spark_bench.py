"""The Spark engine beside the local engine, and the story tier over 1 and 2 workers.

    python bench/spark_bench.py corpus --sizes 10000 50000          # local vs local[1] vs local[2]
    python bench/spark_bench.py corpus --sizes 200000 --masters 'local[2]'   # the long one
    python bench/spark_bench.py stories --stories 200 --workers 1 2   # analyze --all, pooled

**corpus**: ``newsweave ingest`` of the firehose corpus (``bench/firehose_corpus.py``; built in
``--work`` if absent) into a new store, each run in its own process, with the local engine,
Spark ``local[1]`` and Spark ``local[2]``: wall seconds, articles/s, Spark's overhead over the
local engine and its speed-up from one to two cores, and whether the stores' stories agree.
On this 2-core machine a cluster would divide the work the same way: documents are prepared in
partitions (``CHUNK`` each), duplicate buckets and blocking postings are grouped by key,
candidate pairs are scored where they are against a broadcast of the features, and bounded
parts of the story graph are clustered one per task; only the driver's SQLite writes stay
serial.

**stories**: a store of the 10k corpus; ``analyze --all`` over its largest ``--stories``
stories with 1 and 2 local workers (and ``--spark`` for Spark ``local[2]``): stories/s,
articles/s, the speed-up, and peak memory per worker (``ru_maxrss`` of the worker processes;
for Spark that is the driver only: the Python workers are the JVM's children and not counted).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def _corpus(work: Path, size: int) -> Path:
    folder = work / f"corpus{size}"
    if not (folder / "articles.jsonl").exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "firehose_bench.py"),
                "--sizes",
                str(size),
                "--skip-peer",
                "--work",
                str(work),
            ],
            check=True,
        )
    return folder


_WRAP = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024); sys.exit(done.returncode)"
)


def _run(argv: list[str]) -> tuple[float, int]:
    """Seconds of one ``newsweave`` command in a fresh process, and the largest resident
    memory of any of its processes (itself or a worker), in MB."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAP, sys.executable, "-m", "newsweave", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"newsweave {' '.join(argv)} failed: {done.stderr.strip()[-500:]}")
    return seconds, int(done.stdout.strip().splitlines()[-1])


def _stories(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    return sorted(conn.execute("SELECT article, story FROM story_members").fetchall())


def corpus(sizes: list[int], work: Path, masters: list[str]) -> None:
    rows = []
    for size in sizes:
        source = _corpus(work, size) / "articles.jsonl"
        result: dict[str, Any] = {"size": size}
        runs = [("local", ["--engine", "local"])] + [
            (f"spark {m}", ["--engine", "spark", "--master", m]) for m in masters
        ]
        for name, extra in runs:
            db = Path(tempfile.mkdtemp(dir=work)) / "store.sqlite"
            seconds, _ = _run(["ingest", str(source), "--db", str(db), *extra])
            result[name] = seconds
            result[f"{name} stories"] = _stories(db)
        same = all(result[f"{n} stories"] == result["local stories"] for n, _ in runs)
        rows.append((size, result, same))
        print(json.dumps({k: v for k, v in result.items() if "stories" not in k}), flush=True)
    names = [f"spark {m}" for m in masters]
    print(
        f"\n{'articles':>9} | {'local s':>8} | "
        + " | ".join(f"{n + ' s':>16} | {'overhead':>8}" for n in names)
        + f" | {'1->2 cores':>10} | same stories"
    )
    for size, result, same in rows:
        local = result["local"]
        cells = " | ".join(f"{result[n]:>16.1f} | {result[n] / local:>7.2f}x" for n in names)
        both = "spark local[1]" in result and "spark local[2]" in result
        gain = f"{result['spark local[1]'] / result['spark local[2]']:>9.2f}x" if both else "-"
        print(f"{size:>9} | {local:>8.1f} | {cells} | {gain:>10} | {same}")


def stories(count: int, workers: list[int], work: Path, spark: bool) -> None:
    source = _corpus(work, 10_000) / "articles.jsonl"
    base = Path(tempfile.mkdtemp(dir=work)) / "base.sqlite"
    _run(["ingest", str(source), "--db", str(base)])
    conn = sqlite3.connect(base)
    sizes = conn.execute("SELECT size FROM stories ORDER BY size DESC, id LIMIT ?", (count,))
    min_size = ([1] + [r[0] for r in sizes])[-1]
    # --min-size takes every story of that size, so ties at the cut come in too
    chosen, articles = conn.execute(
        "SELECT count(*), coalesce(sum(size), 0) FROM stories WHERE size >= ?", (min_size,)
    ).fetchone()
    conn.close()
    runs = [(f"{w} worker{'s' if w > 1 else ''}", ["--workers", str(w)]) for w in workers]
    if spark:
        runs.append(("spark local[2]", ["--engine", "spark", "--master", "local[2]"]))
    results = {}
    for name, extra in runs:
        db = base.with_name(f"{name.replace(' ', '_')}.sqlite")
        db.write_bytes(base.read_bytes())
        seconds, peak = _run(
            ["analyze", "--all", "--db", str(db), "--min-size", str(min_size), *extra]
        )
        results[name] = (seconds, peak)
        print(json.dumps({"run": name, "seconds": seconds, "peak_mb": peak}), flush=True)
    print(f"\n{chosen} stories ({articles} articles, the largest of the 10k corpus)")
    print(f"{'run':<16} | {'seconds':>8} | {'stories/s':>9} | {'articles/s':>10} | {'peak MB':>8}")
    for name, (seconds, peak) in results.items():
        print(
            f"{name:<16} | {seconds:>8.1f} | {chosen / seconds:>9.2f} | "
            f"{articles / seconds:>10.1f} | {peak:>8}"
        )
    if len(workers) > 1:
        one, two = results[runs[0][0]][0], results[runs[1][0]][0]
        print(f"speed-up from {workers[0]} to {workers[1]} workers: {one / two:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["corpus", "stories"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument(
        "--workers", type=int, nargs="*", default=[1, 2], help="local runs (none: Spark only)"
    )
    parser.add_argument("--spark", action="store_true", help="also the story tier on Spark")
    parser.add_argument(
        "--masters",
        nargs="+",
        default=["local[1]", "local[2]"],
        help="Spark masters of the corpus runs (e.g. only local[2] at 200k)",
    )
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "newsweave-firehose"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.what == "corpus":
        corpus(sorted(args.sizes), args.work, args.masters)
    else:
        stories(args.stories, args.workers, args.work, args.spark)


if __name__ == "__main__":
    main()
