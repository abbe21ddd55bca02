"""The "firehose" benchmark corpus: up to 200,000+ articles of real news text with story structure.

    python bench/firehose_corpus.py --articles 200000 --out /tmp/firehose200k [--seed 7]

writes ``articles.jsonl`` (``id``, ``title``, ``outlet``, ``published``, ``text``; about 20% of
the records lack ``published`` and 10% lack ``title``, as real feeds do) and ``gold.jsonl``
(``id``, ``story``, ``dup``, ``kind``, ``source``: the id of the article a copy was made from).
Records come in publication order, as a feed delivers them. Deterministic for a seed.

All text is real: PolNeAR train+dev, ECB+, the Multi-News sample, MEANTIME, TimeBank/AQUAINT
and MRPC (first sentences), read from ``../shared/datasets`` at run time. Structure:

- **stories**, seeded by one text each, with sizes from P(size) ~ size^-2 on 2..1% of the corpus
  (~70% have 2-5 articles; at 200k the largest have ~1,000-2,000); published over a few days
  from a start spread over 2019, the largest often over weeks with **follow-ups** (new texts
  that repeat one or two background paragraphs of the seed). Seeds are whole real articles first
  (PolNeAR, MEANTIME, TimeBank/AQUAINT); then texts **composed** of real paragraphs (long ones
  cut into pieces of at most ~60 words) dealt from successive shuffles of the whole pool;
- **real independent reports**: each ECB+ sub-topic and each Multi-News cluster is a story of
  its own (kind ``report``); real documents that are near copies of one another (5-shingle
  Jaccard >= 0.5) share a duplicate cluster (kind ``real_copy``), and real documents that
  contain a third of one another are put in one story;
- within a story, copies of its texts: **reprints** (the same text from another outlet; 40% with
  a dateline, byline or footer line of their own), **wire edits** (1-4% of the words changed, a
  sentence dropped or added, often a new headline; same duplicate cluster), **rewrites** (own
  duplicate cluster: sentences reordered, 20-30% of the words substituted or dropped,
  paragraphs dropped, often a paragraph of a sibling story's seed added);
- **singletons** (32%): unrelated briefs, each its own story.

Unavoidable overlap: the pool holds ~47,000 distinct prose pieces (~1.36M words), so composed
texts reuse it. Each piece is in its real article and in about ``passes`` composed texts
(printed at the end: 0.4 at 10k, 3.3 at 50k, 13.6 at 200k). Deals are random, so unrelated
texts share one piece (a paragraph or sentence, ~5-15% of a text) and rarely more: counting
the original texts (seeds, reports, follow-ups, singletons), a text shares a paragraph with a
median of 4 / 22 / 92 texts of other stories at 10k / 50k / 200k, and 40 / 509 / 5,723
unrelated pairs share two or more (of 14k / 288k / 4.4M sharing one). Outlet footers and the
real boilerplate of the sources (editor's notes) recur more. Composed texts mix topics, and
real seeds keep the dates in their wording (publication dates are all drawn anew in 2019).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.eval.corpora import read_ecbplus, read_multinews  # noqa: E402
from tests.eval.timeml import read_meantime, read_timeml  # noqa: E402

__all__ = ["Article", "Source", "build_corpus", "read_sources", "write_corpus"]

#: Share of singletons (unrelated articles); the issue asks for 30-40%.
SINGLETON_SHARE = 0.32
#: Shares of records without ``published`` / without ``title``.
NO_DATE_SHARE, NO_TITLE_SHARE = 0.20, 0.10
#: P(size) ~ size^-STORY_EXPONENT; with 2.0, 72% of stories have 2-5 articles.
STORY_EXPONENT = 2.0
#: The largest story is at most this share of the corpus (2,000 articles at 200k).
LARGEST_STORY_SHARE = 0.01
#: Kinds of copies within a story and their weights.
COPY_KINDS = {"reprint": 0.35, "wire_edit": 0.35, "rewrite": 0.30}
#: Copies per real report (ECB+, Multi-News): mean of a geometric draw.
COPIES_PER_REPORT = 1.0
#: Stories of at least FOLLOWUP_MIN articles get one follow-up text per 1/FOLLOWUP_RATE articles.
FOLLOWUP_MIN, FOLLOWUP_RATE = 8, 0.03
#: Stories of at least LONG_MIN articles run over 2-8 weeks with this probability.
LONG_MIN, LONG_SHARE = 40, 0.5
#: Real documents with 5-shingle Jaccard >= this are one duplicate cluster (the real wire
#: copies in ECB+ and Multi-News score 0.6-1.0; independent reports of one event <= 0.45).
REAL_COPY_JACCARD = 0.5
#: Real documents whose shingles are this much contained in one another are one story.
REAL_STORY_CONTAINMENT = 0.3
#: Real documents longer than this are left out (one Multi-News source is a 140k-word trade log).
MAX_SOURCE_WORDS = 10_000
#: Pool pieces: paragraphs of at least UNIT_MIN words, cut into sentences up to UNIT_MAX words.
UNIT_MIN, UNIT_MAX = 8, 60
#: Lengths in words (median, log-sigma, min, max) of composed seeds, follow-ups and singletons.
SEED_WORDS = (380, 0.45, 150, 1200)
FOLLOWUP_WORDS = (300, 0.4, 120, 900)
SINGLETON_WORDS = (170, 0.5, 60, 700)
#: Word change rates (min, max) of wire edits and rewrites.
WIRE_RATE, REWRITE_RATE = (0.01, 0.04), (0.20, 0.30)
YEAR_START = datetime(2019, 1, 1)

OUTLETS = (
    "The Harbor Courier", "Midland Gazette", "Northgate Daily", "Riverton Ledger",
    "The Evening Sentinel", "Capital Wire", "Lakeshore Times", "Pacific Dispatch",
    "The Morning Record", "Valley Herald", "Granite State Monitor", "Union Press Service",
    "The Civic Tribune", "Eastbridge Chronicle", "Summit News Network", "The Plainsman",
    "Coastal Observer", "Metro Bulletin", "The Daily Compass", "Frontier Post",
    "Westfield Examiner", "The National Review Desk", "Crossroads Journal", "Bayside Register",
    "The Ironwood Star", "Twin Rivers Press", "Global Newswire", "The Weekly Standard-Bearer",
    "Hillcrest Reporter", "Southern Beacon", "The Open Ledger", "Prairie Voice",
    "Harborview Online", "The Continental", "Keystone Daily", "Mapleton Mercury",
    "The Public Square", "Redwood Current", "Atlas News Agency", "The Signal",
    "Old Town Crier", "Newsfront Digital", "The Statehouse Report", "Lowland Echo",
)  # fmt: skip
CITIES = ("WASHINGTON", "NEW YORK", "LONDON", "PARIS", "CHICAGO", "BRUSSELS", "TOKYO",
          "LOS ANGELES", "BERLIN", "NAIROBI", "SYDNEY", "TORONTO", "MADRID", "DELHI")  # fmt: skip
NAMES = ("Alex", "Jordan", "Sam", "Morgan", "Casey", "Robin", "Jamie", "Taylor", "Drew", "Avery")
SURNAMES = ("Hale", "Moreno", "Okafor", "Lindqvist", "Brennan", "Castillo", "Nakamura", "Price")
TZ = ("-05:00", "-04:00", "+00:00", "+01:00", "-08:00")

_SENTENCE = re.compile(r"(?<=[.!?”\"'])\s+(?=[A-Z“\"`])")
_WORD = re.compile(r"\w+")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+(\([^)]*\))?\s*[—–_-]+\s*")


@dataclass(frozen=True, slots=True)
class Source:
    """A real document: ``group`` is its gold story in the dataset (ECB+, Multi-News) or None."""

    id: str
    title: str | None
    paragraphs: tuple[str, ...]
    group: str | None


@dataclass(frozen=True, slots=True)
class Article:
    title: str | None
    outlet: str
    when: datetime
    text: str
    story: str
    dup: str
    kind: str
    core: tuple[str, ...]  # paragraphs before outlet decoration
    source: int | None = None  # index of the article copied


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _polnear(datasets: Path) -> list[Source]:
    folder = datasets / "polnear" / "data"
    with (folder / "metadata.tsv").open(encoding="utf-8") as handle:
        titles = {r["filename"]: r["title"] for r in csv.DictReader(handle, delimiter="\t")}
    return [
        Source(f"polnear:{p.stem}", titles.get(p.stem), _paragraphs(p.read_text("utf-8")), None)
        for split in ("train", "dev")
        for p in sorted((folder / split / "text").glob("*.txt"))
    ]


def _meantime(datasets: Path) -> list[Source]:
    sources = []
    for path in sorted((datasets / "meantime" / "intra-doc_annotation").glob("*/*.xml")):
        title, *rest = _paragraphs(read_meantime(path).text)
        if rest and len(rest[0].split()) <= 4:  # the date line under the title
            rest = rest[1:]
        sources.append(Source(f"meantime:{path.stem}", title, tuple(rest), None))
    return sources


def read_sources(datasets: Path) -> list[Source]:
    """Every real document, exact textual duplicates (TimeBank and AQUAINT share some) once."""
    sources = _polnear(datasets) + _meantime(datasets)
    timeml = sorted((datasets / "tempeval3" / "TBAQ-cleaned").glob("*/*.tml"))
    sources += [
        Source(f"timeml:{p.stem}", None, _paragraphs(read_timeml(p).text), None) for p in timeml
    ]
    sources += [
        Source(f"ecbplus:{d.id}", None, _paragraphs(d.text), f"ecbplus:{d.cluster}")
        for d in read_ecbplus(datasets)
    ]
    sources += [
        Source(f"multinews:{d.id}", None, _paragraphs(d.text), f"multinews:{d.cluster}")
        for d in read_multinews(datasets)
    ]
    seen: set[tuple[str, ...]] = set()
    kept = []
    for source in sources:
        words = sum(len(p.split()) for p in source.paragraphs)
        if 0 < words <= MAX_SOURCE_WORDS and source.paragraphs not in seen:
            seen.add(source.paragraphs)
            kept.append(source)
    return kept


def _mrpc_units(datasets: Path) -> list[str]:
    units = []
    for name in ("msr_paraphrase_train.txt", "msr_paraphrase_test.txt"):
        lines = (datasets / "mrpc" / name).read_text("utf-8-sig").splitlines()[1:]
        units += [line.split("\t")[3] for line in lines if line.count("\t") >= 4]
    return units  # only the first sentence of a pair: the second paraphrases it


def _sampled_shingles(paragraphs: tuple[str, ...]) -> set[int]:
    words = _WORD.findall(" ".join(paragraphs).lower())
    grams = (zlib.crc32(" ".join(words[i : i + 5]).encode()) for i in range(len(words) - 4))
    return {g for g in grams if g % 8 == 0}  # a fixed 1/8 sample keeps the Jaccard


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def link_real_copies(sources: list[Source]) -> tuple[_UnionFind, _UnionFind]:
    """Near copies (one duplicate cluster) and real stories (group or containment) of sources."""
    shingles = [_sampled_shingles(s.paragraphs) for s in sources]
    postings: dict[int, list[int]] = defaultdict(list)
    for index, grams in enumerate(shingles):
        for gram in grams:
            postings[gram].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 1 < len(docs) < 30:
            shared.update((a, b) for i, a in enumerate(docs) for b in docs[i + 1 :])
    dups, stories = _UnionFind(len(sources)), _UnionFind(len(sources))
    first_of_group: dict[str, int] = {}
    for index, source in enumerate(sources):
        if source.group is not None:
            stories.union(first_of_group.setdefault(source.group, index), index)
    for (a, b), n in shared.items():
        if n / max(1, len(shingles[a] | shingles[b])) >= REAL_COPY_JACCARD:
            dups.union(a, b)
        if n / max(1, min(len(shingles[a]), len(shingles[b]))) >= REAL_STORY_CONTAINMENT:
            stories.union(a, b)
    return dups, stories


def unit_pool(sources: list[Source], extra: list[str]) -> list[str]:
    """Distinct real paragraphs, long ones cut at sentence ends into pieces of <= UNIT_MAX words."""
    seen, units = set(), []
    for paragraph in [p for s in sources for p in s.paragraphs] + extra:
        for unit in _cut(" ".join(paragraph.split())):
            if _is_prose(unit) and unit not in seen:
                seen.add(unit)
                units.append(unit)
    return units


def _is_prose(unit: str) -> bool:
    """At least UNIT_MIN words, mostly alphabetic (not a table row or a log line)."""
    words = unit.split()
    return len(words) >= UNIT_MIN and sum(w.isalpha() for w in words) >= 0.6 * len(words)


def _cut(paragraph: str) -> list[str]:
    if len(paragraph.split()) <= UNIT_MAX:
        return [paragraph]
    pieces, current = [], []
    for sentence in _SENTENCE.split(paragraph):
        if current and len(" ".join([*current, sentence]).split()) > UNIT_MAX:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)
    return [*pieces, " ".join(current)]


class _Dealer:
    """Pool pieces from successive shuffles of the pool, so uses spread evenly over it."""

    def __init__(self, units: list[str], rng: random.Random) -> None:
        self.units, self.rng, self.order, self.at, self.dealt = units, rng, [], 0, 0

    def text(self, shape: tuple[float, float, int, int]) -> tuple[str, ...]:
        median, sigma, low, high = shape
        target = min(high, max(low, int(self.rng.lognormvariate(0, sigma) * median)))
        taken: list[str] = []
        words = 0
        while words < target:
            if self.at == len(self.order):
                self.order, self.at = self.rng.sample(range(len(self.units)), len(self.units)), 0
            unit = self.units[self.order[self.at]]
            self.at, self.dealt = self.at + 1, self.dealt + 1
            if unit not in taken:
                taken.append(unit)
                words += len(unit.split())
        return tuple(taken)

    @property
    def passes(self) -> float:
        return self.dealt / len(self.units)


FOOTERS = (
    "© 2019 {outlet}. All rights reserved.",
    "This article first appeared in {outlet}.",
    "Copyright {outlet}. This material may not be published, broadcast or redistributed.",
    "Follow {outlet} for more updates on this story.",
)


def _change_words(
    paragraphs: list[str], rate: float, gen: np.random.Generator, vocabulary: list[str], drop: float
) -> list[str]:
    """Replace about ``rate`` of the words (a share ``drop`` of those deleted instead)."""
    words = "\n".join(paragraphs).split(" ")
    count = len(words)
    spots = sorted(set(gen.integers(0, count, max(1, round(count * rate))).tolist()), reverse=True)
    rolls = gen.random(len(spots)).tolist()
    picks = gen.integers(0, len(vocabulary), len(spots)).tolist()
    for at, roll, pick in zip(spots, rolls, picks, strict=True):
        if "\n" in words[at]:  # the word at a paragraph break stays
            continue
        if roll < drop:
            del words[at]
        else:
            words[at] = vocabulary[pick]
    return [p for p in " ".join(words).split("\n") if p]


def _shuffle_sentences(paragraph: str, rng: random.Random) -> str:
    sentences = _SENTENCE.split(paragraph)
    rng.shuffle(sentences)
    return " ".join(sentences)


def wire_edit(
    core: tuple[str, ...],
    rng: random.Random,
    gen: np.random.Generator,
    vocabulary: list[str],
    added: str,
) -> tuple[str, ...]:
    """A light edit: 1-4% of the words changed, then a sentence dropped (40%) or added (30%)."""
    paragraphs = _change_words(list(core), rng.uniform(*WIRE_RATE), gen, vocabulary, 0.0)
    roll = rng.random()
    if roll < 0.4:
        at = rng.randrange(len(paragraphs))
        sentences = _SENTENCE.split(paragraphs[at])
        if len(sentences) > 1:
            del sentences[rng.randrange(len(sentences))]
            paragraphs[at] = " ".join(sentences)
        elif len(paragraphs) > 3:
            del paragraphs[max(1, at)]
    elif roll < 0.7:
        paragraphs.insert(rng.randint(1, len(paragraphs)), added)
    return tuple(paragraphs)


def rewrite(
    core: tuple[str, ...],
    rng: random.Random,
    gen: np.random.Generator,
    vocabulary: list[str],
    sibling: tuple[str, ...],
) -> tuple[str, ...]:
    """A heavy rewrite: paragraphs dropped and moved, sentences reordered, 20-30% of the words
    substituted or dropped, and (60%) a paragraph of a sibling story's seed added."""
    rest = [p for p in core[1:] if rng.random() >= 0.2] or list(core[1:2])
    for i in range(len(rest) - 1):
        if rng.random() < 0.3:
            rest[i], rest[i + 1] = rest[i + 1], rest[i]
    if sibling and rng.random() < 0.6:
        rest.insert(rng.randint(0, len(rest)), rng.choice(sibling))
    paragraphs = [_shuffle_sentences(p, rng) for p in [core[0], *rest]]
    return tuple(_change_words(paragraphs, rng.uniform(*REWRITE_RATE), gen, vocabulary, 1 / 3))


