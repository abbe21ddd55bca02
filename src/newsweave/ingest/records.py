"""From raw inputs to Article records: metadata, inference with its basis, ids."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from newsweave.errors import DocumentError
from newsweave.ingest.columns import field_hints, hint_message
from newsweave.ingest.metadata import (
    infer_outlet,
    infer_title,
    outlet_from_url,
    published_from_url,
)
from newsweave.ingest.normalize import normalize_text
from newsweave.model import Article, Rejection

__all__ = [
    "RawDocument",
    "RawItem",
    "RawLine",
    "RawPage",
    "RawRecord",
    "earliest_first",
    "in_utc",
    "make_article",
    "no_text_column",
    "parse_published",
    "published_from_number",
    "published_instant",
    "read_published",
    "too_large",
]

FIELDS = ("id", "title", "outlet", "url", "published", "language")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document before inference: its text and the metadata it came with."""

    source: str
    text: str
    given: Mapping[str, str] = field(default_factory=dict)
    #: metadata found by a reader (e.g. HTML <meta>), with the basis of each
    found: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RawLine:
    """One record of a JSON Lines file, read but not decoded yet: decoding is per-document
    work, done where the rest of it is (in a worker process), not in the reader
    (:func:`newsweave.ingest.readers.document_of`)."""

    source: str
    number: int
    line: bytes
    #: ``(field, key)``: the record's ``key`` is read as ``field`` (``ingest.fields``)
    keys: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One row of a table (CSV, TSV, Parquet) as the record a JSON Lines line holds, not
    checked yet: :func:`newsweave.ingest.readers.document_of` reads it as it reads a decoded
    line, in a worker (a row is never written out as JSON and parsed back)."""

    source: str
    number: int
    #: column -> value, with no empty cell (``None``) among them
    record: Mapping[str, object]
    keys: tuple[tuple[str, str], ...] = ()
    #: what ``number`` counts, for messages: a CSV file's "line", a Parquet table's "row"
    unit: str = "line"


@dataclass(frozen=True, slots=True)
class RawPage:
    """A saved HTML page (a ``.html`` file), read but not extracted yet: extraction
    (trafilatura, milliseconds a page) is per-document work, done in a worker
    (:func:`newsweave.ingest.readers.document_of`), not in the reader."""

    source: str
    html: str


#: What a reader yields: a document, an undecoded JSON Lines record, a table's row, a page
#: not yet extracted, or why it failed.
RawItem = RawDocument | RawLine | RawRecord | RawPage | Rejection


def too_large(unit: str, number: int, size: int, max_bytes: int) -> str:
    """Why a record (a JSON Lines line, a table's row) over the size limit is rejected.

    Example: ``too_large("row", 3, 12, 10)`` starts ``"row 3: record too large: 12 bytes"``.
    """
    return (
        f"{unit} {number}: record too large: {size:,} bytes > {max_bytes:,} (raise "
        "NEWSWEAVE_INGEST_MAX_BYTES)"
    )


def value_at(record: Mapping[str, object], key: str) -> tuple[bool, object]:
    """Whether a record holds what a ``--field`` key names, and the value: the key itself,
    else a dotted path into nested objects (``source.name``: the ``name`` of the record's
    ``source`` object, as news APIs nest an outlet).

    Example: ``value_at({"source": {"name": "Wire"}}, "source.name")`` is ``(True, "Wire")``.
    """
    if key in record:
        return True, record[key]
    node: object = record
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def top_key(key: str) -> str:
    """The top-level name a ``--field`` key reads from (a dotted path's first part).

    Example: ``top_key("source.name")`` is ``"source"``.
    """
    return key.split(".", 1)[0]


def no_text_column(columns: Sequence[str], keys: tuple[tuple[str, str], ...], what: str) -> str:
    """Why no record of a table with these columns (a CSV header's, a Parquet schema's) can
    have a text, or "": it has no 'text' or 'html' column, nor one ``keys`` reads as such.

    Example: ``no_text_column(["id", "body"], (("text", "body"),), "header")`` is "";
    without that pair it names the flag: "... read it with --field text=body".
    """
    present = set(columns)
    readable = {"text", "html"} & present
    readable |= {f for f, k in keys if f in ("text", "html") and {k, top_key(k)} & present}
    if readable:
        return ""
    shown = ", ".join(repr(c) for c in columns[:8]) + (", ..." if len(columns) > 8 else "")
    lacks = (
        f"its {what} ({shown}) {'have' if what.endswith('s') else 'has'} no 'text' or 'html' column"
    )
    hints = field_hints(columns, keys)
    if hints and hints[0][0] in ("text", "html"):
        return f"{lacks}; {hint_message(hints)}"
    also = f" ({hint_message(hints)})" if hints else ""
    return f"{lacks}: read one with --field text=COLUMN (e.g. --field text=content){also}"


def make_article(raw: RawDocument) -> Article:
    """Normalise the text, fill missing metadata where the text allows, and give an id.

    Raises:
        DocumentError: no text after normalisation, or a given field is invalid.
    """
    text = normalize_text(raw.text)
    if not text.strip():
        raise DocumentError("no text (the document is empty or only whitespace)")
    values = {k: v for k, v in raw.given.items() if v}
    basis: dict[str, str] = {}
    for name, (value, why) in raw.found.items():
        if name in FIELDS and name not in values and value:
            values[name], basis[name] = value, why
    _infer(text, values, basis)
    if "published" in values:
        values["published"] = parse_published(values["published"])
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=values.get("id") or _content_id(text, values.get("outlet"), values.get("url")),
        source=raw.source,
        text=text,
        title=values.get("title"),
        outlet=values.get("outlet"),
        url=values.get("url"),
        published=values.get("published"),
        language=values.get("language"),
        basis=basis,
        content_hash=content_hash,
    )


def _infer(text: str, values: dict[str, str], basis: dict[str, str]) -> None:
    # compiled (numba): imported when an article is made, not by every command's start
    from newsweave.ingest.language import infer_language

    guesses = {
        "outlet": lambda: (
            infer_outlet(text) or (outlet_from_url(values["url"]) if "url" in values else None)
        ),
        "title": lambda: infer_title(text),
        "language": lambda: infer_language(text),
        "published": lambda: published_from_url(values["url"]) if "url" in values else None,
    }
    for name, guess in guesses.items():
        if name in values:
            continue
        inferred = guess()
        if inferred is not None:
            values[name], basis[name] = inferred.value, inferred.basis


def _content_id(text: str, outlet: str | None, url: str | None) -> str:
    """Stable id: a page's (canonical) URL when it has one, so a page read again with new
    text is the same article updated; else the text and outlet, so the same wire text
    printed by two outlets stays two articles."""
    if url:
        return hashlib.sha256(f"url\0{url}".encode()).hexdigest()[:12]
    digest = hashlib.sha256("\0".join((text, outlet or "", "")).encode("utf-8"))
    return digest.hexdigest()[:12]


_PARTIAL = re.compile(r"\A\d{4}(-\d{2})?\Z")
#: A Unix time written as text: 10 digits of seconds or 13 of milliseconds (2001-2286).
_UNIX_TIME = re.compile(r"\A(?:\d{10}|\d{13})(?:\.\d+)?\Z")


_SPACED = re.compile(
    r"\A(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\Z"
)


def parse_published(value: str) -> str:
    """The ISO 8601 form of a publication date as sources write it: ISO 8601 (``2019``,
    ``2019-11``, ``2019-11-11``, ``2019-11-11T09:00Z``, ``2019-11-11 09:00 UTC``), RFC 2822
    (``Mon, 11 Nov 2019 09:00:00 GMT``) or a date written out (``11 Nov 2019``,
    ``November 11, 2019``).

    Raises:
        DocumentError: the value is none of these; the message names the field.
    """
    found = read_published(value)
    if found is None:
        raise DocumentError(
            f"field 'published' is not a date: {value!r} (write ISO 8601, e.g. 2019-11-11 or "
            "2019-11-11T09:00Z; RFC 2822, '11 Nov 2019' and Unix times in seconds or "
            "milliseconds are read too)"
        )
    return found


#: The first moment past the Unix times a number in ``published`` may stand for: feeds and
#: dumps write seconds or, as JavaScript does, milliseconds since 1970.
_LAST_EPOCH_SECONDS = datetime(2100, 1, 1, tzinfo=UTC).timestamp()
#: A number of at least this many is milliseconds: as seconds it would be past the year 5000.
_MILLISECONDS_FROM = 1e11


def published_from_number(value: float) -> str:
    """The ISO 8601 form (UTC, to the second) of a Unix time written as a number: seconds,
    or milliseconds when the number is too large for seconds of a news date.

    Raises:
        DocumentError: the number is no time from 1970 to 2099 either way.

    Example: ``published_from_number(1573468200)`` and ``published_from_number(1573468200000)``
    are ``"2019-11-11T10:30:00+00:00"``.
    """
    seconds = value / 1000 if abs(value) >= _MILLISECONDS_FROM else value
    if not (math.isfinite(seconds) and 0 <= seconds < _LAST_EPOCH_SECONDS):
        raise DocumentError(
            f"field 'published' is the number {value!r}, which is no Unix time from 1970 to "
            "2099 in seconds or milliseconds (write ISO 8601, e.g. 2019-11-11T09:00Z)"
        )
    return datetime.fromtimestamp(int(seconds), UTC).isoformat()


def read_published(value: str) -> str | None:
    """:func:`parse_published`, with None for a value that is not a date.

    Example: ``read_published("Tue, 12 Nov 2019 09:30:00 GMT")`` is
    ``"2019-11-12T09:30:00+00:00"``; ``read_published("March 14")`` is None.
    """
    text = value.strip()
    if _PARTIAL.match(text):
        return text
    if _UNIX_TIME.match(text):  # as a CSV cell writes a Unix time
        try:
            return published_from_number(float(text))
        except DocumentError:
            return None
    spaced = _SPACED.match(text)
    if spaced:
        zone = (spaced.group(3) or "").replace("UTC", "Z").replace("GMT", "Z")
        text = f"{spaced.group(1)}T{spaced.group(2)}{zone}"
    for parse in (lambda t: date.fromisoformat(t).isoformat(), _datetime, _rfc2822):
        try:
            return parse(text)
        except (TypeError, ValueError, IndexError):
            continue
    from newsweave.cluster.datelines import written_date  # rare: loaded when first needed

    written = written_date(text)
    return written.isoformat() if written is not None else None


def published_instant(value: str) -> datetime:
    """The moment a :func:`parse_published` value stands for, in UTC, to order values of
    different precision and offset: a date or partial date is its first moment, a time
    without an offset is read as UTC. A value that does not parse (or whose offset runs past
    the calendar's end) sorts first.

    Example: ``published_instant("2019-11-18T03:00+05:00") < published_instant("2019-11-17T23:00Z")``
    """
    text = value.strip()
    if _PARTIAL.match(text):
        text = (text + "-01-01")[:10] if len(text) == 4 else text + "-01"
    try:
        return _moment(text)
    except (ValueError, OverflowError):
        return datetime.min.replace(tzinfo=UTC)


def earliest_first(article: Article) -> tuple[bool, str, bool, datetime, str]:
    """Sort key: dated articles by the day they write (partial dates before the days within
    them), within a day those with a time by moment, then a bare day (which says no hour);
    undated ones last; ties by id. It never puts a bare day before a time on that day, which
    would claim an order the values do not give (see ``align.direction.publication_order``).
    """
    published = (article.published or "").strip()
    return (
        not published,
        published[:10],
        len(published) <= 10,
        published_instant(published),
        article.id,
    )


def in_utc(value: str) -> str:
    """A :func:`parse_published` value with a time, written in UTC (``+00:00``; a time
    without an offset is read as UTC), so that stored values order as moments do; a date or
    a partial date is kept as it is.

    Example: ``in_utc("2019-11-18T03:00:00+05:00")`` is ``"2019-11-17T22:00:00+00:00"``
    """
    if len(value.strip()) <= 10:
        return value
    try:
        return _moment(value.strip()).isoformat()
    except (ValueError, OverflowError):
        return value


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _datetime(text: str) -> str:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()


#: An RFC 2822 date with a time and a zone that says its offset (an unknown zone name or a
#: 12-hour "9:30 PM" would be read wrong, so neither is taken).
_RFC2822 = re.compile(
    r"\A(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*"
    r"(?:GMT|UTC?|Z|[+-]\d{4}|[ECMP][SD]T)\Z"
)


def _rfc2822(text: str) -> str:
    if not _RFC2822.match(text):
        raise ValueError("not an RFC 2822 date with a time and a known zone")
    return parsedate_to_datetime(text).isoformat()
