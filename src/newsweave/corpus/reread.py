"""Reading stored web pages again: after an upgrade, re-extract every raw response the store
keeps (``raw_pages``) and ingest what changed, without fetching anything."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newsweave.config import Settings
from newsweave.corpus.intake import IngestReport, ingest_prepared
from newsweave.engines.local import Preparation
from newsweave.errors import DocumentError
from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection
from newsweave.store import Store, code_version, open_store

__all__ = ["reread"]

Progress = Callable[[str, int, int], None]


def reread(settings: Settings, *, progress: Progress | None = None) -> IngestReport:
    """Re-extract the stored pages of ``settings.db`` and update their articles and stories.

    An article whose extraction is unchanged stays as it is; one whose text or metadata
    changed is updated and re-clustered (a page's id is its canonical URL).

    Example: ``reread(Settings(db="news.sqlite")).updated``
    """
    with open_store(settings.db, create=False) as store:
        run = store.start_run(["raw_pages"], settings.results_json(), code_version())
        with Preparation(_documents(store)) as local:
            report = ingest_prepared(
                store, local.chunks(), settings, progress or _silent, run, aside=local
            )
        store.finish_run(run, "done")
    return report


def _documents(store: Store) -> Iterator[RawDocument | Rejection]:
    from newsweave.web import read_page

    for source, response in store.raw_pages():
        try:
            yield read_page(response, source)
        except DocumentError as error:
            yield Rejection(source, str(error))


def _silent(stage: str, done: int, total: int) -> None:
    return None
