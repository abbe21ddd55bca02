"""CSV inputs: a header row names the fields, and each row becomes a JSON Lines record.

A row is handed on as the record a JSON Lines line would hold, so one decoder
(:func:`newsweave.ingest.readers.document_of`, in a worker) reads both, with the same field
names, ``ingest.fields`` mapping and checks.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from newsweave.config import IngestSettings
from newsweave.ingest.compression import UNREADABLE, open_input, unreadable
from newsweave.ingest.records import RawItem, RawLine
from newsweave.model import Rejection

__all__ = ["read_csv"]


def read_csv(path: Path, compression: str, settings: IngestSettings) -> Iterator[RawItem]:
    """The rows of a CSV file with a header row, each a record as a JSON Lines line holds
    it (the header names its fields; ``ingest.fields`` maps other names), named
    ``path#N`` with ``N`` the line its row starts on. A file whose header has no text column
    is rejected whole, saying so; a row that stops reading the file rejects the rest."""
    name = str(path)
    try:
        handle = open_input(path, compression)
    except UNREADABLE as error:
        yield Rejection(name, unreadable(error, compression))
        return
    keys, start = settings.field_keys(), 1
    with io.TextIOWrapper(cast(BinaryIO, handle), encoding="utf-8-sig", newline="") as text:
        rows = csv.reader(text)
        _allow_fields(settings.max_bytes)
        try:
            header = [h.strip() for h in next(rows, [])]
            if not any(header):
                yield Rejection(name, "empty file")
                return
            missing = _no_text_column(header, keys)
            if missing:
                yield Rejection(name, missing)
                return
            start, seen = rows.line_num + 1, False
            for row in rows:
                number, start = start, rows.line_num + 1
                if any(cell.strip() for cell in row):
                    seen = True
                    yield _csv_record(name, number, header, row, keys, settings.max_bytes)
            if not seen:
                yield Rejection(name, "no rows after its header")
        except (csv.Error, UnicodeDecodeError, *UNREADABLE) as error:
            where = (
                f"lines after {start - 1} are not read"
                if rows.line_num
                else "nothing of it was read"
            )
            yield Rejection(name, f"{_csv_fault(error, compression)}; {where}")


def _csv_record(
    name: str,
    number: int,
    header: list[str],
    row: list[str],
    keys: tuple[tuple[str, str], ...],
    max_bytes: int,
) -> RawLine | Rejection:
    source = f"{name}#{number}"
    if len(row) != len(header):
        return Rejection(
            source,
            f"line {number}: {len(row)} cells where the header has {len(header)} (a quote "
            "left open, or a delimiter inside an unquoted cell?)",
        )
    record = {column: cell for column, cell in zip(header, row, strict=True) if column}
    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    if len(line) > max_bytes:
        return Rejection(
            source,
            f"line {number}: record too large: {len(line):,} bytes > {max_bytes:,} (raise "
            "NEWSWEAVE_INGEST_MAX_BYTES)",
        )
    return RawLine(source, number, line, keys)


def _no_text_column(header: list[str], keys: tuple[tuple[str, str], ...]) -> str:
    """Why no row of a CSV file with this header can have a text, or ""."""
    columns = set(header)
    readable = {"text", "html"} & columns
    readable |= {f for f, k in keys if f in ("text", "html") and k in columns}
    if readable:
        return ""
    shown = ", ".join(repr(h) for h in header[:8]) + (", ..." if len(header) > 8 else "")
    return (
        f"its header ({shown}) has no 'text' or 'html' column: read one with --field "
        "text=COLUMN (e.g. --field text=content)"
    )


def _csv_fault(error: BaseException, compression: str) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 ({error.reason}); save it as UTF-8"
    if isinstance(error, csv.Error):
        return f"not readable as CSV ({error})"
    return unreadable(error, compression)


def _allow_fields(max_bytes: int) -> None:
    """Let the csv module read a cell as long as a record may be (its limit is 128 KiB)."""
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)
