"""A PAN-style text-reuse set built from real news (PolNeAR train texts), deterministically.

Each positive case takes a passage (one to three consecutive paragraphs) of a
real article and inserts it, obfuscated at one of three levels, between two
paragraphs of another real article by a different publisher:

- ``none``: copied verbatim;
- ``light``: copy-edited: ~10% of the words dropped, duplicated or swapped with a neighbour;
- ``heavy``: spun: sentences reordered, ~20% of the words replaced by other words, ~10% dropped,
  ~5% inserted.

Negatives are pairs of unmodified real articles on the same topic (same day of the same
campaign, different publishers, no wire credit): any passage found between them is a false link.
Gold spans are character offsets into the texts on both sides.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LEVELS", "ReuseCase", "build_cases", "read_polnear_texts"]

LEVELS = ("none", "light", "heavy")
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class ReuseCase:
    level: str  # none | light | heavy | negative
    source_id: str
    source_text: str
    target_id: str
    target_text: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None


@dataclass(frozen=True)
class _Doc:
    id: str
    text: str
    publisher: str
    date: str


def read_polnear_texts(root: Path, split: str = "train") -> list[_Doc]:
    """PolNeAR articles of one split without a wire credit, with publisher and date."""
    folder = root / "polnear" / "data"
    wire = {}
    with (folder / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            wire[row["filename"]] = row["wire"] not in ("None", "")
    docs = []
    for path in sorted((folder / split / "text").glob("*.txt")):
        if wire.get(path.stem, False):
            continue
        publisher, date = path.stem.split("_")[:2]
        docs.append(_Doc(path.stem, path.read_text(encoding="utf-8").strip(), publisher, date))
    return docs


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if len(m.group().split()) >= 8
    ]


def _passage(doc: _Doc, rng: random.Random) -> tuple[int, int] | None:
    paragraphs = _paragraphs(doc.text)
    if len(paragraphs) < 4:
        return None
    count = rng.randint(1, 3)
    first = rng.randrange(0, len(paragraphs) - count + 1)
    start, end = paragraphs[first][0], paragraphs[first + count - 1][1]
    words = len(doc.text[start:end].split())
    return (start, end) if 30 <= words <= 250 else None


def _light(text: str, rng: random.Random) -> str:
    words = text.split()
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < 0.035:
            continue
        if roll < 0.07:
            out.extend((word, word))
        elif roll < 0.10 and out:
            out.insert(len(out) - 1, word)
        else:
            out.append(word)
    return " ".join(out)


def _heavy(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    sentences = _SENTENCE.split(text.replace("\n", " "))
    rng.shuffle(sentences)
    out: list[str] = []
    for word in " ".join(sentences).split():
        roll = rng.random()
        if roll < 0.10:
            continue
        if roll < 0.30:
            out.append(rng.choice(vocabulary))
        else:
            out.append(word)
        if rng.random() < 0.05:
            out.append(rng.choice(vocabulary))
    return " ".join(out)


def _insert(host: str, passage: str, rng: random.Random) -> tuple[str, tuple[int, int]]:
    breaks = [m.end() for m in re.finditer(r"\n+", host)] or [len(host)]
    at = rng.choice(breaks)
    before = host[:at] if host[:at].endswith("\n") else host[:at] + "\n\n"
    text = before + passage + "\n\n" + host[at:].lstrip("\n")
    return text, (len(before), len(before) + len(passage))


def build_cases(
    docs: list[_Doc], per_level: int = 40, negatives: int = 60, seed: int = 7
) -> list[ReuseCase]:
    """Positive cases per obfuscation level plus same-topic negative pairs."""
    rng = random.Random(seed)
    vocabulary = sorted(
        {w for d in docs[:200] for w in d.text.split() if w.isalpha() and len(w) > 3}
    )
    cases: list[ReuseCase] = []
    for level in LEVELS:
        while sum(c.level == level for c in cases) < per_level:
            source, host = rng.sample(docs, 2)
            span = _passage(source, rng)
            if span is None or source.publisher == host.publisher:
                continue
            passage = source.text[span[0] : span[1]]
            if level == "light":
                passage = _light(passage, rng)
            elif level == "heavy":
                passage = _heavy(passage, rng, vocabulary)
            text, target_span = _insert(host.text, passage, rng)
            cases.append(
                ReuseCase(
                    level,
                    source.id,
                    source.text,
                    host.id + f"+{level}{len(cases)}",
                    text,
                    span,
                    target_span,
                )
            )
    by_day: dict[str, list[_Doc]] = {}
    for doc in docs:
        by_day.setdefault(doc.date, []).append(doc)
    days = sorted(d for d, group in by_day.items() if len({x.publisher for x in group}) > 1)
    while sum(c.level == "negative" for c in cases) < negatives and days:
        group = by_day[rng.choice(days)]
        a, b = rng.sample(group, 2)
        if a.publisher != b.publisher:
            cases.append(ReuseCase("negative", a.id, a.text, b.id, b.text, None, None))
    return cases
