"""The dossier JSON contract (schema ``newsweave.dossier/1``, see DESIGN.md).

Field names may gain siblings; existing ones never change meaning without a
new schema version. The JSON Schema shipped beside this module
(``dossier.schema.json``) is the machine-checkable form of the contract.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsweave.model import (
    Article,
    Citation,
    Claim,
    Derivation,
    Dossier,
    Entity,
    Finding,
    Publication,
    Quote,
    QuoteGroup,
    ReusePassage,
    Span,
    StoryAnalysis,
    SummarySentence,
    TimelineEntry,
    Timex,
)

__all__ = [
    "SCHEMA_ID",
    "dossier_json",
    "dossier_to_dict",
    "item_record",
    "load_schema",
    "validate_dossier",
    "write_json",
]

SCHEMA_ID = "newsweave.dossier/1"


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """The dossier as plain JSON-ready data, following the contract."""
    publications = {p.article: p for s in dossier.stories for p in s.publications}
    return {
        "schema": SCHEMA_ID,
        "generator": f"newsweave {dossier.version}",
        "articles": [_article(a, publications.get(a.id)) for a in dossier.articles],
        "rejected": [{"source": r.source, "reason": r.reason} for r in dossier.rejected],
        "reuse": [_reuse(p) for p in dossier.reuse],
        "stories": [_story(s) for s in dossier.stories],
    }


def dossier_json(dossier: Dossier) -> str:
    """The dossier as JSON text (``newsweave.dossier/1``), ending in a newline."""
    return json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=1) + "\n"


def write_json(dossier: Dossier, path: str | Path) -> None:
    """Write the dossier as UTF-8 JSON to ``path``."""
    Path(path).write_text(dossier_json(dossier), encoding="utf-8")


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema of the dossier, shipped in the package."""
    text = resources.files("newsweave.report").joinpath("dossier.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def validate_dossier(data: Mapping[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, load_schema())


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def _citations(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [{"article": c.article, "span": _span(c.span)} for c in citations]


def _article(article: Article, publication: Publication | None) -> dict[str, Any]:
    published, basis = article.published, article.basis.get("published")
    if published is not None and basis is None:
        basis = "given in input"
    window = None
    if publication is not None and published is None:
        published, basis = publication.value, publication.basis
    if publication is not None and (publication.earliest or publication.latest):
        window = [publication.earliest, publication.latest]
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": published,
        "published_basis": basis,
        "published_window": window,
        "language": article.language,
        "basis": dict(article.basis),
        "text": article.text,
    }


def _reuse(p: ReusePassage) -> dict[str, Any]:
    return {
        "source": p.source,
        "target": p.target,
        "source_span": _span(p.source_span),
        "target_span": _span(p.target_span),
        "kind": p.kind,
        "similarity": round(p.similarity, 4),
        "directed": p.directed,
    }


def _story(s: StoryAnalysis) -> dict[str, Any]:
    return {
        "id": s.story.id,
        "headline": s.story.headline,
        "article_ids": list(s.story.article_ids),
        "independent_sources": s.independent_sources,
        "groups": [list(g) for g in s.lineage.groups],
        "reuse": [_reuse(p) for p in s.reuse],
        "derivations": [_derivation(d) for d in s.lineage.derivations],
        "entities": [_entity(e) for e in s.entities],
        "quotes": [_quote(q) for q in s.quotes],
        "quote_groups": [_quote_group(g) for g in s.quote_groups],
        "timexes": [_timex(t) for t in s.timexes],
        "claims": [_claim(c) for c in s.claims],
        "findings": [_finding(f) for f in s.findings],
        "timeline": [_timeline_entry(t) for t in s.timeline],
        "summary": [_summary(x) for x in s.summary],
    }


def item_record(item: object) -> dict[str, Any]:
    """One item of a story (a reused passage, derivation, entity, quote, finding, timeline
    entry or summary sentence) as the dossier writes it.

    Raises:
        TypeError: for anything else.
    """
    for kind, record in _RECORDS:
        if isinstance(item, kind):
            return record(item)
    raise TypeError(f"not an item of a story: {type(item).__name__}")


def _derivation(d: Derivation) -> dict[str, Any]:
    return {
        "article": d.article,
        "derived_from": d.derived_from,
        "share": round(d.share, 4),
        "basis": d.basis,
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "role": e.role,
        "aliases": list(e.aliases),
        "mentions": [
            {"article": m.article, "span": _span(m.span), "text": m.text} for m in e.mentions
        ],
    }


def _quote(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "article": q.article,
        "span": _span(q.span),
        "text": q.text,
        "speaker": q.speaker,
        "speaker_text": q.speaker_text,
        "speaker_name": q.speaker_name,
        "speaker_span": _span(q.speaker_span) if q.speaker_span else None,
        "cue": q.cue,
        "cue_span": _span(q.cue_span) if q.cue_span else None,
        "group": q.group,
    }


def _quote_group(g: QuoteGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "speaker": g.speaker,
        "speaker_name": g.speaker_name,
        "text": g.text,
        "quotes": list(g.quotes),
        "articles": list(g.articles),
        "outlets": list(g.outlets),
        "independent_sources": g.independent_sources,
    }


def _timex(t: Timex) -> dict[str, Any]:
    return {
        "article": t.article,
        "span": _span(t.span),
        "text": t.text,
        "type": t.type,
        "value": t.value,
    }


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "article": c.article,
        "span": _span(c.span),
        "slot": c.slot,
        "subject": c.subject,
        "value": c.value,
        "unit": c.unit,
        "scope": c.scope,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "slot": f.slot,
        "subject": f.subject,
        "values": [
            {
                "value": v.value,
                "articles": list(v.articles),
                "citations": _citations(v.citations),
                "independent_support": v.independent_support,
            }
            for v in f.values
        ],
        "independent_support": f.independent_support,
    }


def _timeline_entry(t: TimelineEntry) -> dict[str, Any]:
    return {
        "date": t.date,
        "event": t.event,
        "citations": _citations(t.citations),
        "basis": t.basis,
    }


def _summary(x: SummarySentence) -> dict[str, Any]:
    return {"text": x.text, "citations": _citations(x.citations), "flags": list(x.flags)}


_RECORDS: tuple[tuple[type, Callable[[Any], dict[str, Any]]], ...] = (
    (ReusePassage, _reuse),
    (Derivation, _derivation),
    (Entity, _entity),
    (Quote, _quote),
    (Finding, _finding),
    (TimelineEntry, _timeline_entry),
    (SummarySentence, _summary),
)
