"""A text-reuse benchmark corpus of >= 10,000 articles of real news text, with planted reuse.

Real paragraphs (PolNeAR, Multi-News sample, ECB+; exact duplicates removed so the only
verbatim overlaps are the planted ones) are dealt into articles of 2-5 paragraphs. Then
passages (one or two paragraphs) of some articles are inserted into others at three
obfuscation levels (the same obfuscations as the quality gate's PAN-style set), with gold
character spans on both sides. Deterministic for a given seed.

    python bench/reuse_corpus.py --articles 10000 --out /tmp/nwbench
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.eval.corpora import read_ecbplus, read_multinews  # noqa: E402
from tests.eval.reuse_data import LEVELS, _heavy, _insert, _light, read_polnear_texts  # noqa: E402

__all__ = ["build_corpus", "deal_articles", "plant_reuse"]


def real_paragraphs(datasets: Path) -> list[str]:
    texts = [d.text for split in ("train", "dev") for d in read_polnear_texts(datasets, split)]
    texts += [d.text for d in read_multinews(datasets)]
    texts += [d.text for d in read_ecbplus(datasets)]
    seen: set[str] = set()
    paragraphs = []
    for text in texts:
        for paragraph in text.split("\n"):
            paragraph = " ".join(paragraph.split())
            if len(paragraph.split()) >= 8 and paragraph not in seen:
                seen.add(paragraph)
                paragraphs.append(paragraph)
    return paragraphs


def deal_articles(paragraphs: list[str], count: int, rng: random.Random) -> list[str]:
    """``count`` articles of 2-5 paragraphs each; a paragraph is used at most once."""
    pool = paragraphs[:]
    rng.shuffle(pool)
    articles, at = [], 0
    while len(articles) < count:
        size = rng.randint(2, 5)
        if at + size > len(pool):
            raise ValueError(f"only {len(articles)} articles fit in {len(pool)} paragraphs")
        articles.append("\n\n".join(pool[at : at + size]))
        at += size
    return articles


def plant_reuse(
    articles: list[str], cases_per_level: int, rng: random.Random
) -> tuple[list[str], list[dict]]:
    """Insert obfuscated passages of some articles into others; returns texts and gold cases."""
    texts = articles[:]
    vocabulary = sorted(
        {w for t in articles[:300] for w in t.split() if w.isalpha() and len(w) > 3}
    )
    order = list(range(len(texts)))
    rng.shuffle(order)
    gold = []
    for n, level in enumerate(lvl for lvl in LEVELS for _ in range(cases_per_level)):
        source, target = order[2 * n], order[2 * n + 1]
        paragraphs = [(m, len(p)) for m, p in enumerate(texts[source].split("\n\n"))]
        first = rng.randrange(0, len(paragraphs) - 1)
        start = sum(length + 2 for _, length in paragraphs[:first])
        end = (
            start
            + sum(length + 2 for _, length in paragraphs[first : first + rng.randint(1, 2)])
            - 2
        )
        passage = texts[source][start:end]
        if level == "light":
            passage = _light(passage, rng)
        elif level == "heavy":
            passage = _heavy(passage, rng, vocabulary)
        texts[target], target_span = _insert(texts[target], passage, rng)
        gold.append(
            {
                "level": level,
                "source": f"d{source}",
                "target": f"d{target}",
                "source_span": [start, end],
                "target_span": list(target_span),
            }
        )
    return texts, gold


def build_corpus(
    datasets: Path, count: int, cases_per_level: int, seed: int
) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    texts, gold = plant_reuse(
        deal_articles(real_paragraphs(datasets), count, rng), cases_per_level, rng
    )
    records = [{"id": f"d{i}", "series": f"d{i}", "text": t} for i, t in enumerate(texts)]
    return records, gold


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--cases", type=int, default=300, help="planted cases per obfuscation level"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=Path("/tmp/nwbench"))
    args = parser.parse_args()
    records, gold = build_corpus(args.datasets, args.articles, args.cases, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    (args.out / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    print(f"wrote {len(records)} articles and {len(gold)} planted cases to {args.out}")


if __name__ == "__main__":
    main()
