"""The column names of table inputs, read before their rows, for the hints of
:mod:`newsweave.ingest.columns`: a CSV or TSV file's header, a Parquet file's schema, the
keys of a JSON Lines file's first record. A file that cannot be read here gives no hint
(its reader says why it cannot be read).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, cast

from newsweave.config import IngestSettings
from newsweave.ingest.columns import field_hints, hint_message
from newsweave.ingest.compression import UNREADABLE, file_type, open_input
from newsweave.ingest.csv_rows import DELIMITERS
from newsweave.ingest.json_records import read_json
from newsweave.ingest.records import RawRecord

__all__ = ["HINTED_FILES", "column_hints", "file_columns"]

#: Table inputs looked at for hints, at most (the first of a folder of one-record files
#: speak for the rest; each costs an open and a first record).
HINTED_FILES = 100
#: The types of input whose column names are read for hints.
_TABLES = (".csv", ".tsv", ".json", ".jsonl", ".parquet")
#: The Parquet value types a field can be read from (nested ones cannot).
_FLAT_TYPES = (
    "string",
    "large_string",
    "binary",
    "large_binary",
    "int",
    "uint",
    "float",
    "double",
    "decimal",
    "timestamp",
    "date",
)


def column_hints(files: Iterable[Path], settings: IngestSettings) -> tuple[str, ...]:
    """For the table inputs that keep fields under names :mod:`~newsweave.ingest.columns`
    recognises, which ``--field`` flags read them (``"dump.csv: column 'headline' may be
    the title: read it with --field title=headline"``), one line for all the files a hint
    fits ("a.json and 41 more files: ..."), from the first :data:`HINTED_FILES` tables. A
    CSV, TSV or Parquet table without a text column is not hinted here: its rejection names
    every flag (a JSON Lines record's names only its text)."""
    keys = settings.field_keys()
    fits: dict[str, list[Path]] = {}
    tables = (p for p in files if file_type(p)[0] in _TABLES)
    for path in itertools.islice(tables, HINTED_FILES):
        columns = file_columns(path, settings)
        if columns is None:
            continue
        found = field_hints(columns, keys)
        records = file_type(path)[0] in (".json", ".jsonl")
        if found and (records or found[0][0] not in ("text", "html")):
            fits.setdefault(hint_message(found, "key" if records else "column"), []).append(path)
    return tuple(f"{_named(paths)}: {message}" for message, paths in fits.items())


def _named(paths: list[Path]) -> str:
    if len(paths) == 1:
        return str(paths[0])
    return f"{paths[0]} and {len(paths) - 1} more file{'s' if len(paths) > 2 else ''}"


def file_columns(path: Path, settings: IngestSettings) -> list[str] | None:
    """The names a table input gives its fields, or None (not a table, or unreadable):
    for JSON Lines, the keys of the first record whose value is text or a number, and of
    a nested object's such values as ``--field`` names them (``source.name``); a Parquet
    struct's fields alike."""
    suffix, compression = file_type(path)
    try:
        if suffix in DELIMITERS:
            return _header(path, compression, DELIMITERS[suffix])
        if suffix == ".jsonl":
            return _first_keys(path, compression, settings.max_bytes)
        if suffix == ".json":
            first = next(read_json(path, compression, settings), None)
            return _leaf_names(dict(first.record)) if isinstance(first, RawRecord) else None
        if suffix == ".parquet" and not compression:
            return _schema_names(path)
    except (*UNREADABLE, UnicodeDecodeError, csv.Error, RecursionError):
        return None
    return None


def _header(path: Path, compression: str, delimiter: str) -> list[str] | None:
    with open_input(path, compression) as handle:
        text = io.TextIOWrapper(cast(BinaryIO, handle), encoding="utf-8-sig", newline="")
        header = next(csv.reader(text, delimiter=delimiter), None)
    return [h.strip() for h in header] if header else None


def _first_keys(path: Path, compression: str, max_bytes: int) -> list[str] | None:
    with open_input(path, compression) as handle:
        line = b" "
        while line and not line.strip():
            line = handle.readline(max_bytes + 1)
    if not line or len(line) > max_bytes:
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    return _leaf_names(record)


def _leaf_names(record: dict[str, object]) -> list[str]:
    """The keys of text or number values, and a nested object's as ``key.inner``."""
    names = []
    for key, value in record.items():
        inner = [(f"{key}.{k}", v) for k, v in value.items()] if isinstance(value, dict) else []
        for name, leaf in [(key, value), *inner]:
            if isinstance(leaf, str | int | float) and not isinstance(leaf, bool):
                names.append(name)
    return names


def _schema_names(path: Path) -> list[str] | None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
        from pyarrow import ArrowException
    except ImportError:
        return None
    try:
        schema = pq.read_schema(path)
    except (ArrowException, OSError):
        return None
    names = []
    for column in schema:
        if isinstance(column.type, pa.StructType):
            fields = [column.type.field(k) for k in range(column.type.num_fields)]
            names += [f"{column.name}.{f.name}" for f in fields if _flat(f.type)]
        elif _flat(column.type):
            names.append(column.name)
    return names


def _flat(kind: object) -> bool:
    return str(kind).startswith(_FLAT_TYPES)
