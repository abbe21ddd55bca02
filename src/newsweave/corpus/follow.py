"""Following feeds into the store: every poll's new articles ingested as they come."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsweave.config import Settings
from newsweave.corpus.intake import IngestReport, ingest_prepared
from newsweave.engines.local import Preparation
from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection
from newsweave.sources import Gathered
from newsweave.store import code_version, open_store

if TYPE_CHECKING:
    from newsweave.web import FollowResult

__all__ = ["follow"]


def follow(
    feeds: Sequence[str],
    settings: Settings,
    on_round: Callable[[int, IngestReport], None],
    *,
    every: float = 600.0,
    rounds: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> FollowResult:
    """Poll ``feeds`` (conditional GETs) every ``every`` seconds, ingest each round's new
    articles into the store and report the round, until ``rounds`` or Ctrl-C.

    Each round is written whole before the next poll; an interrupt inside a round leaves
    the store consistent (an article stored but not yet clustered is picked up by the next
    run). ``progress`` hears each round's ingest (as :func:`newsweave.corpus.ingest`'s
    does). Returns the :class:`newsweave.web.FollowResult` (``interrupted`` tells a Ctrl-C).
    """
    from newsweave.web import FollowRound, follow_feeds

    with open_store(settings.db) as store:

        def take(result: FollowRound) -> None:
            items: list[RawDocument | Rejection] = [*result.batch.documents, *result.batch.rejected]
            gathered = Gathered(iter(items), list(result.batch.pages))
            run = store.start_run(list(feeds), settings.results_json(), code_version())
            with Preparation(gathered.items) as local:
                report = ingest_prepared(
                    store, local.chunks(), settings, progress or _silent, run, gathered, aside=local
                )
            store.finish_run(run, "done")
            on_round(result.number, report)

        return follow_feeds(feeds, settings.web, take, every=every, max_rounds=rounds)


def _silent(stage: str, done: int, total: int) -> None:
    return None
