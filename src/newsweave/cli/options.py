"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from newsweave.errors import InputError, NewsweaveError
from newsweave.model import Rejection
from newsweave.sources import STDIN, input_hints

if TYPE_CHECKING:
    from newsweave.config import Settings

__all__ = [
    "check_date",
    "check_inputs",
    "config_option",
    "db_option",
    "engine_options",
    "field_option",
    "fields_setting",
    "json_option",
    "parse_every",
    "urls_option",
    "with_url_files",
    "write_file",
]

F = TypeVar("F", bound=Callable[..., Any])


def json_option(what: str, schema: str) -> Callable[[F], F]:
    """``--json FILE``: write ``what`` as a ``schema`` document there ('-': standard output)."""
    return click.option(
        "--json",
        "json_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"Write {what} as JSON (schema {schema}) here ('-': to standard output).",
    )


def field_option(func: F) -> F:
    """``--field FIELD=KEY``, repeatable: where records (JSON Lines, table rows) keep a field."""
    return click.option(
        "--field",
        "fields",
        multiple=True,
        metavar="FIELD=KEY",
        help="Read FIELD (text, html, id, title, outlet, url, published, language) of JSON "
        "Lines records and table rows from KEY (a.b: b of an object a), e.g. --field "
        "text=body --field outlet=source.name; may repeat.",
    )(func)


def fields_setting(fields: tuple[str, ...]) -> str | None:
    """The ``ingest.fields`` override of ``--field`` values (None: leave the setting alone)."""
    return ",".join(fields) if fields else None


def db_option(func: F) -> F:
    return click.option(
        "--db",
        type=str,
        default=None,
        help="SQLite store (default: your data directory; ':memory:' keeps nothing).",
    )(func)


def config_option(func: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="A TOML settings file.",
    )(func)


def engine_options(func: F) -> F:
    """``--engine local|spark`` and ``--master URL``."""
    func = click.option(
        "--master",
        default=None,
        help="Spark master URL with --engine spark  [default: local[*]]",
    )(func)
    return click.option(
        "--engine",
        type=click.Choice(["local", "spark"]),
        default=None,
        help="Where to run: this machine's cores, or Apache Spark  [default: local]",
    )(func)


def urls_option(func: F) -> F:
    return click.option(
        "--urls",
        "url_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A file of URLs to read, one a line (pages, feeds, sitemaps); may repeat.",
    )(func)


def with_url_files(inputs: tuple[str, ...], url_files: tuple[Path, ...]) -> list[str]:
    """The inputs and the URLs listed in ``--urls`` files, in that order."""
    from newsweave.sources import read_url_files

    return [*inputs, *read_url_files(url_files)]


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """Seconds in a duration such as ``10m``, ``90s``, ``1h`` or ``600``.

    Raises:
        click.BadParameter: not a positive duration.
    """
    text = value.strip().lower()
    unit = _UNITS.get(text[-1:]) if text else None
    number = text[:-1] if unit else text
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        seconds = -1.0
    if seconds <= 0:
        raise click.BadParameter(f"{value!r} is not a duration (write e.g. 10m, 90s or 1h)")
    return seconds


def check_date(value: str | None) -> str | None:
    """An ISO date (``--since``: a day, not a time), or a usage error naming the form."""
    from newsweave.corpus.catalog import since_day

    try:
        return since_day(value)
    except InputError:
        raise click.BadParameter(
            f"{value!r} is not a date (write e.g. 2019-11-10; --since takes a day)",
            param_hint="'--since'",
        ) from None


def is_url(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


def check_inputs(inputs: tuple[str, ...]) -> None:
    """Usage error (exit 2) for a path that does not exist; URLs are checked when fetched,
    and ``-`` (standard input) when read."""
    for value in inputs:
        if not is_url(value) and value != STDIN and not Path(value).exists():
            raise click.BadParameter(f"Path '{value}' does not exist.", param_hint="'INPUTS...'")


#: Rejections listed on the terminal before "... and N more".
SHOWN_REJECTIONS = 20


def echo_rejections(rejected: Sequence[Rejection], kept: str, *, err: bool = False) -> None:
    """List the first rejections and their reasons (on stderr with ``err``); say where all of
    them are ``kept``."""
    for rejection in rejected[:SHOWN_REJECTIONS]:
        click.echo(f"Rejected {rejection.source}: {rejection.reason}", err=err)
    if len(rejected) > SHOWN_REJECTIONS:
        more = len(rejected) - SHOWN_REJECTIONS
        click.echo(f"... and {more} more rejected (all are in {kept})", err=err)


def echo_input_hints(inputs: Sequence[str], settings: Settings) -> None:
    """Before a run: on stderr, the ``--field`` flags that would read fields the input tables
    keep under other names (:func:`newsweave.sources.input_hints`)."""
    for hint in input_hints(inputs, settings):
        click.echo(f"Hint: {hint}", err=True)


def nothing_read(done: str, rejected: int, where: str, hint: str) -> NewsweaveError:
    """The error of a run whose inputs gave no article: ``nothing <done>``, why (every input
    rejected, their reasons ``where``; or no document at all) and what to give instead."""
    found = (
        f"all {rejected} inputs were rejected ({where}; {hint})"
        if rejected
        else f"no documents were found in the inputs ({hint})"
    )
    return NewsweaveError(f"nothing {done}: {found}")


def write_file(path: Path, write: Callable[[], None]) -> None:
    try:
        write()
    except OSError as error:
        raise NewsweaveError(
            f"cannot write {path}: {error.strerror} (choose another path)"
        ) from error
