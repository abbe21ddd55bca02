"""Who said what (statements grouped per speaker, with carriers and variants) and the entity table."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from newsweave.model import Article, Citation, Quote, StoryAnalysis
from newsweave.report.passages import article_label, citation_link

__all__ = ["render_entities", "render_quotes"]

UNRESOLVED = "Speaker not resolved"


def render_quotes(analysis: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    """Per speaker, each statement once, with the outlets carrying it and their wordings."""
    if not analysis.quotes:
        return '<p class="empty">No direct quotes found.</p>'
    by_group: dict[str, list[Quote]] = {}
    for quote in analysis.quotes:
        by_group.setdefault(quote.group or quote.id, []).append(quote)
    groups = {g.id: g for g in analysis.quote_groups}
    by_speaker: dict[str, list[str]] = {}
    for key, quotes in by_group.items():
        speaker = next(
            (q.speaker_name or q.speaker_text for q in quotes if q.speaker_name or q.speaker_text),
            None,
        )
        by_speaker.setdefault(speaker or UNRESOLVED, []).append(key)
    blocks = []
    for speaker in sorted(by_speaker, key=lambda s: (s == UNRESOLVED, -len(by_speaker[s]), s)):
        items = "".join(
            _statement(by_group[k], groups.get(k), articles) for k in by_speaker[speaker]
        )
        blocks.append(f'<h4>{escape(speaker)}</h4><ul class="statements">{items}</ul>')
    return "".join(blocks)


def _statement(quotes: list[Quote], group: object, articles: Mapping[str, Article]) -> str:
    wordings: dict[str, list[Quote]] = {}
    for quote in quotes:
        wordings.setdefault(" ".join(quote.text.split()), []).append(quote)
    main = max(wordings, key=len)
    support = getattr(group, "independent_sources", None)
    count = f" <small>{support} independent source(s)</small>" if support is not None else ""
    variants = "".join(
        f"<li>“{escape(text)}” {' '.join(_cite(q, articles) for q in qs)}</li>"
        for text, qs in wordings.items()
    )
    return f'<li>“{escape(main)}”{count}<ul class="variants">{variants}</ul></li>'


def _cite(quote: Quote, articles: Mapping[str, Article]) -> str:
    said = f" ({quote.cue})" if quote.cue else ""
    return citation_link(Citation(quote.article, quote.span), articles) + escape(said)


def render_entities(analysis: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    """A table of the story's entities: name, type, role, aliases, mentions and where."""
    if not analysis.entities:
        return ""
    rows = []
    for entity in sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.name)):
        outlets = sorted(
            {article_label(articles[m.article]) for m in entity.mentions if m.article in articles}
        )
        rows.append(
            f"<tr><td>{escape(entity.name)}</td><td>{escape(entity.type)}</td>"
            f"<td>{escape(entity.role or '')}</td><td>{escape(', '.join(entity.aliases))}</td>"
            f"<td>{len(entity.mentions)}</td><td>{escape(', '.join(outlets))}</td></tr>"
        )
    return (
        "<table><thead><tr><th>Name</th><th>Type</th><th>Role</th><th>Also written</th>"
        f"<th>Mentions</th><th>In</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
