"""Pictures of reuse: the lineage of copies as an SVG graph, reused passages side by side.

Only a derivation has a direction. The graph draws the articles that derive from another or
print one shared text with it, sources above the articles that took from them; articles
linked to none are named in one line under it, and a story with no link at all gets one
line instead of a picture. Passages a derivation orients are shown as source and copy;
every other shared passage is shared wording, never a copy.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape

from newsweave.align.lineage import join
from newsweave.model import Article, Derivation, Lineage, Quote, ReusePassage, Span, StoryAnalysis
from newsweave.report.labels import article_labels

__all__ = [
    "REUSE_CSS",
    "drawn_links",
    "lineage_statement",
    "render_lineage",
    "render_lineage_groups",
    "render_reuse",
    "wrap_label",
]

REUSE_CSS = """
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; margin: .5rem 0 1rem; }
.pair > div { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; font-size: .92rem; }
.pair .who { font-family: system-ui, sans-serif; font-size: .78rem; color: var(--muted); display: block; margin-bottom: .25rem; }
.pair del { background: #fbd3d0; text-decoration: line-through; }
.pair ins { background: #cdeccf; text-decoration: none; }
.pair.shared del, .pair.shared ins { background: #eef1f4; text-decoration: none; }
.kind { font-family: system-ui, sans-serif; font-size: .75rem; background: #eef1f4; border-radius: 3px; padding: 0 .3rem; }
"""

_PALETTE = ("#0b5cad", "#b3541e", "#2e7d32", "#7b1fa2", "#c62828", "#00838f", "#6d4c41", "#455a64")
#: Most passages shown side by side per story and kind (copied, shared); the rest are counted.
MAX_PAIRS = 12
#: Width of the picture and the most boxes on one row.
WIDTH, PER_ROW = 760, 4
#: Characters of a name on one line of a box, and the lines it may take: 13px bold system
#: sans-serif averages about 7.4px a character, so 22 fill a 176px box (a quarter of the
#: picture, less a margin); a longer name is cut with "…" and given whole in a tooltip.
LINE_CHARS, NAME_LINES, CHAR_WIDTH = 22, 2, 7.4
#: Box padding and line height, and the vertical distance between rows, in pixels.
PAD, LINE_HEIGHT, ROW_HEIGHT = 10, 16, 110
#: How far the share label sits from its arrow, in pixels (beside it, never on it).
LABEL_OFFSET = 10


@dataclass(frozen=True, slots=True)
class _Box:
    article: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]


def lineage_statement(analysis: StoryAnalysis) -> str | None:
    """The one line that replaces the picture when no article derives from another and none
    shares a text with another; None when there is something to draw.

    Example: ``"No article derives from another: 9 independent reports."``
    """
    count = len(analysis.story.article_ids)
    if analysis.lineage.derivations or analysis.lineage.undirected:
        return None
    if count == 1:
        return "One article: no other to derive from."
    return f"No article derives from another: {count} independent reports."


def render_lineage(
    analysis: StoryAnalysis,
    articles: Mapping[str, Article],
    labels: Mapping[str, str] | None = None,
) -> str:
    """The linked articles as boxes coloured by independent group, an arrow from each source to
    the article that took from it (the share of the copy beside it), a dashed line between
    articles printing one shared text; the one-line :func:`lineage_statement` when nothing
    is linked. Every article-derived string is escaped.
    """
    ids = [i for i in analysis.story.article_ids if i in articles]
    if not ids:
        return ""
    statement = lineage_statement(analysis)
    if statement is not None:
        return f'<p class="lineage-none">{escape(statement)}</p>'
    names = dict(labels) if labels is not None else article_labels(articles[i] for i in ids)
    linked = _linked(analysis.lineage)
    drawn = drawn_links(analysis.lineage)
    boxes = _layout([i for i in ids if i in linked], drawn, names)
    edges = [_arrow(boxes, d.derived_from, d.article, d.share) for d in drawn.derivations]
    edges += [_shared(boxes, a, b) for a, b, _, _ in drawn.undirected]
    nodes = [
        _node(box, _full_name(articles[box.article], names), analysis.lineage.group_of(box.article))
        for box in boxes.values()
    ]
    height = max(b.y + b.height / 2 for b in boxes.values()) + 30
    left_out = _links(analysis.lineage) - _links(drawn)
    return (
        f"{_legend(analysis, len(ids), left_out)}"
        f'<svg viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label="lineage of copies">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        f'fill="#333"/></marker></defs>{"".join(edges)}{"".join(nodes)}</svg>'
        f"{_unlinked([i for i in ids if i not in linked], names)}"
    )


#: Most lineage groups drawn as bars in the overview of a large story; the rest are counted.
MAX_BARS = 15
#: Height of one bar's row, the width given to the source's name, and the bars' longest, in px.
BAR_ROW, BAR_NAME, BAR_WIDTH = 26, 250, 320


def render_lineage_groups(
    analysis: StoryAnalysis, articles: Mapping[str, Article], labels: Mapping[str, str]
) -> str:
    """The lineage of a story too large to draw article by article: one bar per group of
    articles that share a lineage (the largest first, at most :data:`MAX_BARS`), as long as
    the group is large, named by its source (the member no other derives from, the earliest
    in story order), with how many of its articles copy another; the rest counted under it.
    Every article-derived string is escaped.
    """
    order = {a: n for n, a in enumerate(analysis.story.article_ids)}
    groups = sorted(
        (g for g in analysis.lineage.groups if g),
        key=lambda g: (-len(g), min(order.get(a, len(order)) for a in g)),
    )
    if not groups:
        return ""
    derived = {d.article for d in analysis.lineage.derivations}
    biggest = len(groups[0])
    rows = []
    for n, group in enumerate(groups[:MAX_BARS]):
        members = sorted(group, key=lambda a: order.get(a, len(order)))
        source = next((a for a in members if a not in derived), members[0])
        article = articles.get(source)
        name = wrap_label(labels.get(source, source), 34, 1)[0]
        whole = _full_name(article, labels) if article else source
        copies = sum(1 for a in group if a in derived)
        y = 8 + n * BAR_ROW
        width = max(2.0, BAR_WIDTH * len(group) / biggest)
        colour = _PALETTE[analysis.lineage.group_of(source) % len(_PALETTE)]
        what = f"{len(group):,} article{'s' if len(group) != 1 else ''}"
        if copies:
            what += f", {copies:,} cop{'ies' if copies != 1 else 'y'}"
        rows.append(
            f"<g><title>{escape(whole)}: {escape(what)}</title>"
            f'<text x="{BAR_NAME - 8}" y="{y + 15}" font-size="12" text-anchor="end">'
            f"{escape(name)}</text>"
            f'<rect x="{BAR_NAME}" y="{y + 3}" width="{width:.0f}" height="16" rx="3" '
            f'fill="{colour}"/>'
            f'<text x="{BAR_NAME + width + 6:.0f}" y="{y + 15}" font-size="11" '
            f'fill="#5b6670">{escape(what)}</text></g>'
        )
    rest = groups[MAX_BARS:]
    height = 8 + len(rows) * BAR_ROW + (22 if rest else 6)
    footer = ""
    if rest:
        count = sum(len(g) for g in rest)
        footer = (
            f'<text x="{BAR_NAME}" y="{height - 8}" font-size="11" fill="#5b6670">'
            f"and {len(rest):,} more groups of {count:,} articles "
            f"({max(len(g) for g in rest)} at most)</text>"
        )
    return (
        f"<p><b>{analysis.independent_sources}</b> independent group(s) among "
        f"{len(analysis.story.article_ids)} articles, the largest first: each bar is one "
        "lineage, named by its source, as long as the group is large; its copies are the "
        "articles that derive from another.</p>"
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="lineage groups">'
        f"{''.join(rows)}{footer}</svg>"
    )


def wrap_label(name: str, width: int = LINE_CHARS, lines: int = NAME_LINES) -> tuple[str, ...]:
    """``name`` in at most ``lines`` lines of ``width`` characters, broken at words; what does
    not fit is cut with "…" (a word longer than a line is cut too).

    Example: ``wrap_label("The Daily Planet Evening Edition", 16)`` is
    ``("The Daily Planet", "Evening Edition")``.
    """
    words, out, current = name.split(), [], ""
    for word in words:
        if len(word) > width:
            word = word[: width - 1] + "…"
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        last = " ".join(out[lines - 1 :])
        out = [*out[: lines - 1], last[: width - 1].rstrip() + "…"]
    return tuple(out) or ("",)


def _legend(analysis: StoryAnalysis, count: int, left_out: int = 0) -> str:
    more = (
        f" Each article is drawn from its largest source only: {left_out} more "
        f"link{'s' if left_out != 1 else ''} (copies of one text taking from each other, "
        "or from a second source) are in the reused passages."
        if left_out
        else ""
    )
    return (
        f"<p><b>{analysis.independent_sources}</b> independent group(s) among {count} articles. "
        "Same colour = one lineage; an arrow points from the source to the article that took "
        "from it, beside it the share of that article taken from the source; a dashed line "
        f"joins articles printing one shared text whose direction is unknown.{more}</p>"
    )


def drawn_links(lineage: Lineage) -> Lineage:
    """The links the picture draws, a tree of each lineage: each derived article's largest
    source first (ties: the source's id), then any other link only where it joins what is
    not yet joined. A wire text and its forty copies, which all take from one another, are
    drawn as a tree, not as 800 crossing lines; the groups are the same.

    Example: copies b and c of a, where c also takes from b, draw a->b and a->c.
    """
    main: dict[str, Derivation] = {}
    for d in lineage.derivations:
        best = main.get(d.article)
        if best is None or (d.share, best.derived_from) > (best.share, d.derived_from):
            main[d.article] = d
    parent: dict[str, str] = {}
    chosen = set(main.values())
    others = [d for d in lineage.derivations if d not in chosen]
    # a source's own sources, a second source: drawn only to reach what is still apart
    derivations = [
        d
        for d in [*sorted(chosen, key=_strongest), *sorted(others, key=_strongest)]
        if join(parent, d.article, d.derived_from)
    ]
    undirected = [pair for pair in lineage.undirected if join(parent, pair[0], pair[1])]
    order = {d: n for n, d in enumerate(lineage.derivations)}
    return replace(
        lineage,
        derivations=tuple(sorted(derivations, key=order.__getitem__)),
        undirected=tuple(undirected),
    )


def _strongest(d: Derivation) -> tuple[float, str, str]:
    return (-d.share, d.article, d.derived_from)


def _links(lineage: Lineage) -> int:
    return len(lineage.derivations) + len(lineage.undirected)


def _unlinked(ids: Sequence[str], names: Mapping[str, str]) -> str:
    if not ids:
        return ""
    listed = ", ".join(escape(names[i]) for i in ids)
    return (
        f'<p class="lineage-none">Derived from no other article, and taken by none: {listed}.</p>'
    )


def _linked(lineage: Lineage) -> set[str]:
    pairs = [(d.article, d.derived_from) for d in lineage.derivations]
    pairs += [(a, b) for a, b, _, _ in lineage.undirected]
    return {article for pair in pairs for article in pair}


def _parents(ids: Sequence[str], lineage: Lineage) -> dict[str, list[str]]:
    """Who is drawn above whom: a source above what took from it, and of two articles
    printing one shared text, the one first in ``ids`` (the story's order) above."""
    order = {a: n for n, a in enumerate(ids)}
    parents: dict[str, list[str]] = {}
    for d in lineage.derivations:
        parents.setdefault(d.article, []).append(d.derived_from)
    for a, b, _, _ in lineage.undirected:
        upper, lower = sorted((a, b), key=lambda x: (order.get(x, len(order)), x))
        parents.setdefault(lower, []).append(upper)
    return parents


def _depths(ids: Sequence[str], parents: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Each article's row: sources on top, a copy one row below the lowest of its sources."""
    depth = dict.fromkeys(ids, 0)
    for _ in range(len(ids)):  # longest path; bounded, so a cycle cannot loop for ever
        changed = False
        for article in ids:
            deepest = max((depth.get(p, 0) + 1 for p in parents.get(article, ())), default=0)
            if deepest > depth[article] and deepest < len(ids):
                depth[article], changed = deepest, True
        if not changed:
            break
    return depth


def _layout(ids: Sequence[str], lineage: Lineage, names: Mapping[str, str]) -> dict[str, _Box]:
    """Rows by depth; within a depth, articles under the mean place of their sources (then by
    group and the story's order), so a source's copies sit below it, not across the page."""
    parents = _parents(ids, lineage)
    depth = _depths(ids, parents)
    order = {a: n for n, a in enumerate(ids)}
    boxes: dict[str, _Box] = {}
    row_number = 0
    for level in sorted(set(depth.values())):

        def place(a: str) -> tuple[float, int, int]:
            above = [boxes[p].x for p in parents.get(a, ()) if p in boxes]
            return (sum(above) / len(above) if above else -1.0, lineage.group_of(a), order[a])

        members = sorted((a for a in ids if depth[a] == level), key=place)
        for k in range(0, len(members), PER_ROW):
            row = members[k : k + PER_ROW]
            for c, article in enumerate(row):
                lines = wrap_label(names[article])
                width = min(
                    WIDTH / PER_ROW - 14, max(110.0, CHAR_WIDTH * max(map(len, lines)) + 2 * PAD)
                )
                height = LINE_HEIGHT * (len(lines) + 1) + PAD
                x = (c + 0.5) * WIDTH / len(row)
                y = 20 + height / 2 + row_number * ROW_HEIGHT
                boxes[article] = _Box(article, x, y, width, height, lines)
            row_number += 1
    return boxes


def _full_name(article: Article, names: Mapping[str, str]) -> str:
    """The label, and the whole outlet or title when the label shortens it (for a tooltip)."""
    label = names.get(article.id, article.id)
    whole = " ".join((article.outlet or article.title or "").split())
    return f"{label} — {whole}" if whole and whole not in label else label


def _node(box: _Box, full_name: str, group: int) -> str:
    colour = _PALETTE[group % len(_PALETTE)]
    top = box.y - box.height / 2
    text = "".join(
        f'<text x="{box.x:.0f}" y="{top + PAD / 2 + LINE_HEIGHT * (n + 1) - 3:.0f}" '
        f'text-anchor="middle" font-size="13" font-weight="600" fill="{colour}">'
        f"{escape(line)}</text>"
        for n, line in enumerate(box.lines)
    )
    detail = top + PAD / 2 + LINE_HEIGHT * (len(box.lines) + 1) - 4
    return (
        f"<g><title>{escape(full_name)} ({escape(box.article)})</title>"
        f'<rect x="{box.x - box.width / 2:.0f}" y="{top:.0f}" width="{box.width:.0f}" '
        f'height="{box.height:.0f}" rx="8" fill="#fff" stroke="{colour}" stroke-width="3"/>'
        f'{text}<text x="{box.x:.0f}" y="{detail:.0f}" text-anchor="middle" font-size="10" '
        f'fill="#5b6670">group {group + 1}</text></g>'
    )


def _edge_ends(
    a: _Box, b: _Box
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """Where the segment between two box centres leaves each box, and its unit normal."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0

    def clip(box: _Box) -> float:
        return min(
            box.width / 2 / abs(dx) if dx else math.inf,
            box.height / 2 / abs(dy) if dy else math.inf,
        )

    ta, tb = clip(a), clip(b)
    start = (a.x + dx * (ta + 0.02), a.y + dy * (ta + 0.02))
    end = (b.x - dx * (tb + 0.02), b.y - dy * (tb + 0.02))
    normal = (-dy / length, dx / length)
    if normal[0] < 0 or (normal[0] == 0 and normal[1] > 0):
        normal = (-normal[0], -normal[1])
    return start, end, normal


def _label_beside(
    start: tuple[float, float], end: tuple[float, float], normal: tuple[float, float], text: str
) -> str:
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    x, y = mx + LABEL_OFFSET * normal[0], my + LABEL_OFFSET * normal[1]
    anchor = "start" if normal[0] > 0.3 else "middle"
    if anchor == "middle":
        y -= 4  # a flat arrow: the label above it
    return (
        f'<text x="{x:.0f}" y="{y + 4:.0f}" text-anchor="{anchor}" font-size="11" '
        f'stroke="#fff" stroke-width="3" paint-order="stroke" fill="#333">{escape(text)}</text>'
    )


def _arrow(boxes: Mapping[str, _Box], source: str, target: str, share: float) -> str:
    if source not in boxes or target not in boxes:
        return ""
    start, end, normal = _edge_ends(boxes[source], boxes[target])
    return (
        f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" '
        'stroke="#333" stroke-width="2" marker-end="url(#arrow)"/>'
        f"{_label_beside(start, end, normal, f'{share:.0%}')}"
    )


def _shared(boxes: Mapping[str, _Box], a: str, b: str) -> str:
    if a not in boxes or b not in boxes:
        return ""
    start, end, normal = _edge_ends(boxes[a], boxes[b])
    return (
        f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" '
        'stroke="#333" stroke-width="2" stroke-dasharray="6 4"/>'
        f"{_label_beside(start, end, normal, 'shared text')}"
    )


# --------------------------------------------------------------------------- passages


def render_reuse(
    analysis: StoryAnalysis,
    articles: Mapping[str, Article],
    labels: Mapping[str, str] | None = None,
) -> str:
    """Passages a derivation orients side by side as source and copy (words the copy dropped
    struck out, words it added marked); then wording shared by articles that do not derive
    from one another, side by side with neither called the copy, each under the quote it
    belongs to when it is a quotation both carry."""
    if not analysis.reuse:
        return '<p class="empty">No passage of one article was found in another.</p>'
    ids = [i for i in analysis.story.article_ids if i in articles]
    names = dict(labels) if labels is not None else article_labels(articles[i] for i in ids)
    copied = [p for p in analysis.reuse if p.directed]
    shared = [p for p in analysis.reuse if not p.directed]
    html = _pairs(copied, articles, names, analysis.quotes)
    if shared:
        html += (
            "<p>Wording shared by articles that do not derive from one another (each may have "
            "it from the same statement or source; neither is shown as the copy):</p>"
            f"{_pairs(shared, articles, names, analysis.quotes)}"
        )
    return html


def _pairs(
    passages: Sequence[ReusePassage],
    articles: Mapping[str, Article],
    names: Mapping[str, str],
    quotes: Sequence[Quote],
) -> str:
    ordered = sorted(passages, key=lambda p: (-len(p.target_span), p.target, p.target_span.start))
    shown = "".join(
        _pair(p, articles, names, quotes) for p in ordered[:MAX_PAIRS] if _known(p, articles)
    )
    more = len(ordered) - MAX_PAIRS
    note = (
        f'<p class="empty">… and {more} more passages (all in the dossier JSON).</p>'
        if more > 0
        else ""
    )
    return shown + note


def _known(passage: ReusePassage, articles: Mapping[str, Article]) -> bool:
    return passage.source in articles and passage.target in articles


def _pair(
    passage: ReusePassage,
    articles: Mapping[str, Article],
    names: Mapping[str, str],
    quotes: Sequence[Quote],
) -> str:
    source, target = articles[passage.source], articles[passage.target]
    left, right = _diff(
        passage.source_span.slice(source.text), passage.target_span.slice(target.text)
    )
    first = names.get(source.id, source.id)
    second = names.get(target.id, target.id)
    kind = f"{passage.kind} · similarity {passage.similarity:.2f}"
    if passage.directed:
        roles, css = (f"source: {first}", f"copy: {second}"), "pair"
    else:
        speaker = _quoted_speaker(passage, quotes)
        kind = f"shared wording · {kind}" + (f" · in a quote of {speaker}" if speaker else "")
        roles, css = (first, second), "pair shared"
    return (
        f'<p><span class="kind">{escape(kind)}</span></p>'
        f'<div class="{css}"><div><span class="who">{escape(roles[0])} '
        f"[{passage.source_span.start}–{passage.source_span.end})</span>{left}</div>"
        f'<div><span class="who">{escape(roles[1])} '
        f"[{passage.target_span.start}–{passage.target_span.end})</span>{right}</div></div>"
    )


def _quoted_speaker(passage: ReusePassage, quotes: Sequence[Quote]) -> str | None:
    """The speaker of the quotation both sides of a passage carry (one quote group), if any."""

    def groups(article: str, span: Span) -> dict[str, Quote]:
        return {
            q.group or q.id: q for q in quotes if q.article == article and q.span.overlaps(span)
        }

    on_source = groups(passage.source, passage.source_span)
    on_target = groups(passage.target, passage.target_span)
    common = sorted(set(on_source) & set(on_target))
    if not common:
        return None
    quote = on_source[common[0]]
    return quote.speaker_name or quote.speaker_text or "an unnamed speaker"


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
