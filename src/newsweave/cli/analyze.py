"""``newsweave analyze``: a small pile end to end, or one stored story."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from newsweave.cli.options import (
    check_date,
    check_inputs,
    config_option,
    db_option,
    echo_input_hints,
    echo_rejections,
    engine_options,
    field_option,
    fields_setting,
    nothing_read,
    urls_option,
    with_url_files,
    write_file,
)
from newsweave.model import Dossier
from newsweave.sources import READABLE

__all__ = ["analyze"]


@click.command()
@click.argument("inputs", nargs=-1, required=False)
@urls_option
@click.option("--all", "every", is_flag=True, help="Analyse every stored story that needs it.")
@click.option(
    "--min-size",
    type=click.IntRange(min=1),
    default=None,
    help="With --all: fewest articles  [default: 1]",
)
@click.option("--since", default=None, help="With --all: stories with an article on or after DATE.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="With --all: processes of the story tier  [default: one per core]",
)
@engine_options
@click.option(
    "--story", "story_id", default=None, help="Analyse this stored story (see 'stories')."
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the dossier JSON here ('-': to standard output).",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the HTML report here.",
)
@db_option
@click.option(
    "--summary-words",
    type=click.IntRange(min=1),
    default=None,
    help="Length of each story's summary.  [default: 120]",
)
@click.option(
    "--summary-mode",
    type=click.Choice(["extract", "generate"]),
    default=None,
    help="Extract cited sentences, or generate them with the [summary] endpoint and check "
    "each against its cited passages.  [default: extract]",
)
@field_option
@config_option
def analyze(
    inputs: tuple[str, ...],
    url_files: tuple[Path, ...],
    every: bool,
    min_size: int | None,
    since: str | None,
    workers: int | None,
    engine: str | None,
    master: str | None,
    story_id: str | None,
    json_path: Path | None,
    html_path: Path | None,
    db: str | None,
    summary_words: int | None,
    summary_mode: str | None,
    fields: tuple[str, ...],
    config_path: Path | None,
) -> None:
    """Analyse news files and folders (.txt, .html, .htm, .json, .jsonl, .csv, .tsv, each may
    be .gz, .bz2 or .xz; .parquet; .warc[.gz], .arc.gz; '-' for JSON Lines on standard input) and
    http(s) URLs (pages, RSS/Atom feeds, sitemaps) into a dossier, a stored story with
    --story ID, or every stored story that needs it with --all."""
    if every:
        if inputs or url_files or story_id:
            raise click.UsageError("--all analyses the stored stories: give no INPUTS or --story")
        if json_path is not None or html_path is not None:
            raise click.UsageError(
                "--all keeps each story's analysis in the store: give no --json or --html "
                "(write one story's with --story ID)"
            )
        _analyze_all(
            db,
            config_path,
            summary_words,
            summary_mode,
            min_size or 1,
            since,
            workers,
            engine,
            master,
        )
        return
    only_all: tuple[tuple[str, object], ...] = (
        ("--min-size", min_size),
        ("--since", since),
        ("--workers", workers),
        ("--engine", engine),
        ("--master", master),
    )
    for flag, value in only_all:
        if value is not None:
            raise click.UsageError(f"{flag} goes with --all (every stored story)")
    if json_path is None and html_path is None:
        raise click.UsageError("say where to write: --json FILE and/or --html FILE")
    if html_path is not None and str(html_path) == "-":
        raise click.UsageError("--html writes a file: give its path (--json - writes to stdout)")
    check_inputs(inputs)
    inputs = tuple(with_url_files(inputs, url_files))
    if inputs and story_id:
        raise click.UsageError(
            "--story analyses a stored story: give no INPUTS with it (or drop --story)"
        )
    if not inputs and not story_id:
        raise click.UsageError("give INPUTS to analyse, or --story ID for a stored story")
    from newsweave import pipeline
    from newsweave.config import load_settings
    from newsweave.progress import TerminalProgress

    settings = load_settings(
        config_path,
        overrides={
            "db": db,
            "summary_words": summary_words,
            "summary.mode": summary_mode,
            "ingest.fields": fields_setting(fields),
        },
    )
    progress = TerminalProgress()
    try:
        if story_id:
            dossier = pipeline.analyze_stored(story_id, settings, progress=progress)
        else:
            echo_input_hints(inputs, settings)
            dossier = pipeline.analyze(list(inputs), settings, progress=progress)
    finally:
        progress.close()
    _write(dossier, json_path, html_path)


def _analyze_all(
    db: str | None,
    config_path: Path | None,
    summary_words: int | None,
    summary_mode: str | None,
    min_size: int,
    since: str | None,
    workers: int | None,
    engine: str | None,
    master: str | None,
) -> None:
    from newsweave.analysis import analyze_all
    from newsweave.config import load_settings
    from newsweave.progress import TerminalProgress

    overrides = {
        "db": db,
        "summary_words": summary_words,
        "summary.mode": summary_mode,
        "run.workers": workers,
        "run.engine": engine,
        "spark.master": master,
    }
    settings = load_settings(config_path, overrides=overrides)
    progress = TerminalProgress()
    try:
        report = analyze_all(
            settings, min_size=min_size, since=check_date(since), progress=progress
        )
    finally:
        progress.close()
    click.echo(
        f"Analysed {report.analysed} stor{'y' if report.analysed == 1 else 'ies'} "
        f"({len(report.failed)} failed, {report.up_to_date} already up to date)."
    )
    for story, reason in report.failed:
        click.echo(f"Failed {story}: {reason}")


def _write(dossier: Dossier, json_path: Path | None, html_path: Path | None) -> None:
    from newsweave.report.dossier import dossier_json, write_json
    from newsweave.report.html import write_html

    to_stdout = json_path is not None and str(json_path) == "-"
    if to_stdout:  # the JSON alone on standard output; what the run did goes to stderr
        click.echo(dossier_json(dossier), nl=False)
    elif json_path is not None:
        write_file(json_path, partial(write_json, dossier, json_path))
    if html_path is not None:
        write_file(html_path, partial(write_html, dossier, html_path))
    if not dossier.articles:
        echo_rejections(dossier.rejected, "the dossier's 'rejected'", err=to_stdout)
        raise nothing_read(
            "could be analysed",
            len(dossier.rejected),
            "listed above",
            f"give {READABLE}",
        )
    stories = len(dossier.stories)
    click.echo(
        f"Analysed {len(dossier.articles)} article{'s' if len(dossier.articles) != 1 else ''} "
        f"in {stories} stor{'y' if stories == 1 else 'ies'} ({len(dossier.rejected)} rejected).",
        err=to_stdout,
    )
    echo_rejections(dossier.rejected, "the dossier's 'rejected'", err=to_stdout)
    for path in (None if to_stdout else json_path, html_path):
        if path is not None:
            click.echo(f"Wrote {path}", err=to_stdout)
