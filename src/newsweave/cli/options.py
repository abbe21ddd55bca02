"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsweave.errors import NewsweaveError

__all__ = ["check_inputs", "config_option", "db_option", "write_file"]

F = TypeVar("F", bound=Callable[..., Any])


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
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="A TOML settings file.",
    )(func)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def check_inputs(inputs: tuple[str, ...]) -> None:
    """Usage error (exit 2) for a path that does not exist; URLs are checked when fetched."""
    for value in inputs:
        if not is_url(value) and not Path(value).exists():
            raise click.BadParameter(f"Path '{value}' does not exist.", param_hint="'INPUTS...'")


def write_file(path: Path, write: Callable[[], None]) -> None:
    try:
        write()
    except OSError as error:
        raise NewsweaveError(
            f"cannot write {path}: {error.strerror} (choose another path)"
        ) from error
