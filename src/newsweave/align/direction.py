"""Which of two articles sharing text took it from the other, and on what evidence."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.model import Article

__all__ = ["Direction", "decide_direction"]

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


def decide_direction(a: Article, b: Article, share_a: float, share_b: float) -> Direction:
    """Decide from publication times when both are known and differ, else from containment.

    ``share_a`` is the fraction of ``a``'s text found in ``b`` (and the reverse).

    Example: a blog 80% made of a news piece that is 40% in the blog derives from it.
    """
    if a.published and b.published and a.published[:19] != b.published[:19]:
        first, second = (a, b) if a.published < b.published else (b, a)
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
