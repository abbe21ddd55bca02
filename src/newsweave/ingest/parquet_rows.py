"""Parquet inputs: each row of a table becomes a JSON Lines record (pyarrow reads them).

News dumps that datasets hubs and data lakes share are Parquet tables (a column per
field). Only the columns newsweave reads are read (``id``, ``title``, ``text``, ``html``,
``url``, ``outlet``, ``published``, ``language``, and those ``ingest.fields`` names), a
batch of rows at a time, so a wide or large table costs what its text costs. A row is
handed on as the record a JSON Lines line would hold (:class:`RawRecord`), so one decoder
(:func:`newsweave.ingest.readers.document_of`, in a worker) reads every input, with the
same checks; a time column (a Parquet timestamp or date) becomes the ISO 8601 time it holds.

pyarrow is an optional dependency (``pip install 'newsweave[parquet]'``); without it a
Parquet file is rejected saying so, and the rest of the batch is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from newsweave.config import IngestSettings
from newsweave.ingest.records import (
    FIELDS,
    RawItem,
    RawRecord,
    no_text_column,
    too_large,
    top_key,
)
from newsweave.model import Rejection

__all__ = ["BATCH_ROWS", "read_parquet"]

#: Rows read from a table at a time (a batch of news texts is a few megabytes).
BATCH_ROWS = 1024
#: The fields a record may have besides FIELDS.
_TEXTS = ("text", "html")


def read_parquet(path: Path, compression: str, settings: IngestSettings) -> Iterator[RawItem]:
    """The rows of a Parquet file, each a record as a JSON Lines line holds it (the columns
    name its fields; ``ingest.fields`` maps other names), named ``path#N`` with ``N`` the
    row's number (from 1). A file that is not Parquet, or whose columns hold no text, is
    rejected whole, saying so; a row too large is rejected alone; a fault part way (a
    damaged row group) keeps the rows before it and rejects the rest."""
    name = str(path)
    if compression:
        yield Rejection(
            name,
            f"a Parquet file compresses its own columns: give it as {path.stem} "
            f"(decompress the {compression} file first)",
        )
        return
    try:
        import pyarrow.parquet as pq
        from pyarrow import ArrowException
    except ImportError:
        yield Rejection(
            name,
            "reading Parquet needs pyarrow: pip install 'newsweave[parquet]' "
            "(or pip install pyarrow)",
        )
        return
    keys = settings.field_keys()
    try:
        table = pq.ParquetFile(path)
        columns = list(table.schema_arrow.names)
    except (ArrowException, OSError) as error:
        yield Rejection(name, f"not a readable Parquet file ({_first_line(error)})")
        return
    missing = no_text_column(columns, keys, "columns")
    if missing:
        yield Rejection(name, missing)
        return
    wanted = set(FIELDS) | set(_TEXTS) | {k for _, key in keys for k in (key, top_key(key))}
    read = [c for c in columns if c in wanted]
    number = 0
    try:  # a row group at a time: one that is damaged stops the reading there
        for group in range(table.num_row_groups):
            batches = table.iter_batches(batch_size=BATCH_ROWS, row_groups=[group], columns=read)
            for batch in batches:
                names = batch.schema.names
                for values in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                    number += 1
                    yield _parquet_record(name, number, names, values, keys, settings.max_bytes)
    except (ArrowException, OSError, ValueError) as error:
        rest = f"rows after {number} are not read" if number else "nothing of it was read"
        yield Rejection(name, f"not readable as Parquet ({_first_line(error)}); {rest}")
        return
    if not number:
        yield Rejection(name, "no rows")


def _parquet_record(
    name: str,
    number: int,
    columns: list[str],
    values: tuple[Any, ...],
    keys: tuple[tuple[str, str], ...],
    max_bytes: int,
) -> RawRecord | Rejection:
    source = f"{name}#{number}"
    try:
        record = {c: _plain(v) for c, v in zip(columns, values, strict=True) if v is not None}
    except ValueError as error:
        return Rejection(source, f"row {number}: {error}")
    size = sum(_size(v) for v in record.values())
    if size > max_bytes:
        return Rejection(source, too_large("row", number, size, max_bytes))
    return RawRecord(source, number, record, keys, unit="row")


def _size(value: object) -> int:
    """About the bytes a value takes as JSON (text as UTF-8, a nested object its values)."""
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    return 16


def _plain(value: object) -> object:
    """A Parquet value as the JSON value a dump would write for it: a time or date as its
    ISO 8601 text, a decimal as a number, binary as the UTF-8 text it holds, a struct as
    an object of such values (``--field outlet=source.name`` reads into it)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("a binary column holds bytes that are not UTF-8 text") from None
    return value


def _first_line(error: BaseException) -> str:
    """The first line of pyarrow's message, with any byte of the file it quotes made safe."""
    text = str(error).strip() or type(error).__name__
    return "".join(c if c.isprintable() else "?" for c in text.splitlines()[0])
