"""The HTML report: one self-contained file (no network, no scripts) that is good to read.

Everything that comes from an article is escaped here or in the section
renderers (``report/lineage.py``, ``report/quotes.py``, ``report/timeline.py``),
so markup in any field shows as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from importlib import resources
from pathlib import Path

from newsweave.model import Article, Dossier, Span, StoryAnalysis
from newsweave.report.lineage import REUSE_CSS, render_lineage, render_reuse
from newsweave.report.passages import article_label, citation_link, mark_passages
from newsweave.report.quotes import render_entities, render_quotes
from newsweave.report.timeline import render_findings, render_timeline

__all__ = ["render_html", "write_html"]


def write_html(dossier: Dossier, path: str | Path) -> None:
    """Write the report of ``dossier`` to ``path`` (UTF-8)."""
    Path(path).write_text(render_html(dossier), encoding="utf-8")


def render_html(dossier: Dossier) -> str:
    """The whole report as one HTML document."""
    articles = {a.id: a for a in dossier.articles}
    body = [
        _header(dossier),
        *(_story(story, articles, n) for n, story in enumerate(dossier.stories, start=1)),
        _cross_story_reuse(dossier, articles),
        _rejected(dossier),
    ]
    css = resources.files("newsweave.report").joinpath("report.css").read_text("utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>newsweave dossier</title><style>{css}\n{REUSE_CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def _header(dossier: Dossier) -> str:
    stories = len(dossier.stories)
    return (
        "<header><h1>newsweave dossier</h1>"
        f'<p class="lede">{len(dossier.articles)} articles in {stories} '
        f"stor{'y' if stories == 1 else 'ies'}; {len(dossier.rejected)} inputs rejected. "
        "Every statement links to the passages that support it.</p>"
        f"{_contents(dossier)}</header>"
    )


def _contents(dossier: Dossier) -> str:
    items = "".join(
        f'<li><a href="#story-{n}">{escape(s.story.headline)}</a> '
        f"<small>{len(s.story.article_ids)} articles, {s.independent_sources} independent</small></li>"
        for n, s in enumerate(dossier.stories, start=1)
    )
    return f"<nav><ol>{items}</ol></nav>" if items else ""


def _story(story: StoryAnalysis, articles: Mapping[str, Article], number: int) -> str:
    members = {i: articles[i] for i in story.story.article_ids}
    sections = [
        ("Summary", _summary(story, articles)),
        ("Articles", _article_table(story, members)),
        ("Who copied whom", render_lineage(story, members)),
        ("Reused passages", render_reuse(story, members)),
        ("Who said what", render_quotes(story, members)),
        ("Timeline", render_timeline(story, members)),
        ("Agreements and conflicts", render_findings(story, members)),
        ("People, organisations and places", render_entities(story, members)),
        ("Texts", _texts(story, members)),
    ]
    inner = "".join(
        f"<section><h3>{title}</h3>{html}</section>" for title, html in sections if html
    )
    return (
        f'<article class="story" id="story-{number}"><h2>{escape(story.story.headline)}</h2>'
        f'<p class="counts"><b>{len(members)}</b> articles · <b>{story.independent_sources}</b> '
        f"independent source{'s' if story.independent_sources != 1 else ''}</p>{inner}</article>"
    )


def _summary(story: StoryAnalysis, articles: Mapping[str, Article]) -> str:
    if not story.summary:
        return '<p class="empty">No summary: too little text.</p>'
    items = "".join(
        f'<li>{escape(s.text)} <span class="cites">'
        f"{' '.join(citation_link(c, articles) for c in s.citations)}</span></li>"
        for s in story.summary
    )
    return f'<ul class="summary">{items}</ul>'


def _published(story: StoryAnalysis, article: Article) -> tuple[str, str]:
    if article.published:
        return article.published, article.basis.get("published", "given in input")
    for publication in story.publications:
        if publication.article == article.id:
            window = ""
            if (
                publication.earliest
                and publication.latest
                and publication.earliest != publication.latest
            ):
                window = f" (between {publication.earliest} and {publication.latest})"
            return (publication.value or "unknown") + window, publication.basis
    return "unknown", ""


def _article_table(story: StoryAnalysis, members: Mapping[str, Article]) -> str:
    rows = []
    for article in members.values():
        published, basis = _published(story, article)
        inferred = "; ".join(
            f"{k}: {v}" for k, v in sorted(article.basis.items()) if k != "published"
        )
        group = story.lineage.group_of(article.id) + 1 if story.lineage.groups else ""
        rows.append(
            f'<tr><td><a href="#text-{escape(article.id, quote=True)}">{escape(article_label(article))}</a></td>'
            f"<td>{escape(article.title or '—')}</td><td>{escape(published)}"
            f'<div class="basis">{escape(basis)}</div></td><td>{group}</td>'
            f'<td class="basis">{escape(inferred)}</td><td class="source">{escape(article.source)}</td></tr>'
        )
    return (
        "<table><thead><tr><th>Outlet</th><th>Title</th><th>Published</th><th>Group</th>"
        f"<th>Metadata basis</th><th>Source</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _cited_spans(story: StoryAnalysis) -> dict[str, set[Span]]:
    spans: dict[str, set[Span]] = {}
    citations = [c for s in story.summary for c in s.citations]
    citations += [c for f in story.findings for v in f.values for c in v.citations]
    citations += [c for t in story.timeline for c in t.citations]
    for citation in citations:
        spans.setdefault(citation.article, set()).add(citation.span)
    for quote in story.quotes:
        spans.setdefault(quote.article, set()).add(quote.span)
    for passage in story.reuse:
        spans.setdefault(passage.source, set()).add(passage.source_span)
        spans.setdefault(passage.target, set()).add(passage.target_span)
    return spans


def _texts(story: StoryAnalysis, members: Mapping[str, Article]) -> str:
    spans = _cited_spans(story)
    return "".join(
        f'<details id="text-{escape(a.id, quote=True)}"><summary>{escape(article_label(a))} — '
        f'{escape(a.title or a.source)}</summary><div class="text">'
        f"{mark_passages(a.text, spans.get(a.id, ()), a.id)}</div></details>"
        for a in members.values()
    )


def _cross_story_reuse(dossier: Dossier, articles: Mapping[str, Article]) -> str:
    if not dossier.reuse:
        return ""
    rows = "".join(
        f"<tr><td>{escape(article_label(articles[p.source]))}</td>"
        f"<td>{escape(article_label(articles[p.target]))}</td><td>{escape(p.kind)}</td>"
        f"<td>{p.similarity:.2f}</td><td>{escape(p.target_span.slice(articles[p.target].text)[:200])}</td></tr>"
        for p in dossier.reuse
    )
    return (
        '<section class="global"><h2>Reuse across stories</h2><table><thead><tr><th>Source</th>'
        f"<th>Target</th><th>Kind</th><th>Similarity</th><th>Passage</th></tr></thead><tbody>{rows}"
        "</tbody></table></section>"
    )


def _rejected(dossier: Dossier) -> str:
    if not dossier.rejected:
        return ""
    rows = "".join(
        f'<tr><td class="source">{escape(r.source)}</td><td>{escape(r.reason)}</td></tr>'
        for r in dossier.rejected
    )
    return (
        '<section class="global"><h2>Rejected inputs</h2><table><thead><tr><th>Input</th>'
        f"<th>Reason</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )
