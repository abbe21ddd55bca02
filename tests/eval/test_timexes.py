"""Quality gate: temporal expressions on TempEval-3 (TimeBank, AQUAINT) and MEANTIME.

MEANTIME annotates only the title and first five sentences of each article, so its documents
are cut there (:func:`tests.eval.timeml.read_meantime`); even so it leaves some date
expressions unannotated ("since 1993", "today"), which its precision counts as errors.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsweave.extract.timexes import find_timexes
from tests.eval.gate import check_floors, require
from tests.eval.timeml import MEANTIME_ANNOTATED_SENTENCES, read_meantime, read_timeml
from tests.eval.timex_scoring import score_timexes

pytestmark = pytest.mark.eval


@dataclass(frozen=True)
class SystemTimex:
    start: int
    end: int
    type: str
    value: str


def system_timexes(doc):
    return [
        SystemTimex(t.span.start, t.span.end, t.type, t.value)
        for t in find_timexes(doc.text, doc.id, doc.dct)
    ]


def corpus_scores(docs) -> dict[str, float]:
    return score_timexes((system_timexes(d), d.timexes) for d in docs)


def test_timex_quality(datasets):
    tbaq = require(datasets / "tempeval3" / "TBAQ-cleaned")
    meantime = require(datasets / "meantime" / "intra_cross-doc_annotation")
    scores = {}
    for name, folder in (("timebank", "TimeBank"), ("aquaint", "AQUAINT")):
        docs = [read_timeml(p) for p in sorted((tbaq / folder).glob("*.tml"))]
        scores |= {f"{name}_{k}": v for k, v in corpus_scores(docs).items()}
    docs = [read_meantime(p, MEANTIME_ANNOTATED_SENTENCES) for p in sorted(meantime.rglob("*.xml"))]
    scores |= {f"meantime_{k}": v for k, v in corpus_scores(docs).items()}
    check_floors("timexes", scores)
