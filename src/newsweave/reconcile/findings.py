"""Agreement and conflict between articles (owned by the dates issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.model import Claim, Finding, Lineage


def reconcile_claims(claims: Sequence[Claim], lineage: Lineage) -> tuple[Finding, ...]:
    """Findings over claims aligned by slot and subject; support counted over lineage groups."""
    return ()