def dress(core: tuple[str, ...], outlet: str, rng: random.Random, *, force: bool = False) -> str:
    """The text as an outlet prints it: sometimes a dateline, a byline, a footer line;
    ``force`` adds at least one of them (a reprint that differs only in such a line)."""
    lines = list(core)
    must = rng.randrange(3) if force else -1
    if must == 0 or rng.random() < 0.15:
        lines[0] = f"{rng.choice(CITIES)} ({outlet}) — {lines[0]}"
    if must == 1 or rng.random() < 0.25:
        lines.insert(0, f"By {rng.choice(NAMES)} {rng.choice(SURNAMES)}, {outlet}")
    if must == 2 or rng.random() < 0.25:
        lines.append(rng.choice(FOOTERS).format(outlet=outlet))
    return "\n\n".join(lines)


def headline(core: tuple[str, ...], rng: random.Random, pick: int = 0) -> str:
    """A headline cut from the first sentence of paragraph ``pick`` (7-13 words)."""
    sentence = _DATELINE.sub("", _SENTENCE.split(core[min(pick, len(core) - 1)])[0])
    return " ".join(sentence.split()[: rng.randint(7, 13)]).rstrip(",.;:—-\"'“”`")


def _geometric(rng: random.Random, mean: float) -> int:
    count = 0
    while rng.random() < mean / (1 + mean):
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class _Plan:
    size: int
    reports: tuple[int, ...]  # real sources of a real story; one real seed; or () composed


