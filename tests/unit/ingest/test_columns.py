"""Hints for tables that keep article fields under other names: which column may be which
field, and the --field flags that read it; never a field read by guessing."""

import gzip
import json

import pytest

from newsweave.config import IngestSettings, Settings
from newsweave.ingest.columns import field_flags, field_hints, hint_message
from newsweave.ingest.headers import column_hints, file_columns
from newsweave.sources import input_hints
from tests.unit.ingest.inputs import GOOD, read


def test_the_names_dumps_use_are_recognised_in_any_case_and_spelling():
    columns = ["ID", "Headline", "pubDate", "article_url", "Publication", "lang", "Body"]
    assert field_hints(columns, ()) == (
        ("text", "Body"),
        ("title", "Headline"),
        ("published", "pubDate"),
        ("url", "article_url"),
        ("outlet", "Publication"),
        ("id", "ID"),
        ("language", "lang"),
    )


def test_the_likelier_name_wins_and_a_column_is_suggested_once():
    # "date" is likelier than "timestamp" whatever the order; "source" is not also the URL
    assert field_hints(["text", "timestamp", "date", "source"], ()) == (
        ("published", "date"),
        ("outlet", "source"),
    )


def test_fields_already_read_are_not_hinted():
    assert field_hints(["text", "title", "published", "url"], ()) == ()
    # --field names the column: the field is read, the column taken
    assert field_hints(["body", "headline"], (("text", "body"), ("title", "headline"))) == ()
    assert field_hints(["text", "headline", "heading"], (("title", "heading"),)) == ()


def test_no_text_column_is_hinted_when_the_table_has_one():
    assert field_hints(["html", "body"], ()) == ()
    assert field_hints(["body", "raw_html"], ()) == (("text", "body"),)  # one text is enough
    assert field_hints(["raw_html", "headline"], ()) == (
        ("html", "raw_html"),
        ("title", "headline"),
    )


def test_a_column_that_a_flag_cannot_name_is_not_hinted():
    assert field_hints(["text", "head,line", "headline"], ()) == (("title", "headline"),)
    assert field_hints(["text", "head,line"], ()) == ()


def test_the_message_says_what_each_column_may_be_and_gives_flags_for_a_shell():
    assert hint_message([]) == ""
    assert hint_message([("title", "headline")]) == (
        "column 'headline' may be the title: read it with --field title=headline"
    )
    assert hint_message([("text", "body"), ("url", "Link to it")]) == (
        "column 'body' may be the text, 'Link to it' the URL: read them with --field text=body "
        "--field 'url=Link to it'"
    )
    assert field_flags([("title", "it's")]) == "--field 'title=it'\"'\"'s'"


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (
            "headline,body,pub_date",
            "its header ('headline', 'body', 'pub_date') has no 'text' or 'html' column; "
            "column 'body' may be the text, 'headline' the title, 'pub_date' the publication "
            "date: read them with --field text=body --field title=headline --field "
            "published=pub_date",
        ),
        (  # no column is likely the text: the other fields are still named
            "headline,words,pub_date",
            "its header ('headline', 'words', 'pub_date') has no 'text' or 'html' column: read "
            "one with --field text=COLUMN (e.g. --field text=content) (column 'headline' may "
            "be the title, 'pub_date' the publication date: read them with --field "
            "title=headline --field published=pub_date)",
        ),
    ],
)
def test_a_table_without_text_is_rejected_naming_every_flag_that_reads_it(tmp_path, header, reason):
    (tmp_path / "dump.csv").write_text(f"{header}\nVote,{GOOD},2019-11-12\n")
    (rejection,) = read(tmp_path).rejected
    assert rejection.reason == reason
    text = header.split(",")[1]
    fields = f"text={text},title=headline,published=pub_date"
    (article,) = read(tmp_path, fields=fields).articles
    assert (article.title, article.published, article.text) == ("Vote", "2019-11-12", GOOD)


