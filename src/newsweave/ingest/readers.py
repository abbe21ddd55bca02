"""Reading files and folders of .txt, .html/.htm, .json, .jsonl, .csv, .tsv and .parquet into
raw documents.

Each reader yields :class:`RawDocument` or :class:`Rejection`; one bad
document never stops the others. A file compressed as a whole (``dump.jsonl.gz``: how news
dumps are shipped, :mod:`newsweave.ingest.compression`) is read as the file it holds; a file
that stops decoding part way keeps what was read before and is rejected from there on, with
the reason. CSV and TSV rows become JSON Lines records in :mod:`newsweave.ingest.csv_rows`,
Parquet rows in :mod:`newsweave.ingest.parquet_rows`, a JSON file's records in
:mod:`newsweave.ingest.json_records`.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsweave.config import IngestSettings
from newsweave.errors import DocumentError, InputError
from newsweave.ingest.columns import field_flags, nameable
from newsweave.ingest.compression import UNREADABLE, file_type, open_input, unreadable
from newsweave.ingest.csv_rows import DELIMITERS, read_csv
from newsweave.ingest.encodings import decode_bytes
from newsweave.ingest.html import extract_html
from newsweave.ingest.json_records import read_json
from newsweave.ingest.parquet_rows import read_parquet
from newsweave.ingest.records import (
    FIELDS,
    RawDocument,
    RawItem,
    RawLine,
    RawPage,
    RawRecord,
    parse_published,
    published_from_number,
    too_large,
    value_at,
)
from newsweave.model import Rejection

__all__ = [
    "SUFFIXES",
    "document_of",
    "iter_files",
    "read_file",
    "read_jsonl_stream",
]

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".csv", ".tsv", ".parquet")
#: Half of a UTF-16 pair on its own: JSON can write it (``"\\ud83d"``), UTF-8 cannot hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_HINT = (
    "use .txt, .html, .htm, .json, .jsonl (.ndjson), .csv or .tsv, each may be compressed as "
    ".gz, .bz2 or .xz; or .parquet"
)


def iter_files(path: Path) -> Iterator[Path]:
    """``path`` itself, or every non-hidden file below it, in sorted order.

    Raises:
        InputError: ``path`` does not exist.
    """
    if not path.exists():
        raise InputError(f"input not found: {path} (check the path)")
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        relative = child.relative_to(path).parts
        if child.is_file() and not any(part.startswith(".") for part in relative):
            yield child


def read_file(path: Path, settings: IngestSettings) -> Iterator[RawItem]:
    """The documents of one file (several for JSONL), or why they cannot be read."""
    source = str(path)
    suffix, compression = file_type(path)
    if suffix not in SUFFIXES:
        named = "".join(path.suffixes[-2:]).lower() if compression else suffix
        yield Rejection(source, f"unsupported file type {named or '(none)'} ({_HINT})")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, compression, settings)
        return
    if suffix == ".json":
        yield from read_json(path, compression, settings)
        return
    if suffix in DELIMITERS:
        yield from read_csv(path, compression, settings, DELIMITERS[suffix])
        return
    if suffix == ".parquet":
        yield from read_parquet(path, compression, settings)
        return
    try:
        yield _read_single(path, suffix, compression, settings)
    except DocumentError as error:
        yield Rejection(source, str(error))
    except UNREADABLE as error:
        yield Rejection(source, unreadable(error, compression))


def _too_large(size: str) -> DocumentError:
    return DocumentError(f"too large: {size} (split it, or raise NEWSWEAVE_INGEST_MAX_BYTES)")


def _read_single(
    path: Path, suffix: str, compression: str, settings: IngestSettings
) -> RawDocument | RawPage:
    if not compression:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise _too_large(f"{size:,} bytes > {settings.max_bytes:,}")
    with open_input(path, compression) as handle:  # a compressed file's size shows as it is read
        data = handle.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise _too_large(f"more than {settings.max_bytes:,} bytes once decompressed")
    if not data.strip():
        raise DocumentError("empty file")
    text = decode_bytes(data)
    if suffix == ".txt":
        return RawDocument(str(path), text)
    return RawPage(str(path), text)  # extracted in a worker


def _from_html(source: str, html: str, given: dict[str, str]) -> RawDocument:
    """A saved page (or a JSON Lines ``html`` field): its text, and its metadata read as a
    fetched page's is (meta tags and JSON-LD first: a time of publication is kept)."""
    from newsweave.web.metadata import page_metadata
    from newsweave.web.pages import merge_metadata

    page = extract_html(html)
    found = merge_metadata(page_metadata(html, ""), page, {})
    canonical = found.pop("canonical", None)
    if canonical is not None:
        found["url"] = canonical
    elif page.url:
        found["url"] = (page.url, "the HTML page's metadata (trafilatura)")
    return RawDocument(source, page.text, given, found)


