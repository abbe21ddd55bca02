"""``newsweave ingest`` and ``newsweave stories``: the store as a growing corpus."""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

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
    is_url,
    json_option,
    nothing_read,
    parse_every,
    urls_option,
    with_url_files,
    write_file,
)
from newsweave.config import Settings
from newsweave.errors import InputError, NewsweaveError
from newsweave.sources import READABLE

if TYPE_CHECKING:
    from newsweave.corpus import IngestReport
    from newsweave.corpus.catalog import StoryEvent
    from newsweave.store import Store

__all__ = ["ingest", "stories"]

#: New articles whose story is named on the terminal (more are summarised).
SHOWN_JOINS = 10
HEADLINE_WIDTH = 70


@click.command()
@click.argument("inputs", nargs=-1, required=False)
@urls_option
@click.option(
    "--follow",
    is_flag=True,
    help="Treat the inputs as RSS/Atom feeds to poll until interrupted (Ctrl-C).",
)
@click.option("--every", default="10m", show_default=True, help="Time between polls with --follow.")
@click.option(
    "--rounds", type=click.IntRange(min=1), default=None, help="Stop --follow after N polls."
)
@click.option(
    "--reread",
    is_flag=True,
    help="Re-extract the web pages the store keeps (after an upgrade), fetching nothing.",
)
@field_option
@engine_options
@db_option
@config_option
def ingest(
    inputs: tuple[str, ...],
    url_files: tuple[Path, ...],
    follow: bool,
    every: str,
    rounds: int | None,
    reread: bool,
    fields: tuple[str, ...],
    engine: str | None,
    master: str | None,
    db: str | None,
    config_path: Path | None,
) -> None:
    """Add articles (.txt, .html, .json, .jsonl, .csv, .tsv files, each may be .gz, .bz2 or
    .xz; .parquet tables; folders; web archives; http(s) URLs of pages, feeds, sitemaps; '-'
    for JSON Lines on standard input) to the store, find duplicates, and update the stories."""
    check_inputs(inputs)
    inputs = tuple(with_url_files(inputs, url_files))
    if not inputs and not reread:
        raise click.UsageError("give INPUTS to ingest (files, folders, URLs) or --urls FILE")
    from newsweave.config import load_settings

    settings = load_settings(
        config_path,
        overrides={
            "db": db,
            "run.engine": engine,
            "spark.master": master,
            "ingest.fields": fields_setting(fields),
        },
    )
    if reread:
        if inputs or follow:
            raise click.UsageError("--reread re-reads the stored pages: give no INPUTS or --follow")
        from newsweave.corpus.reread import reread as reread_pages

        with _Announcing() as progress:
            report = reread_pages(settings, progress=progress)
        _print_report(report)
        return
    if follow:
        local = [i for i in inputs if not is_url(i)]
        if local:
            raise click.UsageError(
                f"--follow polls RSS/Atom feeds and sitemaps on the web: {local[0]!r} is not "
                "an http(s) URL (ingest files and folders without --follow)"
            )
        _follow(inputs, settings, parse_every(every), rounds)
        return
    from newsweave import corpus

    echo_input_hints(inputs, settings)
    with _Announcing() as progress:
        report = corpus.ingest(list(inputs), settings, progress=progress)
    _print_report(report)
    _fail_if_empty(report)


class _Announcing:
    """The ingest's progress: bars on a terminal (quiet when piped), and, terminal or not, a
    line on standard error when it must wait for another ingest into the store (a scheduled
    run that overlaps the last one would otherwise seem to hang)."""

    def __init__(self, bars: bool = True) -> None:
        from newsweave.progress import TerminalProgress

        self._bars = TerminalProgress(enabled=None if bars else False)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != "waiting":
            self._bars(stage, done, total)
        elif done == 0:
            click.echo("Waiting for another ingest into this store to finish...", err=True)
        else:
            click.echo("The other ingest finished; going on.", err=True)

    def __enter__(self) -> _Announcing:
        return self

    def __exit__(self, *exc: object) -> None:
        self._bars.close()


