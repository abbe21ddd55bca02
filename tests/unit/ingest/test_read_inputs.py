"""Ingest: every bad-input case is recorded with its reason; the batch goes on."""

import bz2
import codecs
import csv
import gzip
import json
import lzma
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.config import IngestSettings
from newsweave.errors import InputError
from newsweave.ingest.csv_rows import tsv_quoting
from newsweave.ingest.normalize import normalize_text
from tests.unit.ingest.inputs import GOOD, read, reasons, sources


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text(GOOD + " Two.")
    (tmp_path / "1.txt").write_text(GOOD + " One.")
    (tmp_path / ".hidden" / "3.txt").write_text(GOOD)
    (tmp_path / ".dot.txt").write_text(GOOD)
    result = read(tmp_path)
    assert [a.source for a in result.articles] == [
        str(tmp_path / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]
    assert result.rejected == ()


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="input not found"):
        read(tmp_path / "nope")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t \n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file, not text"),
        (
            "notes.pdf",
            b"%PDF-1.4",
            "unsupported file type .pdf (use .txt, .html, .htm, .json, .jsonl (.ndjson), .csv "
            "or .tsv, each may be compressed as .gz, .bz2 or .xz; or .parquet)",
        ),
        (
            "page.html",
            b"<html><body><script>x()</script></body></html>",
            "no main text found in the HTML",
        ),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD)
    result = read(tmp_path)
    assert len(result.articles) == 1
    assert reasons(result) == {name: reason}


def test_oversized_file(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 10)
    result = read(tmp_path / "big.txt", max_bytes=100)
    assert result.articles == ()
    size = (tmp_path / "big.txt").stat().st_size
    assert reasons(result)["big.txt"].startswith(f"too large: {size:,} bytes > 100 (split it")


def test_undecodable_utf16(tmp_path):
    (tmp_path / "bad16.txt").write_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # lone surrogate
    assert "save it as UTF-8" in reasons(read(tmp_path))["bad16.txt"]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café “quoted” — Áñez".encode(), "Café “quoted” — Áñez"),
        (codecs.BOM_UTF8 + "Café".encode(), "Café"),
        (codecs.BOM_UTF16_LE + "Café Añez".encode("utf-16-le"), "Café Añez"),
        (codecs.BOM_UTF16_BE + "Café Añez".encode("utf-16-be"), "Café Añez"),
        (
            "Plain UTF-16 text without a mark".encode("utf-16-le"),
            "Plain UTF-16 text without a mark",
        ),
        (b"caf\xe9 \x93quoted\x94 \x96 A\xf1ez", "café “quoted” – Añez"),
        (
            b"\xff\xfe are the first letters of this legacy file",
            "ÿþ are the first letters of this legacy file",
        ),
        (
            codecs.BOM_UTF16_LE + "北京市政府今天宣布新的预算计划".encode("utf-16-le"),
            "北京市政府今天宣布新的预算计划",
        ),
        ("Cafe\u0301\r\nline two\r\n".encode(), "Café\nline two"),
    ],
)
def test_encodings(tmp_path, data, text):
    (tmp_path / "a.txt").write_bytes(data)
    (article,) = read(tmp_path).articles
    assert article.text == text


