"""``newsweave serve``: its options, and the errors of a store it cannot serve."""

from __future__ import annotations

import sqlite3

from newsweave.cli import main


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_names_the_options(capsys) -> None:
    code, out, _ = run(["serve", "--help"], capsys)
    assert code == 0
    for option in ("--db", "--host", "--port", "[default: 127.0.0.1]", "[default: 8000"):
        assert option in out


def test_a_missing_store_is_an_error_with_its_fix(tmp_path, capsys) -> None:
    missing = tmp_path / "none.sqlite"
    code, out, err = run(["serve", "--db", str(missing)], capsys)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: no store at {missing} (build one with 'newsweave ingest INPUT... --db {missing}')\n"
    )
    assert not missing.exists(), "serve never creates a store"


def test_a_file_that_is_not_a_store_is_an_error(tmp_path, capsys) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello", encoding="utf-8")
    code, _, err = run(["serve", "--db", str(junk)], capsys)
    assert code == 1
    assert err.startswith(f"Error: {junk} is not a newsweave store (")
    assert err.endswith("; choose another file with --db\n")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    code, _, err = run(["serve", "--db", str(other)], capsys)
    assert code == 1 and "is not a newsweave store (no stories in it" in err


def test_a_bad_port_is_a_usage_error(capsys) -> None:
    code, _, err = run(["serve", "--port", "70000"], capsys)
    assert code == 2 and "--port" in err


def test_a_taken_port_or_unknown_host_is_a_one_line_error(example_store, capsys) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(
            ["serve", "--db", str(example_store.path), "--port", str(port)], capsys
        )
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert err.endswith(
        "(choose another --port, or a --host this machine has, such as 127.0.0.1)\n"
    )
    assert "Serving" not in err
    code, _, err = run(["serve", "--db", str(example_store.path), "--host", "999.1.1.1"], capsys)
    assert code == 1 and err.startswith("Error: cannot listen on 999.1.1.1:8000: ")