def _read_jsonl(
    path: Path, compression: str, settings: IngestSettings
) -> Iterator[RawLine | Rejection]:
    try:
        handle = open_input(path, compression)
    except UNREADABLE as error:
        yield Rejection(str(path), unreadable(error, compression))
        return
    with handle:
        yield from read_jsonl_stream(handle, str(path), settings, compression)


def read_jsonl_stream(
    handle: io.BufferedIOBase | BinaryIO,
    name: str,
    settings: IngestSettings,
    compression: str = "",
    empty: str = "empty file",
) -> Iterator[RawLine | Rejection]:
    """The records of a JSON Lines stream (a file, or standard input), each named
    ``name#line``, as lines not yet decoded; a stream that stops reading part way keeps its
    whole lines before the fault and is rejected from there on; one with no record at all
    is rejected as ``empty``."""
    seen_text, number, keys = False, 0, settings.field_keys()
    lines = enumerate(_capped_lines(handle, settings.max_bytes), start=1)
    while True:
        try:
            number, line = next(lines)
        except StopIteration:
            break
        except UNREADABLE as error:  # the lines before it were whole: they stay read
            rest = f"lines after {number} are not read" if number else "nothing of it was read"
            yield Rejection(name, f"{unreadable(error, compression)}; {rest}")
            return
        if not line.strip():
            continue
        seen_text = True
        source = f"{name}#{number}"
        if len(line) > settings.max_bytes:
            yield Rejection(source, too_large("line", number, len(line), settings.max_bytes))
        else:
            yield RawLine(source, number, line, keys)
    if not seen_text:
        yield Rejection(name, empty)


