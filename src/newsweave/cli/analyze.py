"""``newsweave analyze``: a small pile end to end, or one stored story."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from newsweave.cli.options import (
    check_inputs,
    config_option,
    db_option,
    urls_option,
    with_url_files,
    write_file,
)
from newsweave.errors import NewsweaveError
from newsweave.model import Dossier

__all__ = ["analyze"]


@click.command()
@click.argument("inputs", nargs=-1, required=False)
@urls_option
@click.option(
    "--story", "story_id", default=None, help="Analyse this stored story (see 'stories')."
)
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
@db_option
@click.option(
    "--summary-words",
    type=click.IntRange(min=1),
    default=None,
    help="Length of each story's summary.  [default: 120]",
)
@config_option
def analyze(
    inputs: tuple[str, ...],
    url_files: tuple[Path, ...],
    story_id: str | None,
    json_path: Path | None,
    html_path: Path | None,
    db: str | None,
    summary_words: int | None,
    config_path: Path | None,
) -> None:
    """Analyse news files and folders (.txt, .html, .htm, .jsonl, .warc[.gz], .arc.gz) and
    http(s) URLs (pages, RSS/Atom feeds, sitemaps) into a dossier, or a stored story with
    --story ID."""
    if json_path is None and html_path is None:
        raise click.UsageError("say where to write: --json FILE and/or --html FILE")
    check_inputs(inputs)
    inputs = tuple(with_url_files(inputs, url_files))
    if bool(inputs) == bool(story_id):
        raise click.UsageError("give INPUTS to analyse, or --story ID for a stored story")
    from newsweave import pipeline
    from newsweave.config import load_settings
    from newsweave.progress import TerminalProgress

    settings = load_settings(config_path, overrides={"db": db, "summary_words": summary_words})
    progress = TerminalProgress()
    try:
        if story_id:
            dossier = pipeline.analyze_stored(story_id, settings, progress=progress)
        else:
            dossier = pipeline.analyze(list(inputs), settings, progress=progress)
    finally:
        progress.close()
    _write(dossier, json_path, html_path)


def _write(dossier: Dossier, json_path: Path | None, html_path: Path | None) -> None:
    from newsweave.report.dossier import write_json
    from newsweave.report.html import write_html

    if json_path is not None:
        write_file(json_path, partial(write_json, dossier, json_path))
    if html_path is not None:
        write_file(html_path, partial(write_html, dossier, html_path))
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
