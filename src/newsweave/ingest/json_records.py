"""JSON inputs (``.json``): an array of records, records one after another (JSON Lines
under another name), one record, or an API's response that wraps its records in a list
(``{"status": "ok", "articles": [...]}``).

An array or a sequence of records is read a record at a time from a window of the text,
never whole, so a dump of millions of records takes the memory of a few; each record is
handed on as a table's row is (:class:`~newsweave.ingest.records.RawRecord`), named
``path#N`` by its number (from 1), and checked in a worker like a JSON Lines record. A
record that is not an object, holds bytes that are not UTF-8, or is over the size limit is
rejected alone (a long one is passed over by its brackets and quotes, never held whole);
text that is not JSON, nesting too deep, or a compressed stream cut short keeps the records
before it and rejects the rest, saying after which record.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsweave.config import IngestSettings
from newsweave.ingest.compression import UNREADABLE, open_input, unreadable
from newsweave.ingest.records import RawItem, RawRecord, too_large, top_key
from newsweave.model import Rejection

__all__ = ["WRAPPER_BYTES", "read_json"]

#: Bytes read into the window at a time, at least.
CHUNK = 1 << 20
#: Bytes asked of the file at once (a compressed stream cut short loses no more).
READ_BLOCK = 1 << 13
#: Largest top-level object read whole (an API response that wraps its records); a larger
#: one is rejected, naming the jq command that streams its records.
WRAPPER_BYTES = 64 << 20
_DECODER = json.JSONDecoder()
#: What a byte that is not UTF-8 reads as under ``surrogateescape`` (a JSON ``\\udc80``
#: escape is six characters of text, not this).
_UNDECODED = re.compile("[\udc80-\udcff]")
_SPACE = re.compile(r"[ \t\r\n]*")
#: What :meth:`_Window._skip` follows: brackets, quotes, and a backslash with what it
#: escapes.
_STRUCTURE = re.compile(r'[\[\]{}"]|\\.', re.DOTALL)
#: Characters from the window's end within which a decoding error may be a value cut
#: there ("\\u00e" of "\\u00e9", "tru" of "true", a number's digits).
_LONGEST_TOKEN = 6


class _Malformed(ValueError):
    """The text stops being JSON (the message says where)."""


@dataclass(frozen=True, slots=True)
class _Value:
    """A JSON value read, its length in characters, and whether it holds bytes that are not
    UTF-8 (read as ``surrogateescape`` characters)."""

    value: object
    chars: int
    undecoded: bool


class _Window:
    """The unread part of a file's text, read as it is needed: a chunk at a time, or, for a
    value that goes on past the window, as much again as the window holds (so a long value
    is decoded a few times, not once a chunk). A fault of the file (a compressed stream cut
    short) ends the text there and is kept in ``fault``: the values before it are whole."""

    def __init__(self, handle: io.BufferedIOBase | BinaryIO) -> None:
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="surrogateescape")
        self.buffer = ""
        self.at = 0
        self.ended = False
        self.fault: BaseException | None = None

    def more(self) -> bool:
        """Read more (dropping what was read); False at the end of the text."""
        text = ""
        while not text and not self.ended:  # a read may end inside a character
            data = self._read(max(CHUNK, len(self.buffer) - self.at))
            text = self._decoder.decode(data, final=self.ended)
        self.buffer, self.at = self.buffer[self.at :] + text, 0
        return bool(text)

    def _read(self, size: int) -> bytes:
        """Up to ``size`` bytes, in blocks: a fault keeps the blocks read before it (a cut
        compressed stream loses at most one block of what it held)."""
        blocks: list[bytes] = []
        held = 0
        while held < size and not self.ended:
            try:
                block = self._handle.read(min(READ_BLOCK, size - held))
            except UNREADABLE as error:
                self.fault, block = error, b""
            blocks.append(block)
            held += len(block)
            self.ended = not block
        return b"".join(blocks)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            self.at = _SPACE.match(self.buffer, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.buffer) or not self.more():
                return self.buffer[self.at : self.at + 1]

    def value(self, limit: int) -> _Value | None:
        """The next JSON value, or None when it is longer than ``limit`` characters (then
        passed over unread, :meth:`_skip`).

        Raises:
            _Malformed: the text is not JSON there.
        """
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.at)
            except json.JSONDecodeError as error:
                if not _cut_short(error, len(self.buffer)):
                    raise _Malformed(error.msg.removesuffix(" at")) from None
                if len(self.buffer) - self.at > limit:
                    self._skip()
                    return None
                if not self.more():
                    raise _Malformed(error.msg.removesuffix(" at")) from None
                continue
            except RecursionError:
                raise _Malformed("nested too deeply") from None
            if end == len(self.buffer) and self.more():
                continue  # a number may go on in what was not read yet
            raw = self.buffer[self.at : end]
            self.at = end
            return _Value(value, len(raw), _UNDECODED.search(raw) is not None)

    def _skip(self) -> None:
        """Pass over one value too long to hold, an object, array or string, by following
        its brackets and quotes to its end (an escape is one token: ``\\"`` never closes a
        string), keeping no more of it than the window's last character."""
        depth, quoted = 0, False
        while True:
            last = self.at
            for match in _STRUCTURE.finditer(self.buffer, self.at):
                c, last = match.group(), match.end()
                if quoted:
                    quoted = c != '"'
                elif c == '"':
                    quoted = True
                elif c in "[{":
                    depth += 1
                elif c in "]}":
                    depth -= 1
                if not depth and not quoted:
                    self.at = last
                    return
            self.at = max(last, len(self.buffer) - 1)  # a lone backslash waits for its pair
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


