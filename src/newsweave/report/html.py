"""The HTML report: one self-contained file (no network, no scripts) that is good to read.

The report, the web UI (``newsweave.webui``) and notebook output render the same
Jinja2 templates (``report/templates/``, autoescaped) from the values of
``report/views.py``; so markup in any field of an article shows as text
everywhere. The file inlines the stylesheet (``report/report.css``); the web UI
links it and the passage script from ``report/static/``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from newsweave.model import Article, Dossier, StoryAnalysis
from newsweave.report.labels import article_labels
from newsweave.report.views import Links, ReportLinks, StoryView

__all__ = [
    "environment",
    "make_environment",
    "render_fragment",
    "render_html",
    "render_story_fragment",
    "story_view",
    "stylesheet",
    "write_html",
]

#: Characters of a cross-story reused passage shown in the report.
PASSAGE_CHARS = 200


@cache
def environment() -> Environment:
    """The templates (autoescaped; an undefined name is an error, never blank)."""
    return make_environment()


def make_environment() -> Environment:
    """A new environment of the templates, for a renderer that adds its own filters."""
    env = Environment(
        loader=PackageLoader("newsweave.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["web_address"] = is_web_address
    return env


_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>`]+", re.I)


def is_web_address(value: object) -> bool:
    """Whether an article's source or URL is an http(s) address to link to (a file path or
    any other scheme, ``javascript:`` among them, stays text).

    Example: ``is_web_address("https://a.org/x")`` is True; ``is_web_address("in/a.txt")`` False.
    """
    return isinstance(value, str) and _WEB_ADDRESS.fullmatch(value) is not None


@cache
def stylesheet() -> Markup:
    """The report's CSS, to inline in a ``<style>`` element."""
    css = resources.files("newsweave.report").joinpath("report.css").read_text("utf-8")
    return Markup(css.replace("</", "<\\/"))


def write_html(dossier: Dossier, path: str | Path) -> None:
    """Write the report of ``dossier`` to ``path`` (UTF-8)."""
    Path(path).write_text(render_html(dossier), encoding="utf-8")


def render_html(dossier: Dossier) -> str:
    """The whole report as one HTML document (stylesheet inlined, no script).

    >>> render_html(Dossier((), (), (), ())).startswith("<!DOCTYPE html>")
    True
    """
    page = {"self_contained": True, "css": stylesheet()}
    return environment().get_template("report.html").render(page=page, **_dossier(dossier))


def render_fragment(dossier: Dossier) -> str:
    """The report as one ``<div>`` with its own scoped style, for a notebook cell."""
    page = {"self_contained": True, "css": stylesheet()}
    return environment().get_template("notebook.html").render(page=page, **_dossier(dossier))


def render_story_fragment(
    analysis: StoryAnalysis, articles: Mapping[str, Article] | None = None
) -> str:
    """One story as a ``<div>`` for a notebook cell; without ``articles`` the cited
    passages are listed by article id only (a story record holds no texts)."""
    view = StoryView(analysis, articles or {})
    page = {"self_contained": True, "css": stylesheet()}
    return environment().get_template("notebook_story.html").render(page=page, views=[view])


def story_view(
    analysis: StoryAnalysis,
    articles: Mapping[str, Article],
    *,
    links: Links | None = None,
    number: int = 1,
    with_texts: bool = True,
    labels: Mapping[str, str] | None = None,
) -> StoryView:
    """The :class:`StoryView` of one analysed story (report links unless ``links``)."""
    return StoryView(
        analysis,
        articles,
        links=links or ReportLinks(),
        number=number,
        with_texts=with_texts,
        labels=dict(labels or {}),
    )


def _dossier(dossier: Dossier) -> dict[str, Any]:
    articles = {a.id: a for a in dossier.articles}
    labels = article_labels(dossier.articles)
    views = [
        story_view(
            story,
            {i: articles[i] for i in story.story.article_ids if i in articles},
            number=n,
            labels=labels,
        )
        for n, story in enumerate(dossier.stories, start=1)
    ]
    cross = [
        {
            "source": labels.get(p.source, p.source),
            "target": labels.get(p.target, p.target),
            "kind": p.kind,
            "similarity": p.similarity,
            "passage": p.target_span.slice(articles[p.target].text)[:PASSAGE_CHARS]
            if p.target in articles
            else "",
        }
        for p in dossier.reuse
    ]
    return {"dossier": dossier, "views": views, "cross_reuse": cross}
