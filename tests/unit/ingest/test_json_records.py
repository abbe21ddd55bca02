"""JSON files as inputs: an array of records, records one after another, one record, or an
API's response wrapping its records, read a record at a time."""

import gzip
import json

from hypothesis import given, settings
from hypothesis import strategies as st

import newsweave.ingest.json_records as json_records
from newsweave.config import IngestSettings, Settings
from newsweave.ingest.json_records import read_json
from newsweave.ingest.records import RawRecord
from newsweave.sources import input_hints
from tests.unit.ingest.inputs import GOOD, read, reasons, sources


def record(k, **more):
    return {"id": f"r{k}", "text": f"{GOOD} Number {k}.", **more}


def test_an_array_of_records_is_read_record_by_record_named_by_number(tmp_path):
    rows = [record(1, title="Vote"), record(2), 5, {"id": "r4"}]
    (tmp_path / "dump.json").write_text(json.dumps(rows, indent=2))
    result = read(tmp_path)
    assert [(a.source.rsplit("/", 1)[-1], a.id) for a in result.articles] == [
        ("dump.json#1", "r1"),
        ("dump.json#2", "r2"),
    ]
    assert result.articles[0].title == "Vote"
    assert reasons(result) == {
        "dump.json#3": "record 3: not a JSON object but int",
        "dump.json#4": "record 4: no 'text' or 'html' field with content",
    }


def test_an_api_response_wrapping_its_records_gives_them_with_nested_fields(tmp_path):
    response = {
        "status": "ok",
        "totalResults": 2,
        "articles": [
            {"source": {"id": None, "name": "Wire"}, "content": f"{GOOD} A.", "title": "A"},
            {"source": {"name": "Daily"}, "content": f"{GOOD} B.", "publishedAt": "2019-11-13"},
        ],
    }
    (tmp_path / "api.json.gz").write_bytes(gzip.compress(json.dumps(response).encode()))
    result = read(tmp_path, fields="text=content,outlet=source.name,published=publishedAt")
    got = [(a.source.rsplit("/", 1)[-1], a.outlet, a.published) for a in result.articles]
    assert got == [("api.json.gz#1", "Wire", None), ("api.json.gz#2", "Daily", "2019-11-13")]
    assert input_hints([str(tmp_path)], Settings()) == (
        f"{tmp_path / 'api.json.gz'}: key 'content' may be the text, 'source.name' the outlet: "
        "read them with --field text=content --field outlet=source.name",
    )


def test_one_record_and_records_one_after_another_are_read_too(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "o1", "text": GOOD}))
    lines = "\n".join(json.dumps(record(k)) for k in range(3)) + "\n"
    (tmp_path / "lines.json").write_text(lines)
    wrapped_record = {"id": "w1", "text": GOOD + " Own.", "related": [{"id": "x"}]}
    (tmp_path / "has_list.json").write_text(json.dumps(wrapped_record))  # a record: not a wrapper
    ids = sorted(a.id for a in read(tmp_path).articles)
    assert ids == ["o1", "r0", "r1", "r2", "w1"]


def test_text_that_stops_being_json_keeps_the_records_before_it(tmp_path):
    good = [json.dumps(record(k)) for k in range(3)]  # one text a file: no repeats
    (tmp_path / "bad.json").write_text(f'[{good[0]}, {{"id": "r2", "text": oops}}, {good[0]}]')
    latin = f"[{good[1]}, ".encode() + b'{"text": "caf\xe9"}, ' + json.dumps(record(4)).encode()
    (tmp_path / "latin.json").write_bytes(latin + b"]")  # a record not UTF-8 is rejected alone
    (tmp_path / "comma.json").write_text(f"[{good[2]} {good[2]}]")
    (tmp_path / "scalar.json").write_text("42")
    (tmp_path / "empty.json").write_text("  \n")
    (tmp_path / "none.json").write_text("[]")
    result = read(tmp_path)
    assert sources(result) == [
        "bad.json#1",
        "comma.json#1",
        "latin.json#1",
        "latin.json#3",
    ]
    assert reasons(result) == {
        "bad.json": "not valid JSON (Expecting value); records after 1 are not read",
        "latin.json#2": "record 2: not UTF-8; save the file as UTF-8",
        "comma.json": "not valid JSON (expected ',' or ']' after record 1, found '{'); records "
        "after 1 are not read",
        "scalar.json": "not valid JSON (a JSON file of records opens with '[' or '{', not '4'); "
        "nothing of it was read",
        "empty.json": "no record in it",
        "none.json": "no record in it",
    }