def _fail_if_empty(report: IngestReport) -> None:
    """Exit 1 when the inputs gave no article at all, as ``analyze`` does."""
    if report.added or report.updated or report.unchanged:
        return
    raise nothing_read(
        "was ingested",
        len(report.rejected),
        "listed above",
        f"give {READABLE}",
    )


def _follow(feeds: tuple[str, ...], settings: Settings, every: float, rounds: int | None) -> None:
    from newsweave.corpus.follow import follow

    def show(number: int, report: IngestReport) -> None:
        click.echo(f"Round {number}:")
        _print_report(report)

    with _Announcing(bars=False) as progress:  # each round prints its own report
        result = follow(list(feeds), settings, show, every=every, rounds=rounds, progress=progress)
    if result.interrupted:
        raise click.exceptions.Abort
    if not result.states:
        raise NewsweaveError(
            "nothing left to follow: every input is gone, refused or not an RSS/Atom feed or "
            "a news sitemap (reasons above; ingest pages without --follow)"
        )


def _print_report(report: IngestReport) -> None:
    click.echo(
        f"Ingested {report.added:,} new article{'s' if report.added != 1 else ''} "
        f"({report.updated:,} updated, {report.unchanged:,} unchanged, {report.copies:,} "
        f"{'copy of another text' if report.copies == 1 else 'copies of other texts'}, "
        f"{len(report.rejected):,} rejected)."
    )
    if report.reclustered:
        click.echo(
            f"The whole store was clustered again: {report.reclustered}. Story ids follow the "
            "merge and split rule."
        )
    changes = report.changes
    if changes is not None:
        click.echo(
            f"Stories: {len(changes.created):,} new, {len(changes.grown):,} grown, "
            f"{len(changes.merged):,} merged, {len(changes.split):,} split; "
            f"{report.stories:,} in the store."
        )
        joined = sorted(changes.joined.items())
        if len(joined) <= SHOWN_JOINS:
            for article, story in joined:
                click.echo(f"  {article} -> {story}")
        else:
            stories = len(set(changes.joined.values()))
            click.echo(
                f"  {len(joined):,} articles joined {stories:,} "
                f"stor{'y' if stories == 1 else 'ies'}; the most joined:"
            )
            for s in report.most_joined:
                click.echo(f"  +{s.joined:<4} {s.story}  ({s.size:,} now)  {_cut(s.headline, 60)}")
    echo_rejections(report.rejected, "the store's rejections table")


@click.group(invoke_without_command=True)
@db_option
@click.option("--search", default=None, help="Words that must all be in the headline or a title.")
@click.option("--since", default=None, help="Only stories with an article on or after this date.")
@click.option("--min-size", type=click.IntRange(min=1), default=1, help="Fewest articles.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Most stories listed.")
@json_option("the stories", "newsweave.stories/1")
@click.pass_context
def stories(
    context: click.Context,
    db: str | None,
    search: str | None,
    since: str | None,
    min_size: int,
    limit: int | None,
    json_path: Path | None,
) -> None:
    """List the stored stories, newest first (or 'stories show ID' for one)."""
    if context.invoked_subcommand is not None:
        context.obj = {"db": db}
        return
    from newsweave.corpus.catalog import count_stories, list_stories, stories_json

    since = check_date(since)
    with _store(db) as store:
        try:
            found = list_stories(store, search=search, since=since, min_size=min_size, limit=limit)
            matched = (
                count_stories(store, search=search, since=since, min_size=min_size)
                if limit is not None and len(found) == limit
                else len(found)
            )
        except InputError as error:
            raise click.BadParameter(str(error), param_hint="'--search'") from None
    if json_path is not None:
        _write_json(
            json_path, stories_json(found), f"{len(found)} stor{'y' if len(found) == 1 else 'ies'}"
        )
        return
    click.echo(f"{'ID':<12} {'SIZE':>5} {'SOURCES':>7} {'FIRST':<10} {'LAST':<10} HEADLINE")
    for s in found:
        sources = "-" if s.independent_sources is None else str(s.independent_sources)
        click.echo(
            f"{s.id:<12} {s.size:>5} {sources:>7} {_day(s.first_published):<10} "
            f"{_day(s.last_published):<10} {_cut(s.headline)}"
        )
    shown = f"{len(found)} stor{'y' if len(found) == 1 else 'ies'}"
    click.echo(shown if matched == len(found) else f"{shown} of {matched:,} (--limit)")


