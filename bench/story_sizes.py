"""B-cubed precision and recall of a store's stories by the size of the gold story, and recall
by the kind of article (seed, reprint, wire edit, rewrite, follow-up, report, singleton).

    python bench/story_sizes.py STORE.sqlite /tmp/newsweave-firehose/corpus50000/gold.jsonl

Where ``bench/firehose_bench.py`` gives one B-cubed figure per corpus size, this says which
stories lose it: a story split into pieces costs recall in its size bucket.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections import defaultdict
from pathlib import Path

#: Upper bounds of the gold story size buckets (the last is open).
BUCKETS = ((1, "1"), (5, "2-5"), (50, "6-50"), (300, "51-300"), (10**9, ">300"))


def bucket(size: int) -> str:
    return next(name for bound, name in BUCKETS if size <= bound)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("gold", type=Path)
    args = parser.parse_args()
    gold, kind = {}, {}
    for line in args.gold.open(encoding="utf-8"):
        record = json.loads(line)
        gold[record["id"]], kind[record["id"]] = record["story"], record["kind"]
    conn = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    predicted = dict(conn.execute("SELECT article, story FROM story_members"))
    ours, theirs = defaultdict(set), defaultdict(set)
    for article, story in predicted.items():
        ours[story].add(article)
    for article, story in gold.items():
        theirs[story].add(article)
    by_size = defaultdict(lambda: [0.0, 0.0, 0])
    by_kind = defaultdict(lambda: [0.0, 0])
    for article, story in gold.items():
        if article not in predicted:
            continue
        mine, truth = ours[predicted[article]], theirs[story]
        both = len(mine & truth)
        cell = by_size[bucket(len(truth))]
        cell[0] += both / len(mine)
        cell[1] += both / len(truth)
        cell[2] += 1
        by_kind[kind[article]][0] += both / len(truth)
        by_kind[kind[article]][1] += 1
    print("| gold story size | articles | B3 P | B3 R |\n|---|---|---|---|")
    for _, name in BUCKETS:
        p, r, n = by_size.get(name, (0.0, 0.0, 0))
        if n:
            print(f"| {name} | {n:,} | {p / n:.3f} | {r / n:.3f} |")
    print("\n| kind | articles | B3 R |\n|---|---|---|")
    for name, (r, n) in sorted(by_kind.items()):
        print(f"| {name} | {n:,} | {r / n:.3f} |")


if __name__ == "__main__":
    main()
