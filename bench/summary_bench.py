"""Cited summary: newsweave against LexRank, TextRank (sumy) and a lead baseline on Multi-News.

The 100 clusters of the Multi-News sample, each one story. newsweave runs its story tier on
each (articles through newsweave's ingest, parsed with ``newsweave.nlp``, docs cached under
``--cache``, reuse and lineage from ``newsweave.align``, then ``analyze_story``); its summary
is asked for ``--words`` words. The peers read the same sentences: newsweave's segmentation
(the spaCy parse's sentences) is handed to sumy as pre-split sentences, one sumy paragraph
per article, so no NLTK punkt model is needed; sumy's words come from NLTK's
``NLTKWordTokenizer`` (what ``nltk.word_tokenize`` applies within a sentence, and needs no
download), filtered by sumy's own word pattern, with sumy's English stemmer and stop words.
Each peer takes its best-rated sentences until they reach the budget (sumy's own ranking;
sumy prints them in document order). Lead: the first article's sentences in order (then the
next article's, should it be shorter than the budget). Every system's text is cut to
``--words`` words and scored with ROUGE-1/2/L (rouge-score, Porter stemming) against the
human reference, per half: even clusters (dev, where choices were made) and odd ones (held
out), and all.

Citation precision (newsweave only; the method is ``tests/eval/summary_scoring.citation_support``):
a citation supports its sentence when the cited span contains the sentence or holds at least
half its content words; a sentence is supported when all its citations are. Extractive
sentences cite themselves first, so the bench also counts sentences that cite more than one
independent lineage (``Lineage.groups``), and sentences flagged for a conflict finding.

One cluster of the sample is left out by default (``--max-words 20000``): its 145,000 source
words (mostly a trade log) take sumy's pure-Python LexRank, quadratic in the sentences, well
over half an hour.

    python bench/summary_bench.py [--words 100] [--clusters N] [--max-words 20000]
        [--cache /tmp/newsweave-summary-bench]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.eval.summary_scoring import (  # noqa: E402
    CitationCounts,
    Cluster,
    add_counts,
    analyze_cluster,
    citation_support,
    cut_words,
    read_clusters,
    rouge,
)

from newsweave.config import Settings  # noqa: E402
from newsweave.segment import segment  # noqa: E402

#: Sentences of one article, as text, in order; one list per article.
Sentences = list[list[str]]
SYSTEMS = ("newsweave", "LexRank (sumy)", "TextRank (sumy)", "lead")


def _sumy_tokenizer() -> Any:
    """A sumy tokenizer over pre-split sentences: NLTK's word tokenizer, no punkt download."""
    from nltk.tokenize import NLTKWordTokenizer
    from sumy.nlp.tokenizers import Tokenizer

    words = NLTKWordTokenizer()

    class PreSplit:
        language = "english"

        @staticmethod
        def to_sentences(paragraph: str) -> tuple[str, ...]:
            return (paragraph,)

        @staticmethod
        def to_words(sentence: str) -> tuple[str, ...]:
            return tuple(w for w in words.tokenize(sentence) if Tokenizer._is_word(w))

    return PreSplit()


def _sumy_document(articles: Sentences, tokenizer: Any) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    return ObjectDocumentModel(
        [Paragraph([Sentence(s, tokenizer) for s in article]) for article in articles if article]
    )


def _until_budget(words: int) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """sumy's ``sentences_count`` as a callable: best-rated first, until ``words`` are reached."""

    def take(infos: Sequence[Any]) -> Sequence[Any]:
        total = 0
        for count, info in enumerate(infos, 1):
            total += len(str(info.sentence).split())
            if total >= words:
                return infos[:count]
        return infos

    return take


def sumy_summary(kind: str, articles: Sentences, words: int) -> str:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(
        Stemmer("english")
    )
    summarizer.stop_words = get_stop_words("english")
    document = _sumy_document(articles, _sumy_tokenizer())
    return " ".join(str(s) for s in summarizer(document, _until_budget(words)))


def lead_summary(articles: Sentences, words: int) -> str:
    taken: list[str] = []
    for sentence in (s for article in articles for s in article):
        if sum(len(t.split()) for t in taken) >= words:
            break
        taken.append(sentence)
    return " ".join(taken)


