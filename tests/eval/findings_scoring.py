"""Event identity of findings: are two dated claims put in one finding about one event?

Gold: MEANTIME's cross-document event instances (each event mention of the annotated
sentences points to an instance; two mentions of one instance are one event). A date claim
is judged when its event word (the word in its cited sentence that names the claim's event,
as the timeline finds it again) is a gold event mention. Over pairs of judged claims from
two different articles that date the same kind of event (one slot and subject):

- *together*: of the pairs that are one gold event, the share the findings put in one
  finding (they can only agree or conflict if they are together);
- *apart*: of the pairs that are two gold events, the share the findings keep apart (two
  events of one kind in one finding make a false agreement or, with two dates, a false
  conflict);
- and the counts behind both, and how many of the pairs in conflicting findings (with
  values that exclude each other) are one event.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from itertools import combinations
from pathlib import Path

from spacy.tokens import Doc

from newsweave.extract.claims import event_name
from newsweave.model import Claim, Finding
from newsweave.reconcile.findings import compatible
from tests.eval.meantime_entities import _token_offsets
from tests.eval.timeml import read_meantime

__all__ = ["EventCounts", "claim_events", "count_pairs", "read_meantime_events"]


def read_meantime_events(path: Path) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The document's text and its event mentions (start, end, cross-document instance)."""
    text = read_meantime(path).text
    tree = ET.parse(path)
    offsets = _token_offsets(tree, text)
    mentions = {m.get("m_id"): m for m in tree.iter("EVENT_MENTION")}
    instances = {e.get("m_id"): e.get("instance_id") for e in tree.iter("EVENT")}
    found = []
    for link in tree.iter("REFERS_TO"):
        target = next((t.get("m_id") for t in link.iter("target")), None)
        instance = instances.get(target)
        if not instance:
            continue
        for source in link.iter("source"):
            mention = mentions.get(source.get("m_id"))
            anchors = [
                a.get("t_id") for a in (mention.iter("token_anchor") if mention is not None else ())
            ]
            if anchors and all(a in offsets for a in anchors):
                found.append((offsets[anchors[0]][0], offsets[anchors[-1]][1], instance))
    return text, tuple(sorted(set(found)))


def claim_events(
    claims: Sequence[Claim],
    docs: Mapping[str, Doc],
    gold: Mapping[str, Sequence[tuple[int, int, str]]],
) -> dict[str, str]:
    """Each judged claim's gold event instance, by claim id."""
    found = {}
    for claim in claims:
        span = docs[claim.article].char_span(claim.span.start, claim.span.end, "expand") or []
        for token in span:
            if event_name(token) != claim.subject:
                continue
            end = token.idx + len(token.text)
            hits = [i for s, e, i in gold.get(claim.article, ()) if s < end and token.idx < e]
            if hits:
                found[claim.id] = hits[0]
                break
    return found


@dataclass
class EventCounts:
    """Judged cross-article pairs of date claims of one slot and subject."""

    one_event: int = 0
    one_event_together: int = 0
    two_events: int = 0
    two_events_apart: int = 0
    conflicting: int = 0  # pairs in one finding whose values exclude each other
    conflicting_one_event: int = 0
    judged_claims: int = 0
    claims: int = 0

    def add(self, other: EventCounts) -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        return {
            "together": self.one_event_together / self.one_event if self.one_event else 0.0,
            "apart": self.two_events_apart / self.two_events if self.two_events else 0.0,
        }


def count_pairs(
    claims: Sequence[Claim], findings: Sequence[Finding], events: Mapping[str, str]
) -> EventCounts:
    """:class:`EventCounts` of the date claims under the findings made of them."""
    dated = [c for c in claims if c.slot == "date"]
    finding_of = _finding_of(dated, findings)
    counts = EventCounts(judged_claims=sum(c.id in events for c in dated), claims=len(dated))
    for a, b in combinations(dated, 2):
        if a.article == b.article or a.subject != b.subject:
            continue
        if a.id not in events or b.id not in events:
            continue
        together = a.id in finding_of and finding_of[a.id] == finding_of.get(b.id)
        one = events[a.id] == events[b.id]
        if one:
            counts.one_event += 1
            counts.one_event_together += together
        else:
            counts.two_events += 1
            counts.two_events_apart += not together
        if together and not compatible(a.value, b.value):
            counts.conflicting += 1
            counts.conflicting_one_event += one
    return counts


def _finding_of(claims: Sequence[Claim], findings: Sequence[Finding]) -> dict[str, int]:
    """Which finding (its place) each claim is in, by the finding's cited (article, span)
    for the claim's value."""
    place = {}
    for k, finding in enumerate(findings):
        if finding.slot != "date":
            continue
        for value in finding.values:
            for citation in value.citations:
                place[(finding.subject, value.value, citation.article, citation.span)] = k
    return {
        c.id: place[key]
        for c in claims
        if (key := (c.subject, c.value, c.article, c.span)) in place
    }
