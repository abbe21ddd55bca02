"""Quality gate: anchoring events to dates, on SemEval-2015 Task 4 TimeLine (all three corpora).

A documented simplification of the task's scorer. Gold: every event mention of the gold
timelines with a concrete date (document, sentence, word, date). newsweave analyses each
corpus (30 Wikinews articles, each with its creation time as publication date) and dates
events through its claims. A gold mention is *dated* when newsweave gave a date to that
event word (or one word of a multi-word event) in that sentence; it is *right* when the date agrees at the gold's granularity.
precision = right / dated, recall = right / gold mentions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.extract.claims import event_name, find_claims
from newsweave.extract.timexes import find_timexes
from newsweave.model import Article
from newsweave.nlp import parse_many
from tests.eval.gate import check_floors, require
from tests.eval.timeml import read_meantime

pytestmark = pytest.mark.eval


def _gold(corpus: Path) -> set[tuple[str, int, str, str]]:
    gold = set()
    for path in (corpus / "TimeLines_Gold_Standard").glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) < 3 or "X" in parts[1]:
                continue
            for mention in parts[2:]:
                doc, sentence, word = mention.split("-", 2)
                gold.add((doc, int(sentence), word.lower(), parts[1]))
    return gold


def _dated(corpus: Path) -> dict[tuple[str, int, str], str]:
    docs = [read_meantime(p) for p in sorted((corpus / "corpus_trackA_CAT").glob("*.xml"))]
    articles = [
        Article(
            id=re.split(r"[_-]", d.id, maxsplit=1)[0], source=d.id, text=d.text, published=d.dct
        )
        for d in docs
    ]
    parsed = dict(zip((a.id for a in articles), parse_many(a.text for a in articles), strict=True))
    dated = {}
    for article in articles:
        doc = parsed[article.id]
        timexes = find_timexes(article.text, article.id, article.published)
        for claim in find_claims([article], {article.id: doc}, [], timexes):
            if claim.slot != "date":
                continue
            sentence = article.text.count("\n", 0, claim.span.start)
            for token in (
                doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand") or []
            ):
                if event_name(token) == claim.subject:
                    dated[(article.id, sentence, token.lower_)] = claim.value
    return dated


def test_timeline_anchoring(datasets):
    root = require(datasets / "semeval2015_task4_timeline" / "SemEval_Task4_data")
    gold_total = dated_total = right = 0
    for corpus in sorted(p for p in root.iterdir() if p.is_dir()):
        gold, dated = _gold(corpus), _dated(corpus)
        gold_total += len(gold)
        for doc, sentence, word, date in gold:
            # a multi-word gold event ("test_flight", "take_off") is dated through any of its words
            value = next(
                (v for part in word.split("_") if (v := dated.get((doc, sentence, part)))), None
            )
            if value is None:
                continue
            dated_total += 1
            right += value[: len(date)] == date
    precision = right / dated_total if dated_total else 0.0
    recall = right / gold_total
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    check_floors(
        "timeline",
        {"anchoring_precision": precision, "anchoring_recall": recall, "anchoring_f1": f1},
    )
