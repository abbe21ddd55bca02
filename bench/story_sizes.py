"""B-cubed precision and recall of a store's stories by the size of the gold story, recall by
the kind of article (seed, reprint, wire edit, rewrite, follow-up, report, singleton), and
how the copy families of the large stories fare.

    python bench/story_sizes.py STORE.sqlite /tmp/newsweave-firehose/corpus50000/gold.jsonl

Where ``bench/firehose_bench.py`` gives one B-cubed figure per corpus size, this says which
stories lose it: a story split into pieces costs recall in its size bucket. A *family* is
an original text of the corpus (a story's seed, a follow-up) with every copy made from it
(reprints, wire edits, rewrites, and copies of those: ``source`` followed back); the last
table says, for gold stories of more than 50 articles, how many families stay in one
story, and how many follow-up families are in the story that holds most of their seed's.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections import Counter, defaultdict
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
    gold, kind, source = {}, {}, {}
    for line in args.gold.open(encoding="utf-8"):
        record = json.loads(line)
        gold[record["id"]], kind[record["id"]] = record["story"], record["kind"]
        if record.get("source"):
            source[record["id"]] = record["source"]
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
    _print_families(gold, kind, source, predicted)


#: Gold stories larger than this are the ones whose families are followed.
LARGE_STORY = 50


def _root(article: str, source: dict[str, str]) -> str:
    """The original text a copy was made from (itself when it is one)."""
    seen = {article}
    while (up := source.get(article)) and up not in seen:
        seen.add(up)
        article = up
    return article


def _main_story(members: list[str], predicted: dict[str, str]) -> str | None:
    """The predicted story holding most of ``members`` (ties to the smallest id)."""
    counts = Counter(predicted[a] for a in members if a in predicted)
    return min(counts, key=lambda s: (-counts[s], s)) if counts else None


def _print_families(
    gold: dict[str, str], kind: dict[str, str], source: dict[str, str], predicted: dict[str, str]
) -> None:
    stories: dict[str, list[str]] = defaultdict(list)
    for article, story in gold.items():
        stories[story].append(article)
    whole = families = followups = joined = 0
    for members in stories.values():
        if len(members) <= LARGE_STORY:
            continue
        by_root: dict[str, list[str]] = defaultdict(list)
        for article in members:
            by_root[_root(article, source)].append(article)
        seeds = [r for r in by_root if kind[r] == "seed"]
        seed_story = _main_story(by_root[seeds[0]], predicted) if seeds else None
        for root, family in by_root.items():
            families += 1
            whole += len({predicted.get(a) for a in family}) == 1
            if kind[root] == "followup":
                followups += 1
                joined += seed_story is not None and _main_story(family, predicted) == seed_story
    if families:
        print(f"\nIn gold stories of more than {LARGE_STORY} articles: {whole:,} of {families:,}")
        print(f"copy families in one story; {joined:,} of {followups:,} follow-up families")
        print("in the story that holds most of their seed's family.")


if __name__ == "__main__":
    main()