def _echo_history(story_id: str, history: Sequence[StoryEvent]) -> None:
    """The story's history, latest events last: when, in which run, what happened."""
    from newsweave.corpus.catalog import HISTORY_SHOWN, event_words

    if not history:
        return
    click.echo(f"History ({len(history)} event{'s' if len(history) != 1 else ''}):")
    if len(history) > HISTORY_SHOWN:
        click.echo(f"  ... {len(history) - HISTORY_SHOWN:,} earlier")
    for e in history[-HISTORY_SHOWN:]:
        run = f"run {e.run}" if e.run is not None else ""
        before, other, after = event_words(story_id, e)
        click.echo(f"  {e.when:<19} {run:<8} {before}{other or ''}{after}")


@stories.command()
@click.argument("story_id", metavar="ID")
@db_option
@json_option("the story", "newsweave.story/1")
@click.pass_context
def show(context: click.Context, story_id: str, db: str | None, json_path: Path | None) -> None:
    """One story: its articles, duplicate clusters, and whether it has been analysed."""
    from newsweave.corpus.catalog import show_story, story_json

    db = db or (context.obj or {}).get("db")
    with _store(db) as store:
        detail = show_story(store, story_id)
        where = store.path
    if json_path is not None:
        _write_json(json_path, story_json(detail), f"story {detail.summary.id}")
        return
    s = detail.summary
    click.echo(f"Story {s.id}: {s.headline}")
    # the days as the articles write them, as in the list below (the store orders in UTC)
    days = sorted(_day(a.published) for a in detail.articles if a.published)
    span = f"{days[0]} to {days[-1]}" if days else "undated"
    click.echo(
        f"{s.size} article{'s' if s.size != 1 else ''}, "
        f"{s.outlets} outlet{'s' if s.outlets != 1 else ''}, {span}"
    )
    for a in detail.articles:
        copy = detail.copies.get(a.id)
        mark = f"  (copy of {copy[0]}, {copy[2]}, {copy[1]:.2f})" if copy else ""
        click.echo(
            f"  {_day(a.published):<10} {_clip(a.outlet or '-', 20):<20} {a.id}  "
            f"{_cut(a.title or '', 50)}{mark}"
        )
    if s.duplicates:
        click.echo("Duplicate clusters:")
        for group in s.duplicates:
            click.echo(f"  {group[0]} <- {', '.join(group[1:])}")
    _echo_history(s.id, detail.history)
    if detail.analysis_status == "done" and s.changed_since_analysis:
        click.echo(
            f"Analysed: yes, but the story has changed since (analyse it again: newsweave "
            f"analyze --story {s.id} --db {where} --json dossier.json --html report.html)"
        )
    elif detail.analysis_status == "done":
        sources = s.independent_sources
        counted = "" if sources is None else f": {sources} independent source{'s' * (sources != 1)}"
        click.echo(f"Analysed: yes{counted}")
    elif detail.analysis_status == "failed":
        click.echo(f"Analysed: failed ({detail.analysis_error})")
    else:
        click.echo(
            f"Analysed: no (newsweave analyze --story {s.id} --db {where} --json dossier.json "
            "--html report.html)"
        )


def _write_json(path: Path, document: dict[str, object], what: str) -> None:
    """A JSON document to ``path`` ('-': standard output, and nothing else there)."""
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if str(path) == "-":
        click.echo(text, nl=False)
        return
    write_file(path, partial(_write_text, path, text))
    click.echo(f"Wrote {path} ({what})")


def _store(db: str | None) -> AbstractContextManager[Store]:
    from newsweave.config import load_settings
    from newsweave.store import open_store

    return open_store(load_settings(overrides={"db": db}).db, create=False)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _day(value: str | None) -> str:
    return value[:10] if value else "-"


def _clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, with "…" where it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _cut(text: str, width: int = HEADLINE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
