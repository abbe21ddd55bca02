"""The firehose benchmark: the whole corpus tier at 10k, 50k and 200k articles, beside the
datasketch MinHashLSH + union-find pipeline on the same input in the same run.

    python bench/firehose_bench.py                      # 10k, 50k, 200k (corpora built if absent)
    python bench/firehose_bench.py --sizes 10000 50000  # a shorter curve
    python bench/firehose_bench.py --skip-peer          # newsweave only
    python bench/firehose_bench.py --repeat 3           # medians of three runs a system

For each size it builds (or reuses) the corpus with ``bench/firehose_corpus.py`` in
``--work`` (default /tmp/newsweave-firehose), then in a fresh process each:

* **newsweave**: ``newsweave.corpus.ingest`` of ``articles.jsonl`` into a new store: read,
  normalise, infer metadata, write articles and texts, features, duplicates, stories;
* **datasketch**: ``bench/dedup_peer.py`` (128-permutation MinHash of 5-word shingles,
  MinHashLSH at threshold 0.5, the best on the 10k gold, + union-find): duplicates only.

It prints wall seconds, articles/s, peak memory (the process's ``VmHWM``:
``bench.dedup_peer.peak_mb``), the ratio of speeds, duplicate precision/recall/F1 against the
planted ``dup`` gold for both, story B-cubed against the gold stories (a sanity check: the
planted stories are easier than real ones, the quality gate scores real data), the growth
exponent (log-log slope of seconds against articles) and, at the largest size, the time to
ingest 1,000 newer articles into that store (attached: a small batch into a large store keeps
the stored stories, see ``newsweave.corpus.attach``) and how far its stories are from one
batch of all the articles (B-cubed agreement, each partition the other's gold;
``--skip-agreement`` leaves it out).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

INCREMENT = 1000


def _corpus(work: Path, size: int, seed: int) -> Path:
    folder = work / f"corpus{size}"
    # a folder without newer.jsonl was built by firehose_corpus.py alone (no increment held
    # back, ``size`` articles in all): build the benchmark's own
    if not (folder / "newer.jsonl").exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "firehose_corpus.py"),
                "--articles",
                str(size + INCREMENT),
                "--out",
                str(folder),
                "--seed",
                str(seed),
            ],
            check=True,
        )
        _split_increment(folder)
    return folder


def _split_increment(folder: Path) -> None:
    """The last INCREMENT articles (the newest, in feed order) become ``newer.jsonl``."""
    source = folder / "articles.jsonl"
    with source.open("rb") as lines:  # line by line: the 200k corpus is about a gigabyte
        total = sum(1 for _ in lines)
    kept = folder / "articles.jsonl.part"
    newer = set()
    with (
        source.open("rb") as lines,
        kept.open("wb") as old,
        (folder / "newer.jsonl").open("wb") as new,
    ):
        for number, line in enumerate(lines):
            if number < total - INCREMENT:
                old.write(line)
            else:
                new.write(line)
                newer.add(json.loads(line)["id"])
    kept.replace(source)
    gold = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [line for line in gold if json.loads(line)["id"] not in newer]
    (folder / "gold.jsonl").write_text("".join(rows), encoding="utf-8")


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the run {' '.join(args)} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_newsweave(
    corpus: Path, db: Path, newer: bool, name: str = "articles.jsonl"
) -> dict[str, Any]:
    """In this process: ingest the corpus (and then the newer articles) into ``db``."""
    from bench.dedup_peer import peak_mb
    from newsweave.config import Settings
    from newsweave.corpus import ingest

    settings = Settings(db=str(db))
    start = time.perf_counter()
    report = ingest([corpus / name], settings)
    seconds = time.perf_counter() - start
    result: dict[str, Any] = {
        "seconds": seconds,
        "articles": report.added,
        "stories": report.stories,
        "peak_mb": peak_mb(),
    }
    if newer:
        start = time.perf_counter()
        grown = ingest([corpus / "newer.jsonl"], settings)
        result["increment_seconds"] = time.perf_counter() - start
        result["increment_articles"] = grown.added
    return result


def _store_clusters(db: Path) -> tuple[list[list[str]], dict[str, str]]:
    import sqlite3

    conn = sqlite3.connect(db)
    clusters: dict[str, list[str]] = {}
    for article, rep in conn.execute("SELECT article, representative FROM duplicates"):
        clusters.setdefault(rep, []).append(article)
    stories = dict(conn.execute("SELECT article, story FROM story_members"))
    conn.close()
    return list(clusters.values()), stories


def _agreement_with_one_batch(corpus: Path, grown: Path, work: Path) -> dict[str, float]:
    """B-cubed agreement of the grown store's stories with one batch of the same articles."""
    from bench.dedup_peer import score_stories

    with tempfile.TemporaryDirectory(dir=work, ignore_cleanup_errors=True) as folder:
        whole = Path(folder)
        with (whole / "all.jsonl").open("wb") as out:
            for name in ("articles.jsonl", "newer.jsonl"):
                out.write((corpus / name).read_bytes())
        one = whole / "one.sqlite"
        _child(["--child-newsweave", str(whole), str(one), "--input", "all.jsonl"])
        _, batch = _store_clusters(one)
    _, grown_stories = _store_clusters(grown)
    return score_stories(grown_stories, [{"id": a, "story": s} for a, s in batch.items()])


