"""How the story tier grows with a story's size: per-stage seconds over stories of 10, 100, 500.

Stories are built from real text (PolNeAR train articles without a wire credit: seven US
outlets' 2015-16 political coverage, so the articles share people and quotes). Every fifth
article is derived from an earlier one, so lineage, reuse and quote variants are exercised:
a reprint (the whole text under another outlet, a day later), a partial copy (half of one
article's paragraphs followed by half of another's), or a copy-edited rewrite (about 8% of
the words dropped, doubled or moved, quotation marks kept, so quotes become variants). The
stories are nested (the first 10 articles of the list, the first 100, all 500), so the
sources of each derived article are in its story. A second case is a pair of very long
articles (each a concatenation of other PolNeAR articles; the second takes half of the
first's paragraphs, copy-edited), at two lengths.

Each text is parsed once with ``newsweave.nlp.load_pipeline()`` and the docs are cached
(``Doc.to_bytes``, as the store keeps them) with the time their parse took. Reuse passages
come from ``newsweave.align.find_reuse`` (corpus tier, timed apart). ``analyze_story`` is
then timed per stage by wrapping the stage functions it calls (from here, not in
production code); "other" is what no wrapper covers. Printed per stage: seconds at each
size, the log-log slope between consecutive sizes and the least-squares exponent over all;
then seconds per article beyond the parse, the parse time and the ratio total/parse.

    python bench/story_scale_bench.py [--sizes 10,100,500] [--long-words 5000,25000]
        [--cache /tmp/newsweave-story-bench] [--repeat 1]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import math
import pickle
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if "newsweave" not in sys.modules:  # a caller may have imported another checkout first
    sys.path.insert(0, str(ROOT / "src"))

from tests.eval.reuse_data import read_polnear_texts  # noqa: E402

import newsweave.story as story_module  # noqa: E402
from newsweave.align import find_reuse  # noqa: E402
from newsweave.config import AlignSettings, Settings  # noqa: E402
from newsweave.model import Article, Story, StoryAnalysis  # noqa: E402

__all__ = ["StoryCase", "build_cases", "parsed_docs", "run_story"]

#: Every DERIVED_EVERY-th article of a story is derived from an earlier one.
DERIVED_EVERY = 5
#: The long pairs are made from the last LONG_POOL articles of the shuffled list (so the
#: stories, taken from its start, may have up to 651 - 200 originals).
LONG_POOL = 200
#: Share of words a copy-edit drops, doubles or moves (as the reuse gate's light level).
EDIT_RATE = 0.08
#: Stages of ``analyze_story``: names in ``newsweave.story`` -> the stage they are timed as.
STAGES = {
    "build_lineage": "lineage",
    "orient_by_windows": "lineage",
    "infer_publications": "dating",
    "find_entities": "entities",
    "find_quotes": "quotes",
    "group_quotes": "quote groups",
    "_timexes": "timexes",
    "find_claims": "claims",
    "reconcile_claims": "findings",
    "build_timeline": "timeline",
    "segment": "segment",
    "summarize_story": "summary",
}
_QUOTE_CHARS = frozenset("“”‘’\"'«»")


@dataclass(frozen=True)
class StoryCase:
    name: str
    label: str  # the column head: "100 articles", "25,000 words"
    size: float  # articles, or words for the long pair
    articles: tuple[Article, ...]


# ----------------------------------------------------------------------------- corpus


def _edited(text: str, rng: random.Random) -> str:
    """Light copy-editing paragraph by paragraph; words touching a quotation mark stay put."""
    out_paragraphs = []
    for paragraph in text.split("\n"):
        out: list[str] = []
        for word in paragraph.split():
            roll = rng.random()
            if set(word) & _QUOTE_CHARS or roll >= EDIT_RATE:
                out.append(word)
            elif roll < EDIT_RATE / 3:
                continue
            elif roll < 2 * EDIT_RATE / 3:
                out.extend((word, word))
            elif out:
                out.insert(len(out) - 1, word)
        out_paragraphs.append(" ".join(out))
    return "\n".join(out_paragraphs)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _derived(index: int, base: Sequence[Article], rng: random.Random) -> Article:
    kind = ("reprint", "partial", "edited")[index // DERIVED_EVERY % 3]
    source = base[rng.randrange(len(base))]
    other = base[rng.randrange(len(base))]
    if kind == "reprint":
        text = source.text
    elif kind == "partial":
        first, second = _paragraphs(source.text), _paragraphs(other.text)
        text = "\n\n".join(first[: max(1, len(first) // 2)] + second[len(second) // 2 :])
    else:
        text = _edited(source.text, rng)
    day = source.published or "2016-01-01"
    return Article(
        id=f"s{index:04d}",
        source=f"bench/{kind}/{index}",
        text=text,
        title=text.split("\n", 1)[0][:120],
        outlet=f"{kind}-desk-{index % 7}",
        published=f"{day[:8]}{min(28, int(day[8:10]) + 1):02d}",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


def _article(index: int, doc: Any) -> Article:
    return Article(
        id=f"s{index:04d}",
        source=f"polnear/{doc.id}",
        text=doc.text,
        title=doc.text.split("\n", 1)[0][:120],
        outlet=doc.publisher,
        published=doc.date,
        content_hash=hashlib.sha256(doc.text.encode()).hexdigest(),
    )


def _story_articles(docs: Sequence[Any], count: int, rng: random.Random) -> list[Article]:
    articles: list[Article] = []
    originals: list[Article] = []
    used = 0
    for index in range(count):
        if index % DERIVED_EVERY == DERIVED_EVERY - 1 and originals:
            articles.append(_derived(index, originals, rng))
        else:
            originals.append(_article(index, docs[used]))
            articles.append(originals[-1])
            used += 1
    return articles


def _long_pair(docs: Sequence[Any], words: int, rng: random.Random) -> tuple[Article, ...]:
    """Two articles of about ``words`` words each; the second takes half the first's paragraphs."""
    first: list[str] = []
    pool = list(docs)
    rng.shuffle(pool)
    while sum(len(p.split()) for p in first) < words and pool:
        first.extend(_paragraphs(pool.pop().text))
    second = [_edited(p, rng) if i % 2 else p for i, p in enumerate(first) if i % 4 < 2]
    while sum(len(p.split()) for p in second) < words and pool:
        second.extend(_paragraphs(pool.pop().text))
    texts = ("\n\n".join(first), "\n\n".join(second))
    return tuple(
        Article(
            id=f"long{words}-{side}",
            source=f"bench/long/{words}/{side}",
            text=text,
            title=text.split("\n", 1)[0][:120],
            outlet=("long-desk-a", "long-desk-b")[side],
            published=("2016-03-01", "2016-03-02")[side],
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        for side, text in enumerate(texts)
    )


def build_cases(
    datasets: Path, sizes: Sequence[int], long_words: Sequence[int], seed: int = 11
) -> tuple[list[StoryCase], list[StoryCase]]:
    """The nested stories of ``sizes`` articles and the long pairs of ``long_words`` words."""
    docs = read_polnear_texts(datasets, "train")
    rng = random.Random(seed)
    rng.shuffle(docs)
    largest = max(sizes, default=0)
    originals = largest - largest // DERIVED_EVERY
    articles = _story_articles(docs[:originals], largest, random.Random(seed + 1))
    stories = [
        StoryCase(f"{n} articles", f"{n} articles", n, tuple(articles[:n])) for n in sorted(sizes)
    ]
    rest = docs[-LONG_POOL:]  # the same whatever the sizes
    pairs = [
        StoryCase(
            f"2 long articles, {w:,} words each",
            f"{w:,} words x2",
            2 * w,
            _long_pair(rest, w, random.Random(w)),
        )
        for w in sorted(long_words)
    ]
    return stories, pairs


# ----------------------------------------------------------------------------- parsing


def parsed_docs(
    articles: Sequence[Article], cache: Path
) -> tuple[dict[str, Any], dict[str, float]]:
    """spaCy docs of ``articles`` (parsed once, then read from ``cache``) and each parse's seconds."""
    from spacy.tokens import Doc

    from newsweave.nlp import load_pipeline

    nlp = load_pipeline()
    model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    cache.mkdir(parents=True, exist_ok=True)
    docs, seconds = {}, {}
    for article in articles:
        path = cache / f"{model}-{article.content_hash[:24]}.pickle"
        if not path.exists():
            started = time.perf_counter()
            doc = nlp(article.text)
            spent = time.perf_counter() - started
            path.write_bytes(pickle.dumps((doc.to_bytes(), spent)))
        blob, spent = pickle.loads(path.read_bytes())
        docs[article.id] = Doc(nlp.vocab).from_bytes(blob)
        seconds[article.id] = spent
    return docs, seconds


# ----------------------------------------------------------------------------- timing


def _timed(name: str, function: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def run_story(
    case: StoryCase, docs: dict[str, Any], passages: Sequence[Any], settings: Settings
) -> tuple[StoryAnalysis, dict[str, float]]:
    """``analyze_story`` over ``case`` with each stage's seconds (and "total", "other")."""
    spent: dict[str, float] = {}
    originals = {n: getattr(story_module, n) for n in STAGES if hasattr(story_module, n)}
    for name, function in originals.items():
        setattr(story_module, name, _timed(STAGES[name], function, spent))
    story = Story("bench", tuple(a.id for a in case.articles), case.articles[0].title or "")
    try:
        started = time.perf_counter()
        analysis = story_module.analyze_story(story, case.articles, passages, docs, settings)
        spent["total"] = time.perf_counter() - started
    finally:
        for name, function in originals.items():
            setattr(story_module, name, function)
    spent["other"] = spent["total"] - sum(v for k, v in spent.items() if k != "total")
    return analysis, spent


def _slope(x0: float, y0: float, x1: float, y1: float) -> float:
    if min(x0, y0, x1, y1) <= 0 or x0 == x1:
        return float("nan")
    return math.log(y1 / y0) / math.log(x1 / x0)


def _fit(xs: Sequence[float], ys: Sequence[float]) -> float:
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    if len(points) < 2:
        return float("nan")
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    spread = sum((p[0] - mx) ** 2 for p in points)
    return sum((p[0] - mx) * (p[1] - my) for p in points) / spread if spread else float("nan")


def _table(title: str, cases: Sequence[StoryCase], rows: Sequence[dict[str, float]]) -> None:
    stages = list(dict.fromkeys([*STAGES.values(), "other", "total"]))
    sizes = [c.size for c in cases]
    head = " ".join(f"{c.label:>14}" for c in cases)
    slopes = " ".join(f"{'slope':>7}" for _ in cases[1:])
    print(f"\n{title}\n{'stage':14} {head} {slopes} {'exponent':>9}")
    for stage in stages:
        values = [r.get(stage, 0.0) for r in rows]
        between = " ".join(
            f"{_slope(sizes[i], values[i], sizes[i + 1], values[i + 1]):7.2f}"
            for i in range(len(cases) - 1)
        )
        cells = " ".join(f"{v:14.3f}" for v in values)
        print(f"{stage:14} {cells} {between} {_fit(sizes, values):9.2f}")


def _measure(
    cases: Sequence[StoryCase], cache: Path, repeat: int, settings: Settings
) -> list[dict[str, float]]:
    rows = []
    for case in cases:
        docs, parse_seconds = parsed_docs(case.articles, cache)
        started = time.perf_counter()
        passages = find_reuse(case.articles, AlignSettings())
        reuse = time.perf_counter() - started
        runs = [run_story(case, docs, passages, settings)[1] for _ in range(max(1, repeat))]
        best = min(runs, key=lambda r: r["total"])
        best["parse"] = sum(parse_seconds.values())
        best["reuse"] = reuse
        rows.append(best)
        words = sum(len(a.text.split()) for a in case.articles)
        print(
            f"{case.name}: {words:,} words, {len(passages)} reuse passages ({reuse:.1f}s), "
            f"parse {best['parse']:.1f}s, story tier {best['total']:.1f}s "
            f"({best['total'] / len(case.articles):.3f}s per article beyond the parse, "
            f"total/parse {best['total'] / best['parse']:.2f})",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--sizes", default="10,100,500", help="story sizes, in articles")
    parser.add_argument("--long-words", default="5000,25000", help="words per long article")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-story-bench"))
    parser.add_argument("--repeat", type=int, default=1, help="runs per story; the best is kept")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    long_words = [int(s) for s in args.long_words.split(",") if s]
    stories, pairs = build_cases(args.datasets, sizes, long_words)
    settings = Settings(db=":memory:")
    for title, cases in (
        ("stories (size = articles)", stories),
        ("long pairs (size = words)", pairs),
    ):
        if not cases:
            continue
        rows = _measure(cases, args.cache, args.repeat, settings)
        _table(f"{title}: seconds per stage, log-log slopes, fitted exponent", cases, rows)
        for case, row in zip(cases, rows, strict=True):
            print(
                f"  {case.name}: parse {row['parse']:.1f}s, total {row['total']:.2f}s, "
                f"{row['total'] / len(case.articles):.4f}s/article, "
                f"total/parse {row['total'] / row['parse']:.3f}"
            )
        parse = [r["parse"] for r in rows]
        sizes_of = [c.size for c in cases]
        print(f"  parse exponent {_fit(sizes_of, parse):.2f} (for reference)")


if __name__ == "__main__":
    main()