def test_jsonl_dates_as_sources_write_them(tmp_path):
    written = ("12 Nov 2019", "Tue, 12 Nov 2019 09:30:00 GMT", "2019-11-12 09:30 UTC")
    lines = [
        json.dumps({"id": str(k), "text": GOOD, "published": v}) for k, v in enumerate(written)
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    result = read(tmp_path)
    assert not result.rejected
    assert [a.published for a in result.articles] == [
        "2019-11-12",
        "2019-11-12T09:30:00+00:00",
        "2019-11-12T09:30:00+00:00",
    ]


def test_newline_delimited_json_is_json_lines_by_another_name(tmp_path):
    lines = "".join(json.dumps({"id": f"n{k}", "text": f"{GOOD} {k}."}) + "\n" for k in range(2))
    (tmp_path / "a.ndjson").write_text(lines)
    (tmp_path / "b.JSONLINES.gz").write_bytes(gzip.compress(lines.replace('"n', '"m').encode()))
    assert sources(read(tmp_path)) == [
        "a.ndjson#1",
        "a.ndjson#2",
        "b.JSONLINES.gz#1",
        "b.JSONLINES.gz#2",
    ]


def test_jsonl_bad_lines_each_rejected_with_line_number(tmp_path):
    lines = [
        json.dumps({"id": "keep-me", "text": GOOD, "outlet": "Reuters", "published": "2019-11-11"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": GOOD + " More.", "published": "last Tuesday"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": GOOD + " Other.", "outlet": 7}),
        json.dumps({"text": 12345}),
        '{"text": "a tab\tinside"}',
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    result = read(tmp_path)
    (article,) = result.articles
    assert (article.id, article.outlet, article.published) == ("keep-me", "Reuters", "2019-11-11")
    assert article.source == f"{tmp_path / 'feed.jsonl'}#1"
    got = reasons(result)
    assert got["feed.jsonl#2"].startswith("line 2: not valid JSON")
    assert got["feed.jsonl#3"] == "line 3: no 'text' or 'html' field with content"
    assert got["feed.jsonl#4"] == "line 4: not a JSON object but list"
    assert got["feed.jsonl#6"].startswith("line 6: field 'published' is not a date: 'last Tuesday'")
    assert got["feed.jsonl#7"] == "line 7: no 'text' or 'html' field with content"
    assert got["feed.jsonl#8"] == "line 8: field 'outlet' must be a string, got int"
    assert got["feed.jsonl#9"] == "line 9: field 'text' must be a string, got int"
    assert (
        got["feed.jsonl#10"] == "line 10: not valid JSON (Invalid control character at column 16)"
    )
    assert len(result.rejected) == 8


def test_jsonl_html_record_and_oversized_record(tmp_path):
    html = f"<html><head><title>Vote</title></head><body><article><p>{GOOD}</p><p>{GOOD}</p></article></body></html>"
    (tmp_path / "f.jsonl").write_text(
        json.dumps({"id": "h1", "html": html, "url": "https://www.reuters.com/x"})
        + "\n"
        + json.dumps({"text": GOOD * 50})
        + "\n"
    )
    result = read(tmp_path, max_bytes=2000)
    (article,) = result.articles
    assert article.id == "h1" and GOOD in article.text
    assert article.outlet == "Reuters" and "domain" in article.basis["outlet"]
    assert reasons(result)["f.jsonl#2"].startswith("line 2: record too large")


def test_a_record_without_a_date_takes_the_one_its_url_writes(tmp_path):
    records = [
        {"id": "a", "text": GOOD, "url": "https://news.example/2019/11/12/morales-mexico"},
        {
            "id": "b",
            "text": GOOD,
            "url": "https://news.example/2019/11/12/x",
            "published": "2019-11-13",
        },
        {"id": "c", "text": GOOD, "url": "https://news.example/world/morales-mexico"},
    ]
    (tmp_path / "f.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    got = {a.id: a for a in read(tmp_path).articles}
    assert got["a"].published == "2019-11-12"
    assert got["a"].basis["published"] == "the date in its URL path /2019/11/12/"
    assert got["b"].published == "2019-11-13" and "published" not in got["b"].basis  # given wins
    assert got["c"].published is None


def _saved_page(folder, head, body, html="<html>"):
    """A saved page "Vote result" whose <head> ends with ``head`` and whose article is ``body``."""
    (folder / "page.html").write_text(
        f"{html}<head><title>Vote result</title>{head}</head><body><nav>Home | World</nav>"
        f"<article><h1>Vote result</h1>{body}</article></body></html>"
    )
    (article,) = read(folder).articles
    return article


def test_html_file_metadata_and_scripts(tmp_path):
    article = _saved_page(
        tmp_path,
        '<meta property="og:site_name" content="The Guardian"><meta name="date" content="2020-03-01">',
        f"<p>{GOOD}</p><script>alert('x')</script><p>Second paragraph: {GOOD}</p>",
    )
    assert "alert" not in article.text and "Home | World" not in article.text
    assert (article.title, article.outlet, article.published) == (
        "Vote result",
        "The Guardian",
        "2020-03-01",
    )
    assert article.basis["published"] == "meta date"  # where on the page, as for a fetched one


def test_a_saved_page_is_extracted_where_the_rest_of_its_work_is_done(tmp_path, monkeypatch):
    """The reader hands a page on unextracted (trafilatura runs in a worker of the pool,
    pages in parallel); what it gives is the same article."""
    from newsweave.ingest import readers
    from newsweave.ingest.records import RawPage

    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><h1>Vote</h1><p>{GOOD}</p></article></body></html>")
    monkeypatch.setattr(readers, "extract_html", lambda _: pytest.fail("extracted in the reader"))
    [item] = readers.read_file(page, IngestSettings())
    assert item == RawPage(str(page), page.read_text())
    monkeypatch.undo()
    document = readers.document_of(item)
    assert (document.source, document.text) == (str(page), f"Vote\n\n{GOOD}")


def test_a_saved_page_keeps_its_time_and_language_as_a_fetched_one_does(tmp_path):
    article = _saved_page(
        tmp_path,
        '<meta property="article:published_time" content="2026-11-20T08:00:00Z">',
        f"<p>{GOOD}</p><p>More: {GOOD}</p>",
        html='<html lang="en">',
    )
    assert article.published == "2026-11-20T08:00:00+00:00"
    assert article.basis["published"] == "meta article:published_time"
    assert article.language == "en"


def test_credit_lines_and_their_basis(tmp_path):
    (tmp_path / "lead.txt").write_text("CNN  — \n\n" + GOOD)
    (tmp_path / "tail.txt").write_text(GOOD + " -BBC")
    (tmp_path / "dateline.txt").write_text("LONDON (Reuters) - " + GOOD)
    (tmp_path / "photo.txt").write_text(GOOD + "\nPhoto: AFP")
    result = {a.source.rsplit("/", 1)[-1]: a for a in read(tmp_path).articles}
    assert result["lead.txt"].outlet == "CNN" and "start" in result["lead.txt"].basis["outlet"]
    assert result["tail.txt"].outlet == "BBC" and "end" in result["tail.txt"].basis["outlet"]
    assert result["dateline.txt"].outlet == "Reuters"
    assert result["photo.txt"].outlet is None and "outlet" not in result["photo.txt"].basis
    assert result["lead.txt"].text.startswith("CNN  —")  # credit lines stay: offsets never shift


def test_a_known_outlet_alone_on_the_first_line_is_a_credit_not_a_title(tmp_path):
    (tmp_path / "ap.txt").write_text("Associated Press \n\n" + GOOD)
    (tmp_path / "name.txt").write_text("Ann Okafor\n\n" + GOOD)  # not an outlet: a headline
    result = {a.source.rsplit("/", 1)[-1]: a for a in read(tmp_path).articles}
    assert result["ap.txt"].outlet == "AP" and result["ap.txt"].title is None
    assert result["name.txt"].outlet is None and result["name.txt"].title == "Ann Okafor"


def test_title_from_a_headline_line(tmp_path):
    (tmp_path / "a.txt").write_text("Parliament removes the prime minister\n\n" + GOOD)
    (article,) = read(tmp_path).articles
    assert article.title == "Parliament removes the prime minister"
    assert article.basis["title"] == "the first line, which reads as a headline"


def test_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": GOOD, "outlet": "AP"})
        + "\n"
        + json.dumps({"id": "x", "text": GOOD + " One."})
        + "\n"
        + json.dumps({"id": "x", "text": GOOD + " Two."})
        + "\n"
    )
    result = read(tmp_path)
    assert len(result.articles) == 3  # a.txt, the AP copy of the same text, record x
    got = reasons(result)
    assert got["b.txt"] == f"duplicate of {tmp_path / 'a.txt'} (same text)"
    assert got["c.jsonl#3"].startswith("duplicate id 'x'")


def test_ids_are_stable_content_hashes(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    first = read(tmp_path).articles[0]
    assert first.id == read(tmp_path).articles[0].id and len(first.id) == 12
    assert len(first.content_hash) == 64


@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once


def _defined_normalisation(text: str) -> str:
    """normalize_text as its docstring defines it, each step always applied."""
    text = re.sub(r"\r\n?", "\n", text).replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]", "", text)
    return unicodedata.normalize("NFC", text).rstrip()


@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab é\u0301\r\n\t\x00\x0b\x1f\x7f\u200b\u2028\u2029\ufeff\u00a0")
        )
    )
)
def test_normalisation_is_as_defined(text):
    assert normalize_text(text) == _defined_normalisation(text)


