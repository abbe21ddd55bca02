"""Web archives through warcio: ``.warc``, ``.warc.gz`` and ``.arc.gz`` files (e.g. Common
Crawl's news crawl), each HTML response an article with its URL and capture date.

Only ``response`` records of http(s) URLs are documents; request, metadata, revisit and
warcinfo records describe a crawl and are passed over. Every other response (an error
status, an image, a captured redirect, a repeat of an article) is rejected with its reason.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from newsweave.config import WebSettings
from newsweave.model import Rejection
from newsweave.web.identity import ArticleSet
from newsweave.web.page_pool import PagePool, read_pages
from newsweave.web.records import Response, WebItem
from newsweave.web.urls import normalize_url

__all__ = ["archive_responses", "read_archive", "read_warc"]

_DECODED = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def read_warc(path: str | Path, settings: WebSettings) -> Iterator[WebItem]:
    """The articles of a WARC/ARC file, in file order, each with its archived :class:`Page`
    (a large archive's pages are read on every core, :class:`PagePool`).

    Example: ``[item.result for item in read_warc("news.warc.gz", WebSettings())]``
    """
    source = str(path)
    try:
        with Path(path).open("rb") as handle, PagePool() as pool:
            yield from read_archive(handle, source, settings, ArticleSet(), pool)
    except OSError as error:
        yield WebItem(source, None, Rejection(source, f"cannot be read: {error.strerror}"))


def read_archive(
    stream: BinaryIO,
    origin: str,
    settings: WebSettings,
    articles: ArticleSet,
    pool: PagePool | None = None,
) -> Iterator[WebItem]:
    """The articles of an archive read from ``stream`` (named ``origin`` in reasons), each
    read once across ``articles`` (shared with a crawl that found the archive); the pages
    are read in ``pool`` when one is given and the archive is large, in file order still."""
    responses = archive_responses(stream, origin, settings.max_bytes)
    for item, reading in read_pages(responses, pool):
        if isinstance(item, Rejection):
            yield WebItem(item.source, None, item)
        elif reading is None:
            target = item.headers["location"]
            reason = f"a captured redirect (HTTP {item.status}) to {target}, not an article"
            yield WebItem(item.url, None, Rejection(item.url, reason))
        else:
            yield articles.accept(item, item.url, reading)


def archive_responses(
    stream: BinaryIO, origin: str, max_bytes: int
) -> Iterator[Response | Rejection]:
    """Every http(s) response record of an archive as a :class:`Response` (body decoded,
    ``record`` = ``"<origin>@<offset>"``); a record over ``max_bytes`` or a corrupt archive
    as a :class:`Rejection`."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count, last, told = 0, 0, False  # told: the last record was rejected as cut short
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            if record.rec_type not in _RECORD_TYPES:  # a header cut off ("res"): the rest is lost
                yield Rejection(
                    origin,
                    f"the archive is cut short or corrupt after {count} responses (a record "
                    f"of no WARC type, {record.rec_type!r}, at byte {records.get_record_offset()})",
                )
                return
            url = normalize_url(record.rec_headers.get_header("WARC-Target-URI") or "")
            if record.rec_type != "response" or record.http_headers is None or url is None:
                last, told = records.get_record_offset(), False  # (asking skips the content)
                continue
            count += 1
            read = _response(record, url, max_bytes)  # before the offset, which skips the record
            last = records.get_record_offset()
            told = isinstance(read, Rejection) and read.reason == _CUT_REASON
            where = f"{origin}@{last}"
            yield read if isinstance(read, Rejection) else replace(read, record=where)
    except ArchiveLoadFailed as error:
        if count or last:  # records were read: the archive breaks off after them
            yield Rejection(
                origin,
                f"the archive is cut short or corrupt after {count} responses "
                f"({_first_line(error)})",
            )
        else:
            yield Rejection(origin, f"not a readable WARC or ARC file ({_first_line(error)})")
        return
    except Exception as error:  # warcio fails on corrupt input with many kinds of error
        detail = f"{type(error).__name__}: {error}"
        yield Rejection(
            origin, f"the archive is corrupt or cut short after {count} responses ({detail})"
        )
        return
    if not told and _cut_short(stream, last, records.offset):
        yield Rejection(
            origin,
            f"the archive is cut short after {count} responses: it ends inside a record "
            "(what followed is lost; fetch or copy the archive again)",
        )
    elif count == 0:
        yield Rejection(origin, "no http(s) responses in the archive (is it a WARC or ARC file?)")


def _cut_short(stream: BinaryIO, last: int, end: int) -> bool:
    """Whether the archive ends inside a record, which the reader passes over without a
    word: bytes that are not blank after the end of the last whole record, or (compressed)
    a last record whose gzip member has no end. False when the stream cannot be re-read."""
    try:
        if not stream.seekable():
            return False
        stream.seek(end)
        if stream.read().strip():
            return True
        stream.seek(last)
        tail = stream.read()
    except (OSError, ValueError):
        return False
    if not tail.startswith(b"\x1f\x8b"):
        return False
    member = zlib.decompressobj(wbits=31)
    try:
        member.decompress(tail)
    except zlib.error:
        return True
    return not member.eof


#: The record types of WARC 1.0 and 1.1 (an ARC file's records are read as WARC ones).
_RECORD_TYPES = frozenset(
    {
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    }
)


_CUT_REASON = "the archived response is cut short (the archive is truncated)"


def _response(record: Any, url: str, max_bytes: int) -> Response | Rejection:
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Rejection(url, f"too large: more than {max_bytes:,} bytes (raise web.max_bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Rejection(url, _CUT_REASON)
    try:
        status = int(record.http_headers.get_statuscode() or 0)
    except ValueError:
        return Rejection(url, "unreadable HTTP status line in the archive")
    headers: dict[str, str] = {}
    for name, value in record.http_headers.headers:
        key = name.lower()
        if key not in _DECODED:
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
    captured = record.rec_headers.get_header("WARC-Date") or ""
    return Response(url, url, status, headers, body, captured)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
