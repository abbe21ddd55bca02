"""CSV and TSV inputs: a header row names the fields, and each row becomes a JSON Lines record.

A row is handed on as the record a JSON Lines line would hold (:class:`RawRecord`), so one decoder
(:func:`newsweave.ingest.readers.document_of`, in a worker) reads both, with the same field
names, ``ingest.fields`` mapping and checks. A row holding bytes that are not UTF-8 is
rejected alone, as a JSON Lines line would be; the rows around it are read.

TSV comes two ways: quoted as CSV is (pandas, spreadsheets: a cell that opens with ``"`` runs
to its closing ``"``), or plain (IANA's text/tab-separated-values: no quoting, a cell ends at
a tab). A news text often opens with a quotation (``"We will win," he said``); read as quoted,
its marks would be lost, and one that never closes would swallow the rows after it. So the
file's first cell that opens with a quote decides (:func:`tsv_quoting`, on the 64 KiB from
its line): a quote that closes inside a cell, or never closes, is something only plain TSV
writes, and then every quote mark is kept as text. (A file with no such cell reads the same
either way.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal, cast

from newsweave.config import IngestSettings
from newsweave.ingest.compression import UNREADABLE, open_input, unreadable
from newsweave.ingest.records import RawItem, RawRecord, no_text_column, too_large
from newsweave.model import Rejection

__all__ = ["DELIMITERS", "SNIFF_CHARS", "read_csv", "tsv_quoting"]

#: The cell delimiter of each table suffix.
DELIMITERS = {".csv": ",", ".tsv": "\t"}
#: How cells are quoted: ``csv.QUOTE_MINIMAL`` (0) or ``csv.QUOTE_NONE`` (3).
Quoting = Literal[0, 3]
#: Characters of a TSV file, from its first cell that opens with a quote, that decide how
#: its cells are written.
SNIFF_CHARS = 1 << 16
#: Characters of a TSV file searched for that cell.
SNIFF_SEARCH = 1 << 23
#: A cell that opens with a quote, on one line of a TSV file.
_OPENS_QUOTED = re.compile(r'(?:^|\t)"')
#: What a byte that is not UTF-8 decodes to under ``surrogateescape`` (and nothing else does).
_UNDECODED = re.compile("[\udc80-\udcff]")


def read_csv(
    path: Path, compression: str, settings: IngestSettings, delimiter: str = ","
) -> Iterator[RawItem]:
    """The rows of a CSV (or, with ``delimiter`` a tab, TSV) file with a header row, each a
    record as a JSON Lines line holds it (the header names its fields; ``ingest.fields``
    maps other names), named ``path#N`` with ``N`` the line its row starts on. A file whose
    header has no text column is rejected whole, saying so; a row that is not UTF-8 or has
    the wrong number of cells is rejected alone; a fault that stops the reading (a quote
    the csv module cannot close, a broken compressed stream) rejects the rest."""
    name = str(path)
    try:
        handle = open_input(path, compression)
    except UNREADABLE as error:
        yield Rejection(name, unreadable(error, compression))
        return
    keys, start = settings.field_keys(), 1
    quoting = _file_quoting(path, compression) if delimiter == "\t" else csv.QUOTE_MINIMAL
    with io.TextIOWrapper(
        cast(BinaryIO, handle), encoding="utf-8-sig", errors="surrogateescape", newline=""
    ) as text:
        rows = csv.reader(text, delimiter=delimiter, quoting=quoting)
        _allow_fields(settings.max_bytes)
        try:
            header = [_name(h, quoting) for h in next(rows, [])]
            if not any(header):
                yield Rejection(name, "empty file")
                return
            if any(_UNDECODED.search(h) for h in header):
                yield Rejection(name, "its header is not UTF-8; save the file as UTF-8")
                return
            missing = no_text_column(header, keys, "header")
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
        except (csv.Error, *UNREADABLE) as error:
            where = (
                f"lines after {start - 1} are not read"
                if rows.line_num
                else "nothing of it was read"
            )
            yield Rejection(name, f"{_csv_fault(error, compression)}; {where}")


def _name(cell: str, quoting: Quoting) -> str:
    """A header cell as a column name: plain TSV's header may still quote its names."""
    name = cell.strip()
    if quoting == csv.QUOTE_NONE and len(name) > 1 and name[0] == name[-1] == '"':
        return name[1:-1].strip()
    return name


