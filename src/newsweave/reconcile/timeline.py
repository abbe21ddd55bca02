"""The story's events on their dates, merged across articles and cited.

Events come from date claims (an event verb or noun with a resolved date). The same
event on the same day reported by several articles is one entry with all its
citations. Event time is kept apart from publication time: publication dates are
not events (the report draws them separately). When one event is given different days
by different articles, each day is an entry and its basis says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newsweave.model import Article, Citation, Claim, Publication, TimelineEntry, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["build_timeline"]


def build_timeline(
    articles: Sequence[Article],
    docs: Mapping[str, Doc],
    timexes: Sequence[Timex],
    publications: Sequence[Publication],
    claims: Sequence[Claim],
) -> tuple[TimelineEntry, ...]:
    """Dated events merged across articles, each cited to its spans, in date order."""
    outlets = {a.id: a.outlet or a.source.replace("\\", "/").rsplit("/", 1)[-1] for a in articles}
    dated: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        if claim.slot == "date":
            dated.setdefault((claim.value, claim.subject), []).append(claim)
    days_of: dict[str, set[str]] = {}
    for value, subject in dated:
        days_of.setdefault(subject, set()).add(value)
    entries = []
    for (value, subject), group in dated.items():
        if len(value) < 10 and any(len(d) == 10 and d.startswith(value) for d in days_of[subject]):
            continue  # "October's election" adds nothing to "October 20"
        entries.append(_entry(value, subject, group, days_of[subject], outlets))
    return tuple(sorted(entries, key=lambda e: (e.date, e.event)))


def _entry(
    value: str, subject: str, group: list[Claim], days: set[str], outlets: Mapping[str, str]
) -> TimelineEntry:
    citations = tuple(dict.fromkeys(Citation(c.article, c.span) for c in group))
    reporters = sorted({outlets.get(c.article, c.article) for c in group})
    basis = f"reported by {', '.join(reporters)}"
    others = sorted(d for d in days if d != value and len(d) == len(value))
    if others:
        basis += f"; other articles date it {', '.join(others)}"
    return TimelineEntry(date=value, event=subject, citations=citations, basis=basis)
