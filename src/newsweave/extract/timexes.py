"""Temporal expressions normalised to TIMEX3 (owned by the dates issue)."""

from __future__ import annotations

from newsweave.model import Timex


def find_timexes(text: str, article_id: str, anchor: str | None) -> tuple[Timex, ...]:
    """TIMEX3 expressions of ``text``, resolved against the ISO date ``anchor`` when given."""
    return ()
