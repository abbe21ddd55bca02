"""Ingest: files and folders of .txt, .html/.htm and .jsonl into Article records.

Bad documents become :class:`~newsweave.model.Rejection` records with their
reason; nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.config import IngestSettings
from newsweave.errors import DocumentError
from newsweave.ingest.readers import document_of, iter_files, read_file
from newsweave.ingest.records import RawItem, make_article
from newsweave.model import Article, Rejection

__all__ = ["IngestResult", "collect_articles", "read_documents", "read_inputs"]


@dataclass(frozen=True, slots=True)
class IngestResult:
    articles: tuple[Article, ...]
    rejected: tuple[Rejection, ...]


def read_inputs(paths: Sequence[str | Path], settings: IngestSettings) -> IngestResult:
    """Read every input into articles and rejections, in a deterministic order.

    Raises:
        InputError: an input path does not exist.

    Example: ``read_inputs(["examples/"], IngestSettings()).articles[0].outlet``
    """
    return collect_articles(read_documents(paths, settings))


def collect_articles(items: Iterable[RawItem]) -> IngestResult:
    """Articles of raw documents (rejections pass through), identical repeats rejected."""
    articles: list[Article] = []
    rejected: list[Rejection] = []
    for item in items:
        if isinstance(item, Rejection):
            rejected.append(item)
            continue
        try:
            articles.append(make_article(document_of(item)))
        except DocumentError as error:
            rejected.append(Rejection(item.source, str(error)))
    kept, duplicates = _deduplicate(articles)
    return IngestResult(tuple(kept), tuple(rejected + duplicates))


def read_documents(paths: Sequence[str | Path], settings: IngestSettings) -> Iterator[RawItem]:
    """Every input document (or why it cannot be read), lazily, in a deterministic order.

    Raises:
        InputError: an input path does not exist (before anything is read).
    """
    files = [f for p in paths for f in iter_files(Path(p))]
    return _documents(files, settings)


def _documents(files: Iterable[Path], settings: IngestSettings) -> Iterator[RawItem]:
    for path in files:
        yield from read_file(path, settings)


def _deduplicate(articles: Iterable[Article]) -> tuple[list[Article], list[Rejection]]:
    """Keep the first of identical inputs; a reused id with other text is an error."""
    kept: dict[str, Article] = {}
    rejected = []
    for article in articles:
        first = kept.get(article.id)
        if first is None:
            kept[article.id] = article
        elif first.content_hash == article.content_hash:
            rejected.append(Rejection(article.source, f"duplicate of {first.source} (same text)"))
        else:
            rejected.append(
                Rejection(
                    article.source,
                    f"duplicate id {article.id!r} (also {first.source}); give each record its own id",
                )
            )
    return list(kept.values()), rejected