def test_a_record_over_the_limit_is_skipped_unread_and_the_rest_go_on(tmp_path, monkeypatch):
    monkeypatch.setattr(json_records, "CHUNK", 64)  # records cross many windows
    rows = [record(1), record(2, note='a "quoted" } ] [ {' * 200), record(3)]
    (tmp_path / "big.json").write_text(json.dumps(rows))
    result = read(tmp_path, max_bytes=2000)
    assert [a.id for a in result.articles] == ["r1", "r3"]
    assert reasons(result) == {
        "big.json#2": "record 2: record too large: more than 2,000 bytes (raise "
        "NEWSWEAVE_INGEST_MAX_BYTES)"
    }


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.text(min_size=1, max_size=5),
            st.one_of(st.text(max_size=40), st.integers(), st.none()),
            max_size=4,
        ),
        max_size=6,
    ),
    st.sampled_from([None, 1, 3]),
    st.integers(min_value=2, max_value=40),
)
def test_any_array_reads_back_its_objects_in_order_across_windows(rows, indent, chunk):
    import tempfile
    from pathlib import Path

    saved = json_records.CHUNK
    json_records.CHUNK = chunk
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "a.json"
            path.write_text(json.dumps(rows, indent=indent, ensure_ascii=False), encoding="utf-8")
            items = list(read_json(path, "", IngestSettings()))
    finally:
        json_records.CHUNK = saved
    if not rows:
        assert [i.reason for i in items] == ["no record in it"]  # type: ignore[union-attr]
        return
    assert all(isinstance(i, RawRecord) for i in items)
    assert [dict(i.record) for i in items] == rows  # type: ignore[union-attr]
    assert [i.number for i in items] == list(range(1, len(rows) + 1))  # type: ignore[union-attr]


def test_a_value_cut_by_the_window_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(json_records, "CHUNK", 6)  # "12" of 12345 ends the first window
    (tmp_path / "n.json").write_text(f"[1, 12345, {json.dumps(record(3))}]")
    (tmp_path / "m.json").write_text(f'{{"n": 12345}} {json.dumps(record(4))}')
    result = read(tmp_path)
    assert sources(result) == ["m.json#2", "n.json#3"]
    assert reasons(result) == {
        "m.json#1": "record 1: no 'text' or 'html' field with content",
        "n.json#1": "record 1: not a JSON object but int",
        "n.json#2": "record 2: not a JSON object but int",
    }


def test_broken_json_is_said_to_be_broken_however_much_follows(tmp_path):
    rest = ", ".join(json.dumps(record(k)) for k in range(40))  # more than the limit after it
    (tmp_path / "a.json").write_text(f'[{json.dumps(record(1))}, {{"text": "b" "c": 1}}, {rest}]')
    (tmp_path / "b.json").write_text('[{"text": "unterminated]')
    got = reasons(read(tmp_path, max_bytes=500))
    assert got == {
        "a.json": "not valid JSON (Expecting ',' delimiter); records after 1 are not read",
        "b.json": "not valid JSON (Unterminated string starting); nothing of it was read",
    }


def test_a_long_string_record_is_rejected_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(json_records, "CHUNK", 16)
    escaped = 'a \\" quoted \\\\ ] } [ {' * 200
    (tmp_path / "s.json").write_text(
        f'[{json.dumps(record(1))}, "{escaped}", {json.dumps(record(3))}]'
    )
    result = read(tmp_path, max_bytes=300)
    assert sources(result) == ["s.json#1", "s.json#3"]
    assert reasons(result) == {
        "s.json#2": "record 2: record too large: more than 300 bytes (raise "
        "NEWSWEAVE_INGEST_MAX_BYTES)"
    }


def test_a_wrapper_rejects_only_its_record_that_is_not_utf8_and_may_be_empty(tmp_path):
    good = [json.dumps(record(k)).encode() for k in (1, 3)]
    body = b'{"status": "ok", "articles": [' + good[0] + b', {"text": "caf\xe9"}, ' + good[1]
    (tmp_path / "w.json").write_bytes(body + b"]}")
    (tmp_path / "empty.json").write_text('{"status": "ok", "articles": []}')
    result = read(tmp_path)
    assert sources(result) == ["w.json#1", "w.json#3"]
    assert reasons(result) == {
        "w.json#2": "record 2: not UTF-8; save the file as UTF-8",
        "empty.json": "no record in it",
    }


def test_deep_nesting_and_a_compressed_file_cut_short_keep_what_came_before(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(f"[{json.dumps(record(1))}, {deep}]")
    (tmp_path / "deep.jsonl").write_text(f"{json.dumps(record(2))}\n{deep}\n")
    whole = gzip.compress(json.dumps([record(k) for k in range(10, 400)]).encode())
    (tmp_path / "cut.json.gz").write_bytes(whole[: len(whole) // 2])
    result = read(tmp_path)
    got = reasons(result)
    assert got["deep.json"] == "not valid JSON (nested too deeply); records after 1 are not read"
    assert got["deep.jsonl#2"] == "line 2: not valid JSON (nested too deeply)"
    assert got["cut.json.gz"].startswith("cannot be decompressed as .gz")
    kept = [s for s in sources(result) if s.startswith("cut.json.gz#")]
    assert len(kept) > 50  # every record whole before the cut, not a window's worth fewer
    assert got["cut.json.gz"].endswith(f"records after {len(kept)} are not read")
