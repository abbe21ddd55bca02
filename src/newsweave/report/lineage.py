"""Pictures of reuse: the lineage of copies as an SVG graph, reused passages side by side."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from html import escape

from newsweave.model import Article, ReusePassage, StoryAnalysis
from newsweave.report.passages import article_label

__all__ = ["REUSE_CSS", "render_lineage", "render_reuse"]

REUSE_CSS = """
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; margin: .5rem 0 1rem; }
.pair > div { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; font-size: .92rem; }
.pair .who { font-family: system-ui, sans-serif; font-size: .78rem; color: var(--muted); display: block; margin-bottom: .25rem; }
.pair del { background: #fbd3d0; text-decoration: line-through; }
.pair ins { background: #cdeccf; text-decoration: none; }
.kind { font-family: system-ui, sans-serif; font-size: .75rem; background: #eef1f4; border-radius: 3px; padding: 0 .3rem; }
"""

_PALETTE = ("#0b5cad", "#b3541e", "#2e7d32", "#7b1fa2", "#c62828", "#00838f", "#6d4c41", "#455a64")
#: Most passages shown side by side per story; the rest are counted.
MAX_PAIRS = 12


def render_lineage(analysis: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    """The story's articles as nodes coloured by independent group, arrows from source to copy."""
    ids = list(analysis.story.article_ids)
    if not ids:
        return ""
    width, height = 760, max(220, 90 * math.ceil(len(ids) / 4) + 60)
    positions = _layout(ids, analysis, width, height)
    arrows = "".join(
        _arrow(positions, d.derived_from, d.article, d.share) for d in analysis.lineage.derivations
    )
    nodes = "".join(_node(positions[i], articles[i], analysis.lineage.group_of(i)) for i in ids)
    legend = (
        f"<p><b>{analysis.independent_sources}</b> independent group(s) among {len(ids)} articles. "
        "Same colour = one lineage; an arrow points from the source to the article that took from it "
        "(label: share of the copy taken from the source).</p>"
    )
    return (
        f'{legend}<svg viewBox="0 0 {width} {height}" role="img" aria-label="lineage of copies">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>'
        f"{arrows}{nodes}</svg>"
    )


def _layout(
    ids: list[str], analysis: StoryAnalysis, width: int, height: int
) -> dict[str, tuple[float, float]]:
    ordered = sorted(ids, key=lambda i: (analysis.lineage.group_of(i), ids.index(i)))
    per_row = min(4, len(ordered))
    rows = math.ceil(len(ordered) / per_row)
    positions = {}
    for n, article_id in enumerate(ordered):
        row, col = divmod(n, per_row)
        x = (col + 0.5) * width / per_row
        y = (row + 0.5) * height / rows
        positions[article_id] = (x, y)
    return positions


def _node(position: tuple[float, float], article: Article, group: int) -> str:
    x, y = position
    colour = _PALETTE[group % len(_PALETTE)]
    name = escape(article_label(article)[:24])
    return (
        f'<g><rect x="{x - 80:.0f}" y="{y - 22:.0f}" width="160" height="44" rx="8" fill="#fff" '
        f'stroke="{colour}" stroke-width="3"/><text x="{x:.0f}" y="{y - 2:.0f}" text-anchor="middle" '
        f'font-size="13" font-weight="600" fill="{colour}">{name}</text><text x="{x:.0f}" y="{y + 14:.0f}" '
        f'text-anchor="middle" font-size="10" fill="#5b6670">group {group + 1} · {escape(article.id[:12])}</text></g>'
    )


def _arrow(
    positions: Mapping[str, tuple[float, float]], source: str, target: str, share: float
) -> str:
    if source not in positions or target not in positions:
        return ""
    (x1, y1), (x2, y2) = positions[source], positions[target]
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    pad_x, pad_y = 82 * dx / length, 24 * dy / length
    return (
        f'<line x1="{x1 + pad_x:.0f}" y1="{y1 + pad_y:.0f}" x2="{x2 - pad_x:.0f}" y2="{y2 - pad_y:.0f}" '
        'stroke="#333" stroke-width="2" marker-end="url(#arrow)"/>'
        f'<text x="{(x1 + x2) / 2:.0f}" y="{(y1 + y2) / 2 - 6:.0f}" text-anchor="middle" font-size="11">'
        f"{share:.0%}</text>"
    )


def render_reuse(analysis: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    """Reused passages side by side, words the copy dropped struck out and words it added marked."""
    if not analysis.reuse:
        return '<p class="empty">No passage of one article was found in another.</p>'
    passages = sorted(
        analysis.reuse, key=lambda p: (-len(p.target_span), p.target, p.target_span.start)
    )
    shown = "".join(_pair(p, articles) for p in passages[:MAX_PAIRS])
    more = len(passages) - MAX_PAIRS
    note = (
        f'<p class="empty">… and {more} more passages (all in the dossier JSON).</p>'
        if more > 0
        else ""
    )
    return shown + note


def _pair(passage: ReusePassage, articles: Mapping[str, Article]) -> str:
    source, target = articles[passage.source], articles[passage.target]
    left, right = _diff(
        passage.source_span.slice(source.text), passage.target_span.slice(target.text)
    )
    return (
        f'<p><span class="kind">{escape(passage.kind)} · similarity {passage.similarity:.2f}</span></p>'
        f'<div class="pair"><div><span class="who">source: {escape(article_label(source))} '
        f"[{passage.source_span.start}–{passage.source_span.end})</span>{left}</div>"
        f'<div><span class="who">copy: {escape(article_label(target))} '
        f"[{passage.target_span.start}–{passage.target_span.end})</span>{right}</div></div>"
    )


def _diff(a: str, b: str) -> tuple[str, str]:
    """Escaped HTML of both passages with word-level differences marked."""
    left_words, right_words = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=left_words, b=right_words, autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = escape(" ".join(left_words[i1:i2])), escape(" ".join(right_words[j1:j2]))
        if op == "equal":
            left.append(old)
            right.append(new)
            continue
        if old:
            left.append(f"<del>{old}</del>")
        if new:
            right.append(f"<ins>{new}</ins>")
    return " ".join(left), " ".join(right)
