"""JSON inputs (``.json``): an array of records, records one after another (JSON Lines
under another name), one record, or an API's response that wraps its records in a list
(``{"status": "ok", "articles": [...]}``).

An array or a sequence of records is read a record at a time from a window of the text,
never whole, so a dump of millions of records takes the memory of a few; each record is
handed on as a table's row is (:class:`~newsweave.ingest.records.RawRecord`), named
``path#N`` by its number (from 1), and checked in a worker like a JSON Lines record. A
record that is not an object, or is over the size limit, is rejected alone (a long one is
skipped by its brackets, never held whole); text that is not JSON, or not UTF-8, keeps the
records before it and rejects the rest, saying after which record.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from newsweave.config import IngestSettings
from newsweave.ingest.compression import UNREADABLE, open_input, unreadable
from newsweave.ingest.records import RawItem, RawRecord, too_large
from newsweave.model import Rejection

__all__ = ["WRAPPER_BYTES", "read_json"]

#: Characters read into the window at a time.
CHUNK = 1 << 20
#: Largest top-level object read whole (an API response that wraps its records); a larger
#: one is rejected, naming the jq command that streams its records.
WRAPPER_BYTES = 64 << 20
_DECODER = json.JSONDecoder()
#: What a byte that is not UTF-8 reads as under ``surrogateescape`` (a JSON ``\\udc80``
#: escape is six characters of text, not this).
_UNDECODED = re.compile("[\udc80-\udcff]")
#: Stands for a record that holds bytes that are not UTF-8.
_NOT_UTF8 = object()
_SPACE = re.compile(r"[ \t\r\n]*")


class _Malformed(ValueError):
    """The text stops being JSON (the message says where)."""


class _Window:
    """The unread part of a text, read a chunk at a time."""

    def __init__(self, text: TextIO) -> None:
        self._text = text
        self.buffer = ""
        self.at = 0
        self.ended = False

    def more(self) -> bool:
        """Read another chunk (dropping what was read); False at the end of the text."""
        chunk = self._text.read(CHUNK)
        self.buffer, self.at = self.buffer[self.at :] + chunk, 0
        self.ended = not chunk
        return bool(chunk)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            self.at = _SPACE.match(self.buffer, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.buffer) or not self.more():
                return self.buffer[self.at : self.at + 1]

    def value(self, limit: int) -> tuple[object, int] | None:
        """The next JSON value and its length in characters, or None when it is longer
        than ``limit`` characters (then skipped by its brackets, never held whole).

        Raises:
            _Malformed: the text is not JSON there.
        """
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.at)
            except json.JSONDecodeError as error:
                if len(self.buffer) - self.at > limit:
                    self._skip(error)
                    return None
                if not self.more():
                    raise _Malformed(error.msg) from None
                continue
            raw = self.buffer[self.at : end]
            self.at = end
            return (_NOT_UTF8 if _UNDECODED.search(raw) else value), len(raw)

    def _skip(self, error: json.JSONDecodeError) -> None:
        """Pass over one value too long to hold: its brackets and strings are followed to
        its end; a value that is not an object or array is not JSON this long."""
        if self.buffer[self.at] not in "[{":
            raise _Malformed(error.msg)
        depth, quoted, escaped = 0, False, False
        while True:
            for k in range(self.at, len(self.buffer)):
                c = self.buffer[k]
                if quoted:
                    quoted, escaped = (quoted, False) if escaped else (c != '"', c == "\\")
                elif c == '"':
                    quoted = True
                elif c in "[{":
                    depth += 1
                elif c in "]}":
                    depth -= 1
                    if not depth:
                        self.at = k + 1
                        return
            self.at = len(self.buffer)
            if not self.more():
                raise _Malformed("the text ends inside a value")

    def expect(self, allowed: str, after: str) -> str:
        """The next character, one of ``allowed``, consumed."""
        c = self.peek()
        if not c or c not in allowed:
            shown = repr(c) if c else "the end of the text"
            raise _Malformed(f"expected {' or '.join(map(repr, allowed))} {after}, found {shown}")
        self.at += 1
        return c


def read_json(path: Path, compression: str, settings: IngestSettings) -> Iterator[RawItem]:
    """The records of a JSON file (see the module's description), or why they cannot be
    read."""
    name, number = str(path), 0
    try:
        handle = open_input(path, compression)
    except UNREADABLE as error:
        yield Rejection(name, unreadable(error, compression))
        return
    with handle:
        text = io.TextIOWrapper(
            cast(BinaryIO, handle), encoding="utf-8-sig", errors="surrogateescape"
        )
        try:
            for item in _records(_Window(text), name, settings):
                number += 1  # each record gives one item
                yield item
        except _Malformed as error:
            yield Rejection(name, f"not valid JSON ({error}); {_rest(number)}")
            return
        except UNREADABLE as error:
            yield Rejection(name, f"{unreadable(error, compression)}; {_rest(number)}")
            return
    if not number:
        yield Rejection(name, "no record in it")


def _rest(read: int) -> str:
    return f"records after {read} are not read" if read else "nothing of it was read"


def _records(window: _Window, name: str, settings: IngestSettings) -> Iterator[RawItem]:
    first = window.peek()
    if first == "[":
        window.at += 1
        yield from _array(window, name, settings)
    elif first == "{":
        yield from _objects(window, name, settings)
    elif first:
        raise _Malformed(f"a JSON file of records opens with '[' or '{{', not {first!r}")


def _array(window: _Window, name: str, settings: IngestSettings) -> Iterator[RawItem]:
    if window.peek() == "]":
        window.at += 1
        return
    number = 0
    while True:
        number += 1
        yield _record(window.value(settings.max_bytes), name, number, settings)
        if window.expect(",]", f"after record {number}") == "]":
            return


def _objects(window: _Window, name: str, settings: IngestSettings) -> Iterator[RawItem]:
    """One object, the records it wraps, or objects one after another."""
    first = window.value(WRAPPER_BYTES)
    if first is None:
        raise _Malformed(
            f"its first object is over {WRAPPER_BYTES >> 20} MiB: give its records one a "
            "line (jq -c '.KEY[]' FILE | newsweave ingest -)"
        )
    if window.peek():  # more objects follow: JSON Lines, or records written one after another
        yield _record(first, name, 1, settings)
        number = 1
        while window.peek():
            number += 1
            yield _record(window.value(settings.max_bytes), name, number, settings)
        return
    record = first[0]
    wrapped = _wrapped_records(record, settings) if isinstance(record, dict) else None
    if wrapped is None:
        yield _record(first, name, 1, settings)
        return
    for number, inner in enumerate(wrapped, start=1):
        size = len(json.dumps(inner, ensure_ascii=False))
        yield _record((inner, size), name, number, settings)


def _wrapped_records(record: Mapping[str, object], settings: IngestSettings) -> list[object] | None:
    """The list an API's response keeps its records in (``articles``, ``results``): its
    only value that is a list of objects, when it is not a record itself."""
    readable = {"text", "html"} | {key.split(".", 1)[0] for _, key in settings.field_keys()}
    if readable & set(record):
        return None
    lists = [v for v in record.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 else None


def _record(
    found: tuple[object, int] | None, name: str, number: int, settings: IngestSettings
) -> RawItem:
    source = f"{name}#{number}"
    if found is None:
        return Rejection(
            source,
            f"record {number}: record too large: more than {settings.max_bytes:,} bytes"
            " (raise NEWSWEAVE_INGEST_MAX_BYTES)",
        )
    value, size = found
    if value is _NOT_UTF8:
        return Rejection(source, f"record {number}: not UTF-8; save the file as UTF-8")
    if not isinstance(value, dict):
        return Rejection(source, f"record {number}: not a JSON object but {type(value).__name__}")
    if size * 4 > settings.max_bytes:  # characters may take up to four bytes each
        encoded = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
        if encoded > settings.max_bytes:
            return Rejection(source, too_large("record", number, encoded, settings.max_bytes))
    return RawRecord(source, number, value, settings.field_keys(), unit="record")