def _cut_short(error: json.JSONDecodeError, size: int) -> bool:
    """Whether a decoding error may only mean that the value goes on past the window: it
    is at the window's end (a cut number, escape or literal, or a value not begun), or a
    string runs to it. Anything else is text that is not JSON, however much follows."""
    return error.pos >= size - _LONGEST_TOKEN or error.msg.startswith("Unterminated string")


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
        window = _Window(handle)
        try:
            for item in _records(window, name, settings):
                number += 1  # each record gives one item
                yield item
        except _Malformed as error:
            reason = f"not valid JSON ({error})"
            if window.fault is not None:  # the text ended there because the file did
                reason = unreadable(window.fault, compression)
            yield Rejection(name, f"{reason}; {_rest(number)}")
            return
    if window.fault is not None:
        yield Rejection(name, f"{unreadable(window.fault, compression)}; {_rest(number)}")
    elif not number:
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
    wrapped = _wrapped_records(first.value, settings)
    if wrapped is None:
        yield _record(first, name, 1, settings)
        return
    for number, inner in enumerate(wrapped, start=1):
        yield _record(_Value(inner, *_measure(inner)), name, number, settings)


def _wrapped_records(record: object, settings: IngestSettings) -> list[object] | None:
    """The list an API's response keeps its records in (``articles``, ``results``): its
    only value that is a list of objects (or empty), when it is not a record itself."""
    if not isinstance(record, dict):
        return None
    readable = {"text", "html"} | {
        k for _, key in settings.field_keys() for k in (key, top_key(key))
    }
    if readable & set(record):
        return None
    lists = [
        v
        for v in record.values()
        if isinstance(v, list) and all(isinstance(item, dict) for item in v[:1])
    ]
    return lists[0] if len(lists) == 1 else None


def _measure(value: object) -> tuple[int, bool]:
    """About the characters a decoded value takes as JSON (its strings', and a few for
    anything else), and whether it holds a byte that was not UTF-8, at any depth."""
    if isinstance(value, str):
        return len(value) + 2, _UNDECODED.search(value) is not None
    if isinstance(value, dict | list):
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        parts = [_measure(v) for v in items]
        return sum(c for c, _ in parts) + 2, any(u for _, u in parts)
    return 8, False


def _record(found: _Value | None, name: str, number: int, settings: IngestSettings) -> RawItem:
    source = f"{name}#{number}"
    if found is None:
        return Rejection(
            source,
            f"record {number}: record too large: more than {settings.max_bytes:,} bytes"
            " (raise NEWSWEAVE_INGEST_MAX_BYTES)",
        )
    value = found.value
    if found.undecoded:
        return Rejection(source, f"record {number}: not UTF-8; save the file as UTF-8")
    if not isinstance(value, dict):
        return Rejection(source, f"record {number}: not a JSON object but {type(value).__name__}")
    if found.chars * 4 > settings.max_bytes:  # characters may take up to four bytes each
        encoded = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
        if encoded > settings.max_bytes:
            return Rejection(source, too_large("record", number, encoded, settings.max_bytes))
    return RawRecord(source, number, value, settings.field_keys(), unit="record")