@given(st.text(min_size=1).filter(lambda t: normalize_text(t).strip()))
def test_any_unicode_text_round_trips(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("u")
    (folder / "a.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    (article,) = read(folder).articles
    assert article.text == normalize_text(text)


def test_a_huge_jsonl_line_is_rejected_and_the_next_line_still_read(tmp_path):
    (tmp_path / "f.jsonl").write_text(
        json.dumps({"text": "x " * 5000}) + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n"
    )
    result = read(tmp_path, max_bytes=1000)
    assert [a.id for a in result.articles] == ["ok"]
    assert reasons(result)["f.jsonl#1"].startswith("line 1: record too large")


def test_jsonl_unpaired_surrogates_are_rejected_with_the_fix(tmp_path):
    lines = [
        '{"text": "Storm \\ud83d hits the coast on Monday."}',
        '{"text": "' + GOOD + '", "title": "Half \\uDC00 a character"}',
        '{"text": "A whole pair \\ud83d\\ude00 is fine. ' + GOOD + '"}',
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    result = read(tmp_path)
    (article,) = result.articles
    assert "\U0001f600" in article.text
    got = reasons(result)
    assert got["feed.jsonl#1"].startswith("line 1: field 'text' holds an unpaired surrogate")
    assert got["feed.jsonl#2"].startswith("line 2: field 'title' holds an unpaired surrogate")


def test_a_file_named_twice_is_read_once(tmp_path):
    from newsweave.config import Settings
    from newsweave.sources import gather

    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD + " Again.")
    inputs = [tmp_path / "a.txt", tmp_path, tmp_path / "." / "a.txt"]
    items = list(gather(inputs, Settings()).items)
    assert [i.source.rsplit("/", 1)[-1] for i in items] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
def test_compressed_files_are_read_as_the_files_they_hold(tmp_path, suffix, compress):
    records = [{"id": f"r{k}", "text": f"{GOOD} Record {k}."} for k in range(3)]
    lines = "".join(json.dumps(r) + "\n" for r in records).encode()
    (tmp_path / f"dump.JSONL{suffix}").write_bytes(compress(lines))
    (tmp_path / f"note.txt{suffix}").write_bytes(compress(f"{GOOD} Noted.".encode()))
    page = f"<html><body><h1>Vote</h1><p>{GOOD}</p></body></html>".encode()
    (tmp_path / f"page.html{suffix}").write_bytes(compress(page))
    result = read(tmp_path)
    assert result.rejected == ()
    assert [a.id for a in result.articles][:3] == ["r0", "r1", "r2"]
    assert result.articles[0].source == str(tmp_path / f"dump.JSONL{suffix}") + "#1"
    assert sorted(a.text for a in result.articles[3:]) == [GOOD, f"{GOOD} Noted."]


def test_a_compressed_file_cut_short_keeps_its_whole_lines_and_says_where_it_stopped(tmp_path):
    lines = "".join(
        json.dumps({"id": f"r{k}", "text": f"{GOOD} Record number {k} of many."}) + "\n"
        for k in range(2000)
    ).encode()
    whole = gzip.compress(lines)
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "next.txt").write_text(GOOD)
    result = read(tmp_path)
    read_ids = [a.id for a in result.articles if a.id.startswith("r")]
    assert 0 < len(read_ids) < 2000
    assert read_ids == [f"r{k}" for k in range(len(read_ids))]  # in order, none skipped
    [stopped] = [r for r in result.rejected if r.source.endswith("cut.jsonl.gz")]
    assert "cannot be decompressed as .gz" in stopped.reason
    assert f"lines after {len(read_ids)} are not read" in stopped.reason
    assert any(a.source.endswith("next.txt") for a in result.articles)  # the batch goes on


@pytest.mark.parametrize("name", ["bad.jsonl.gz", "bad.txt.bz2", "bad.html.xz"])
def test_a_file_that_is_not_what_its_compression_says_is_rejected(tmp_path, name):
    (tmp_path / name).write_bytes(b"plain text, not compressed at all\n")
    result = read(tmp_path)
    assert result.articles == ()
    [rejected] = result.rejected
    assert rejected.reason.startswith(f"cannot be decompressed as .{name.rsplit('.', 1)[1]}")
    assert "whole" in rejected.reason


def test_a_compressed_file_too_large_once_decompressed_is_rejected_unread(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"word " * 200_000))
    result = read(tmp_path, max_bytes=100_000)
    assert reasons(result) == {
        "bomb.txt.gz": "too large: more than 100,000 bytes once decompressed (split it, or "
        "raise NEWSWEAVE_INGEST_MAX_BYTES)"
    }


