"""The command line: an adapter over :func:`newsweave.analyze`.

Exit codes: 0 when anything was analysed; 1 on an error (``Error: <what> (<fix>)``,
or nothing could be analysed); 2 on a usage error; 130 when interrupted. No
traceback ever reaches the user (``NEWSWEAVE_DEBUG=1`` shows it for bug reports).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

import click

from newsweave import __version__
from newsweave.errors import NewsweaveError

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="newsweave", message="%(prog)s %(version)s"
)
def cli() -> None:
    """newsweave: many news reports, one verified story."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the dossier JSON here.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the HTML report here.",
)
@click.option(
    "--db",
    type=str,
    default=None,
    help="SQLite store (default: your data directory; ':memory:' keeps nothing).",
)
@click.option(
    "--summary-words",
    type=click.IntRange(min=1),
    default=None,
    help="Length of each story's summary.  [default: 120]",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A TOML settings file.",
)
def analyze(
    inputs: tuple[Path, ...],
    json_path: Path | None,
    html_path: Path | None,
    db: str | None,
    summary_words: int | None,
    config_path: Path | None,
) -> None:
    """Analyse news files and folders (.txt, .html, .htm, .jsonl) into a dossier."""
    if json_path is None and html_path is None:
        raise click.UsageError("say where to write: --json FILE and/or --html FILE")
    _run(inputs, json_path, html_path, {"db": db, "summary_words": summary_words}, config_path)


def _run(
    inputs: tuple[Path, ...],
    json_path: Path | None,
    html_path: Path | None,
    overrides: dict[str, object],
    config_path: Path | None,
) -> None:
    from newsweave import pipeline
    from newsweave.config import load_settings
    from newsweave.progress import TerminalProgress
    from newsweave.report.dossier import write_json
    from newsweave.report.html import write_html

    settings = load_settings(config_path, overrides=overrides)
    progress = TerminalProgress()
    try:
        dossier = pipeline.analyze(list(inputs), settings, progress=progress)
    finally:
        progress.close()
    if json_path is not None:
        _write(json_path, partial(write_json, dossier, json_path))
    if html_path is not None:
        _write(html_path, partial(write_html, dossier, html_path))
    if not dossier.articles:
        raise NewsweaveError(
            f"nothing could be analysed: all {len(dossier.rejected)} inputs were rejected "
            "(see 'rejected' in the dossier; give .txt, .html or .jsonl files with text)"
        )
    stories = len(dossier.stories)
    click.echo(
        f"Analysed {len(dossier.articles)} article{'s' if len(dossier.articles) != 1 else ''} "
        f"in {stories} stor{'y' if stories == 1 else 'ies'} ({len(dossier.rejected)} rejected)."
    )
    for path in (json_path, html_path):
        if path is not None:
            click.echo(f"Wrote {path}")


def _write(path: Path, write: Callable[[], None]) -> None:
    try:
        write()
    except OSError as error:
        raise NewsweaveError(
            f"cannot write {path}: {error.strerror} (choose another path)"
        ) from error


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of raising."""
    try:
        code = cli.main(args=argv, prog_name="newsweave", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo(
            "Interrupted; what was finished is kept in the store and the next run resumes.",
            err=True,
        )
        return 130
    except KeyboardInterrupt:
        click.echo(
            "Interrupted; what was finished is kept in the store and the next run resumes.",
            err=True,
        )
        return 130
    except NewsweaveError as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    except Exception as error:  # the last guard: no traceback reaches the user
        if os.environ.get("NEWSWEAVE_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"Error: internal error ({type(error).__name__}: {error}); please report it with the "
            "input that caused it (set NEWSWEAVE_DEBUG=1 to see the traceback)",
            err=True,
        )
        return 1
    return code if isinstance(code, int) else 0


def entry() -> None:
    sys.exit(main())