def _run_cluster(
    cluster: Cluster, cache: Path, words: int, settings: Settings, seconds: dict[str, float]
) -> tuple[dict[str, str], CitationCounts]:
    started = time.perf_counter()
    articles, docs, analysis = analyze_cluster(cluster, cache, settings)
    seconds["story tier"] += time.perf_counter() - started
    texts = {a.id: a.text for a in articles}
    sentences = [[s.slice(a.text) for s in segment(a, docs[a.id]).sentences] for a in articles]
    out = {"newsweave": " ".join(s.text for s in analysis.summary)}
    for name, run in (
        ("LexRank (sumy)", lambda: sumy_summary("lexrank", sentences, words)),
        ("TextRank (sumy)", lambda: sumy_summary("textrank", sentences, words)),
        ("lead", lambda: lead_summary(sentences, words)),
    ):
        started = time.perf_counter()
        out[name] = run()
        seconds[name] += time.perf_counter() - started
    return out, citation_support(analysis.summary, texts, analysis.lineage)


def _table(title: str, rows: dict[str, dict[str, float]]) -> None:
    keys = [f"rouge{n}_{p}" for n in ("1", "2", "L") for p in ("r", "p", "f")]
    head = " ".join(f"{k.replace('rouge', 'R'):>8}" for k in keys)
    print(f"\n{title}\n{'system':18} {head}")
    for name, scores in rows.items():
        print(f"{name:18} " + " ".join(f"{scores[k]:8.4f}" for k in keys))


def _citations(counts: CitationCounts) -> None:
    n = max(1, counts.sentences)
    print(
        f"\nnewsweave citations: {counts.sentences} sentences, {counts.cited / n:.1%} cited; "
        f"citation precision {counts.supported / n:.1%} of sentences "
        f"({counts.supporting}/{counts.citations} = {counts.supporting / max(1, counts.citations):.1%} "
        f"of citations) support them (span contains the sentence or holds >= 50% of its content "
        f"words); {counts.multi_lineage} ({counts.multi_lineage / n:.1%}) cite more than one "
        f"independent lineage; {counts.flagged} flagged (conflict finding)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--clusters", type=int, default=0, help="the first N clusters; 0 = all")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-summary-bench"))
    parser.add_argument(
        "--max-words",
        type=int,
        default=20_000,
        help="leave out clusters with more source words (sumy's LexRank is quadratic in Python)",
    )
    args = parser.parse_args()
    every = read_clusters(args.datasets)
    if args.clusters:
        every = every[: args.clusters]
    clusters = [c for c in every if sum(len(t.split()) for t in c.texts) <= args.max_words]
    if len(clusters) < len(every):
        left = ", ".join(c.id for c in every if c not in clusters)
        print(f"left out (over {args.max_words:,} source words): {left}")
    settings = Settings(summary_words=args.words)
    seconds = dict.fromkeys(("story tier", *SYSTEMS[1:]), 0.0)
    outputs: list[dict[str, str]] = []
    counts = CitationCounts()
    for done, cluster in enumerate(clusters, 1):
        out, cited = _run_cluster(cluster, args.cache, args.words, settings, seconds)
        print(
            f"  {done}/{len(clusters)} " + ", ".join(f"{k} {v:.0f}s" for k, v in seconds.items()),
            file=sys.stderr,
            flush=True,
        )
        outputs.append(out)
        counts = add_counts(counts, cited)
    print(
        f"Multi-News sample: {len(clusters)} clusters, {sum(len(c.texts) for c in clusters)} "
        f"articles; budget {args.words} words (every system cut to it). Seconds: "
        + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())
    )
    for title, keep in (
        ("dev (even clusters)", lambda c: c.is_dev),
        ("held out (odd clusters)", lambda c: not c.is_dev),
        ("all clusters", lambda c: True),
    ):
        chosen = [i for i, c in enumerate(clusters) if keep(c)]
        if not chosen:
            continue
        rows = {
            name: rouge(
                [cut_words(outputs[i][name], args.words) for i in chosen],
                [clusters[i].reference for i in chosen],
            )
            for name in SYSTEMS
        }
        _table(f"{title}: {len(chosen)} clusters, mean ROUGE at {args.words} words", rows)
    _citations(counts)


if __name__ == "__main__":
    main()
