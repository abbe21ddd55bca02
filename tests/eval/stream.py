"""The mixed-stream dev test for story clustering: several annotated corpora interleaved
into one stream, each part scored at its own gold granularity.

Parts (all from ../shared/datasets):

* ``ecb``: ECB+, gold = sub-topic (one of the two similar events of a topic: two
  earthquakes, two rehab check-ins). No publication dates.
* ``multinews``: the Multi-News sample, gold = cluster (the sources of one summary).
  Undated; some sources are web-page debris (cookie notices, video players).
* ``meantime``: MEANTIME's 120 Wikinews articles (Airbus, Apple, GM, stock market),
  published 2005-2011 with their creation dates (two articles without an annotated one
  take the date their dateline writes). Wikinews writes one article per
  event, so the gold is event-level: two articles are one story when the annotators
  link them through a shared cross-document event instance and they were published
  within a week of each other (4 stories of 2-4 articles; the rest are single).
  The annotation is sparse, so this gold under-links: same-week reports of one market
  crash that share no annotated instance count as different stories.

Dev and held-out halves: ECB+ even topics, Multi-News even clusters, MEANTIME Airbus
and GM are dev (the pair model is calibrated on them); the rest is held out. Each half is
cut again into two folds by topic (ECB+ topics and Multi-News clusters by the parity of
half their number, MEANTIME by corpus) for choosing the model's settings by
cross-validation on dev alone.
"""

from __future__ import annotations

import hashlib
import random
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from newsweave.cluster.datelines import written_date
from newsweave.model import Article
from tests.eval.corpora import read_ecbplus, read_multinews
from tests.eval.timeml import iso_day, read_meantime

__all__ = ["PARTS", "StreamDoc", "articles_of", "read_stream", "score_part"]

PARTS = ("ecb", "multinews", "meantime")
#: MEANTIME articles are one story when they share an annotated event and are this close.
MEANTIME_WEEK = 7
DEV_MEANTIME = ("corpus_airbus", "corpus_gm")
#: MEANTIME's folds: a whole corpus each (its stories never cross corpora).
FIRST_FOLD_MEANTIME = ("corpus_gm", "corpus_stock")


@dataclass(frozen=True)
class StreamDoc:
    id: str
    text: str
    cluster: str
    part: str
    dev: bool
    published: str | None = None
    #: half of the dev (or held-out) documents, for two-fold cross-validation by topic
    fold: int = 0


def read_stream(root: Path, seed: int = 7) -> list[StreamDoc]:
    """Every part's documents, interleaved in one seeded order."""
    docs = [
        StreamDoc(
            f"{prefix}-{d.id}",
            d.text,
            f"{prefix}-{d.cluster}",
            part,
            d.group % 2 == 0,
            None,
            d.group // 2 % 2,
        )
        for prefix, part, reader in (
            ("ecb", "ecb", read_ecbplus),
            ("mn", "multinews", read_multinews),
        )
        for d in reader(root)
    ]
    docs += read_meantime_stories(root)
    random.Random(seed).shuffle(docs)
    return docs


def articles_of(docs: Sequence[StreamDoc]) -> list[Article]:
    """The documents as newsweave's articles (id and source the document's id)."""
    return [
        Article(
            id=d.id,
            source=d.id,
            text=d.text,
            published=d.published,
            content_hash=hashlib.sha256(d.text.encode("utf-8")).hexdigest(),
        )
        for d in docs
    ]


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(iso_day(value))
    except ValueError:
        return None


def _dateline(text: str) -> date | None:
    """A Wikinews article's publication date, from the line under its title ("April 27 ,
    2005"): two MEANTIME articles have no annotated creation time, but say when they were
    published there, as every article of the corpus does."""
    lines = text.split("\n")
    return written_date(lines[1].replace(" ,", ",")) if len(lines) > 1 else None


def read_meantime_stories(root: Path) -> list[StreamDoc]:
    """MEANTIME's articles with their creation dates and event-level gold stories."""
    folder = root / "meantime" / "intra_cross-doc_annotation"
    events: dict[str, set[str]] = defaultdict(set)
    dated: dict[str, date | None] = {}
    texts: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.glob("*/*.xml")):
        tree = ET.parse(path).getroot()
        name = tree.get("doc_name") or path.stem
        for event in tree.iter("EVENT"):
            if event.get("instance_id") and event.get("class") == "OTHER":
                events[event.get("instance_id") or ""].add(name)
        created = [
            t.get("value") or ""
            for t in tree.iter("TIMEX3")
            if t.get("functionInDocument") == "CREATION_TIME"
        ]
        text = read_meantime(path).text
        dated[name] = _parse_date(created[0]) if created else _dateline(text)
        texts[name] = (text, path.parent.name)
    parent = {name: name for name in texts}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for members in events.values():
        for a in members:
            for b in members:
                da, db = dated.get(a), dated.get(b)
                if a < b and da and db and abs((da - db).days) <= MEANTIME_WEEK:
                    parent[find(a)] = find(b)
    return [
        StreamDoc(
            f"mt-{name}",
            text,
            f"mt-{find(name)}",
            "meantime",
            corpus in DEV_MEANTIME,
            dated[name].isoformat() if dated[name] else None,
            int(corpus in FIRST_FOLD_MEANTIME),
        )
        for name, (text, corpus) in texts.items()
    ]


def score_part(
    predicted: Mapping[str, str], docs: Sequence[StreamDoc], part: str, dev: bool | None = None
) -> dict[str, float]:
    """B-cubed precision/recall/F1 and ARI of one part's documents.

    A predicted story is taken whole: documents of other parts merged into it count
    against precision, so mixing parts is an error, not a free merge.
    """
    chosen = [d for d in docs if d.part == part and (dev is None or d.dev == dev)]
    members: dict[str, set[str]] = defaultdict(set)
    for doc_id, label in predicted.items():
        members[label].add(doc_id)
    gold: dict[str, set[str]] = defaultdict(set)
    for d in chosen:
        gold[d.cluster].add(d.id)
    precision = recall = 0.0
    for d in chosen:
        mine, truth = members[predicted[d.id]], gold[d.cluster]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    precision, recall = precision / len(chosen), recall / len(chosen)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ari = adjusted_rand([d.cluster for d in chosen], [predicted[d.id] for d in chosen])
    return {"precision": precision, "recall": recall, "f1": f1, "ari": ari}


def adjusted_rand(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Adjusted Rand index (Hubert and Arabie 1985)."""
    _, g = np.unique(np.array(gold, dtype=object), return_inverse=True)
    _, p = np.unique(np.array(predicted, dtype=object), return_inverse=True)
    table = np.zeros((g.max() + 1, p.max() + 1), dtype=np.int64)
    np.add.at(table, (g, p), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) // 2).sum())

    n = len(gold)
    index, rows, cols = pairs(table), pairs(table.sum(1)), pairs(table.sum(0))
    expected = rows * cols / (n * (n - 1) / 2) if n > 1 else 0.0
    top = (rows + cols) / 2 - expected
    return (index - expected) / top if top else 1.0
