"""Quality gate: findings put claims about one event together, and keep two events apart.

Each MEANTIME corpus (Airbus, Apple, GM, stocks: ~30 Wikinews articles each, with their
creation times) is analysed as one story; its date claims and findings are judged against
MEANTIME's cross-document event instances (tests/eval/findings_scoring.py). Two airline
deliveries, two quarterly results or two bankruptcy filings a year apart are two events of
one kind: a finding that holds both makes a false agreement or a false date conflict.
"""

from __future__ import annotations

import pytest

from newsweave.extract.claims import find_claims
from newsweave.extract.entities import find_entities
from newsweave.extract.timexes import find_timexes
from newsweave.model import Article, Lineage
from newsweave.nlp import parse_many
from newsweave.reconcile.findings import reconcile_claims
from tests.eval.findings_scoring import (
    EventCounts,
    claim_events,
    count_pairs,
    read_meantime_events,
)
from tests.eval.gate import check_floors, require
from tests.eval.timeml import read_meantime


def corpus_counts(paths) -> EventCounts:
    docs = [read_meantime(p) for p in paths]
    gold = {d.id: read_meantime_events(p)[1] for d, p in zip(docs, paths, strict=True)}
    articles = [Article(id=d.id, source=d.id, text=d.text, published=d.dct) for d in docs]
    parsed = dict(zip((a.id for a in articles), parse_many(a.text for a in articles), strict=True))
    entities = find_entities(articles, parsed)
    timexes = tuple(t for a in articles for t in find_timexes(a.text, a.id, a.published))
    claims = find_claims(articles, parsed, entities, timexes)
    lineage = Lineage((), tuple((a.id,) for a in articles))  # every article its own source
    findings = reconcile_claims(claims, lineage)
    return count_pairs(claims, findings, claim_events(claims, parsed, gold))


pytestmark = pytest.mark.eval


def test_findings_event_identity(datasets):
    root = require(datasets / "meantime" / "intra_cross-doc_annotation")
    total = EventCounts()
    for corpus in sorted(p for p in root.iterdir() if p.is_dir()):
        total.add(corpus_counts(sorted(corpus.glob("*.xml"))))
    print(
        f"\n[findings] judged {total.judged_claims} of {total.claims} date claims; pairs of one "
        f"event {total.one_event_together}/{total.one_event} together, of two events "
        f"{total.two_events_apart}/{total.two_events} apart; pairs in conflicting findings "
        f"{total.conflicting} ({total.conflicting_one_event} of one event)"
    )
    check_floors("findings", total.scores())
