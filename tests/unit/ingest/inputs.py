"""What the input tests share: a sentence that reads as an article, reading, reasons."""

from newsweave.config import IngestSettings
from newsweave.ingest import IngestResult, read_inputs

GOOD = (
    "The parliament voted on Tuesday to remove the prime minister from office after a long debate."
)


def read(*paths: object, **settings: object) -> IngestResult:
    """The articles and rejections of ``paths`` under ingest ``settings``."""
    return read_inputs([str(p) for p in paths], IngestSettings(**settings))  # type: ignore[arg-type]


def reasons(result: IngestResult) -> dict[str, str]:
    """Each rejection's reason by the last part of its source (file name, ``#N`` kept)."""
    return {r.source.rsplit("/", 1)[-1]: r.reason for r in result.rejected}


def sources(result: IngestResult) -> list[str]:
    """The articles' sources by their last part (file name, ``#N`` kept), sorted."""
    return sorted(a.source.rsplit("/", 1)[-1] for a in result.articles)