def tsv_quoting(opening: str, whole: bool) -> Quoting:
    """How a TSV file whose first characters are ``opening`` (``whole``: all of it) writes
    its cells: ``csv.QUOTE_MINIMAL`` (quoted as CSV) unless a quote that opens a cell closes
    before the cell ends, or never closes in a whole file, which only plain TSV does; then
    ``csv.QUOTE_NONE``, every quote mark kept.

    Example: ``tsv_quoting('id\\ttext\\n1\\t"Yes," he said\\n', True)`` is ``csv.QUOTE_NONE``.
    """
    try:
        for _ in csv.reader(io.StringIO(opening), delimiter="\t", strict=True):
            pass
    except csv.Error as error:
        if whole or "expected after" in str(error):  # not a cell cut short by the sample
            return csv.QUOTE_NONE
    return csv.QUOTE_MINIMAL


def _file_quoting(path: Path, compression: str) -> Quoting:
    """:func:`tsv_quoting` of a file from its first line with a cell that opens with a
    quote (found within :data:`SNIFF_SEARCH` characters; a file with none there reads the
    same either way, and is read as quoted, as is one whose text cannot be read: the reading
    proper says why)."""
    try:
        with open_input(path, compression) as handle:
            text = io.TextIOWrapper(
                cast(BinaryIO, handle), encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            opening = _from_first_quote(text)
    except UNREADABLE:
        return csv.QUOTE_MINIMAL
    if opening is None:
        return csv.QUOTE_MINIMAL
    return tsv_quoting(opening[:SNIFF_CHARS], len(opening) <= SNIFF_CHARS)


def _from_first_quote(text: io.TextIOBase) -> str | None:
    """Up to ``SNIFF_CHARS + 1`` characters from the start of the first line that has a
    cell opening with a quote, or None when none does within :data:`SNIFF_SEARCH`."""
    line, read = "", 0
    while read < SNIFF_SEARCH:
        block = text.read(SNIFF_CHARS)
        if not block:  # the last line, if it has no line break
            return line if _OPENS_QUOTED.search(line) else None
        read += len(block)
        lines = (line + block).split("\n")
        line = lines.pop()  # may go on in the next block
        for k, whole in enumerate(lines):
            if _OPENS_QUOTED.search(whole):
                rest = "\n".join([*lines[k:], line])
                return rest + text.read(max(0, SNIFF_CHARS + 1 - len(rest)))
    return None


def _csv_record(
    name: str,
    number: int,
    header: list[str],
    row: list[str],
    keys: tuple[tuple[str, str], ...],
    max_bytes: int,
) -> RawRecord | Rejection:
    source = f"{name}#{number}"
    if len(row) != len(header):
        return Rejection(
            source,
            f"line {number}: {len(row)} cells where the header has {len(header)} (a quote "
            "left open, or a delimiter inside an unquoted cell?)",
        )
    bad = next((c for c, cell in zip(header, row, strict=True) if _UNDECODED.search(cell)), None)
    if bad is not None:
        return Rejection(
            source, f"line {number}: column '{bad}' is not UTF-8; save the file as UTF-8"
        )
    record = {column: cell for column, cell in zip(header, row, strict=True) if column}
    size = sum(len(cell.encode("utf-8")) for cell in record.values())
    if size > max_bytes:
        return Rejection(source, too_large("line", number, size, max_bytes))
    return RawRecord(source, number, record, keys)


def _csv_fault(error: BaseException, compression: str) -> str:
    if isinstance(error, csv.Error):
        return f"not readable as CSV ({error})"
    return unreadable(error, compression)


def _allow_fields(max_bytes: int) -> None:
    """Let the csv module read a cell as long as a record may be (its limit is 128 KiB)."""
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)