def test_an_unknown_compressed_type_names_both_suffixes(tmp_path):
    (tmp_path / "site.tar.gz").write_bytes(gzip.compress(b"x"))
    assert reasons(read(tmp_path))["site.tar.gz"].startswith("unsupported file type .tar.gz (")


def test_a_unix_time_as_a_number_is_a_publication_time(tmp_path):
    times = [1573468200, 1573468200000, 1573468200.75]
    lines = [json.dumps({"id": f"t{k}", "text": GOOD, "published": v}) for k, v in enumerate(times)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    result = read(tmp_path)
    assert result.rejected == ()
    assert {a.published for a in result.articles} == {"2019-11-11T10:30:00+00:00"}


@pytest.mark.parametrize("value", ["-5", "1e20", "NaN", "4102444800"])
def test_a_number_that_is_no_news_time_is_rejected_with_the_fix(tmp_path, value):
    (tmp_path / "feed.jsonl").write_text(f'{{"text": "{GOOD}", "published": {value}}}\n')
    (reason,) = reasons(read(tmp_path)).values()
    assert reason.startswith("line 1: field 'published' is the number ")
    assert "no Unix time from 1970 to 2099 in seconds or milliseconds" in reason


def test_true_is_no_publication_time(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": GOOD, "published": True}) + "\n")
    assert reasons(read(tmp_path)) == {
        "feed.jsonl#1": "line 1: field 'published' must be a string, got bool"
    }


def test_a_record_with_its_text_under_another_name_says_where_and_how_to_rename(tmp_path):
    body = GOOD * 3
    lines = [
        json.dumps({"id": "a", "headline": "Vote", "body": body}),
        json.dumps({"id": "b", "article body": body}),
        json.dumps({"id": "c", "summary": "short"}),
        json.dumps({"id": "d", "content_html": f"<div><p>{body}</p></div>"}),
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n")
    got = reasons(read(tmp_path))
    assert got["dump.jsonl#1"] == (
        "line 1: no 'text' or 'html' field with content; its text may be in 'body': read it "
        "as 'text' with --field text=body"
    )
    assert got["dump.jsonl#2"].endswith("read it as 'text' with --field 'text=article body'")
    assert got["dump.jsonl#3"] == "line 3: no 'text' or 'html' field with content"
    assert got["dump.jsonl#4"].endswith("read it as 'html' with --field html=content_html")
    (tmp_path / "odd.jsonl").write_text(json.dumps({"a,b": GOOD * 3}) + "\n")
    assert reasons(read(tmp_path / "odd.jsonl"))["odd.jsonl#1"].endswith(
        "read it as 'text' with jq -c '.text = .[\"a,b\"]' FILE | newsweave ingest -"
    )


def test_fields_under_other_names_are_read_where_the_settings_say(tmp_path):
    record = {
        "id": "r1",
        "headline": "Vote",
        "body": GOOD,
        "text": "the teaser, not the text",
        "date_publish": 1573468200,
        "publisher": "Wire",
    }
    (tmp_path / "dump.jsonl").write_text(json.dumps(record) + "\n")
    fields = "text=body,title=headline,published=date_publish,outlet=publisher,url=link"
    (article,) = read(tmp_path, fields=fields).articles
    assert (article.text, article.title, article.outlet) == (GOOD, "Vote", "Wire")
    assert article.published == "2019-11-11T10:30:00+00:00"
    assert article.url is None  # a key the record does not hold reads nothing
    (plain,) = read(tmp_path).articles
    assert plain.text == "the teaser, not the text"


def test_csv_rows_are_records_named_by_the_line_they_start_on(tmp_path):
    table = (
        "\ufeffid,title,text,published,extra\n"
        f'c1,Storm,"{GOOD}\nA second line of the same cell.",2019-11-11,x\n'
        "\n"
        f"c2,Vote,{GOOD} Again.,1573468200,y\n"
        ",,,,\n"
        f"c3,Ragged,{GOOD},2019-11-12\n"
        f'c4,Bad date,"{GOOD} Third.",someday,z\n'
    )
    (tmp_path / "feed.csv").write_text(table, encoding="utf-8")
    result = read(tmp_path)
    assert [(a.id, a.source.rsplit("/", 1)[-1]) for a in result.articles] == [
        ("c1", "feed.csv#2"),
        ("c2", "feed.csv#5"),
    ]
    assert result.articles[0].text == f"{GOOD}\nA second line of the same cell."
    assert result.articles[1].published == "2019-11-11T10:30:00+00:00"  # a Unix time as text
    got = reasons(result)
    assert got["feed.csv#7"] == (
        "line 7: 4 cells where the header has 5 (a quote left open, or a delimiter inside an "
        "unquoted cell?)"
    )
    assert got["feed.csv#8"].startswith("line 8: field 'published' is not a date: 'someday'")
    assert len(result.rejected) == 2


def test_a_csv_file_without_a_text_column_is_rejected_whole_naming_the_field_to_map(tmp_path):
    (tmp_path / "news.csv").write_text(f"id,headline,content\nn1,Vote,{GOOD}\n")
    assert reasons(read(tmp_path)) == {
        "news.csv": "its header ('id', 'headline', 'content') has no 'text' or 'html' column; "
        "column 'content' may be the text, 'headline' the title: read them with --field "
        "text=content --field title=headline"
    }
    (article,) = read(tmp_path, fields="text=content,title=headline").articles
    assert (article.id, article.title, article.text) == ("n1", "Vote", GOOD)


def test_a_compressed_csv_and_a_csv_row_that_is_not_utf8_alone_rejected(tmp_path):
    rows = "".join(f"r{k},{GOOD} Row {k}.\n" for k in range(3))
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(f"id,text\n{rows}".encode()))
    others = rows.replace("r", "s")
    latin = f"id,text\n{others}".encode() + b"s9,caf\xe9 " + GOOD.encode() + b"\ns10,after\n"
    (tmp_path / "b.csv").write_bytes(latin)
    result = read(tmp_path)
    assert sorted(a.id for a in result.articles if a.source.endswith(".gz#2")) == ["r0"]
    assert len([a for a in result.articles if "a.csv.gz" in a.source]) == 3
    # the rows before and after the bad one are read, as in a JSON Lines file
    assert [a.id for a in result.articles if a.source.startswith(str(tmp_path / "b.csv"))] == [
        "s0",
        "s1",
        "s2",
        "s10",
    ]
    assert reasons(result) == {
        "b.csv#5": "line 5: column 'text' is not UTF-8; save the file as UTF-8"
    }


def test_a_csv_header_that_is_not_utf8_rejects_the_file_once(tmp_path):
    (tmp_path / "h.csv").write_bytes(b"id,t\xe9xt\nr1," + GOOD.encode() + b"\n")
    assert reasons(read(tmp_path)) == {"h.csv": "its header is not UTF-8; save the file as UTF-8"}


def test_tsv_rows_are_records_split_at_tabs(tmp_path):
    body = f"{GOOD} It said, in a statement, that commas stay in the text."
    table = f"id\ttitle\ttext\nt1\tVote, then exit\t{body}\nt2\tshort\n"
    (tmp_path / "feed.tsv.gz").write_bytes(gzip.compress(table.encode()))
    result = read(tmp_path)
    [article] = result.articles
    assert (article.id, article.title, article.text) == ("t1", "Vote, then exit", body)
    assert article.source.endswith("feed.tsv.gz#2")
    assert reasons(result)["feed.tsv.gz#3"].startswith("line 3: 2 cells where the header has 3")


def test_a_field_key_with_dots_reads_into_nested_objects(tmp_path):
    records = [
        {"id": "n1", "content": GOOD, "source": {"id": None, "name": "Wire Service"}},
        {"id": "n2", "content": f"{GOOD} Two.", "source.name": "Flat Key", "source": {}},
        {"id": "n3", "content": f"{GOOD} Three.", "source": "not an object"},
    ]
    (tmp_path / "api.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    result = read(tmp_path, fields="text=content,outlet=source.name")
    assert result.rejected == ()
    outlets = {a.id: a.outlet for a in result.articles}
    # a key that holds the dots itself comes first; a path that is not there reads nothing
    assert outlets["n1"] == "Wire Service" and outlets["n2"] == "Flat Key"
    assert outlets["n3"] != "not an object"
    # a table's column may hold the dots itself (pandas' json_normalize names them so)
    (tmp_path / "flat.csv").write_text(f"id,body.text,source.name\nf1,{GOOD} Flat.,Wire\n")
    flat = read(tmp_path / "flat.csv", fields="text=body.text,outlet=source.name")
    assert [(a.id, a.outlet) for a in flat.articles] == [("f1", "Wire")]


def test_a_plain_tsv_keeps_the_quote_marks_a_text_opens_with(tmp_path):
    said = f'"We will win," the minister said. {GOOD}'
    open_quote = f'"Never closed, and it is no quoting. {GOOD}'
    table = f"id\ttext\np1\t{said}\np2\t{open_quote}\np3\t{GOOD}\n"
    (tmp_path / "plain.tsv").write_text(table)
    texts = {a.id: a.text for a in read(tmp_path).articles}
    assert texts == {"p1": said, "p2": open_quote, "p3": GOOD}  # no row swallowed


def test_the_first_cell_opening_with_a_quote_decides_however_far_in(tmp_path):
    rows = "".join(f"n{k}\t{GOOD} Row {k}.\n" for k in range(800))  # about 80 KB of rows
    said = f'"We will win," the minister said. {GOOD}'
    (tmp_path / "late.tsv").write_text(f"id\ttext\n{rows}q1\t{said}\nq2\t{GOOD} Last")
    texts = {a.id: a.text for a in read(tmp_path).articles}
    assert len(texts) == 802 and texts["q1"] == said


def test_a_quoted_tsv_is_read_as_csv_is_and_its_opening_decides(tmp_path):
    quoted = f'"He said ""yes""\tand left.\n{GOOD}"'  # a tab, a line, doubled quotes
    (tmp_path / "pandas.tsv").write_text(f"id\ttext\nq1\t{quoted}\nq2\t{GOOD}\n")
    result = read(tmp_path)
    assert result.rejected == ()
    assert result.articles[0].text.startswith('He said "yes"')
    assert tsv_quoting('id\ttext\n1\t"Yes," he said\n', True) == csv.QUOTE_NONE
    assert tsv_quoting('id\ttext\n1\t"Yes, never closed\n2\tok\n', True) == csv.QUOTE_NONE
    # an opening cut inside a long quoted cell says nothing against quoting
    assert tsv_quoting('id\ttext\n1\t"Yes, and on\n', False) == csv.QUOTE_MINIMAL
    assert tsv_quoting('id\ttext\n1\tquotes "inside" a cell\n', True) == csv.QUOTE_MINIMAL


def test_a_csv_file_with_a_header_and_no_rows_says_so(tmp_path):
    (tmp_path / "only.csv").write_text("id,text\n\n")
    (tmp_path / "none.csv").write_text("")
    assert reasons(read(tmp_path)) == {
        "only.csv": "no rows after its header",
        "none.csv": "empty file",
    }


def test_a_csv_header_that_breaks_and_a_row_too_large_are_rejected_with_reasons(tmp_path):
    (tmp_path / "nul.csv").write_bytes(b'id,te"xt\x00\n"a,b\n')
    (tmp_path / "big.csv").write_text(f"id,title,text\nb1,{'t' * 600},{'w ' * 300}\nb2,T,{GOOD}\n")
    result = read(tmp_path, max_bytes=1000)
    got = reasons(result)
    assert got["big.csv#2"].startswith("line 2: record too large: ")
    assert [a.id for a in result.articles] == ["b2"]
    assert "nul.csv" in got  # whatever the csv module makes of it: a reason, no crash
