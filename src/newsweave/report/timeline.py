"""The story's timeline as an SVG picture and a list; agreements and conflicts as a table."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape

from newsweave.model import Article, Citation, StoryAnalysis, TimelineEntry
from newsweave.report.passages import citation_link, snippet

__all__ = ["render_findings", "render_timeline"]

_WIDTH = 760


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def render_timeline(analysis: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    """Event dates on an axis (dots) with publication dates (squares), then the cited list."""
    if not analysis.timeline:
        return '<p class="empty">No dated events found.</p>'
    published = [
        (p.value, articles[p.article])
        for p in analysis.publications
        if p.value and p.article in articles
    ]
    return _svg(analysis.timeline, published) + _entries(analysis.timeline, articles)


def _svg(entries: tuple[TimelineEntry, ...], published: list[tuple[str, Article]]) -> str:
    days = sorted(
        {d for d in (_day(e.date) for e in entries) if d}
        | {d for d in (_day(v) for v, _ in published) if d}
    )
    if not days:
        return ""
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return 40 + (_WIDTH - 80) * (day - first).days / span

    marks: list[str] = []
    lanes: dict[date, int] = {}
    for entry in entries:
        day = _day(entry.date)
        if day is None:
            continue
        lane = lanes[day] = lanes.get(day, -1) + 1
        y = 70 - 16 * (lane % 4)
        marks.append(
            f'<circle cx="{x(day):.0f}" cy="100" r="6" fill="#0b5cad"/><text x="{x(day):.0f}" y="{y}" '
            f'font-size="11" text-anchor="middle">{escape(entry.event[:28])}</text>'
        )
    for value, article in published:
        day = _day(value)
        if day:
            marks.append(
                f'<rect x="{x(day) - 5:.0f}" y="115" width="10" height="10" fill="#b3541e"><title>published: '
                f"{escape(article.outlet or article.id)}</title></rect>"
            )
    ticks = "".join(
        f'<text x="{x(d):.0f}" y="150" font-size="10" text-anchor="middle" fill="#5b6670">{d.isoformat()}</text>'
        for d in days
    )
    return (
        f'<svg viewBox="0 0 {_WIDTH} 170" role="img" aria-label="timeline">'
        f'<line x1="30" y1="100" x2="{_WIDTH - 30}" y2="100" stroke="#333"/>{"".join(marks)}{ticks}'
        '<text x="30" y="166" font-size="10" fill="#5b6670">● event · ■ publication</text></svg>'
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
