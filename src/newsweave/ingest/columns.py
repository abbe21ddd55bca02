"""Which columns of a table likely hold an article's fields under other names.

News dumps name their fields many ways ("headline", "body", "pub_date", "link",
"source"). newsweave reads a field only from a column of its own name or one that
``--field FIELD=KEY`` names, never by guessing (a "source" column may be an outlet or a
URL); what it does is tell the user which flags would read the columns it recognises.
Pure functions of the column names: :mod:`newsweave.ingest.headers` reads them.

Example: ``field_hints(["headline", "body"], ())`` is
``(("text", "body"), ("title", "headline"))``.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

__all__ = ["LIKELY", "field_flags", "field_hints", "hint_message", "nameable"]

#: Column names (compared lower-cased, letters and digits only: "pubDate" is "pubdate")
#: that news dumps use for each field, the likelier first. A field's own name in another
#: case ("Title", "URL") counts too.
LIKELY: dict[str, tuple[str, ...]] = {
    "text": (
        "body",
        "content",
        "articletext",
        "articlebody",
        "fulltext",
        "maintext",
        "bodytext",
        "textbody",
        "newstext",
        "article",
        "story",
    ),
    "html": ("rawhtml", "pagehtml", "contenthtml", "bodyhtml"),
    "title": ("headline", "heading", "articletitle", "newstitle", "titletext"),
    "published": (
        "date",
        "pubdate",
        "publishdate",
        "publisheddate",
        "publishedat",
        "publicationdate",
        "datepublished",
        "datepublish",
        "datetime",
        "timestamp",
        "seendate",
    ),
    "url": ("link", "articleurl", "sourceurl", "permalink", "weburl", "canonicalurl", "uri"),
    "outlet": (
        "source",
        "sourcename",
        "publication",
        "publisher",
        "sitename",
        "newspaper",
        "outletname",
        "sourcedomain",
        "domain",
        "media",
    ),
    "id": ("articleid", "docid", "documentid", "newsid", "uuid", "guid", "identifier"),
    "language": ("lang", "languagecode", "langcode", "locale"),
}
#: How a hint names each field to a user.
_MEANING = {
    "text": "the text",
    "html": "the page's markup",
    "title": "the title",
    "published": "the publication date",
    "url": "the URL",
    "outlet": "the outlet",
    "id": "the id",
    "language": "the language",
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def field_hints(
    columns: Sequence[str], keys: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """``(field, column)`` for each field the columns lack under its own name, that no
    ``keys`` (``--field`` pairs) reads, and that a column's name suggests; each column is
    suggested once. No text column is suggested when the table has one ('text' or
    'html', given or mapped), and markup only when no text column is suggested either."""
    present = set(columns)
    read = {field for field, key in keys if key in present} | (present & set(_MEANING))
    taken = {key for _, key in keys} | set(_MEANING)
    hints: list[tuple[str, str]] = []
    for field, names in LIKELY.items():
        if field in read or (field in ("text", "html") and read & {"text", "html"}):
            continue
        column = _first_named(columns, (field, *names), taken)
        if column is not None:
            hints.append((field, column))
            taken.add(column)
            read.add(field)
    return tuple(hints)


def _first_named(columns: Sequence[str], names: Sequence[str], taken: set[str]) -> str | None:
    """The column called the likeliest of ``names`` (compared as :data:`LIKELY` says), not
    ``taken`` and :func:`nameable` by ``--field``."""
    open_ = [c for c in columns if c not in taken and nameable(c)]
    spelled = {_NOT_ALNUM.sub("", c.lower()): c for c in reversed(open_)}  # the first wins
    return next((spelled[name] for name in names if name in spelled), None)


def nameable(key: str) -> bool:
    """Whether ``--field FIELD=KEY`` can name ``key`` (the flags are split at commas and
    their keys stripped).

    Example: ``nameable("head,line")`` is False.
    """
    return bool(key) and "," not in key and key == key.strip()


def field_flags(hints: Sequence[tuple[str, str]]) -> str:
    """The ``--field`` flags that read the hinted columns, quoted for a shell.

    Example: ``field_flags([("title", "head line")])`` is ``"--field 'title=head line'"``.
    """
    return " ".join(f"--field {shlex.quote(f'{field}={column}')}" for field, column in hints)


def hint_message(hints: Sequence[tuple[str, str]], unit: str = "column") -> str:
    """What the hinted columns (or JSON keys: ``unit``) may hold and the flags that read
    them ("" for none).

    Example: ``hint_message([("title", "headline")])`` is
    ``"column 'headline' may be the title: read it with --field title=headline"``.
    """
    if not hints:
        return ""
    what = ", ".join(
        f"{unit + ' ' if k == 0 else ''}'{column}' {'may be ' if k == 0 else ''}{_MEANING[field]}"
        for k, (field, column) in enumerate(hints)
    )
    return f"{what}: read {'it' if len(hints) == 1 else 'them'} with {field_flags(hints)}"
