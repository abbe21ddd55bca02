"""Text reuse speed and quality: newsweave against datasketch (candidates) and passim (alignment).

On one corpus of >= 10,000 articles of real news text with planted reuse
(bench/reuse_corpus.py), in one run, each system in its own subprocess so that
peak memory (ru_maxrss) is its own:

1. candidate stage: newsweave's n-gram postings vs datasketch MinHashLSH (128 permutations,
   5-word shingles) at the LSH threshold whose recall of the planted pairs comes closest to
   newsweave's from above; articles/s, peak memory, recall, candidate pairs, ratio;
2. alignment: newsweave find_reuse vs passim (PySpark, --all-pairs --pairwise --to-extents):
   character precision/recall/F1 per obfuscation level, passages on unplanted pairs,
   articles/s, peak memory, ratio.

    python bench/reuse_bench.py [--articles 10000] [--skip-passim]
        [--passim-home /tmp/passim] [--passim-python /tmp/passimvenv/bin]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.reuse_scoring import CharCounts, char_counts  # noqa: E402


def _read_corpus(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ----------------------------------------------------------------------------- workers


def work_newsweave_candidates(corpus: Path, out: Path) -> None:
    from newsweave.align.candidates import candidate_pairs
    from newsweave.align.tokens import tokenize

    records = _read_corpus(corpus)
    started = time.perf_counter()
    pairs = candidate_pairs([tokenize(r["text"]) for r in records])
    seconds = time.perf_counter() - started
    ids = [r["id"] for r in records]
    out.write_text(json.dumps({"seconds": seconds, "pairs": [[ids[a], ids[b]] for a, b in pairs]}))


def work_datasketch(corpus: Path, out: Path, threshold: float) -> None:
    from datasketch import MinHash, MinHashLSH

    records = _read_corpus(corpus)
    started = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    signatures = {}
    for record in records:
        words = record["text"].lower().split()
        shingles = {
            " ".join(words[i : i + 5]).encode("utf-8") for i in range(max(1, len(words) - 4))
        }
        signature = MinHash(num_perm=128)
        signature.update_batch(list(shingles))
        signatures[record["id"]] = signature
        lsh.insert(record["id"], signature)
    pairs = {
        tuple(sorted((key, other)))
        for key, sig in signatures.items()
        for other in lsh.query(sig)
        if other != key
    }
    seconds = time.perf_counter() - started
    out.write_text(json.dumps({"seconds": seconds, "pairs": sorted(pairs)}))


def work_newsweave_align(corpus: Path, out: Path) -> None:
    from newsweave.align import find_reuse
    from newsweave.config import AlignSettings
    from newsweave.model import Article

    records = _read_corpus(corpus)
    articles = [
        Article(id=r["id"], source=r["id"], text=r["text"], content_hash=r["id"]) for r in records
    ]
    started = time.perf_counter()
    passages = find_reuse(articles, AlignSettings())
    seconds = time.perf_counter() - started
    found = [
        [
            p.source,
            p.target,
            [p.source_span.start, p.source_span.end],
            [p.target_span.start, p.target_span.end],
        ]
        for p in passages
    ]
    out.write_text(json.dumps({"seconds": seconds, "passages": found}))


def work_passim_extents(extents: Path, corpus: Path, out: Path) -> None:
    """Runs under passim's Python (pyspark): map passim's uids back to ids and spans."""
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = (
        SparkSession.builder.master("local[2]").config("spark.driver.memory", "4g").getOrCreate()
    )
    ids = spark.read.json(str(corpus)).select("id").withColumn("uid", F.xxhash64("id"))
    frame = spark.read.parquet(str(extents))
    joined = (
        frame.join(ids.withColumnRenamed("id", "a"), "uid")
        .join(ids.withColumnRenamed("uid", "uid2").withColumnRenamed("id", "b"), "uid2")
        .select("a", "b", "begin", "end", "begin2", "end2")
    )
    rows = [[r.a, r.b, [r.begin, r.end], [r.begin2, r.end2]] for r in joined.collect()]
    out.write_text(json.dumps({"passages": rows}))
    spark.stop()


# ----------------------------------------------------------------------------- orchestration


def _run(argv: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run a subprocess; return (wall seconds, its peak RSS in MB, measured by GNU time)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        started = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *argv], env=env, check=True)
        seconds = time.perf_counter() - started
        return seconds, int(rss.read().strip().splitlines()[-1]) / 1024


def _self(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def _gold_pairs(gold: list[dict]) -> set[tuple[str, str]]:
    return {tuple(sorted((g["source"], g["target"]))) for g in gold}  # type: ignore[misc]


def candidate_stage(corpus: Path, work: Path, gold: list[dict], articles: int) -> None:
    wanted = _gold_pairs(gold)
    _, nw_rss = _run(_self("work-nw-candidates", str(corpus), str(work / "nw-cand.json")))
    nw = json.loads((work / "nw-cand.json").read_text())
    nw_recall = len(wanted & {tuple(p) for p in nw["pairs"]}) / len(wanted)
    print("\n== Candidate stage (planted pairs:", len(wanted), ")")
    rows = [("newsweave n-gram postings", nw["seconds"], nw_rss, nw_recall, len(nw["pairs"]))]
    chosen = None
    for threshold in (0.3, 0.2, 0.1, 0.05, 0.02):
        _, rss = _run(_self("work-datasketch", str(corpus), str(work / "ds.json"), str(threshold)))
        ds = json.loads((work / "ds.json").read_text())
        recall = len(wanted & {tuple(p) for p in ds["pairs"]}) / len(wanted)
        rows.append((f"datasketch LSH t={threshold}", ds["seconds"], rss, recall, len(ds["pairs"])))
        if recall >= nw_recall and chosen is None:
            chosen = rows[-1]
    print(f"{'system':32} {'articles/s':>11} {'peak MB':>8} {'recall':>7} {'pairs':>9}")
    for name, seconds, rss, recall, pairs in rows:
        print(f"{name:32} {articles / seconds:11.0f} {rss:8.0f} {recall:7.3f} {pairs:9d}")
    peer = chosen or max(rows[1:], key=lambda r: r[3])
    print(
        f"ratio (newsweave / {peer[0]}, recall {peer[3]:.3f} vs {nw_recall:.3f}): "
        f"{peer[1] / nw['seconds']:.1f}x the throughput, {nw_rss / peer[2]:.2f}x the memory"
    )


def _score(passages: list[list], gold: list[dict]) -> dict[str, dict[str, float]]:
    by_pair: dict[tuple[str, str], list[list]] = {}
    for a, b, span_a, span_b in passages:
        by_pair.setdefault((a, b), []).append([span_a, span_b])
        by_pair.setdefault((b, a), []).append([span_b, span_a])
    results: dict[str, dict[str, float]] = {}
    total = CharCounts()
    for level in ("none", "light", "heavy"):
        counts = CharCounts()
        for case in (g for g in gold if g["level"] == level):
            found = by_pair.get((case["source"], case["target"]), [])
            counts.add(
                char_counts(
                    [tuple(s) for s, _ in found],
                    [tuple(t) for _, t in found],
                    tuple(case["source_span"]),
                    tuple(case["target_span"]),
                )
            )
        total.add(counts)
        results[level] = counts.scores()
    results["all"] = total.scores()
    planted = _gold_pairs(gold)
    results["unplanted_pairs"] = {"count": len({tuple(sorted(p[:2])) for p in passages} - planted)}
    return results


def alignment_stage(
    corpus: Path, work: Path, gold: list[dict], articles: int, passim: dict | None
) -> None:
    print("\n== Alignment (character level, planted cases per level:", len(gold) // 3, ")")
    _, nw_rss = _run(_self("work-nw-align", str(corpus), str(work / "nw-align.json")))
    nw = json.loads((work / "nw-align.json").read_text())
    rows = [("newsweave find_reuse", nw["seconds"], nw_rss, _score(nw["passages"], gold))]
    if passim:
        seconds, rss = _run_passim(corpus, work, passim)
        extents = json.loads((work / "passim.json").read_text())
        rows.append(("passim (local[2])", seconds, rss, _score(extents["passages"], gold)))
    header = f"{'system':22} {'art/s':>7} {'peak MB':>8}" + "".join(
        f" {lvl + ' P/R/F1':>20}" for lvl in ("none", "light", "heavy", "all")
    )
    print(header + f" {'unplanted':>10}")
    for name, seconds, rss, scores in rows:
        cells = "".join(
            f" {scores[lvl]['precision']:6.3f}/{scores[lvl]['recall']:.3f}/{scores[lvl]['f1']:.3f}"
            for lvl in ("none", "light", "heavy", "all")
        )
        print(
            f"{name:22} {articles / seconds:7.0f} {rss:8.0f}{cells} {scores['unplanted_pairs']['count']:10d}"
        )
    if len(rows) == 2:
        print(
            f"ratio (newsweave / passim): {rows[1][1] / rows[0][1]:.1f}x the speed, "
            f"F1 {rows[0][3]['all']['f1']:.3f} vs {rows[1][3]['all']['f1']:.3f}, {rows[0][2] / rows[1][2]:.2f}x the memory "
            "(passim's time includes Spark's start-up, ~6 s)"
        )


def _run_passim(corpus: Path, work: Path, passim: dict) -> tuple[float, float]:
    out = work / "passim-out"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    spark_submit = str(Path(passim["python"]).parent / "spark-submit")
    argv = [
        spark_submit,
        "--master",
        "local[2]",
        "--driver-memory",
        "6g",
        "passim/seriatim.py",
        "--all-pairs",
        "--fields",
        "xxhash64(series) as gid",
        "--filterpairs",
        "gid < gid2",
        "--pairwise",
        "--to-extents",
        str(corpus),
        str(out),
    ]
    python = passim["python"]
    spark_home = subprocess.run(
        [python, "-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    env = dict(
        os.environ,
        PATH=f"{Path(python).parent}:{os.environ['PATH']}",
        SPARK_HOME=spark_home,
        PYSPARK_PYTHON=python,
        PYSPARK_DRIVER_PYTHON=python,
    )
    cwd = os.getcwd()
    os.chdir(passim["home"])
    try:
        seconds, rss = _run(argv, env)
    finally:
        os.chdir(cwd)
    _run(
        [
            python,
            str(Path(__file__).resolve()),
            "work-passim-extents",
            str(out / "tmp" / "extents.parquet"),
            str(corpus),
            str(work / "passim.json"),
        ],
        env,
    )
    return seconds, rss


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("work-"):
        worker, args = sys.argv[1], sys.argv[2:]
        {
            "work-nw-candidates": lambda: work_newsweave_candidates(Path(args[0]), Path(args[1])),
            "work-datasketch": lambda: work_datasketch(
                Path(args[0]), Path(args[1]), float(args[2])
            ),
            "work-nw-align": lambda: work_newsweave_align(Path(args[0]), Path(args[1])),
            "work-passim-extents": lambda: work_passim_extents(
                Path(args[0]), Path(args[1]), Path(args[2])
            ),
        }[worker]()
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--work", type=Path, default=Path("/tmp/nwbench"))
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--passim-home", default=os.environ.get("PASSIM_HOME", "/tmp/passim"))
    parser.add_argument(
        "--passim-python", default=os.environ.get("PASSIM_PYTHON", "/tmp/passimvenv/bin/python")
    )
    parser.add_argument("--skip-passim", action="store_true")
    parser.add_argument("--skip-candidates", action="store_true")
    args = parser.parse_args()
    from bench.reuse_corpus import build_corpus

    records, gold = build_corpus(args.datasets, args.articles, args.cases, seed=13)
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    print(f"corpus: {len(records)} articles of real news text, {len(gold)} planted reuse cases")
    if not args.skip_candidates:
        candidate_stage(corpus, args.work, gold, len(records))
    passim = None
    if not args.skip_passim:
        if (
            Path(args.passim_home, "passim", "seriatim.py").exists()
            and Path(args.passim_python).exists()
        ):
            passim = {"home": args.passim_home, "python": args.passim_python}
        else:
            print(
                f"\npassim skipped: no checkout at {args.passim_home} or no Python with pyspark at "
                f"{args.passim_python} (see bench/README.md)"
            )
    alignment_stage(corpus, args.work, gold, len(records), passim)


if __name__ == "__main__":
    main()
