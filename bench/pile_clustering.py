"""Story clustering of small piles, as `newsweave analyze INPUT...` sees them, beside the
tuned TF-IDF baseline.

    python bench/pile_clustering.py              # 20 piles per row, held-out halves
    python bench/pile_clustering.py --dev --piles 50
    python bench/pile_clustering.py --two        # piles of two articles: how often joined

The quality gate (tests/eval/test_clustering.py) clusters one stream of 1,400 documents.
A user's pile is often small: ten events reported by five outlets each, or a few reports of
each of ten topics. Each pile here is ``--stories`` gold stories of one part of the mixed
stream (tests/eval/stream.py), ``k`` reports of each (stories with fewer are skipped),
shuffled and clustered alone by ``cluster_stories`` with the default settings; the
"twins" rows take whole ECB+ topics instead, both of a topic's similar events. The baseline
is TF-IDF average link (tests/eval/cluster_baseline.py) at the one threshold best over all
the row's piles (tuned on the very piles it is scored on: an oracle no user has), and at
the best threshold for each pile (a stronger oracle still). B-cubed precision, recall and
F1 are means over the piles; the same seed draws the same piles for both systems.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.cluster_baseline import tfidf_average_link  # noqa: E402
from tests.eval.gate import datasets_root  # noqa: E402
from tests.eval.stream import StreamDoc, articles_of, read_stream, score_part  # noqa: E402

from newsweave.cluster import cluster_stories  # noqa: E402
from newsweave.config import ClusterSettings  # noqa: E402

#: (part, reports per story, twins): ECB+ events by five and by three outlets, Multi-News
#: topics by three sources, MEANTIME's event-level stories (mostly single articles); with
#: twins, a pile is half as many ECB+ topics with both their events (two earthquakes, two
#: rehab check-ins), the hard case of "ten events by five outlets".
ROWS = (
    ("ecb", 5, False),
    ("ecb", 3, False),
    ("ecb", 5, True),
    ("ecb", 3, True),
    ("multinews", 3, False),
    ("meantime", 1, False),
)


def piles(
    docs: list[StreamDoc],
    part: str,
    k: int,
    dev: bool,
    count: int,
    stories: int,
    seed: int,
    twins: bool = False,
) -> list[list[StreamDoc]]:
    """``count`` piles of ``stories`` gold stories with ``k`` reports each, shuffled; with
    ``twins``, whole ECB+ topics (both their events), ``stories // 2`` of them."""
    by_story: dict[str, list[StreamDoc]] = defaultdict(list)
    for d in docs:
        if d.part == part and d.dev == dev:
            by_story[d.cluster].append(d)
    eligible = sorted(s for s, members in by_story.items() if len(members) >= k)
    units = [[s] for s in eligible]
    if twins:  # ECB+ stories are "ecb-<topic>-ecb" and "ecb-<topic>-ecbplus"
        topics: dict[str, list[str]] = defaultdict(list)
        for s in eligible:
            topics[s.split("-")[1]].append(s)
        units = [sorted(pair) for _, pair in sorted(topics.items()) if len(pair) == 2]
    rng = random.Random(f"{seed}-{part}-{k}-{dev}-{twins}")
    out = []
    for _ in range(count):
        chosen = rng.sample(units, min(stories // 2 if twins else stories, len(units)))
        pile = [d for unit in chosen for s in unit for d in rng.sample(by_story[s], k)]
        rng.shuffle(pile)
        out.append(pile)
    return out


def newsweave_scores(pile: list[StreamDoc], part: str) -> dict[str, float]:
    predicted = {
        a: s.id
        for s in cluster_stories(articles_of(pile), ClusterSettings())
        for a in s.article_ids
    }
    return score_part(predicted, pile, part)


def baseline_scores(pile: list[StreamDoc], part: str) -> dict[float, dict[str, float]]:
    runs = tfidf_average_link([d.text for d in pile])
    return {
        t: score_part({d.id: str(label) for d, label in zip(pile, labels, strict=True)}, pile, part)
        for t, labels in runs.items()
    }


#: (part, kind) of the piles of two: two reports of one story, two of a topic's two events
#: (ECB+), two of different stories.
TWO_KINDS = (("ecb", "same"), ("ecb", "twin"), ("multinews", "same"), ("multinews", "other"))


def two_piles(docs: list[StreamDoc], part: str, kind: str, dev: bool, count: int, seed: int):
    """``count`` piles of two documents of ``part``: of one gold story (``same``), of a
    topic's two events (``twin``, ECB+ sub-topics "-ecb" and "-ecbplus") or of two stories."""
    by_story: dict[str, list[StreamDoc]] = defaultdict(list)
    for d in docs:
        if d.part == part and d.dev == dev:
            by_story[d.cluster].append(d)
    stories = sorted(s for s, members in by_story.items() if len(members) >= 2)
    twins = defaultdict(list)
    for s in stories:
        twins[s.rsplit("-", 1)[0]].append(s)
    topics = sorted(t for t, pair in twins.items() if len(pair) == 2)
    rng = random.Random(f"{seed}-{part}-{kind}-{dev}")
    out = []
    for _ in range(count):
        if kind == "same":
            out.append(rng.sample(by_story[rng.choice(stories)], 2))
            continue
        a, b = twins[rng.choice(topics)] if kind == "twin" else rng.sample(stories, 2)
        out.append([rng.choice(by_story[a]), rng.choice(by_story[b])])
    return out


def report_two(docs: list[StreamDoc], dev: bool, count: int, seed: int) -> None:
    """How often a pile of two articles becomes one story, per kind (one story is right
    only for two reports of one story)."""
    print(f"{'dev' if dev else 'held-out'} halves, {count} piles of two per row")
    for part, kind in TWO_KINDS:
        drawn = two_piles(docs, part, kind, dev, count, seed)
        joined = sum(len(cluster_stories(articles_of(p), ClusterSettings())) == 1 for p in drawn)
        print(f"{part:>10} {kind:>5} | one story {joined}/{len(drawn)}", flush=True)


def mean(rows: list[dict[str, float]], key: str) -> float:
    return float(np.mean([r[key] for r in rows]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", action="store_true", help="dev halves (default: held out)")
    parser.add_argument("--piles", type=int, default=20, help="piles per row")
    parser.add_argument("--stories", type=int, default=10, help="gold stories per pile")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--two", action="store_true", help="piles of two articles instead")
    args = parser.parse_args()
    docs = read_stream(datasets_root())
    if args.two:
        report_two(docs, args.dev, max(args.piles, 150), args.seed)
        return
    print(
        f"{'dev' if args.dev else 'held-out'} halves, {args.piles} piles per row, "
        f"{args.stories} gold stories per pile; B-cubed P / R / F1, means over the piles"
    )
    print(
        f"{'part':>10} {'k':>2} {'twins':>5} | {'newsweave':^23} | {'TF-IDF, best fixed t':^30} "
        "| per-pile oracle F1"
    )
    for part, k, twins in ROWS:
        drawn = piles(docs, part, k, args.dev, args.piles, args.stories, args.seed, twins)
        ours = [newsweave_scores(p, part) for p in drawn]
        base = [baseline_scores(p, part) for p in drawn]
        best = max(base[0], key=lambda t: float(np.mean([b[t]["f1"] for b in base])))
        fixed = [b[best] for b in base]
        oracle = float(np.mean([max(s["f1"] for s in b.values()) for b in base]))
        print(
            f"{part:>10} {k:>2} {'yes' if twins else 'no':>5} | {mean(ours, 'precision'):.3f} / {mean(ours, 'recall'):.3f} / "
            f"{mean(ours, 'f1'):.3f} | t={best:.2f} {mean(fixed, 'precision'):.3f} / "
            f"{mean(fixed, 'recall'):.3f} / {mean(fixed, 'f1'):.3f} | {oracle:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