def _measure(
    corpus: Path,
    size: int,
    largest: bool,
    skip_peer: bool,
    work: Path,
    agreement: bool,
    repeat: int = 1,
) -> dict[str, Any]:
    """Both systems on one corpus, ``repeat`` times in turn (each run in a fresh process, the
    two systems alternating so both see the same machine): the median seconds of each, every
    run's seconds, and the quality of the first run (the stories do not vary). Each store
    (a few GB at 200k) is removed once scored."""
    from bench.dedup_peer import copy_recall, read_gold, score_duplicates, score_stories

    with tempfile.TemporaryDirectory(dir=work, ignore_cleanup_errors=True) as store:
        db = Path(store) / "store.sqlite"
        newer = ["--newer"] if largest else []
        ours = _child(["--child-newsweave", str(corpus), str(db), *newer])
        peers = [] if skip_peer else [_peer(corpus)]
        runs = [ours["seconds"]]
        for _ in range(repeat - 1):
            with tempfile.TemporaryDirectory(dir=work, ignore_cleanup_errors=True) as again:
                again_db = Path(again) / "store.sqlite"
                runs.append(_child(["--child-newsweave", str(corpus), str(again_db)])["seconds"])
            if not skip_peer:
                peers.append(_peer(corpus))
        ours["runs"] = runs
        ours["seconds"] = statistics.median(runs)
        if largest and agreement:
            ours["agreement"] = _agreement_with_one_batch(corpus, db, work)
        gold = read_gold(corpus)
        ids = {g["id"] for g in gold}
        clusters, stories = _store_clusters(db)
    ours["dup"] = score_duplicates([[a for a in c if a in ids] for c in clusters], gold)
    ours["stories_b3"] = score_stories({a: s for a, s in stories.items() if a in ids}, gold)
    ours["copy_recall"] = copy_recall(clusters, gold)
    peer = None
    if peers:
        peer = peers[0]
        peer["runs"] = [p["seconds"] for p in peers]
        peer["seconds"] = statistics.median(peer["runs"])
        peer["articles_per_s"] = size / peer["seconds"]
    return {"size": size, "newsweave": ours, "datasketch": peer}


def _peer(corpus: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "dedup_peer.py"), str(corpus), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _spread(runs: list[float]) -> str:
    """``" (12.1-13.4)"``: the range of several runs; nothing for one."""
    return f" ({min(runs):.1f}-{max(runs):.1f})" if len(runs) > 1 else ""


def _print(results: list[dict[str, Any]]) -> None:
    print(
        f"\n{'articles':>9} | {'system':<10} | {'seconds':>8} | {'art/s':>7} | {'peak MB':>8} | "
        f"dup P / R / F1          | stories B3 F1 | ratio"
    )
    for r in results:
        ours, peer = r["newsweave"], r["datasketch"]
        rate = r["size"] / ours["seconds"]
        d = ours["dup"]
        print(
            f"{r['size']:>9} | {'newsweave':<10} | {ours['seconds']:>8.1f} | {rate:>7.0f} | "
            f"{ours['peak_mb']:>8.0f} | {d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f} | "
            f"{ours['stories_b3']['f1']:>13.3f} |"
        )
        if peer:
            p_rate, pd = peer["articles_per_s"], peer["duplicates"]
            print(
                f"{'':>9} | {'datasketch':<10} | {peer['seconds']:>8.1f} | {p_rate:>7.0f} | "
                f"{peer['peak_mb']:>8.0f} | {pd['precision']:.3f} / {pd['recall']:.3f} / "
                f"{pd['f1']:.3f} | {'-':>13} | {rate / p_rate:.2f}x"
            )
    for r in results:
        ours, peer = r["newsweave"], r["datasketch"]
        if len(ours.get("runs", [])) > 1:
            print(
                f"{r['size']:>9}: medians of {len(ours['runs'])} runs; newsweave"
                f"{_spread(ours['runs'])} s"
                + (f", datasketch{_spread(peer['runs'])} s" if peer else "")
            )
    if len(results) > 1:
        xs = [math.log(r["size"]) for r in results]
        ys = [math.log(r["newsweave"]["seconds"]) for r in results]
        slope = (ys[-1] - ys[0]) / (xs[-1] - xs[0])
        print(
            f"growth exponent (seconds vs articles, {results[0]['size']} to "
            f"{results[-1]['size']}): {slope:.2f}"
        )
    last = results[-1]["newsweave"]
    if "increment_seconds" in last:
        print(
            f"ingesting {last['increment_articles']} newer articles into the "
            f"{results[-1]['size']:,}-article store: {last['increment_seconds']:.1f} s"
        )
    if "agreement" in last:
        a = last["agreement"]
        print(
            f"its stories against one batch of all {results[-1]['size'] + INCREMENT:,}: "
            f"B-cubed agreement P {a['precision']:.4f} R {a['recall']:.4f} F1 {a['f1']:.4f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "newsweave-firehose"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-agreement", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each system per size (medians printed)"
    )
    parser.add_argument("--input", default="articles.jsonl", help=argparse.SUPPRESS)
    parser.add_argument(
        "--child-newsweave", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS
    )
    parser.add_argument("--newer", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_newsweave:
        corpus, db = map(Path, args.child_newsweave)
        print(json.dumps(run_newsweave(corpus, db, args.newer, args.input)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sorted(args.sizes):
        corpus = _corpus(args.work, size, args.seed)
        largest = size == max(args.sizes)
        results.append(
            _measure(
                corpus,
                size,
                largest,
                args.skip_peer,
                args.work,
                not args.skip_agreement,
                max(1, args.repeat),
            )
        )
        print(json.dumps(results[-1]), flush=True)
    print(f"\n{os.cpu_count()} cores; each system in its own process")
    _print(results)


if __name__ == "__main__":
    main()
