"""The story's timeline as an SVG picture and a list; agreements and conflicts as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from newsweave.model import Article, Citation, Publication, StoryAnalysis, TimelineEntry
from newsweave.report.labels import article_labels
from newsweave.report.lineage import wrap_label
from newsweave.report.passages import citation_link, snippet

__all__ = ["render_findings", "render_timeline", "timeline_svg"]

#: Most article names a publication mark's tooltip lists; the rest are counted.
MAX_NAMES = 10

_WIDTH = 760


def render_timeline(
    analysis: StoryAnalysis,
    articles: Mapping[str, Article],
    labels: Mapping[str, str] | None = None,
) -> str:
    """Event dates on an axis (dots) with publication dates (squares), then the cited list.

    ``labels`` names the articles (:func:`newsweave.report.labels.article_labels` of the
    story's articles when not given).
    """
    if not analysis.timeline:
        return '<p class="empty">No dated events found.</p>'
    names = dict(labels) if labels is not None else article_labels(articles.values())
    return timeline_svg(analysis, articles, names) + _entries(analysis.timeline, articles, names)


def timeline_svg(
    analysis: StoryAnalysis,
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    entries: Sequence[TimelineEntry] | None = None,
) -> str:
    """The picture alone, of ``entries`` (all of the timeline when None) and of the
    publication days among theirs (every one when all are drawn); empty without entries."""
    drawn = tuple(analysis.timeline if entries is None else entries)
    if not drawn:
        return ""
    published = [
        _published(p, labels.get(p.article, p.article))
        for p in analysis.publications
        if (p.value or p.earliest) and p.article in articles
    ]
    if entries is not None:
        first, last = min(e.date[:10] for e in drawn), max(e.date[:10] for e in drawn)
        # An event dated by its month (``2021-04``) holds the days of that month.
        published = [p for p in published if first <= p[0][:10] and p[0][: len(last)] <= last]
    return _svg(drawn, published)


def _published(publication: Publication, name: str) -> tuple[str, str, str | None]:
    """(day drawn, article name, the inferred window or None): an undated article is drawn at
    the first day of its inferred publication window (the day its relative dates are read
    from)."""
    if publication.value:
        return publication.value, name, None
    earliest = publication.earliest or ""
    window = f"{earliest} – {publication.latest}" if publication.latest else f"from {earliest}"
    return earliest, name, window


#: Width of one date column of the timeline picture, in pixels.
COLUMN = 120
#: Height of one event label line, in pixels.
LINE = 14
#: Characters of an event label on one line of its column (11px text averages about 6px a
#: character), and the lines it may take; the whole event is in its tooltip and the list.
EVENT_CHARS, EVENT_LINES = 19, 2


def _svg(entries: tuple[TimelineEntry, ...], published: list[tuple[str, str, str | None]]) -> str:
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
    stacks = {day: _stack(by_day[day]) for day in days}
    tallest = max((_height(lines) for lines in stacks.values()), default=0) or LINE
    axis = 20 + tallest + 14
    width = max(_WIDTH, COLUMN * len(days))
    marks = []
    for n, day in enumerate(days):
        x = (n + 0.5) * width / len(days)
        for rise, (line, event) in _rises(stacks[day]):
            marks.append(
                f'<text x="{x:.0f}" y="{axis - 12 - rise}" font-size="11" '
                f'text-anchor="middle"><title>{escape(event)}</title>{escape(line)}</text>'
            )
        if by_day[day]:
            marks.append(f'<circle cx="{x:.0f}" cy="{axis}" r="6" fill="#0b5cad"/>')
        given = [escape(a) for v, a, w in published if v[:10] == day and not w]
        inferred = [escape(f"{a} (inferred: {w})") for v, a, w in published if v[:10] == day and w]
        if given:
            marks.append(
                f'<rect x="{x - 5:.0f}" y="{axis + 12}" width="10" height="10" fill="#b3541e">'
                f"<title>published: {_names(given)}</title></rect>"
            )
        if inferred:
            marks.append(
                f'<rect x="{x - 5 + (14 if given else 0):.0f}" y="{axis + 12}" width="10" '
                f'height="10" fill="#fff" stroke="#b3541e" stroke-width="2">'
                f"<title>published between: {_names(inferred)}</title></rect>"
            )
        marks.append(
            f'<text x="{x:.0f}" y="{axis + 40}" font-size="11" text-anchor="middle" fill="#5b6670">{escape(day)}</text>'
        )
        gap = _days_between(days[n - 1], day) if n else None
        if gap is not None and gap > 1:  # the ordinal axis says how much time a step skips
            between = x - width / len(days) / 2
            marks.append(
                f'<text x="{between:.0f}" y="{axis + 4}" font-size="12" text-anchor="middle" '
                f'fill="#5b6670" stroke="#fff" stroke-width="3" paint-order="stroke">≈</text>'
                f'<text x="{between:.0f}" y="{axis - 4}" font-size="9" text-anchor="middle" '
                f'fill="#5b6670">{gap} days</text>'
            )
    return (
        f'<svg viewBox="0 0 {width} {axis + 64}" role="img" aria-label="timeline">'
        f'<line x1="10" y1="{axis}" x2="{width - 10}" y2="{axis}" stroke="#333"/>{"".join(marks)}'
        f'<text x="10" y="{axis + 60}" font-size="10" fill="#5b6670">● event · ■ publication · □ first day of an inferred publication window (days evenly spaced; ≈ marks the days between)</text></svg>'
    )


def _days_between(earlier: str, later: str) -> int | None:
    """Days from one full date to the next; None when either is coarser (a month, a year)."""
    try:
        return (date.fromisoformat(later) - date.fromisoformat(earlier)).days
    except ValueError:
        return None


def _names(names: list[str]) -> str:
    listed = ", ".join(names[:MAX_NAMES])
    return listed + (f" and {len(names) - MAX_NAMES:,} more" if len(names) > MAX_NAMES else "")


#: Space between two events of one day, in pixels (their wrapped lines must not run together).
EVENT_GAP = 6


def _stack(events: list[str]) -> list[tuple[str, str]]:
    """A day's events as (line, event) pairs from top to bottom, each wrapped in its column."""
    return [(line, event) for event in sorted(set(events)) for line in _wrapped(event)]


def _rises(stack: list[tuple[str, str]]) -> list[tuple[int, tuple[str, str]]]:
    """Each line's height above the axis, bottom line first; a gap between two events."""
    rises, rise = [], 0
    for k, item in enumerate(reversed(stack)):
        if k and item[1] != stack[len(stack) - k][1]:
            rise += EVENT_GAP
        rises.append((rise, item))
        rise += LINE
    return rises


def _height(stack: list[tuple[str, str]]) -> int:
    return max((rise for rise, _ in _rises(stack)), default=-LINE) + LINE


def _wrapped(event: str) -> tuple[str, ...]:
    return wrap_label(event, EVENT_CHARS, EVENT_LINES)


def _entries(
    entries: tuple[TimelineEntry, ...], articles: Mapping[str, Article], names: Mapping[str, str]
) -> str:
    items = "".join(
        f"<li><b>{escape(e.date)}</b> {escape(e.event)} "
        f'<span class="cites">{" ".join(_link(c, articles, names) for c in e.citations)}</span>'
        f"{f' <small>{escape(e.basis)}</small>' if e.basis else ''}</li>"
        for e in sorted(entries, key=lambda e: e.date)
    )
    return f"<ul>{items}</ul>"


def _link(citation: Citation, articles: Mapping[str, Article], names: Mapping[str, str]) -> str:
    return citation_link(citation, articles, names.get(citation.article))


def render_findings(
    analysis: StoryAnalysis,
    articles: Mapping[str, Article],
    labels: Mapping[str, str] | None = None,
) -> str:
    """Conflicts first, then agreements: each value with its outlets, support and cited words."""
    if not analysis.findings:
        return '<p class="empty">No comparable claims found.</p>'
    names = dict(labels) if labels is not None else article_labels(articles.values())
    findings = sorted(analysis.findings, key=lambda f: (f.kind != "conflict", f.slot, f.subject))
    rows = []
    for finding in findings:
        values = "".join(
            f"<li><b>{escape(v.value)}</b> — "
            f"{' '.join(_cited(c, articles, names) for c in v.citations)}"
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


def _cited(citation: Citation, articles: Mapping[str, Article], names: Mapping[str, str]) -> str:
    article = articles.get(citation.article)
    words = f" <q>{escape(snippet(article.text, citation.span))}</q>" if article else ""
    return _link(citation, articles, names) + words
