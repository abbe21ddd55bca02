"""Lineage on planted copies: does each story count its independent sources right?

    python bench/lineage_bench.py [--articles 10000] [--seed 7] [--largest 5]

A firehose corpus (bench/firehose_corpus.py: real text, reprints, wire copies with light
edits and rewrites planted with the article each copies) is read as ``newsweave`` reads
JSONL. Each gold story of two or more articles goes through the story tier's reuse and
lineage (``find_reuse``, ``build_lineage``), alone, as ``newsweave analyze --story`` runs
it; its lineage groups are scored against the planted roots (tests/eval/lineage_scoring.py):
B-cubed precision and recall, copies joined to their source per kind, stories whose
independent sources are counted right, and who copied whom (derivations whose source is
the copy's ancestor; copies given their own source). Beside it, in the same run, the corpus tier's
near-duplicate clusters taken as the lineage (a MinHash peer that cannot see rewrites).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.lineage_scoring import LineageCounts, gold_roots, scored_articles  # noqa: E402

from newsweave.align import find_reuse  # noqa: E402
from newsweave.align.lineage import build_lineage  # noqa: E402
from newsweave.cluster.duplicates import duplicate_groups  # noqa: E402
from newsweave.config import AlignSettings, IngestSettings  # noqa: E402
from newsweave.ingest import read_inputs  # noqa: E402
from newsweave.model import Article  # noqa: E402


def planted_stories(
    datasets: Path, count: int, seed: int
) -> tuple[list[list[Article]], list[dict[str, Any]]]:
    """The gold stories of two or more articles of a fresh firehose corpus, read as
    newsweave reads JSONL, and the gold rows."""
    from bench.firehose_corpus import build_corpus, write_corpus

    articles, _ = build_corpus(datasets, count, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(articles, Path(folder), seed=seed)
        read = read_inputs([Path(folder) / "articles.jsonl"], IngestSettings())
        gold = [json.loads(line) for line in (Path(folder) / "gold.jsonl").open(encoding="utf-8")]
    if read.rejected:
        raise SystemExit(f"{len(read.rejected)} planted records were rejected")
    story_of = {g["id"]: g["story"] for g in gold}
    stories: dict[str, list[Article]] = defaultdict(list)
    for article in read.articles:
        stories[story_of[article.id]].append(article)
    return [s for _, s in sorted(stories.items()) if len(s) >= 2], gold


def score_lineage(
    stories: list[list[Article]], gold: list[dict[str, Any]]
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Scores of newsweave's lineage and of duplicate clusters as lineage, and timings."""
    roots, scored = gold_roots(gold), scored_articles(gold)
    rows = {g["id"]: g for g in gold}
    ours, peer = LineageCounts(), LineageCounts()
    seconds = {"newsweave": 0.0, "duplicates": 0.0}
    for articles in stories:
        start = time.perf_counter()
        lineage = build_lineage(articles, find_reuse(articles, AlignSettings()))
        seconds["newsweave"] += time.perf_counter() - start
        ours.add_story(lineage.groups, roots, scored, rows)
        pairs = ((d.article, d.derived_from) for d in lineage.derivations)
        ours.add_derivations(pairs, (a.id for a in articles), scored, rows)
        start = time.perf_counter()
        groups = [[articles[k].id for k in g] for g in duplicate_groups(articles)]
        seconds["duplicates"] += time.perf_counter() - start
        peer.add_story(groups, roots, scored, rows)
    return ours.scores(), peer.scores(), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    stories, gold = planted_stories(args.datasets, args.articles, args.seed)
    ours, peer, seconds = score_lineage(stories, gold)
    size = sum(len(s) for s in stories)
    print(
        f"{len(stories)} gold stories of 2+ articles ({size} articles, largest "
        f"{max(len(s) for s in stories)}), corpus of {args.articles} (seed {args.seed})"
    )
    print(f"{'':32} {'newsweave lineage':>18} {'duplicate clusters':>19}")
    for key in ours:
        theirs = f"{peer[key]:19.3f}" if key in peer else f"{'-':>19}"
        print(f"{key:32} {ours[key]:18.3f} {theirs}")
    print(
        f"{'seconds':32} {seconds['newsweave']:18.1f} {seconds['duplicates']:19.1f}"
        f"   ({size / seconds['newsweave']:.0f} articles/s for reuse and lineage)"
    )


if __name__ == "__main__":
    main()
