"""The story's timeline as an SVG picture and a list; agreements and conflicts as a table."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from newsweave.model import Article, Citation, Publication, StoryAnalysis, TimelineEntry
from newsweave.report.passages import article_label, citation_link, snippet

__all__ = ["render_findings", "render_timeline"]

_WIDTH = 760


def render_timeline(analysis: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    """Event dates on an axis (dots) with publication dates (squares), then the cited list."""
    if not analysis.timeline:
        return '<p class="empty">No dated events found.</p>'
    published = [
        _published(p, articles[p.article])
        for p in analysis.publications
        if (p.value or p.earliest) and p.article in articles
    ]
    return _svg(analysis.timeline, published) + _entries(analysis.timeline, articles)


def _published(publication: Publication, article: Article) -> tuple[str, Article, str | None]:
    """(day drawn, article, the inferred window or None): an undated article is drawn at the
    first day of its inferred publication window (the day its relative dates are read from)."""
    if publication.value:
        return publication.value, article, None
    earliest = publication.earliest or ""
    window = f"{earliest} – {publication.latest}" if publication.latest else f"from {earliest}"
    return earliest, article, window


#: Width of one date column of the timeline picture, in pixels.
COLUMN = 120
#: Height of one event label line, in pixels.
LINE = 14


def _svg(
    entries: tuple[TimelineEntry, ...], published: list[tuple[str, Article, str | None]]
) -> str:
    """Dates as evenly spaced columns (an ordinal axis: days far apart stay readable), each
    day's events stacked above the axis, publication days marked below it (filled when the
    date is given, hollow at the first day of the window when it is inferred)."""
    by_day: dict[str, list[str]] = {}
    for entry in entries:
        by_day.setdefault(entry.date[:10], []).append(entry.event)
    for value, _, _ in published:
        by_day.setdefault(value[:10], [])
    days = sorted(by_day)
    if not days:
        return ""
    tallest = max(len(events) for events in by_day.values()) or 1
    axis = 20 + LINE * tallest + 14
    width = max(_WIDTH, COLUMN * len(days))
    marks = []
    for n, day in enumerate(days):
        x = (n + 0.5) * width / len(days)
        for k, event in enumerate(sorted(set(by_day[day]))):
            marks.append(
                f'<text x="{x:.0f}" y="{axis - 12 - LINE * k}" font-size="11" text-anchor="middle">{escape(event[:20])}</text>'
            )
        if by_day[day]:
            marks.append(f'<circle cx="{x:.0f}" cy="{axis}" r="6" fill="#0b5cad"/>')
        given = [escape(article_label(a)) for v, a, w in published if v[:10] == day and not w]
        inferred = [
            escape(f"{article_label(a)} (inferred: {w})")
            for v, a, w in published
            if v[:10] == day and w
        ]
        if given:
            marks.append(
                f'<rect x="{x - 5:.0f}" y="{axis + 12}" width="10" height="10" fill="#b3541e">'
                f"<title>published: {', '.join(given)}</title></rect>"
            )
        if inferred:
            marks.append(
                f'<rect x="{x - 5 + (14 if given else 0):.0f}" y="{axis + 12}" width="10" '
                f'height="10" fill="#fff" stroke="#b3541e" stroke-width="2">'
                f"<title>published between: {', '.join(inferred)}</title></rect>"
            )
        marks.append(
            f'<text x="{x:.0f}" y="{axis + 40}" font-size="11" text-anchor="middle" fill="#5b6670">{escape(day)}</text>'
        )
    return (
        f'<svg viewBox="0 0 {width} {axis + 64}" role="img" aria-label="timeline">'
        f'<line x1="10" y1="{axis}" x2="{width - 10}" y2="{axis}" stroke="#333"/>{"".join(marks)}'
        f'<text x="10" y="{axis + 60}" font-size="10" fill="#5b6670">● event · ■ publication · □ first day of an inferred publication window (days evenly spaced)</text></svg>'
    )


def _entries(entries: tuple[TimelineEntry, ...], articles: Mapping[str, Article]) -> str:
    items = "".join(
        f"<li><b>{escape(e.date)}</b> {escape(e.event)} "
        f'<span class="cites">{" ".join(citation_link(c, articles) for c in e.citations)}</span>'
        f"{f' <small>{escape(e.basis)}</small>' if e.basis else ''}</li>"
        for e in sorted(entries, key=lambda e: e.date)
    )
    return f"<ul>{items}</ul>"


def render_findings(analysis: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    """Conflicts first, then agreements: each value with its outlets, support and cited words."""
    if not analysis.findings:
        return '<p class="empty">No comparable claims found.</p>'
    findings = sorted(analysis.findings, key=lambda f: (f.kind != "conflict", f.slot, f.subject))
    rows = []
    for finding in findings:
        values = "".join(
            f"<li><b>{escape(v.value)}</b> — {' '.join(_cited(c, articles) for c in v.citations)}"
            f" <small>{v.independent_support} independent</small></li>"
            for v in finding.values
        )
        rows.append(
            f'<tr class="{escape(finding.kind)}"><td>{escape(finding.kind)}</td><td>{escape(finding.slot)}</td>'
            f"<td>{escape(finding.subject)}</td><td><ul>{values}</ul></td>"
            f"<td>{finding.independent_support}</td></tr>"
        )
    return (
        "<table><thead><tr><th>Finding</th><th>Slot</th><th>Subject</th><th>Values and sources</th>"
        f"<th>Independent support</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _cited(citation: Citation, articles: Mapping[str, Article]) -> str:
    article = articles.get(citation.article)
    words = f" <q>{escape(snippet(article.text, citation.span))}</q>" if article else ""
    return citation_link(citation, articles) + words
