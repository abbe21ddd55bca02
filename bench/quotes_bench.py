"""Direct quotes: newsweave against textacy's ``direct_quotations`` on PolNeAR dev.

Same articles, same spaCy parses, same scorer (tests/eval/quote_scoring.py: span
precision/recall/F1 with a mutual 50% overlap, speaker accuracy), in one run. Time is the
extraction alone (parsing is shared and reported once).

    python bench/quotes_bench.py [--split dev|train] [--docs N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.polnear import read_polnear  # noqa: E402
from tests.eval.quote_scoring import score_quotes  # noqa: E402

from newsweave.extract.entities import find_entities  # noqa: E402
from newsweave.extract.quotes import find_quotes  # noqa: E402
from newsweave.model import Article, Span  # noqa: E402
from newsweave.nlp import parse_many  # noqa: E402


@dataclass(frozen=True)
class _TextacyQuote:
    span: Span
    speaker_span: Span | None
    speaker_text: str | None
    speaker_name: str | None = None


def run_newsweave(articles, docs):
    started = time.perf_counter()
    found = []
    for article in articles:
        entities = find_entities([article], {article.id: docs[article.id]})
        found.append(find_quotes([article], {article.id: docs[article.id]}, entities))
    return found, time.perf_counter() - started


def run_textacy(articles, docs):
    from textacy.extract.triples import direct_quotations

    started = time.perf_counter()
    found = []
    for article in articles:
        quotes = []
        try:
            triples = list(direct_quotations(docs[article.id]))
        except (ValueError, IndexError):  # textacy raises on unbalanced marks (curly apostrophes)
            triples = []
        for speaker, _cue, content in triples:
            start, end = content[0].idx, content[-1].idx + len(content[-1].text)
            while start < end and article.text[start] in "“\"‘' ":
                start += 1
            while end > start and article.text[end - 1] in "”\"’' ":
                end -= 1
            who = Span(speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)) if speaker else None
            quotes.append(
                _TextacyQuote(
                    Span(start, end), who, " ".join(t.text for t in speaker) if speaker else None
                )
            )
        found.append(quotes)
    return found, time.perf_counter() - started


def _match(quotes, gold):
    for quote in quotes:
        shared = max(0, min(quote.span.end, gold.end) - max(quote.span.start, gold.start))
        if shared * 2 >= len(quote.span) and shared * 2 >= gold.end - gold.start:
            return quote
    return None


def _speakers_on_shared(found, gold_docs) -> dict[str, float]:
    """Speaker accuracy of each system on the gold quotes (with a source) that both found."""
    from tests.eval.quote_scoring import _speaker_right

    right = {"newsweave": 0, "textacy": 0}
    count = 0
    for ours, theirs, doc in zip(found[0], found[1], gold_docs, strict=True):
        for gold in doc.quotes:
            a, b = _match(ours, gold), _match(theirs, gold)
            if a is None or b is None or not gold.sources:
                continue
            count += 1
            right["newsweave"] += _speaker_right(a, gold.sources)
            right["textacy"] += _speaker_right(b, gold.sources)
    return {"count": count, **{k: v / count if count else 0.0 for k, v in right.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument(
        "--docs", type=int, default=0, help="a seeded random sample of this many articles; 0 = all"
    )
    args = parser.parse_args()
    gold_docs = read_polnear(args.datasets, args.split)
    if args.docs:
        gold_docs = random.Random(7).sample(gold_docs, min(args.docs, len(gold_docs)))
    articles = [Article(id=d.id, source=d.id, text=d.text) for d in gold_docs]
    started = time.perf_counter()
    docs = dict(zip((a.id for a in articles), parse_many(a.text for a in articles), strict=True))
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, {sum(len(d.quotes) for d in gold_docs)} gold direct quotes; "
        f"spaCy parse (shared) {time.perf_counter() - started:.1f}s"
    )
    rows, rows_found = [], []
    for name, run in (("newsweave", run_newsweave), ("textacy direct_quotations", run_textacy)):
        found, seconds = run(articles, docs)
        rows_found.append(found)
        rows.append(
            (name, seconds, score_quotes(zip(found, (d.quotes for d in gold_docs), strict=True)))
        )
    keys = ("quote_precision", "quote_recall", "quote_f1", "speaker_accuracy")
    print(f"{'system':28} {'articles/s':>10} " + " ".join(f"{k:>17}" for k in keys))
    for name, seconds, scores in rows:
        print(
            f"{name:28} {len(articles) / seconds:10.1f} "
            + " ".join(f"{scores[k]:17.3f}" for k in keys)
        )
    both = _speakers_on_shared(rows_found, gold_docs)
    print(
        f"speaker accuracy on the {both['count']} gold quotes both systems found: newsweave "
        f"{both['newsweave']:.3f}, textacy {both['textacy']:.3f}"
    )
    (_, ours, mine), (_, theirs, peer) = rows
    print(
        f"ratio: quote F1 {mine['quote_f1']:.3f} vs {peer['quote_f1']:.3f}; speaker accuracy "
        f"{mine['speaker_accuracy']:.3f} vs {peer['speaker_accuracy']:.3f}; newsweave takes {ours / theirs:.1f}x textacy's time"
    )


if __name__ == "__main__":
    main()