def plan_stories(
    count: int, sources: list[Source], stories: _UnionFind, rng: random.Random
) -> tuple[list[_Plan], list[int], int]:
    """Story plans, the real documents left to seed stories and singletons, singleton count."""
    components: dict[int, list[int]] = defaultdict(list)
    for index in range(len(sources)):
        components[stories.find(index)].append(index)
    real = sorted((m for m in components.values() if len(m) > 1), key=lambda m: sources[m[0]].id)
    standalone = [m[0] for m in components.values() if len(m) == 1]
    rng.shuffle(standalone)
    singles = round(count * SINGLETON_SHARE)
    budget, used, plans = count - singles, 0, []
    for members in real:
        size = len(members) + sum(_geometric(rng, COPIES_PER_REPORT) for _ in members)
        if used + size <= budget / 2:
            plans.append(_Plan(size, tuple(members)))
            used += size
    sizes = range(2, max(2, int(count * LARGEST_STORY_SHARE)) + 1)
    cumulative = list(itertools.accumulate(s**-STORY_EXPONENT for s in sizes))
    while budget - used >= 2:
        size = min(rng.choices(sizes, cum_weights=cumulative)[0], budget - used)
        seed = (standalone.pop(),) if standalone else ()
        plans.append(_Plan(size, seed))
        used += size
    return plans, standalone, singles + budget - used


