"""Reading files and folders of .txt, .html/.htm and .jsonl into raw documents.

Each reader yields :class:`RawDocument` or :class:`Rejection`; one bad
document never stops the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsweave.config import IngestSettings
from newsweave.errors import DocumentError, InputError
from newsweave.ingest.encodings import decode_bytes
from newsweave.ingest.html import extract_html
from newsweave.ingest.records import FIELDS, RawDocument, RawItem, RawLine, parse_published
from newsweave.model import Rejection

__all__ = ["SUFFIXES", "document_of", "iter_files", "read_file"]

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
#: Half of a UTF-16 pair on its own: JSON can write it (``"\\ud83d"``), UTF-8 cannot hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_HINT = "use .txt, .html, .htm or .jsonl"


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
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Rejection(source, f"unsupported file type {suffix or '(none)'} ({_HINT})")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, settings)
        return
    try:
        yield _read_single(path, suffix, settings)
    except DocumentError as error:
        yield Rejection(source, str(error))
    except OSError as error:
        yield Rejection(source, f"cannot be read: {error.strerror} (check its permissions)")


def _read_single(path: Path, suffix: str, settings: IngestSettings) -> RawDocument:
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise DocumentError(
            f"too large: {size:,} bytes > {settings.max_bytes:,} (split it, or raise "
            "NEWSWEAVE_INGEST_MAX_BYTES)"
        )
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError("empty file")
    text = decode_bytes(data)
    if suffix == ".txt":
        return RawDocument(str(path), text)
    return _from_html(str(path), text, {})


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


def _read_jsonl(path: Path, settings: IngestSettings) -> Iterator[RawLine | Rejection]:
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Rejection(str(path), f"cannot be read: {error.strerror} (check its permissions)")
        return
    with handle:
        seen_text = False
        for number, line in enumerate(_capped_lines(handle, settings.max_bytes), start=1):
            if not line.strip():
                continue
            seen_text = True
            source = f"{path}#{number}"
            if len(line) > settings.max_bytes:
                yield Rejection(
                    source,
                    f"line {number}: record too large: {len(line):,} bytes > "
                    f"{settings.max_bytes:,} (raise NEWSWEAVE_INGEST_MAX_BYTES)",
                )
            else:
                yield RawLine(source, number, line)
    if not seen_text:
        yield Rejection(str(path), "empty file")


def _capped_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes]:
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


def document_of(item: RawDocument | RawLine) -> RawDocument:
    """The document itself, or a JSON Lines record decoded.

    Raises:
        DocumentError: the record is not UTF-8, not a JSON object, has no text, or a field
            is invalid (the message starts with its line number).
    """
    if isinstance(item, RawDocument):
        return item
    try:
        return _jsonl_record(item.source, item.line, item.number)
    except DocumentError as error:
        raise DocumentError(f"line {item.number}: {error}") from None


def _may_hold_surrogate(line: bytes) -> bool:
    """Whether a JSON line may decode to a lone surrogate: only a ``\\uD800``-``\\uDFFF``
    escape makes one (UTF-8 cannot hold it), so the text of a line without ``\\ud`` is not
    searched for one."""
    return b"\\ud" in line or b"\\uD" in line


def _jsonl_record(source: str, line: bytes, number: int) -> RawDocument:
    try:
        record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as error:
        raise DocumentError(f"not UTF-8 ({error.reason}); JSON Lines must be UTF-8") from None
    except json.JSONDecodeError as error:
        what = error.msg.removesuffix(" at")  # "Invalid control character at"
        raise DocumentError(f"not valid JSON ({what} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise DocumentError(f"not a JSON object but {type(record).__name__}")
    given = _given_fields(record)
    text, html = record.get("text"), record.get("html")
    if _may_hold_surrogate(line):
        _refuse_surrogates({"text": text, "html": html, **given})
    if isinstance(text, str) and text.strip():
        return RawDocument(source, text, given)
    if isinstance(html, str) and html.strip():
        return _from_html(source, html, given)
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise DocumentError(f"field '{name}' must be a string, got {type(value).__name__}")
    raise DocumentError("no 'text' or 'html' field with content")


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
        if isinstance(value, int | float) and not isinstance(value, bool) and name == "id":
            value = str(value)
        if not isinstance(value, str):
            raise DocumentError(f"field '{name}' must be a string, got {type(value).__name__}")
        if value.strip():
            given[name] = parse_published(value) if name == "published" else value.strip()
    return given
