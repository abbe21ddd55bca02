"""Order a summary as a story: by the time of what each sentence reports, then importance.

A sentence's time is the earliest day its own text dates (a TIMEX3 date or time inside its
span, e.g. ``2019-11-10``), else its article's publication day (the given date, or the
first day of its inferred window). Sentences whose time is unknown keep their importance
order ahead of the dated ones: with nothing to place them by, the most important comes first.
The summary opens with its best sentence that does not open with a pronoun or a quotation
(:func:`is_dangling`), where there is one, as a news story leads with its main event (an
earlier side fact, "three officials resigned on Sunday", comes after it, in its time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.model import Publication, Timex
from newsweave.summarize.sentences import Sentence

__all__ = ["is_dangling", "pronoun_first", "sentence_time", "story_order"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: How many opening words may hold the pronoun that leaves a sentence without its referent.
DANGLING_WINDOW = 8
_PRONOUNS = frozenset("he she they it his her their its this these those but and".split())


def story_order(
    ranked: Sequence[Sentence], publications: Sequence[Publication], timexes: Sequence[Timex]
) -> list[int]:
    """Positions of ``ranked`` (best first) in story order: the best sentence that can open,
    then the others by time, then rank.

    Example: a sentence of an article published 2019-11-10 comes before one dated 2019-11-12,
    whatever their ranks; two of the same day keep their ranks.
    """
    published = {p.article: _publication_day(p) for p in publications}
    times = [sentence_time(s, published.get(s.article), timexes) or "" for s in ranked]
    order = sorted(range(len(ranked)), key=lambda k: (times[k], k))
    opener = next((k for k in range(len(ranked)) if not is_dangling(ranked[k].text)), None)
    if opener is not None:
        order.remove(opener)
        order.insert(0, opener)
    return order


def is_dangling(text: str) -> bool:
    """True when ``text`` opens with a quote mark, or a pronoun comes before any name: read
    first, out of its article, it does not say who is meant.

    Example: ``is_dangling("In a tweet, he said he would return.")`` is True.
    """
    return text[:1] in "\"“‘'«" or pronoun_first(text)


def pronoun_first(text: str) -> bool:
    """True when a pronoun (or "but", "and") comes among the first words before any name.

    Example: ``pronoun_first("He said in a tweet ...")`` is True and
    ``pronoun_first("Mayor Ruiz said in a tweet ...")`` is False.
    """
    for position, word in enumerate(text.split()[:DANGLING_WINDOW]):
        bare = word.strip(",.;:“”\"'‘’").lower()
        if bare in _PRONOUNS:
            return True
        if position and word[:1].isupper():
            return False
    return False


def sentence_time(
    sentence: Sentence, published: str | None, timexes: Sequence[Timex]
) -> str | None:
    """The ISO day ``sentence`` reports: the earliest day its text dates, else ``published``."""
    days = [
        match.group(0)
        for t in timexes
        if t.article == sentence.article
        and sentence.start <= t.span.start
        and t.span.end <= sentence.end
        and t.type in ("DATE", "TIME")
        and (match := _DAY.match(t.value))
    ]
    return min(days, default=published)


def _publication_day(publication: Publication) -> str | None:
    for value in (publication.value, publication.earliest, publication.latest):
        if value and _DAY.match(value):
            return value[:10]
    return None
