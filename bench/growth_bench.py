"""Growing a store by a batch: the exact regroup, the whole store clustered again, and the
attach, timed on the same cut of a firehose corpus.

    python bench/growth_bench.py                        # the table of bench/README.md
    python bench/growth_bench.py --cuts 40000:10000     # one store + batch

For each ``STORE:BATCH`` cut, the first ``STORE`` articles of ``articles.jsonl`` (from
``bench/firehose_corpus.py``, default ``/tmp/newsweave-firehose/corpus50000``) go into a new
store, then the next ``BATCH`` are ingested with each ``[cluster] regroup`` asked for
("exact", "whole", and "attach" where the store holds 20,000 texts or more); only the second
ingest is timed. It prints seconds and the stories each gives, beside the stories of one
batch of the same ``STORE + BATCH`` articles ("whole" gives those by construction), and what
``auto`` would choose.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

CUTS = ("9980:20", "9800:200", "19500:500", "30000:2000", "45000:5000", "40000:10000", "47500:2500")


def _lines(corpus: Path, start: int, count: int, out: Path) -> Path:
    with corpus.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for number, line in enumerate(source):
            if number >= start + count:
                break
            if number >= start:
                sink.write(line)
    return out


def _stories(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
    finally:
        conn.close()


def _auto(db: Path, batch: int) -> str:
    from newsweave.corpus.intake import regroup_mode, whole_is_faster

    conn = sqlite3.connect(db)
    held = conn.execute("SELECT count(*) FROM duplicates WHERE article = representative")
    texts = int(held.fetchone()[0])
    conn.close()
    mode = regroup_mode("auto", texts, batch)
    return "whole" if mode == "exact" and whole_is_faster(texts, batch) else mode


def measure(corpus: Path, stored: int, batch: int, work: Path) -> dict[str, object]:
    """Seconds and stories of each regroup for one cut, and one batch's stories."""
    from newsweave.config import ClusterSettings, Settings
    from newsweave.corpus import ingest

    first = _lines(corpus, 0, stored, work / "first.jsonl")
    later = _lines(corpus, stored, batch, work / "later.jsonl")
    base = work / "base.sqlite"
    ingest([first], Settings(db=str(base)))
    one = work / "one.sqlite"
    ingest([first, later], Settings(db=str(one)))
    row: dict[str, object] = {"cut": f"{stored:,} + {batch:,}", "one_batch": _stories(one)}
    row["auto"] = _auto(base, batch)
    modes = ["exact", "whole"] + (["attach"] if row["auto"] == "attach" or stored >= 20_000 else [])
    for mode in modes:
        db = work / f"{mode}.sqlite"
        shutil.copyfile(base, db)
        start = time.perf_counter()
        ingest([later], Settings(db=str(db), cluster=ClusterSettings(regroup=mode)))
        row[mode] = (round(time.perf_counter() - start, 1), _stories(db))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path("/tmp/newsweave-firehose/corpus50000/articles.jsonl"),
    )
    parser.add_argument("--cuts", nargs="+", default=list(CUTS), metavar="STORE:BATCH")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no {args.corpus}: build it with python bench/firehose_bench.py --sizes 50000")
    print("| store + batch | exact | whole | attach | one batch | auto |")
    print("|---|---|---|---|---|---|")
    for cut in args.cuts:
        stored, batch = (int(part) for part in cut.split(":"))
        with tempfile.TemporaryDirectory() as folder:
            row = measure(args.corpus, stored, batch, Path(folder))

        def cell(mode: str, row: dict[str, object] = row) -> str:
            found = row.get(mode)
            return "-" if found is None else f"{found[0]} s ({found[1]:,})"  # type: ignore[index]

        print(
            f"| {row['cut']} | {cell('exact')} | {cell('whole')} | {cell('attach')} | "
            f"{row['one_batch']:,} | {row['auto']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
