"""The command line: adapters over newsweave's library functions.

Exit codes: 0 when anything was done; 1 on an error (``Error: <what> (<fix>)``,
or nothing could be analysed); 2 on a usage error; 130 when interrupted. No
traceback ever reaches the user (``NEWSWEAVE_DEBUG=1`` shows it for bug reports).
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from newsweave import __version__
from newsweave.cli.analyze import analyze
from newsweave.cli.corpus import ingest, stories
from newsweave.cli.serve import serve
from newsweave.errors import NewsweaveError

__all__ = ["cli", "entry", "main"]

INTERRUPTED = "Interrupted; what was finished is kept in the store and the next run resumes."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="newsweave", message="%(prog)s %(version)s"
)
def cli() -> None:
    """newsweave: many news reports, one verified story."""


cli.add_command(analyze)
cli.add_command(ingest)
cli.add_command(stories)
cli.add_command(serve)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of raising."""
    try:
        code = cli.main(args=argv, prog_name="newsweave", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo(INTERRUPTED, err=True)
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
