"""Which of two articles sharing text took it from the other, and on what evidence."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.ingest.records import published_instant
from newsweave.model import Article

__all__ = ["Direction", "decide_direction", "publication_order"]

#: One side must have this many times the other's share of its text reused for containment to
#: decide: a rewrite of one article is mostly made of it, while the original also has text of
#: its own. Below this, both print a shared text (wire copy) and no side is the source.
ASYMMETRY = 1.25


@dataclass(frozen=True, slots=True)
class Direction:
    """``source`` and ``target`` (the one that took); ``known`` is False when neither evidence decides."""

    source: str
    target: str
    known: bool
    basis: str


def publication_order(x: str | None, y: str | None) -> int:
    """-1 when ``x`` was published before ``y``, 1 when after, 0 when the values cannot tell:
    one is missing, or they are equal at the precision both have. Two times compare as
    moments (offsets count); otherwise the dates compare as written, to the coarser of the two
    (a bare day is not before a time on that day, nor "2019-11" before "2019-11-12").

    Example: ``publication_order("2019-10-26", "2019-10-27T19:00-04:00")`` is -1;
    ``publication_order("2019-10-27", "2019-10-27T19:00-04:00")`` is 0.
    """
    if not x or not y:
        return 0
    x, y = x.strip(), y.strip()
    if len(x) > 10 and len(y) > 10:
        mx, my = published_instant(x), published_instant(y)
        return (mx > my) - (mx < my)
    shared = min(len(x), len(y), 10)
    return (x[:shared] > y[:shared]) - (x[:shared] < y[:shared])


def decide_direction(a: Article, b: Article, share_a: float, share_b: float) -> Direction:
    """Decide from publication times when both are known and differ, else from containment.

    ``share_a`` is the fraction of ``a``'s text found in ``b`` (and the reverse).

    Example: a blog 80% made of a news piece that is 40% in the blog derives from it.
    """
    order = publication_order(a.published, b.published)
    if order:
        first, second = (a, b) if order < 0 else (b, a)
        return Direction(
            first.id,
            second.id,
            True,
            f"published earlier ({first.published} before {second.published})",
        )
    if share_a >= ASYMMETRY * share_b or share_b >= ASYMMETRY * share_a:
        source, target = (b, a) if share_a > share_b else (a, b)
        taken, kept = max(share_a, share_b), min(share_a, share_b)
        return Direction(
            source.id,
            target.id,
            True,
            f"containment: {taken:.0%} of the copy is found in the source, which has {kept:.0%} of "
            "its own text in the copy",
        )
    first, second = sorted((a, b), key=lambda x: x.id)
    return Direction(
        first.id,
        second.id,
        False,
        f"shared text: {share_a:.0%} and {share_b:.0%} of each is found in the other; neither dates "
        "nor containment tell which came first",
    )
