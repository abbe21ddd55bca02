"""Where documents come from: files and folders, web archives, and URLs, as one stream.

:func:`gather` turns the inputs a user names (paths, ``http(s)://`` URLs, the lines of
``--urls`` files) into raw documents and rejections, in a deterministic order, and
keeps aside every page fetched or archived so the store can hold the raw response.
Files are read lazily; URLs are fetched (feeds and sitemaps expanded) when the
stream reaches them; archives (``.warc``, ``.warc.gz``, ``.arc.gz``) are read record
by record. ``-`` names standard input, read as JSON Lines (``jq -c '...' dump.json |
newsweave ingest -``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.ingest import read_documents
from newsweave.ingest.headers import column_hints
from newsweave.ingest.readers import iter_files, read_jsonl_stream
from newsweave.ingest.records import RawItem

__all__ = ["READABLE", "STDIN", "Gathered", "gather", "input_hints", "input_list", "read_url_files"]

#: What inputs newsweave reads, for the messages of a run that read nothing.
READABLE = (
    ".txt, .html, .json, .jsonl, .csv or .tsv files with text, plain or compressed (.gz, "
    ".bz2, .xz), .parquet tables, web archives or URLs"
)
#: The input that names standard input (JSON Lines, a record a line).
STDIN = "-"
#: How the records of standard input are named (``<stdin>#3`` is its third line).
STDIN_NAME = "<stdin>"
_EMPTY_STDIN = "nothing came on standard input (pipe JSON Lines into it, a record a line)"

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Gathered:
    """The documents of the inputs (an iterator, consumed once) and the pages kept aside
    while it was consumed (take them with :meth:`take_pages`)."""

    items: Iterator[RawItem]
    pages: list[object] = field(default_factory=list)

    def take_pages(self) -> list[object]:
        """The pages read since the last call (``newsweave.web.Page`` records)."""
        taken, self.pages[:] = list(self.pages), []
        return taken


def read_url_files(paths: Sequence[str | Path]) -> list[str]:
    """The URLs listed in ``--urls`` files (one a line, ``#`` comments).

    Raises:
        InputError: a file cannot be read, or a line of it is not an http(s) URL (named, before
            anything is fetched: a list line is never read as a local path).
    """
    from newsweave.web import is_web_url, parse_url_list

    urls: list[str] = []
    for path in paths:
        try:
            listed = parse_url_list(Path(path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(
                f"cannot read the URL list {path}: {error} (give a UTF-8 text file)"
            ) from error
        for line in listed:
            if not is_web_url(line):
                raise InputError(
                    f"{path} lists {line!r}, which is not an http(s):// URL (fix the line, or "
                    "put # before it)"
                )
        urls += listed
    return urls


def input_list(inputs: str | Path | Sequence[str | Path]) -> list[str | Path]:
    """The inputs as a list: one path or URL given alone is a list of one (a string is not
    read as its characters).

    Example: ``input_list("examples")`` is ``["examples"]``.
    """
    return [inputs] if isinstance(inputs, str | Path) else list(inputs)


def gather(
    inputs: Sequence[str | Path], settings: Settings, progress: Progress | None = None
) -> Gathered:
    """The documents of files, folders, archives, URLs and standard input (``-``): files
    in the order given, then standard input, archives and URLs; a file or URL named twice
    (``a.jsonl a.jsonl``, or a file and its folder) is read once.

    Raises:
        InputError: no inputs, or a path that does not exist (before anything is read).
    """
    if not inputs:
        raise InputError("no inputs given (name files, folders or http(s):// URLs)")
    from newsweave.web import is_archive_path, is_web_url

    urls = list(dict.fromkeys(str(i) for i in inputs if is_web_url(str(i))))
    stdin = STDIN in (str(i) for i in inputs)
    files = _local_files(inputs)
    archives = [f for f in files if is_archive_path(str(f))]
    plain = [f for f in files if not is_archive_path(str(f))]
    gathered = Gathered(iter(()))
    gathered.items = _stream(plain, stdin, archives, urls, settings, gathered, progress)
    return gathered


def input_hints(inputs: Sequence[str | Path], settings: Settings) -> tuple[str, ...]:
    """Which ``--field`` flags would read fields that the tables among the inputs keep
    under other names (:func:`newsweave.ingest.headers.column_hints`), from their first
    lines only: a user is told before a long ingest, not after.

    Raises:
        InputError: a path that does not exist.

    Example: ``input_hints(["dump.csv"], Settings())`` may be ``("dump.csv: column
    'headline' may be the title: read it with --field title=headline",)``.
    """
    from newsweave.web import is_archive_path

    files = [f for f in _named_files(inputs) if not is_archive_path(str(f))]
    return tuple(dict.fromkeys(column_hints(files, settings.ingest)))  # a file named twice


def _local_files(inputs: Sequence[str | Path]) -> list[Path]:
    """Each file named, and each file of a folder named, once (not URLs or standard input).

    Raises:
        InputError: a path that does not exist.
    """
    return _first_of_each(_named_files(inputs))


def _named_files(inputs: Sequence[str | Path]) -> list[Path]:
    """Each file named, and each file of a folder named (a file named twice is twice)."""
    from newsweave.web import is_web_url

    paths = [Path(i) for i in inputs if not is_web_url(str(i)) and str(i) != STDIN]
    return [f for p in paths for f in iter_files(p)]


def _first_of_each(files: list[Path]) -> list[Path]:
    """Each file once, where it first appears (``a.txt`` and ``./a.txt`` are one file)."""
    first: dict[Path, Path] = {}
    for f in files:
        first.setdefault(f.resolve(), f)
    return list(first.values())


def _stream(
    plain: list[Path],
    stdin: bool,
    archives: list[Path],
    urls: list[str],
    settings: Settings,
    gathered: Gathered,
    progress: Progress | None,
) -> Iterator[RawItem]:
    if plain:
        yield from read_documents(plain, settings.ingest)
    if stdin:
        yield from read_jsonl_stream(
            sys.stdin.buffer, STDIN_NAME, settings.ingest, empty=_EMPTY_STDIN
        )
    for archive in archives:
        yield from _archive(archive, settings, gathered)
    if urls:
        yield from _fetched(urls, settings, gathered, progress)


def _archive(path: Path, settings: Settings, gathered: Gathered) -> Iterator[RawItem]:
    from newsweave.web import read_warc

    for item in read_warc(path, settings.web):
        if item.page is not None:
            gathered.pages.append(item.page)
        yield item.result


def _fetched(
    urls: list[str], settings: Settings, gathered: Gathered, progress: Progress | None
) -> Iterator[RawItem]:
    from newsweave.web import read_urls

    batch = read_urls(urls, settings.web, progress)
    gathered.pages.extend(batch.pages)
    yield from batch.documents
    yield from batch.rejected


def check_paths(inputs: Sequence[str]) -> list[str]:
    """The inputs that are neither URLs nor existing paths."""
    from newsweave.web import is_web_url

    return [i for i in inputs if not is_web_url(i) and i != STDIN and not Path(i).exists()]