def _capped_lines(handle: io.BufferedIOBase | BinaryIO, max_bytes: int) -> Iterator[bytes]:
    """Lines of a binary file; a line longer than ``max_bytes`` is yielded cut to
    ``max_bytes + 1`` bytes (so it is rejected as too large) and never held whole in memory."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def document_of(item: RawDocument | RawLine | RawRecord | RawPage) -> RawDocument:
    """The document itself, a JSON Lines record (or a table's row) read, or a page's article
    extracted.

    Raises:
        DocumentError: the record is not UTF-8, not a JSON object, has no text, or a field
            is invalid (the message starts with its line, or row, number); the page has no
            main text.
    """
    if isinstance(item, RawDocument):
        return item
    if isinstance(item, RawPage):
        return _from_html(item.source, item.html, {})
    try:
        if isinstance(item, RawRecord):
            return _record_document(item.source, dict(item.record), item.keys, True)
        return _jsonl_record(item.source, item.line, item.number, item.keys)
    except DocumentError as error:
        unit = item.unit if isinstance(item, RawRecord) else "line"
        raise DocumentError(f"{unit} {item.number}: {error}") from None


def _may_hold_surrogate(line: bytes) -> bool:
    """Whether a JSON line may decode to a lone surrogate: only a ``\\uD800``-``\\uDFFF``
    escape makes one (UTF-8 cannot hold it), so the text of a line without ``\\ud`` is not
    searched for one. (Most lines hold no ``\\u`` at all, and one search for it is quicker
    than two for ``\\ud`` and ``\\uD``: JSON text is full of backslashes.)"""
    return b"\\u" in line and (b"\\ud" in line or b"\\uD" in line)


def _jsonl_record(
    source: str, line: bytes, number: int, keys: tuple[tuple[str, str], ...] = ()
) -> RawDocument:
    try:
        record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as error:
        raise DocumentError(f"not UTF-8 ({error.reason}); JSON Lines must be UTF-8") from None
    except json.JSONDecodeError as error:
        what = error.msg.removesuffix(" at")  # "Invalid control character at"
        raise DocumentError(f"not valid JSON ({what} at column {error.colno})") from None
    except RecursionError:
        raise DocumentError("not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise DocumentError(f"not a JSON object but {type(record).__name__}")
    return _record_document(source, record, keys, _may_hold_surrogate(line))


def _record_document(
    source: str, record: dict[str, object], keys: tuple[tuple[str, str], ...], surrogates: bool
) -> RawDocument:
    """The document of a record (a decoded JSON Lines line, a table's row): its text or
    html, and its fields checked (``surrogates``: whether a string may hold a lone one)."""
    if keys:
        record = _renamed(record, keys)
    given = _given_fields(record)
    text, html = record.get("text"), record.get("html")
    if surrogates:
        _refuse_surrogates({"text": text, "html": html, **given})
    if isinstance(text, str) and text.strip():
        return RawDocument(source, text, given)
    if isinstance(html, str) and html.strip():
        return _from_html(source, html, given)
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise DocumentError(f"field '{name}' must be a string, got {type(value).__name__}")
    raise DocumentError("no 'text' or 'html' field with content" + _text_elsewhere(record))


def _renamed(record: dict[str, object], keys: tuple[tuple[str, str], ...]) -> dict[str, object]:
    """The record with each ``key`` it holds (a dotted path reaching into nested objects:
    :func:`~newsweave.ingest.records.value_at`) read as its ``field`` (``ingest.fields``)."""
    out = dict(record)
    for field, key in keys:
        held, value = value_at(record, key)
        if held:
            out[field] = value
    return out


#: A string this long under another name is likely the record's text.
_LIKELY_TEXT_CHARS = 200


def _text_elsewhere(record: dict[str, object]) -> str:
    """A hint when a record holds its text under another name (a dump's 'body' or
    'content'): which fields, and how to rename them."""
    long = [
        k
        for k, v in record.items()
        if k not in ("text", "html") and isinstance(v, str) and len(v) >= _LIKELY_TEXT_CHARS
    ][:3]
    if not long:
        return ""
    named = ", ".join(f"'{k}'" for k in long)
    path = f".{long[0]}" if long[0].isidentifier() else f".[{json.dumps(long[0])}]"
    field = "html" if _MARKUP.search(str(record[long[0]])) else "text"
    how = (
        field_flags([(field, long[0])])
        if nameable(long[0])
        else f"jq -c '.{field} = {path}' FILE | newsweave ingest -"
    )
    return f"; its text may be in {named}: read it as '{field}' with {how}"


#: A tag that says a string is a page's markup, not its text.
_MARKUP = re.compile(r"</?(?:p|div|br|article|body|html|span|h[1-6])\b", re.IGNORECASE)


def _refuse_surrogates(fields: dict[str, object]) -> None:
    for name, value in fields.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            raise DocumentError(
                f"field '{name}' holds an unpaired surrogate escape such as \\ud83d (JSON for "
                "half a character): write the character itself or both halves of its pair"
            )


def _given_fields(record: dict[str, object]) -> dict[str, str]:
    given = {}
    for name in FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            if name == "published":  # a Unix time, as many dumps write it
                given[name] = published_from_number(value)
                continue
            if name == "id":
                value = str(value)
        if not isinstance(value, str):
            raise DocumentError(f"field '{name}' must be a string, got {type(value).__name__}")
        if value.strip():
            given[name] = parse_published(value) if name == "published" else value.strip()
    return given
