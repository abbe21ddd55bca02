"""Short, distinct names for a story's articles, as a reader sees them everywhere.

An article is named by its outlet; else by its title, shortened at a word; else by the first
words of its text, in quotation marks. Never by a file name ("1.jsonl" says nothing about an
article), unless an article has no outlet, title or words at all. When two articles of a story
would read the same, each is told apart by its publication day, then by the start of its
title, then by a counter in (publication, id) order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from newsweave.cluster.headlines import has_title, reads_as_text
from newsweave.model import Article

__all__ = ["article_labels", "base_label", "shorten"]

#: Longest label before disambiguation, in characters: fits a box of the lineage picture on two
#: lines and a citation link inline (outlet names run 2-30 characters, headlines 40-90).
LABEL_CHARS = 40
#: Longest title added to tell two articles of one outlet apart, in characters.
HINT_CHARS = 28
#: Words of the text that name an article with no outlet and no title.
FIRST_WORDS = 6
#: A first line with fewer words than this is a dateline or a credit ("CNN —"), not its text.
MIN_LINE_WORDS = 3


def article_labels(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> a short readable name, distinct within ``articles``.

    Example: two untitled articles of one outlet published on different days read
    ``"Wire (2019-11-10)"`` and ``"Wire (2019-11-11)"``; an article with no outlet and no title
    reads as its first words, ``"“Parliament voted on Tuesday to remove…”"``.
    """
    ordered = sorted(articles, key=lambda a: (a.published or "~", a.id))
    labels = {a.id: base_label(a) for a in ordered}
    for hint in (_day, _title_hint, None):
        clashing = _clashes(labels)
        if not clashing:
            break
        for group in clashing:
            _tell_apart(labels, [a for a in ordered if a.id in group], hint)
    return labels


def base_label(article: Article) -> str:
    """The name of one article on its own: outlet, short title, first words, or file name."""
    if article.outlet and article.outlet.strip():
        return shorten(article.outlet.strip(), LABEL_CHARS)
    if article.title and has_title(article):
        return shorten(article.title.strip(), LABEL_CHARS)
    words = _first_words(article.text)
    if words:
        return f"“{words}”"
    name = article.source.replace("\\", "/").rsplit("/", 1)[-1].split("#")[0]
    return shorten(name, LABEL_CHARS) or article.id


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word that fits ``limit`` characters (with "…").

    Example: ``shorten("Parliament votes to remove the prime minister", 20)`` is
    ``"Parliament votes to…"``.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:—–-") + "…"


def _first_words(text: str) -> str:
    lines = [line.split() for line in text.splitlines() if line.strip()]
    line = next((words for words in lines if reads_as_text(" ".join(words), MIN_LINE_WORDS)), None)
    line = line or (lines[0] if lines else [])
    if not line:
        return ""
    words = shorten(" ".join(line[:FIRST_WORDS]), LABEL_CHARS - 2)
    more = len(line) > FIRST_WORDS and not words.endswith("…")
    return words + ("…" if more else "")


def _clashes(labels: dict[str, str]) -> list[set[str]]:
    """Groups of article ids whose labels read the same (case aside)."""
    by_label: dict[str, set[str]] = {}
    for article_id, label in labels.items():
        by_label.setdefault(label.casefold(), set()).add(article_id)
    return [ids for ids in by_label.values() if len(ids) > 1]


def _tell_apart(
    labels: dict[str, str],
    group: Sequence[Article],
    hint: Callable[[Article], str | None] | None,
) -> None:
    """Add ``hint`` to each label of ``group`` when it tells them apart; a counter otherwise."""
    if hint is None:
        for number, article in enumerate(group, start=1):
            labels[article.id] = f"{labels[article.id]} ({number})"
        return
    hints = [hint(a) for a in group]
    if None in hints or len({h.casefold() for h in hints if h}) < 2:
        return
    for article, extra in zip(group, hints, strict=True):
        labels[article.id] = f"{labels[article.id]} ({extra})"


def _day(article: Article) -> str | None:
    return article.published[:10] if article.published else None


def _title_hint(article: Article) -> str | None:
    return shorten(article.title, HINT_CHARS) if article.title and has_title(article) else None
