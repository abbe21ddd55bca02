"""The CLI: exact output and exit codes."""

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave import __version__
from newsweave.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    assert run(["--version"], capsys) == (0, f"newsweave {__version__}\n", "")


def test_help_lists_analyze(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "analyze" in out and "Usage: newsweave" in out


def test_analyze_examples(tmp_path, capsys):
    out_json, out_html = tmp_path / "d.json", tmp_path / "r.html"
    code, out, err = run(
        [
            "analyze",
            str(EXAMPLES),
            "--json",
            str(out_json),
            "--html",
            str(out_html),
            "--db",
            ":memory:",
        ],
        capsys,
    )
    assert (code, err) == (0, "")
    assert out == (
        f"Analysed 4 articles in 1 story (0 rejected).\nWrote {out_json}\nWrote {out_html}\n"
    )
    dossier = json.loads(out_json.read_text(encoding="utf-8"))
    assert dossier["schema"] == "newsweave.dossier/1"
    assert out_html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_needs_an_output(capsys):
    code, _, err = run(["analyze", str(EXAMPLES)], capsys)
    assert code == 2
    assert "Error: say where to write: --json FILE and/or --html FILE" in err


def test_missing_input_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(
        ["analyze", str(tmp_path / "nope"), "--json", str(tmp_path / "d.json")], capsys
    )
    assert code == 2
    assert "does not exist" in err


def test_bad_summary_words(tmp_path, capsys):
    code, _, err = run(
        ["analyze", str(EXAMPLES), "--json", str(tmp_path / "d.json"), "--summary-words", "0"],
        capsys,
    )
    assert code == 2
    assert "--summary-words" in err


def test_nothing_analysable_exits_1_and_still_records_rejections(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    out_json = tmp_path / "d.json"
    code, out, err = run(
        ["analyze", str(tmp_path / "in"), "--json", str(out_json), "--db", ":memory:"], capsys
    )
    assert code == 1
    assert sorted(line.split(":")[0] for line in out.splitlines()) == [
        f"Rejected {tmp_path / 'in' / name}" for name in ("bin.txt", "empty.txt")
    ]
    assert err == (
        "Error: nothing could be analysed: all 2 inputs were rejected (listed above; give "
        ".txt, .html, .json, .jsonl, .csv or .tsv files with text, plain or compressed (.gz, "
        ".bz2, .xz), .parquet tables, web archives or URLs)\n"
    )
    rejected = json.loads(out_json.read_text(encoding="utf-8"))["rejected"]
    assert sorted(Path(r["source"]).name for r in rejected) == ["bin.txt", "empty.txt"]


def test_partial_batch_exits_0(tmp_path, capsys):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    (folder / "empty.txt").write_text("   \n")
    (folder / "bad.jsonl").write_text(
        '{"text": "A fine article about a vote in a parliament."}\n{oops\n'
    )
    out_json = tmp_path / "d.json"
    code, out, _ = run(
        ["analyze", str(folder), "--json", str(out_json), "--db", ":memory:"], capsys
    )
    assert code == 0
    assert out.startswith("Analysed 5 articles in ")
    assert out.splitlines()[0].endswith("(2 rejected).")
    shown = [line for line in out.splitlines() if line.startswith("Rejected ")]
    assert len(shown) == 2 and any("empty.txt: " in line for line in shown)
    reasons = {
        Path(r["source"]).name: r["reason"] for r in json.loads(out_json.read_text())["rejected"]
    }
    assert set(reasons) == {"empty.txt", "bad.jsonl#2"}


def test_unwritable_output(tmp_path, capsys):
    code, _, err = run(
        [
            "analyze",
            str(EXAMPLES),
            "--json",
            str(tmp_path / "no" / "such" / "d.json"),
            "--db",
            ":memory:",
        ],
        capsys,
    )
    assert code == 1
    assert err.startswith("Error: cannot write ") and "(choose another path)" in err


def test_internal_errors_never_show_a_traceback(tmp_path, capsys, monkeypatch):
    import newsweave.pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(newsweave.pipeline, "analyze", boom)
    code, _, err = run(["analyze", str(EXAMPLES), "--json", str(tmp_path / "d.json")], capsys)
    assert code == 1
    assert err.startswith("Error: internal error (RuntimeError: boom)")
    assert "Traceback" not in err


def test_keyboard_interrupt_exits_130(tmp_path, capsys, monkeypatch):
    import newsweave.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(newsweave.pipeline, "analyze", interrupted)
    code, _, err = run(["analyze", str(EXAMPLES), "--json", str(tmp_path / "d.json")], capsys)
    assert code == 130
    assert "next run resumes" in err


@pytest.mark.parametrize("argv", [["--version"], ["analyze", "--help"]])
def test_python_dash_m(argv):
    done = subprocess.run(
        [sys.executable, "-m", "newsweave", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "Traceback" not in done.stderr


def _ingest_examples(tmp_path, capsys):
    db = str(tmp_path / "store.sqlite")
    code, out, err = run(["ingest", str(EXAMPLES), "--db", db], capsys)
    assert (code, err) == (0, "")
    return db, out


def test_ingest_then_list_and_show(tmp_path, capsys):
    db, out = _ingest_examples(tmp_path, capsys)
    lines = out.splitlines()
    assert lines[0] == (
        "Ingested 4 new articles (0 updated, 0 unchanged, 0 copies of other texts, 0 rejected)."
    )
    assert lines[1] == "Stories: 1 new, 0 grown, 0 merged, 0 split; 1 in the store."
    story = lines[2].split(" -> ")[1]
    assert all(line.endswith(f" -> {story}") for line in lines[2:6])
    code, out, _ = run(["stories", "--db", db], capsys)
    assert code == 0
    header, row, total = out.splitlines()
    assert header.split() == ["ID", "SIZE", "SOURCES", "FIRST", "LAST", "HEADLINE"]
    assert row.split()[:5] == [story, "4", "-", "-", "-"]
    assert total == "1 story"
    code, out, _ = run(["stories", "show", story, "--db", db], capsys)
    assert code == 0
    assert out.splitlines()[0].startswith(f"Story {story}: ")
    assert "4 articles, 2 outlets, undated" in out
    assert f"Analysed: no (newsweave analyze --story {story} --db {db}" in out


def test_reingesting_is_a_no_op_and_says_so(tmp_path, capsys):
    db, _ = _ingest_examples(tmp_path, capsys)
    code, out, _ = run(["ingest", str(EXAMPLES), "--db", db], capsys)
    assert code == 0
    assert out.splitlines() == [
        "Ingested 0 new articles (0 updated, 4 unchanged, 0 copies of other texts, 0 rejected).",
        "Stories: 0 new, 0 grown, 0 merged, 0 split; 1 in the store.",
    ]


def test_stories_json_follows_the_schema(tmp_path, capsys):
    db, _ = _ingest_examples(tmp_path, capsys)
    target = tmp_path / "stories.json"
    code, out, _ = run(["stories", "--db", db, "--json", str(target)], capsys)
    assert (code, out) == (0, f"Wrote {target} (1 story)\n")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "newsweave.stories/1"
    (story,) = data["stories"]
    assert {"id", "headline", "size", "article_ids", "duplicates", "first_published"} <= set(story)
    assert story["size"] == 4 and len(story["article_ids"]) == 4 and story["duplicates"] == []
    assert story["analyzed"] is False


def test_analyze_a_stored_story(tmp_path, capsys):
    db, out = _ingest_examples(tmp_path, capsys)
    story = out.splitlines()[2].split(" -> ")[1]
    target = tmp_path / "d.json"
    code, out, err = run(["analyze", "--story", story, "--db", db, "--json", str(target)], capsys)
    assert (code, err) == (0, "")
    assert out == f"Analysed 4 articles in 1 story (0 rejected).\nWrote {target}\n"
    dossier = json.loads(target.read_text(encoding="utf-8"))
    assert dossier["stories"][0]["id"] == story
    code, out, _ = run(["stories", "--db", db, "--json", str(tmp_path / "s.json")], capsys)
    (listed,) = json.loads((tmp_path / "s.json").read_text())["stories"]
    assert listed["analyzed"] is True and listed["independent_sources"] == 3
    assert listed["changed_since_analysis"] is False
    assert re.search(
        r"\nAnalysed: yes: \d+ independent sources?\n$",
        run(["stories", "show", story, "--db", db], capsys)[1],
    )
    reprint = {"id": "reprint", "text": sorted(EXAMPLES.glob("*.txt"))[0].read_text("utf-8")}
    (tmp_path / "more.jsonl").write_text(json.dumps(reprint) + "\n", encoding="utf-8")
    assert run(["ingest", str(tmp_path / "more.jsonl"), "--db", db], capsys)[0] == 0
    (listed,) = json.loads(run(["stories", "--db", db, "--json", "-"], capsys)[1])["stories"]
    assert listed["analyzed"] is True and listed["changed_since_analysis"] is True
    out = run(["stories", "show", story, "--db", db], capsys)[1]
    assert (
        f"Analysed: yes, but the story has changed since (analyse it again: newsweave analyze --story {story}"
        in out
    )
    history = out.split("History (2 events):\n")[1].splitlines()[:2]
    assert [line.split()[2:] for line in history] == [
        ["run", "1", "created"],
        ["run", "2", "grew", "(articles", "joined)"],
    ]


def test_unknown_story_and_bad_dates_are_clear_errors(tmp_path, capsys):
    db, _ = _ingest_examples(tmp_path, capsys)
    code, _, err = run(["stories", "show", "s0000000000", "--db", db], capsys)
    assert code == 1
    assert err == f"Error: no story 's0000000000' in {db} (list them with 'newsweave stories')\n"
    code, _, err = run(["stories", "--db", db, "--since", "yesterday"], capsys)
    assert code == 2 and "is not a date (write e.g. 2019-11-10; --since takes a day)" in err
    code, _, err = run(["stories", "--db", db, "--since", "2019-11-18T23:59"], capsys)
    assert code == 2 and "--since takes a day" in err
    code, _, err = run(["analyze", "--json", str(tmp_path / "d.json")], capsys)
    assert code == 2 and "give INPUTS to analyse, or --story ID" in err


GOOD_TEXT = (
    "Councillor Inés Núñez was sworn in as interim mayor of São Tomé on Tuesday in a session "
    "of the council that lacked a quorum, two days after the mayor resigned and left the city."
)
OTHER_TEXT = (
    "The film festival opened its award season in Venice with a crowded programme of "
    "premieres, and the jury said the competition was the strongest in a decade."
)


def test_listing_never_makes_or_changes_a_store(tmp_path, capsys):
    missing = tmp_path / "sub" / "none.sqlite"
    for argv in (
        ["stories", "--db", str(missing)],
        ["stories", "show", "s0000000000", "--db", str(missing)],
        ["analyze", "--story", "s0000000000", "--db", str(missing), "--json", "d.json"],
        ["analyze", "--all", "--db", str(missing)],
    ):
        code, _, err = run(argv, capsys)
        assert code == 1
        assert err == (
            f"Error: no store at {missing} (build one with 'newsweave ingest INPUT... "
            f"--db {missing}')\n"
        )
    assert not missing.parent.exists()
    import sqlite3

    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    code, _, err = run(["stories", "--db", str(empty)], capsys)
    assert code == 1 and err.startswith(f"Error: no store at {empty} ")
    assert empty.read_bytes() == b""
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE foo (x)")
        conn.execute("PRAGMA user_version = 2")  # other programs number their schemas too
    before = other.read_bytes()
    for argv in (["stories", "--db", str(other)], ["ingest", str(EXAMPLES), "--db", str(other)]):
        code, _, err = run(argv, capsys)
        assert code == 1
        assert err == (
            f"Error: {other} is a SQLite database but not a newsweave store (it holds foo); "
            "choose another file with --db\n"
        )
    assert other.read_bytes() == before
    for name, schema in (
        ("views.sqlite", ["CREATE VIEW v AS SELECT 1"]),  # views only: still another's
        ("numbered.sqlite", ["PRAGMA user_version = 3"]),  # a version but no tables
        ("marked.sqlite", ["PRAGMA application_id = 1234"]),
    ):
        path = tmp_path / name
        with sqlite3.connect(path) as conn:
            for statement in schema:
                conn.execute(statement)
        conn.close()
        before = path.read_bytes()
        for argv in (["stories", "--db", str(path)], ["analyze", "--all", "--db", str(path)]):
            code, _, err = run(argv, capsys)
            assert code == 1 and "is a SQLite database but not a newsweave store" in err, name
        assert path.read_bytes() == before, name


def test_search_finds_whole_words_in_headlines_and_titles(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    records = [
        {"id": "a", "title": "Núñez sworn in as interim mayor", "text": GOOD_TEXT},
        {"id": "b", "title": "Award season opens", "text": OTHER_TEXT},
    ]
    (folder / "f.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    db = str(tmp_path / "s.sqlite")
    assert run(["ingest", str(folder), "--db", db], capsys)[0] == 0

    def listed(search):
        code, out, _ = run(["stories", "--db", db, "--search", search, "--json", "-"], capsys)
        assert code == 0
        return sorted(a for s in json.loads(out)["stories"] for a in s["article_ids"])

    assert listed("nunez MAYOR") == ["a"]
    assert listed("war") == []  # not inside "Award"
    assert listed("award") == ["b"]
    assert listed("nunez award") == []
    code, _, err = run(["stories", "--db", db, "--search", "!!"], capsys)
    assert code == 2 and "has no words (give letters or digits)" in err
    code, out, _ = run(["stories", "--db", db, "--limit", "1"], capsys)
    assert code == 0 and out.splitlines()[-1] == "1 story of 2 (--limit)"


def test_ingesting_nothing_is_an_error(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    db = str(tmp_path / "s.sqlite")
    code, out, err = run(["ingest", str(empty), "--db", db], capsys)
    assert code == 1
    assert out.startswith("Ingested 0 new articles")
    assert err == (
        "Error: nothing was ingested: no documents were found in the inputs (give .txt, .html"
        ", .json, .jsonl, .csv or .tsv files with text, plain or compressed (.gz, .bz2, .xz), "
        ".parquet tables, web archives or URLs)\n"
    )
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    code, out, err = run(["ingest", str(bad), "--db", db], capsys)
    assert code == 1 and "all 1 inputs were rejected (listed above; give .txt" in err


def test_a_table_keeping_fields_under_other_names_hears_the_flags_that_read_them(tmp_path, capsys):
    table = tmp_path / "dump.csv"
    table.write_text(f'text,headline,pub_date\n"{GOOD_TEXT}",Sworn in,2019-11-12\n')
    hint = (
        f"Hint: {table}: column 'headline' may be the title, 'pub_date' the publication date: "
        "read them with --field title=headline --field published=pub_date\n"
    )
    db = str(tmp_path / "s.sqlite")
    code, out, err = run(["ingest", str(table), "--db", db], capsys)
    assert (code, err) == (0, hint)
    assert out.startswith("Ingested 1 new article")
    argv = ["analyze", str(table), "--json", str(tmp_path / "d.json"), "--db", ":memory:"]
    code, _, err = run(argv, capsys)
    assert (code, err) == (0, hint)
    fields = ["--field", "title=headline", "--field", "published=pub_date"]
    code, _, err = run(argv + fields, capsys)
    assert (code, err) == (0, "")
    article = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["articles"][0]
    assert (article["title"], article["published"]) == ("Sworn in", "2019-11-12")


def test_a_batch_counts_its_own_copies_only(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    first = [{"id": f"w{k}", "text": OTHER_TEXT} for k in range(3)]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r) for r in first) + "\n")
    db = str(tmp_path / "s.sqlite")
    code, out, _ = run(["ingest", str(folder / "a.jsonl"), "--db", db], capsys)
    assert "2 copies of other texts" in out.splitlines()[0]
    (folder / "b.jsonl").write_text(json.dumps({"id": "w9", "text": OTHER_TEXT}) + "\n")
    code, out, _ = run(["ingest", str(folder / "b.jsonl"), "--db", db], capsys)
    assert code == 0
    assert out.splitlines()[0] == (
        "Ingested 1 new article (0 updated, 0 unchanged, 1 copy of another text, 0 rejected)."
    )


def test_an_ingest_after_an_interrupted_one_counts_each_article_once(tmp_path, capsys, monkeypatch):
    import newsweave.corpus.intake as intake

    db = str(tmp_path / "s.sqlite")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:  # stopped after the articles were written
        patch.setattr(intake, "_whole_corpus", interrupted)
        code, _, _ = run(["ingest", str(EXAMPLES), "--db", db], capsys)
        assert code == 130
    code, out, _ = run(["ingest", str(EXAMPLES), "--db", db], capsys)
    assert code == 0
    assert out.splitlines()[:2] == [
        "Ingested 4 new articles (0 updated, 0 unchanged, 0 copies of other texts, 0 rejected).",
        "Stories: 1 new, 0 grown, 0 merged, 0 split; 1 in the store.",
    ]


def test_a_newer_store_is_refused_before_anything_is_written(tmp_path, capsys):
    import sqlite3

    db, _ = _ingest_examples(tmp_path, capsys)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = Path(db).read_bytes()
    code, _, err = run(["stories", "--db", db], capsys)
    assert code == 1 and "was written by a newer newsweave" in err
    assert Path(db).read_bytes() == before


def test_a_merged_story_id_says_where_it_went(tmp_path, capsys):
    import sqlite3

    db, out = _ingest_examples(tmp_path, capsys)
    story = out.splitlines()[2].split(" -> ")[1]
    with sqlite3.connect(db) as conn:  # s-old went into s-mid, which went into the story
        conn.executemany(
            "INSERT INTO story_events (story, event, other, at) VALUES (?, 'merged_into', ?, '')",
            [("s-old", "s-mid"), ("s-mid", story)],
        )
    code, _, err = run(["stories", "show", "s-old", "--db", db], capsys)
    assert code == 1
    assert err == (
        f"Error: story 's-old' was merged into story '{story}' (newsweave stories show {story})\n"
    )
    out = run(["stories", "show", story, "--db", db], capsys)[1]
    assert "History (2 events):" in out
    assert out.split("History (2 events):\n")[1].splitlines()[1].split(maxsplit=1) == [
        "absorbed",
        "story s-mid (merged into this one)",
    ]


def test_a_folder_given_as_the_store_is_named_as_such(tmp_path, capsys):
    for argv in (
        ["stories", "--db", str(tmp_path)],
        ["ingest", str(EXAMPLES), "--db", str(tmp_path)],
        ["serve", "--db", str(tmp_path)],
    ):
        code, _, err = run(argv, capsys)
        assert (code, err) == (
            1,
            f"Error: {tmp_path} is a folder, not a store (give the store's file with --db)\n",
        )


def test_a_merge_chain_stops_at_the_first_live_story(tmp_path, capsys):
    import sqlite3

    from newsweave.store.events import merged_into

    db, out = _ingest_examples(tmp_path, capsys)
    story = out.splitlines()[2].split(" -> ")[1]
    with sqlite3.connect(db) as conn:  # ids come back: the live story is where it stops
        conn.executemany(
            "INSERT INTO story_events (story, event, other, at) VALUES (?, 'merged_into', ?, '')",
            [("s-r", story), (story, "s-b"), ("s-b", story), ("s-x", "s-y"), ("s-y", "s-x")],
        )
        assert merged_into(conn, "s-r") == story
        assert merged_into(conn, "s-x") is None  # a loop of ended stories
        assert merged_into(conn, "s-never") is None
    conn.close()


def test_many_joins_are_summed_up_in_one_line(tmp_path, capsys):
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"m{k:02d}", "text": f"{OTHER_TEXT} Report number {k} of twelve."})
            + "\n"
            for k in range(12)
        )
    )
    code, out, _ = run(["ingest", str(path), "--db", str(tmp_path / "s.sqlite")], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[2].startswith("  12 articles joined ") and lines[2].endswith("; the most joined:")
    assert len(lines) == 3 + len(set(lines[3:])) and all(" now)  " in x for x in lines[3:])
    counts = sum(int(x.split()[0].lstrip("+")) for x in lines[3:])
    assert counts == 12
    code, in_memory, _ = run(["ingest", str(path), "--db", ":memory:"], capsys)
    assert code == 0 and in_memory.splitlines()[2:] == lines[2:]


def test_analyze_options_that_do_not_apply_are_usage_errors(tmp_path, capsys):
    db, _ = _ingest_examples(tmp_path, capsys)
    code, _, err = run(["analyze", "--all", "--db", db, "--json", "x.json"], capsys)
    assert code == 2 and "--all keeps each story's analysis in the store" in err
    for flag, value in (("--min-size", "2"), ("--since", "2019-11-10"), ("--workers", "1")):
        argv = ["analyze", str(EXAMPLES), "--json", str(tmp_path / "d.json"), flag, value]
        code, _, err = run(argv, capsys)
        assert code == 2 and f"{flag} goes with --all" in err


def test_url_lists_follow_and_reread_name_what_is_wrong(tmp_path, capsys):
    links = tmp_path / "links.txt"
    links.write_text("# mine\nhttps://news.example.org/a\nftp://127.0.0.1/x\n")
    db = str(tmp_path / "s.sqlite")
    code, _, err = run(["ingest", "--urls", str(links), "--db", db], capsys)
    assert (code, err) == (
        1,
        f"Error: {links} lists 'ftp://127.0.0.1/x', which is not an http(s):// URL (fix the "
        "line, or put # before it)\n",
    )
    code, _, err = run(["ingest", "--follow", str(EXAMPLES), "--rounds", "1", "--db", db], capsys)
    assert code == 2 and "--follow polls RSS/Atom feeds and sitemaps on the web" in err
    code, _, err = run(["ingest", "--reread", "--db", db], capsys)
    assert code == 1 and err.startswith(f"Error: no store at {db} ")
    from newsweave.cli.options import is_url

    assert is_url("HTTP://news.example.org/a") and not is_url("http.txt")


def test_option_misuse_names_the_clash(tmp_path, capsys):
    code, _, err = run(["analyze", str(EXAMPLES), "--story", "s1", "--json", "x.json"], capsys)
    assert code == 2 and "--story analyses a stored story: give no INPUTS with it" in err
    code, _, err = run(["ingest", str(EXAMPLES), "--config", str(tmp_path / "none.toml")], capsys)
    assert code == 2 and "does not exist" in err


def _one_story(tmp_path, capsys, **fields):
    """A store of one article (the fields given beside its text) and its story's JSON."""
    text = (
        "The harbour council voted on Tuesday to close the old bridge for repairs, officials said."
    )
    (tmp_path / "f.jsonl").write_text(json.dumps({"id": "a", "text": text, **fields}) + "\n")
    db = str(tmp_path / "s.sqlite")
    assert run(["ingest", str(tmp_path / "f.jsonl"), "--db", db], capsys)[0] == 0
    (story,) = json.loads(run(["stories", "--db", db, "--json", "-"], capsys)[1])["stories"]
    return db, story


def test_show_clips_long_outlets_visibly(tmp_path, capsys):
    db, story = _one_story(tmp_path, capsys, outlet="The National Review Desk of the Coast")
    code, out, _ = run(["stories", "show", story["id"], "--db", db], capsys)
    assert code == 0 and "1 article, 1 outlet, " in out and "The National Review…" in out


def test_show_gives_the_days_as_the_articles_write_them(tmp_path, capsys):
    db, story = _one_story(tmp_path, capsys, published="2019-01-08T00:47:19+01:00")
    assert story["last_published"] == "2019-01-07T23:47:19+00:00"  # ordered in UTC
    out = run(["stories", "show", story["id"], "--db", db], capsys)[1]
    assert ", 2019-01-08 to 2019-01-08" in out and "  2019-01-08 " in out


def test_analyze_json_to_standard_output(tmp_path, capsys):
    code, out, err = run(["analyze", str(EXAMPLES), "--json", "-", "--db", ":memory:"], capsys)
    assert code == 0 and json.loads(out)["schema"] == "newsweave.dossier/1"
    assert err.startswith("Analysed 4 articles in 1 story") and not Path("-").exists()
    code, _, err = run(["analyze", str(EXAMPLES), "--html", "-"], capsys)
    assert code == 2 and "--html writes a file" in err


def test_odd_values_in_a_store_made_elsewhere_are_read_not_fatal(tmp_path, capsys):
    import sqlite3

    db, out = _ingest_examples(tmp_path, capsys)
    story = out.splitlines()[2].split(" -> ")[1]
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE stories SET size = x'00ff', headline = x'3c62', last_published = 7")
    code, out, err = run(["stories", "--db", db], capsys)
    assert (code, err) == (0, "") and story in out
    code, out, err = run(["stories", "show", story, "--db", db], capsys)
    assert (code, err) == (0, "") and f"Story {story}: <b" in out


def test_an_ingest_that_must_wait_for_another_says_so_even_when_piped(tmp_path):
    from newsweave.store.lock import ingest_lock

    db = str(tmp_path / "s.sqlite")
    command = [sys.executable, "-m", "newsweave", "ingest", str(EXAMPLES), "--db", db]
    with ingest_lock(db):  # another ingest is writing the store
        second = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert (
            second.stderr.readline() == "Waiting for another ingest into this store to finish...\n"
        )
        assert second.poll() is None  # still waiting
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0
    assert err.startswith("The other ingest finished; going on.")
    assert out.startswith("Ingested 4 new articles")


def _newsweave(argv, stdin):
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *argv],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_ingest_reads_json_lines_piped_into_dash(tmp_path):
    records = [
        {
            "id": f"p{k}",
            "title": f"Storm {k}",
            "text": f"A storm hit the coast on day {k}, officials said.",
        }
        for k in range(3)
    ]
    piped = "".join(json.dumps(r) + "\n" for r in records).encode()
    db = tmp_path / "s.db"
    done = _newsweave(["ingest", "-", "--db", str(db)], piped)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("Ingested 3 new articles")
    import sqlite3

    with sqlite3.connect(db) as conn:
        sources = sorted(r[0] for r in conn.execute("SELECT source FROM articles"))
    assert sources == ["<stdin>#1", "<stdin>#2", "<stdin>#3"]


def test_nothing_on_standard_input_is_a_clear_error(tmp_path):
    done = _newsweave(["ingest", "-", "--db", str(tmp_path / "s.db")], b"")
    assert done.returncode == 1
    assert "Rejected <stdin>: nothing came on standard input" in done.stdout.decode()
    assert "Traceback" not in done.stderr.decode()


def test_ingest_a_gzipped_dump(tmp_path, capsys):
    import gzip

    records = [
        {"id": f"g{k}", "text": f"Parliament voted on bill number {k} after a long debate."}
        for k in range(4)
    ]
    (tmp_path / "dump.jsonl.gz").write_bytes(
        gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    )
    code, out, err = run(
        ["ingest", str(tmp_path / "dump.jsonl.gz"), "--db", str(tmp_path / "s.db")], capsys
    )
    assert code == 0, err
    assert out.startswith("Ingested 4 new articles (0 updated, 0 unchanged, ")
    assert "0 rejected)." in out


def test_story_show_json_names_each_copy_and_the_analysis(tmp_path, capsys):
    text = (
        "Floods forced thousands of residents from their homes in the river valley on Tuesday, "
        "and rescue teams worked through the night to reach villages cut off by the water."
    )
    records = [
        {
            "id": "wire",
            "outlet": "Wire",
            "published": "2024-03-05",
            "title": "Floods",
            "text": text,
        },
        {"id": "reprint", "outlet": "Daily", "published": "2024-03-06", "text": text},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run(["ingest", str(source), "--db", db], capsys)[0] == 0
    story = json.loads(run(["stories", "--db", db, "--json", "-"], capsys)[1])["stories"][0]
    code, out, err = run(["stories", "show", story["id"], "--db", db, "--json", "-"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["schema"] == "newsweave.story/1"
    assert data["story"] == story
    by_id = {a["id"]: a for a in data["articles"]}
    assert [a["id"] for a in data["articles"]] == ["wire", "reprint"]  # earliest first
    assert by_id["wire"]["copy_of"] is None and by_id["wire"]["outlet"] == "Wire"
    assert by_id["reprint"]["copy_of"] == {"article": "wire", "similarity": 1.0, "kind": "exact"}
    assert data["analysis"] == {"status": None, "error": None}
    assert [e["event"] for e in data["history"]] == ["created"]
    target = tmp_path / "story.json"
    code, out, _ = run(["stories", "show", story["id"], "--db", db, "--json", str(target)], capsys)
    assert (code, out) == (0, f"Wrote {target} (story {story['id']})\n")
    assert json.loads(target.read_text(encoding="utf-8")) == data


def test_analyze_reads_json_lines_piped_into_dash(tmp_path):
    records = [
        {
            "id": "a",
            "outlet": "Wire",
            "text": "Floods forced thousands from their homes on Tuesday.",
        },
        {
            "id": "b",
            "outlet": "Daily",
            "text": "Thousands fled their homes as floods rose on Tuesday.",
        },
    ]
    piped = "".join(json.dumps(r) + "\n" for r in records).encode()
    done = _newsweave(["analyze", "-", "--json", "-"], piped)
    assert done.returncode == 0, done.stderr
    dossier = json.loads(done.stdout)
    assert [a["source"] for a in dossier["articles"]] == ["<stdin>#1", "<stdin>#2"]
    assert "Traceback" not in done.stderr.decode()


def test_field_reads_a_dump_whose_records_name_their_fields_otherwise(tmp_path, capsys):
    records = [
        {"key": f"k{k}", "headline": f"Floods {k}", "body": f"Floods hit the valley, day {k}. " * 8}
        for k in range(2)
    ]
    source = tmp_path / "dump.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "s.db")
    code, out, err = run(["ingest", str(source), "--db", db], capsys)
    assert code == 1
    assert "read it as 'text' with --field text=body" in out
    argv = ["ingest", str(source), "--db", db, "--field", "text=body", "--field", "id=key"]
    code, out, err = run([*argv, "--field", "title=headline"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Ingested 2 new articles")
    assert not any("clustered again" in line for line in lines)  # the first batch that held any
    assert {line.split(" -> ")[0].strip() for line in lines[2:]} == {"k0", "k1"}


def test_ingest_reads_a_parquet_table_with_its_columns_mapped(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = {
        "key": ["k0", "k1", "k2"],
        "headline": ["Floods 0", "Floods 1", "Floods 2"],
        "body": [f"Floods hit the valley, day {k}. " * 8 for k in range(2)] + [None],
        "date": pa.array([1573551000, 1573637400, None], pa.int64()),
        "html_len": [1, 2, 3],
    }
    source = tmp_path / "dump.parquet"
    pq.write_table(pa.table(rows), source)
    db = str(tmp_path / "s.db")
    argv = ["ingest", str(source), "--db", db, "--field", "text=body", "--field", "id=key"]
    code, out, err = run([*argv, "--field", "published=date"], capsys)
    hint = (
        f"Hint: {source}: column 'headline' may be the title: read it with --field title=headline"
    )
    assert (code, err) == (0, hint + "\n")  # the one column left unread
    assert out.splitlines()[0].startswith("Ingested 2 new articles")
    assert f"Rejected {source}#3: row 3: no 'text' or 'html' field with content" in out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT id, published FROM articles ORDER BY id").fetchall() == [
        ("k0", "2019-11-12T09:30:00+00:00"),
        ("k1", "2019-11-13T09:30:00+00:00"),
    ]
    conn.close()


def test_a_bad_field_names_the_fix(tmp_path, capsys):
    code, _, err = run(
        ["ingest", str(EXAMPLES), "--db", str(tmp_path / "s.db"), "--field", "body"], capsys
    )
    assert code != 0
    assert "'body' is not FIELD=KEY with FIELD one of text, html, id" in err
    assert "(try --field text=body)" in err


def test_the_command_line_starts_without_the_compiler():
    """numba takes a few tenths of a second to import: commands load it when they compute
    (reading articles, clustering), not when they start (``--help``, listing stories)."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, newsweave.cli; print('numba' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_reading_stories_loads_no_clustering_code(tmp_path, capsys):
    """``stories``, ``stories show`` and ``--search`` read tables: they start without numba
    or scipy (a second of imports that only ingesting and clustering need)."""
    db = str(tmp_path / "s.db")
    assert run(["ingest", str(EXAMPLES), "--db", db], capsys)[0] == 0
    script = (
        "import json, sys\n"
        "from newsweave.cli import main\n"
        "db = sys.argv[1]\n"
        "codes = [main(['stories', '--db', db, '--json', sys.argv[2]]),\n"
        "         main(['stories', '--db', db, '--search', 'Mexico'])]\n"
        "story = json.load(open(sys.argv[2]))['stories'][0]['id']\n"
        "codes.append(main(['stories', 'show', story, '--db', db]))\n"
        "print(codes, sorted({'numba', 'scipy'} & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, db, str(tmp_path / "stories.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Bolivia" in done.stdout  # the listing and the story were printed
    assert done.stdout.strip().splitlines()[-1] == "[0, 0, 0] []"


def test_a_large_ingest_report_groups_its_thousands(capsys):
    from newsweave.cli.corpus import _print_report
    from newsweave.corpus.apply import StoryChanges
    from newsweave.corpus.intake import IngestReport

    joined = {f"a{k}": f"s{k % 3}" for k in range(1_200)}
    changes = StoryChanges(("s0",), ("s1", "s2"), {}, (), joined)
    _print_report(IngestReport(12_345, 0, 2_000, (), 1_500, changes, 17_411))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Ingested 12,345 new articles (0 updated, 2,000 unchanged, 1,500 copies of other "
        "texts, 0 rejected)."
    )
    assert lines[1] == "Stories: 1 new, 2 grown, 0 merged, 0 split; 17,411 in the store."
    assert lines[2].startswith("  1,200 articles joined 3 stories")