def test_column_names_are_read_from_headers_first_records_and_schemas(tmp_path):
    (tmp_path / "a.csv").write_text("\ufeffid, text ,headline\nx,y,z\n")
    (tmp_path / "b.tsv.gz").write_bytes(gzip.compress(b"text\tpubDate\na\tb\n"))
    first = {"text": GOOD, "source": {"name": "nested"}, "date": "2019-11-12", "ok": True, "n": 3}
    (tmp_path / "c.jsonl").write_text("\n  \n" + json.dumps(first) + "\n{not json\n")
    (tmp_path / "d.txt").write_text(GOOD)
    (tmp_path / "e.csv.gz").write_bytes(b"not gzip at all")
    (tmp_path / "f.jsonl").write_text("[1, 2]\n")
    got = {
        p.name: file_columns(p, IngestSettings(max_bytes=10_000))
        for p in sorted(tmp_path.iterdir())
    }
    assert got == {
        "a.csv": ["id", "text", "headline"],
        "b.tsv.gz": ["text", "pubDate"],
        "c.jsonl": ["text", "source.name", "date", "n"],  # a flag cannot be a field
        "d.txt": None,
        "e.csv.gz": None,  # its reader says why it cannot be read
        "f.jsonl": None,
    }
    assert (
        file_columns(tmp_path / "c.jsonl", IngestSettings(max_bytes=10)) is None
    )  # a first record over the limit


def test_a_parquet_struct_is_named_by_its_fields_and_lists_are_left_out(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "text": [GOOD],
            "headline": ["Vote"],
            "source": [{"name": "Wire", "tags": ["a"]}],
            "authors": [["A. Writer"]],
        }
    )
    pq.write_table(table, tmp_path / "t.parquet")
    assert file_columns(tmp_path / "t.parquet", IngestSettings()) == [
        "text",
        "headline",
        "source.name",
    ]
    (tmp_path / "u.parquet").write_text("not parquet")
    assert file_columns(tmp_path / "u.parquet", IngestSettings()) is None


def test_hints_name_tables_with_text_and_fields_elsewhere_before_any_row_is_read(tmp_path):
    (tmp_path / "a.csv").write_text(f"text,headline,link\n{GOOD},Vote,http://a.example/1\n")
    (tmp_path / "b.csv").write_text(f"body,headline\n{GOOD},Vote\n")  # rejected, saying so
    (tmp_path / "c.csv").write_text(f"text,title\n{GOOD},Vote\n")  # nothing to say
    expected = (
        f"{tmp_path / 'a.csv'}: column 'headline' may be the title, 'link' the URL: read them "
        "with --field title=headline --field url=link"
    )
    assert column_hints(sorted(tmp_path.iterdir()), IngestSettings()) == (expected,)
    assert input_hints([str(tmp_path)], Settings()) == (expected,)
    given = Settings(ingest=IngestSettings(fields="title=headline,url=link"))
    assert input_hints([str(tmp_path), "https://example.com/feed", "-"], given) == ()
    # a JSON Lines record without text is rejected naming its text alone: the hint says all
    records = tmp_path / "d.jsonl"
    records.write_text(json.dumps({"body": GOOD, "headline": "Vote"}) + "\n")
    assert input_hints([str(records)], Settings()) == (
        f"{records}: key 'body' may be the text, 'headline' the title: read them with --field "
        "text=body --field title=headline",
    )


def test_a_news_api_dump_hears_of_its_nested_outlet():
    columns = ["source.id", "source.name", "author", "title", "url", "publishedAt", "content"]
    assert field_hints(columns, ()) == (
        ("text", "content"),
        ("published", "publishedAt"),
        ("outlet", "source.name"),
    )


def test_a_folder_of_one_record_files_gets_one_hint_for_all(tmp_path):
    for k in range(3):  # as news-please writes them: one article a file
        record = {
            "maintext": f"{GOOD} {k}.",
            "title": "Vote",
            "date_publish": "2019-11-12 09:30:00",
            "source_domain": "example.com",
            "url": f"https://example.com/{k}",
        }
        (tmp_path / f"{k}.json").write_text(json.dumps(record))
    assert input_hints([str(tmp_path)], Settings()) == (
        f"{tmp_path / '0.json'} and 2 more files: key 'maintext' may be the text, "
        "'date_publish' the publication date, 'source_domain' the outlet: read them with "
        "--field text=maintext --field published=date_publish --field outlet=source_domain",
    )
    articles = read(tmp_path, fields="text=maintext,published=date_publish,outlet=source_domain")
    assert {a.outlet for a in articles.articles} == {"example.com"}
