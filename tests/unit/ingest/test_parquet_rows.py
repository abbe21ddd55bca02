"""Parquet tables as inputs: a row is a record, read with the same rules as JSON Lines."""

import sys
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from tests.unit.ingest.inputs import GOOD, read, reasons


def write(path, columns, **options):
    pq.write_table(pa.table(columns), path, **options)
    return path


def test_rows_are_records_named_by_number_with_times_read_as_times(tmp_path):
    write(
        tmp_path / "news.parquet",
        {
            "id": ["p1", "p2", "p3"],
            "title": ["Vote", None, "Exit"],
            "text": [GOOD, f"{GOOD} Second.", f"{GOOD} Third."],
            "published": pa.array(
                [datetime(2019, 11, 12, 9, 30, tzinfo=UTC), None, datetime(2019, 11, 13)],
                pa.timestamp("s", tz="UTC"),
            ),
            "views": [10, 20, 30],  # a column newsweave does not read
        },
        row_group_size=2,  # rows across row groups keep their numbers
    )
    result = read(tmp_path)
    assert result.rejected == ()
    got = {a.id: (a.source.rsplit("/", 1)[-1], a.title, a.published) for a in result.articles}
    assert got == {
        "p1": ("news.parquet#1", "Vote", "2019-11-12T09:30:00+00:00"),
        "p2": ("news.parquet#2", got["p2"][1], None),  # a title is inferred from the text
        "p3": ("news.parquet#3", "Exit", "2019-11-13T00:00:00+00:00"),
    }


def test_fields_map_columns_and_unix_times_and_dates_are_read(tmp_path):
    write(
        tmp_path / "dump.parquet",
        {
            "uid": pa.array([7, 8], pa.int64()),
            "body": [GOOD, f"{GOOD} Again."],
            "ts": pa.array([1573551000, 1573637400], pa.int64()),
            "day": pa.array([date(2019, 11, 12), date(2019, 11, 13)], pa.date32()),
        },
    )
    result = read(tmp_path, fields="id=uid,text=body,published=ts")
    assert [(a.id, a.published) for a in result.articles] == [
        ("7", "2019-11-12T09:30:00+00:00"),
        ("8", "2019-11-13T09:30:00+00:00"),
    ]
    dated = read(tmp_path, fields="text=body,published=day")
    assert sorted(a.published or "" for a in dated.articles) == ["2019-11-12", "2019-11-13"]


def test_a_table_without_a_text_column_is_rejected_once_naming_the_field(tmp_path):
    write(tmp_path / "t.parquet", {"id": ["a"], "content": [GOOD]})
    assert reasons(read(tmp_path)) == {
        "t.parquet": "its columns ('id', 'content') have no 'text' or 'html' column; column "
        "'content' may be the text: read it with --field text=content"
    }


def test_bad_rows_are_rejected_alone_with_their_row_number(tmp_path):
    write(
        tmp_path / "rows.parquet",
        {
            "id": ["a", "b", "c", "d"],
            "text": [GOOD, None, "  ", f"{GOOD} Four."],
            "published": ["2019-11-12", "2019-11-12", "2019-11-12", "someday"],
        },
    )
    write(tmp_path / "bin.parquet", {"id": ["x", "y"], "text": [b"\xff\xfe", GOOD.encode()]})
    result = read(tmp_path, max_bytes=10_000)
    assert sorted(a.id for a in result.articles) == ["a", "y"]
    got = reasons(result)
    assert got["rows.parquet#2"] == "row 2: no 'text' or 'html' field with content"
    assert got["rows.parquet#3"] == "row 3: no 'text' or 'html' field with content"
    assert got["rows.parquet#4"].startswith("row 4: field 'published' is not a date: 'someday'")
    assert got["bin.parquet#1"] == "row 1: a binary column holds bytes that are not UTF-8 text"


def test_a_row_too_large_is_rejected_alone(tmp_path):
    write(tmp_path / "big.parquet", {"id": ["b1", "b2"], "text": ["w " * 2000, GOOD]})
    result = read(tmp_path, max_bytes=1000)
    assert [a.id for a in result.articles] == ["b2"]
    assert reasons(result)["big.parquet#1"].startswith("row 1: record too large: ")


def test_files_that_are_not_parquet_or_are_compressed_or_empty_say_so(tmp_path):
    (tmp_path / "fake.parquet").write_bytes(b"id,text\na,b\n")
    write(
        tmp_path / "none.parquet",
        {"id": pa.array([], pa.string()), "text": pa.array([], pa.string())},
    )
    (tmp_path / "t.parquet.gz").write_bytes(b"\x1f\x8b")
    got = reasons(read(tmp_path))
    assert got["fake.parquet"].startswith("not a readable Parquet file (")
    assert got["none.parquet"] == "no rows"
    assert got["t.parquet.gz"] == (
        "a Parquet file compresses its own columns: give it as t.parquet (decompress the .gz "
        "file first)"
    )


def test_a_damaged_table_keeps_the_rows_before_the_damage(tmp_path):
    path = write(
        tmp_path / "cut.parquet",
        {"id": [f"r{k}" for k in range(6)], "text": [f"{GOOD} Row {k}." for k in range(6)]},
        row_group_size=3,
        compression="none",
    )
    data = bytearray(path.read_bytes())
    second = pq.ParquetFile(path).metadata.row_group(1).column(1).data_page_offset
    data[second : second + 64] = b"\xff" * 64  # the second row group's text pages
    path.write_bytes(bytes(data))
    result = read(tmp_path)
    kept = [a.id for a in result.articles]
    assert kept[:3] == ["r0", "r1", "r2"]
    [stopped] = [r for r in result.rejected if r.source == str(path)]
    assert stopped.reason.startswith("not readable as Parquet (")
    assert stopped.reason.endswith(f"rows after {len(kept)} are not read")


def test_without_pyarrow_a_parquet_file_is_rejected_naming_the_install(tmp_path, monkeypatch):
    write(tmp_path / "news.parquet", {"id": ["p1"], "text": [GOOD]})
    (tmp_path / "other.txt").write_text(GOOD)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = read(tmp_path)
    assert [a.source.rsplit("/", 1)[-1] for a in result.articles] == ["other.txt"]
    assert reasons(result) == {
        "news.parquet": "reading Parquet needs pyarrow: pip install 'newsweave[parquet]' (or "
        "pip install pyarrow)"
    }


def test_a_struct_column_is_read_by_a_dotted_field_key(tmp_path):
    source = pa.array(
        [{"id": "w", "name": "Wire Service"}, {"id": None, "name": None}],
        pa.struct([("id", pa.string()), ("name", pa.string())]),
    )
    write(tmp_path / "api.parquet", {"content": [GOOD, f"{GOOD} Two."], "source": source})
    result = read(tmp_path, fields="text=content,outlet=source.name")
    assert result.rejected == ()
    assert sorted(a.outlet or "" for a in result.articles)[1] == "Wire Service"
    write(tmp_path / "flat.parquet", {"body.text": [f"{GOOD} Flat."], "source.name": ["Wire"]})
    flat = read(tmp_path / "flat.parquet", fields="text=body.text,outlet=source.name")
    assert [a.outlet for a in flat.articles] == ["Wire"]  # a column that holds the dots itself
    (tmp_path / "flat.parquet").unlink()
    wrong = reasons(read(tmp_path, fields="text=content.body"))  # content holds no object
    assert wrong["api.parquet#1"].startswith("row 1: no 'text' or 'html' field with content")