class _Builder:
    """Generates the articles of each planned story into ``self.articles``."""

    def __init__(
        self, sources: list[Source], dups: _UnionFind, extra: list[str], seed: int
    ) -> None:
        self.rng, self.gen = random.Random(seed), np.random.default_rng(seed)
        self.sources, self.dups = sources, dups
        self.units = unit_pool(sources, extra)
        self.dealer = _Dealer(self.units, self.rng)
        sample = self.units[:: max(1, len(self.units) // 20_000)]
        self.vocabulary = sorted(
            {w for u in sample for w in u.split() if w.isalpha() and w.islower() and len(w) > 3}
        )
        self.outlets = list(itertools.accumulate(1 / r**0.8 for r in range(1, len(OUTLETS) + 1)))
        self.articles: list[Article] = []
        self.sibling: tuple[str, ...] = ()
        self.dup_count = 0

    def new_dup(self) -> str:
        self.dup_count += 1
        return f"d{self.dup_count:07d}"

    def outlet(self, other: str | None = None) -> str:
        while (name := self.rng.choices(OUTLETS, cum_weights=self.outlets)[0]) == other:
            pass
        return name

    def emit(self, core: tuple[str, ...], title: str | None, when: datetime, **fields) -> int:
        outlet = fields.pop("outlet", None) or self.outlet()
        text = fields.pop("text", None) or dress(core, outlet, self.rng)
        title = title or headline(core, self.rng)
        self.articles.append(Article(title, outlet, when, text, core=core, **fields))
        return len(self.articles) - 1

    def real_threads(self, plan: _Plan, story: str, start: datetime) -> list[int]:
        threads, dup_of_root = [], {}
        for n, index in enumerate(plan.reports):
            source, root = self.sources[index], self.dups.find(index)
            kind = "seed" if n == 0 else "real_copy" if root in dup_of_root else "report"
            dup = dup_of_root.setdefault(root, self.new_dup())
            when = start + timedelta(days=self.rng.uniform(0, 3) if n else 0)
            threads.append(
                self.emit(source.paragraphs, source.title, when, story=story, dup=dup, kind=kind)
            )
        return threads

    def composed_threads(self, plan: _Plan, story: str, start: datetime) -> list[int]:
        if plan.reports:
            source = self.sources[plan.reports[0]]
            core, title = source.paragraphs, source.title
        else:
            core, title = self.dealer.text(SEED_WORDS), None
        threads = [self.emit(core, title, start, story=story, dup=self.new_dup(), kind="seed")]
        followups = int(plan.size * FOLLOWUP_RATE) if plan.size >= FOLLOWUP_MIN else 0
        is_long = plan.size >= LONG_MIN and self.rng.random() < LONG_SHARE
        span = self.rng.uniform(14, 56) if is_long else 4.0
        for _ in range(followups):
            fresh = list(self.dealer.text(FOLLOWUP_WORDS))
            background = self.rng.sample(
                core[1:] or core, min(len(core[1:] or core), self.rng.randint(1, 2))
            )
            body = (fresh[0], *background, *fresh[1:])
            when = start + timedelta(days=self.rng.uniform(0.5, span))
            threads.append(
                self.emit(body, None, when, story=story, dup=self.new_dup(), kind="followup")
            )
        return threads

    def copy(self, thread: int, story: str) -> int:
        rng, source = self.rng, self.articles[thread]
        kind = rng.choices(tuple(COPY_KINDS), tuple(COPY_KINDS.values()))[0]
        when = source.when + timedelta(hours=min(72.0, rng.expovariate(1 / 8)))
        outlet = self.outlet(source.outlet)
        fields = {"story": story, "source": thread, "outlet": outlet}
        if kind == "reprint":
            is_same = rng.random() < 0.6
            text = source.text if is_same else dress(source.core, outlet, rng, force=True)
            title = source.title if rng.random() < 0.7 else f"{source.title} | {outlet}"
            return self.emit(
                source.core, title, when, dup=source.dup, kind=kind, text=text, **fields
            )
        if kind == "wire_edit":
            core = wire_edit(source.core, rng, self.gen, self.vocabulary, rng.choice(self.units))
            title = (
                source.title
                if rng.random() < 0.4
                else headline(source.core, rng, rng.randint(0, 2))
            )
            return self.emit(core, title, when, dup=source.dup, kind=kind, **fields)
        core = rewrite(source.core, rng, self.gen, self.vocabulary, self.sibling)
        title = headline(source.core, rng, rng.randint(1, 2))
        return self.emit(core, title, when, dup=self.new_dup(), kind=kind, **fields)

    def story(self, plan: _Plan, story: str) -> None:
        start = YEAR_START + timedelta(days=self.rng.uniform(0, 365))
        is_real = len(plan.reports) > 1
        threads = (self.real_threads if is_real else self.composed_threads)(plan, story, start)
        # the seed text gets about half the copies (wire stories are syndicated widely)
        weights = [1.0 if is_real else max(3.0, len(threads) - 1.0)] + [1.0] * (len(threads) - 1)
        family: dict[int, list[int]] = {t: [t] for t in threads}  # articles sharing its dup
        for _ in range(plan.size - len(threads)):
            thread = self.rng.choices(threads, weights)[0]
            # a fifth are copies of a copy (a reprint of a wire edit, a rewrite of a reprint)
            copied = self.rng.choice(family[thread]) if self.rng.random() < 0.2 else thread
            made = self.copy(copied, story)
            if self.articles[made].dup == self.articles[thread].dup:
                family[thread].append(made)
        self.sibling = self.articles[threads[0]].core

    def singleton(self, index: int | None, story: str) -> None:
        when = YEAR_START + timedelta(days=self.rng.uniform(0, 365))
        if index is None:
            core, title = self.dealer.text(SINGLETON_WORDS), None
        else:
            core, title = self.sources[index].paragraphs, self.sources[index].title
        self.emit(core, title, when, story=story, dup=self.new_dup(), kind="singleton")


def build_corpus(datasets: Path, count: int, seed: int = 7) -> tuple[list[Article], float]:
    """``count`` articles in publication order and how many passes composed texts took over the
    pool of real paragraph pieces (see the module docstring)."""
    sources = read_sources(datasets)
    dups, stories = link_real_copies(sources)
    builder = _Builder(sources, dups, _mrpc_units(datasets), seed)
    plans, left, singles = plan_stories(count, sources, stories, builder.rng)
    for n, plan in enumerate(plans):
        builder.story(plan, f"s{n:06d}")
    for n in range(singles):
        builder.singleton(left[n] if n < len(left) else None, f"s{len(plans) + n:06d}")
    made = builder.articles
    order = sorted(range(len(made)), key=lambda i: made[i].when)
    rank = {old: new for new, old in enumerate(order)}
    articles = [
        made[i] if made[i].source is None else replace(made[i], source=rank[made[i].source])
        for i in order
    ]
    return articles, builder.dealer.passes


def _published(when: datetime, outlet: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return when.date().isoformat()
    stamp = when.replace(microsecond=0).isoformat()
    return stamp if roll < 0.85 else stamp + TZ[hash_outlet(outlet) % len(TZ)]


def hash_outlet(outlet: str) -> int:
    return sum(map(ord, outlet))  # stable across runs, unlike hash()


def write_corpus(articles: list[Article], out: Path, seed: int = 7) -> None:
    """``out/articles.jsonl`` and ``out/gold.jsonl``; ids are ``fh`` + position in the feed."""
    rng = random.Random(seed + 1)
    out.mkdir(parents=True, exist_ok=True)
    with (
        (out / "articles.jsonl").open("w", encoding="utf-8") as records,
        (out / "gold.jsonl").open("w", encoding="utf-8") as gold,
    ):
        for n, article in enumerate(articles):
            record: dict[str, str] = {"id": f"fh{n:07d}", "outlet": article.outlet}
            if rng.random() >= NO_TITLE_SHARE and article.title:
                record["title"] = article.title
            if rng.random() >= NO_DATE_SHARE:
                record["published"] = _published(article.when, article.outlet, rng)
            record["text"] = article.text
            records.write(json.dumps(record, ensure_ascii=False) + "\n")
            source = None if article.source is None else f"fh{article.source:07d}"
            row = {"id": record["id"], "story": article.story, "dup": article.dup}
            gold.write(json.dumps({**row, "kind": article.kind, "source": source}) + "\n")


def summarize(articles: list[Article], passes: float) -> str:
    """Counts per kind, story sizes, duplicate clusters and pool reuse, as printable lines."""
    kinds = Counter(a.kind for a in articles)
    stories = Counter(a.story for a in articles)
    dups = Counter(a.dup for a in articles)
    bins = ((1, 1), (2, 5), (6, 20), (21, 100), (101, 500), (501, 10**9))
    lines = [
        f"{len(articles):,} articles, {len(stories):,} stories, {len(dups):,} duplicate clusters"
    ]
    lines.append("kinds: " + ", ".join(f"{k} {n:,}" for k, n in kinds.most_common()))
    for low, high in bins:
        sizes = [s for s in stories.values() if low <= s <= high]
        label = f"{low}" if low == high else f"{low}-{high}" if high < 10**9 else f"{low}+"
        lines.append(
            f"  stories of {label:>7}: {len(sizes):>7,} stories, {sum(sizes):>8,} articles"
        )
    lines.append("largest stories: " + ", ".join(f"{n:,}" for _, n in stories.most_common(8)))
    multi = [n for n in dups.values() if n > 1]
    lines.append(
        f"duplicate clusters of 2+: {len(multi):,} holding {sum(multi):,} articles; "
        f"largest {', '.join(f'{n:,}' for n in sorted(multi, reverse=True)[:6])}"
    )
    lines.append(f"composed texts took {passes:.2f} passes over the pool of real paragraph pieces")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("/tmp/firehose"))
    args = parser.parse_args()
    started = time.perf_counter()
    articles, passes = build_corpus(args.datasets, args.articles, args.seed)
    write_corpus(articles, args.out, args.seed)
    print(summarize(articles, passes))
    print(f"wrote {args.out}/articles.jsonl and gold.jsonl in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
