"""Where one ingest's time goes: wall seconds and CPU seconds per stage, and how many cores
each stage kept busy.

    python bench/ingest_phases.py /tmp/newsweave-firehose/corpus50000/articles.jsonl
    python bench/ingest_phases.py FILE --db /tmp/store.sqlite   # default: a new store in /tmp

The stages are those `newsweave.corpus.ingest` reports to its progress callback: reading
(documents decoded, made articles and featured by the pool's workers, written by this
process), clustering (duplicates and stories, with the search index rebuilt beside them
on another thread), the corpus tables (bands, postings, neighbours, duplicates) and the
story rows. At each stage's end the CPU time of this process (every thread) and of its live
children (the workers) is read, so a stage's "cores" is its CPU over its wall time: 2.0 on
two cores means nothing waited, 1.0 that one core did the stage alone. Pair it with
`bench/firehose_bench.py`, which times whole runs beside datasketch.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from bench.dedup_peer import peak_mb  # noqa: E402
from newsweave.config import Settings  # noqa: E402
from newsweave.corpus import ingest  # noqa: E402
from newsweave.errors import NewsweaveError  # noqa: E402

#: The stage that ends when ``progress("stories", done, ...)`` reports ``done``.
ENDED_BY = {0: "reading", 1: "clustering", 2: "corpus tables", 3: "story rows"}


@dataclass(frozen=True, slots=True)
class Mark:
    """The clock and the CPU spent so far when a stage ended."""

    stage: str
    wall: float
    main_cpu: float
    workers_cpu: float


class Clock:
    """A progress callback that marks the end of each stage."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.start = time.perf_counter()
        self.workers: dict[int, float] = {}  # pid -> CPU seconds last read
        self.worker_peaks: dict[int, float] = {}  # pid -> peak MB last read
        self.marks = [Mark("start", 0.0, self._main(), 0.0)]

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "stories" and done in ENDED_BY:
            self.marks.append(
                Mark(ENDED_BY[done], time.perf_counter() - self.start, self._main(), self._kids())
            )

    def _main(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    def _kids(self) -> float:
        for child in self.process.children(recursive=True):
            try:
                times = child.cpu_times()
            except psutil.Error:
                continue  # gone since listed: its last reading stands
            self.workers[child.pid] = times.user + times.system
            self.worker_peaks[child.pid] = max(
                self.worker_peaks.get(child.pid, 0.0), peak_mb(child.pid)
            )
        return sum(self.workers.values())


def report(marks: list[Mark], articles: int) -> None:
    print(f"{'stage':<14} {'wall s':>7} {'main CPU':>9} {'workers CPU':>12} {'cores':>6}")
    for before, after in pairwise(marks):
        wall = after.wall - before.wall
        main = after.main_cpu - before.main_cpu
        workers = after.workers_cpu - before.workers_cpu
        cores = (main + workers) / wall if wall > 0 else 0.0
        print(f"{after.stage:<14} {wall:7.2f} {main:9.2f} {workers:12.2f} {cores:6.2f}")
    last = marks[-1]
    cpu = last.main_cpu - marks[0].main_cpu + last.workers_cpu
    print(
        f"{'whole':<14} {last.wall:7.2f} {last.main_cpu - marks[0].main_cpu:9.2f} "
        f"{last.workers_cpu:12.2f} {cpu / last.wall:6.2f}"
    )
    print(f"{articles:,} articles: {articles / last.wall:,.0f} articles/s, {cpu:.1f} s of CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help="a JSON Lines file (or any ingest input)")
    parser.add_argument("--db", type=Path, help="a new store (default: one in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "store.sqlite"
        if db.exists():
            raise SystemExit(f"{db} exists: give the path of a new store")
        clock = Clock()
        try:
            result = ingest([args.input], Settings(db=str(db)), progress=clock)
        except NewsweaveError as error:
            raise SystemExit(f"error: {error}") from None
        report(clock.marks, result.added + result.updated)
        workers = clock.worker_peaks.values()
        print(
            f"peak memory: this process {peak_mb():,.0f} MB, "
            f"{len(workers)} workers up to {max(workers, default=0.0):,.0f} MB each"
        )


if __name__ == "__main__":
    main()
