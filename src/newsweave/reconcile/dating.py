"""Publication dates: given in the input, or inferred from the text and the story.

An undated article gets a window ``[earliest, latest]``, never invented precision:

1. its own text: the latest fully written date (day, month and year) it mentions outside a
   future-tense clause is a lower bound (a report comes after what it reports);
2. its story: the latest such date across the story's articles, and the given dates of its
   dated articles, place the story in time; undated articles take the story's window;
3. lineage: a copy is published on or after its source, so the source's window ends no
   later than the copy's, and the copy's starts no earlier than the source's.

The window is ``[lower bound, lower bound + MAX_LAG_DAYS]``. ``value`` is set only when the
window is a single day; otherwise it is None and ``basis`` explains the window. The window's
first day is the anchor for resolving relative expressions ("Monday", "yesterday").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from newsweave.extract.timexes import TimexScan, find_timexes, is_future, parse_anchor
from newsweave.model import Article, Lineage, Publication
from newsweave.report.labels import article_labels

__all__ = ["MAX_LAG_DAYS", "anchor_of", "infer_publications"]

#: Days between an event and a news report of it that the window allows. Daily news reports
#: within a few days; a week keeps weekday references ("Monday") unambiguous in past tense.
MAX_LAG_DAYS = 6


def anchor_of(publication: Publication) -> str | None:
    """The date relative expressions are resolved against: the value, else the window's start."""
    return publication.value or publication.earliest


def infer_publications(
    articles: Sequence[Article],
    lineage: Lineage,
    scans: Mapping[str, TimexScan] | None = None,
) -> tuple[Publication, ...]:
    """One Publication per article, in order (``scans``: the articles' time expressions
    already matched, by article id, see :func:`newsweave.extract.timexes.scan_timexes`).

    Example: an undated report that mentions "November 11 2019" gets the window
    2019-11-11..2019-11-17 and basis "inferred: ...".
    """
    scans = scans or {}
    own = {a.id: _latest_written_date(a, scans.get(a.id)) for a in articles}
    story = _story_bound(articles, own)
    windows = {a.id: _window(a, own[a.id], story) for a in articles}
    labels = article_labels(articles)
    windows, bounded = _apply_lineage(windows, lineage, {a.id: a for a in articles}, labels)
    return tuple(
        _publication(a, windows[a.id], own[a.id], story, bounded.get(a.id, ())) for a in articles
    )


def _latest_written_date(article: Article, scan: TimexScan | None = None) -> date | None:
    """The latest complete date (YYYY-MM-DD) written out in the text, outside future-tense clauses."""
    days = [
        parse_anchor(t.value)
        for t in find_timexes(article.text, article.id, None, scan)
        if t.type == "DATE"
        and len(t.value) == 10
        and "X" not in t.value
        and not is_future(article.text, t.span.start)
    ]
    return max((d for d in days if d), default=None)


def _story_bound(articles: Sequence[Article], own: dict[str, date | None]) -> date | None:
    dates = [d for d in own.values() if d] + [
        d for a in articles if (d := parse_anchor(a.published))
    ]
    return max(dates, default=None)


def _window(article: Article, own: date | None, story: date | None) -> tuple[date, date] | None:
    given = parse_anchor(article.published)
    if given:
        return given, given
    start = own or story
    if start is None:
        return None
    return start, start + timedelta(days=MAX_LAG_DAYS)


def _apply_lineage(
    windows: dict[str, tuple[date, date] | None],
    lineage: Lineage,
    by_id: dict[str, Article],
    labels: dict[str, str],
) -> tuple[dict[str, tuple[date, date] | None], dict[str, tuple[str, ...]]]:
    """The windows narrowed by who copied whom (never past each other: dates that
    contradict the lineage leave both windows as they were), and per article what
    narrowed it."""
    result = dict(windows)
    bounded: dict[str, list[str]] = {}
    for derivation in lineage.derivations:
        copy_id, source_id = derivation.article, derivation.derived_from
        copy, source = result.get(copy_id), result.get(source_id)
        if copy and source and not by_id[source_id].published and source[0] <= copy[1] < source[1]:
            result[source_id] = (source[0], copy[1])
            bounded.setdefault(source_id, []).append(
                f"{labels.get(copy_id, copy_id)}, which copies it, was published by "
                f"{copy[1].isoformat()}"
            )
        if copy and source and not by_id[copy_id].published and copy[0] < source[0] <= copy[1]:
            result[copy_id] = (source[0], copy[1])
            bounded.setdefault(copy_id, []).append(
                f"it copies {labels.get(source_id, source_id)}, published on or after "
                f"{source[0].isoformat()}"
            )
    return result, {k: tuple(v) for k, v in bounded.items()}


def _publication(
    article: Article,
    window: tuple[date, date] | None,
    own: date | None,
    story: date | None,
    bounded: tuple[str, ...] = (),
) -> Publication:
    if article.published:
        basis = article.basis.get("published", "given in input")
        return Publication(
            article.id, article.published, basis, article.published[:10], article.published[:10]
        )
    if window is None:
        return Publication(article.id, None, "unknown: no date in the article or its story")
    earliest, latest = window
    if own:
        why = f"it mentions {own.isoformat()}, the latest date it writes out"
    else:
        why = f"its story mentions {story.isoformat() if story else earliest.isoformat()}"
    lineage = "".join(f", and {note}" for note in bounded)
    span = (
        f"on {earliest.isoformat()}"
        if earliest == latest
        else f"between {earliest.isoformat()} and {latest.isoformat()}"
    )
    basis = (
        f"inferred: {why}; a report follows its events within {MAX_LAG_DAYS} days{lineage}, "
        f"so it was published {span}"
    )
    value = earliest.isoformat() if earliest == latest else None
    return Publication(article.id, value, basis, earliest.isoformat(), latest.isoformat())
