import gzip
import io
from collections import Counter
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.config import WebSettings
from newsweave.ingest.records import RawDocument
from newsweave.model import Rejection
from newsweave.web import read_archive, read_urls, read_warc
from newsweave.web.identity import ArticleSet
from newsweave.web.page_pool import PARALLEL_PAGES, _block_readings
from newsweave.web.records import Response, WebItem
from tests.web.helpers import BASE
from tests.web.helpers import response as fixture_response
from tests.web.site import PAGES

FEEDS = ("/feeds/rss.xml", "/feeds/atom.xml")
_DROPPED = {"content-length", "transfer-encoding", "content-encoding", "date", "server"}


def write_warc(path: Path, responses: list[Response], compress: bool = True) -> Path:
    """A WARC of ``responses`` as a crawler would write it: warcinfo, request, response."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for answer in responses:
            asked = f"GET {answer.final_url} HTTP/1.1\r\nUser-Agent: tests\r\n\r\n".encode()
            request = writer.create_warc_record(
                answer.final_url, "request", payload=io.BytesIO(asked)
            )
            writer.write_record(request)
            status = f"{answer.status} {'OK' if answer.status == 200 else 'Other'}"
            headers = [(k, v) for k, v in answer.headers.items() if k not in _DROPPED]
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                answer.final_url,
                "response",
                payload=io.BytesIO(answer.body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-03-15T12:00:00Z"},
            )
            writer.write_record(record)
    return path


def essentials(document: RawDocument) -> tuple:
    found = {k: v[0] for k, v in document.found.items()}
    return document.text, found


def test_a_warc_of_the_fetched_pages_gives_the_same_articles(site, settings, tmp_path):
    batch = read_urls([site.url(p) for p in FEEDS], settings)
    responses = [page.response for page in batch.pages]
    for compress, name in ((True, "crawl.warc.gz"), (False, "crawl.warc")):
        items = list(read_warc(write_warc(tmp_path / name, responses, compress), settings))
        documents = [item.result for item in items]
        assert all(isinstance(d, RawDocument) for d in documents)
        assert sorted(map(essentials, documents)) == sorted(map(essentials, batch.documents))
        for item in items:
            assert item.page is not None and item.page.response.record.startswith(str(tmp_path))
            assert item.page.response.fetched_at == "2024-03-15T12:00:00Z"
            assert item.result.found["url"][1] in (
                "the page's canonical link",
                "meta og:url",
                "the URL of the archived response",
            )


def test_responses_that_are_not_articles_are_rejected_with_their_url(tmp_path):
    responses = [
        fixture_response("/news/council-budget-vote.html"),
        fixture_response("/x.png", b"\x89PNG\r\n", "image/png"),
        fixture_response("/missing", b"<h1>Not found</h1>", "text/html", status=404),
        fixture_response(
            "/news/council-budget-vote.html?utm_source=rss",
            fixture_response("/news/council-budget-vote.html").body,
            "text/html",
        ),
        fixture_response("/news/latest.html"),
    ]
    items = list(read_warc(write_warc(tmp_path / "mixed.warc.gz", responses), WebSettings()))
    results = [item.result for item in items]
    assert isinstance(results[0], RawDocument)
    reasons = [r.reason for r in results[1:] if isinstance(r, Rejection)]
    assert reasons[0].startswith("not an article page but image/png")
    assert reasons[1].startswith("HTTP 404")
    assert reasons[2].startswith("the same article as http://news.test/news/council-budget-vote")
    assert reasons[3].startswith("no article text")
    assert [item.source for item in items][1] == "http://news.test/x.png"


def test_an_arc_file_is_read(tmp_path):
    page = fixture_response("/news/council-budget-vote.html")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page.body
    header = b"filedesc://test.arc 0.0.0.0 20240315120000 text/plain 76\n"
    version = b"1 0 newsweave-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    first = header.replace(b"76", str(len(version)).encode()) + version + b"\n"
    record = f"{page.url} 127.0.0.1 20240315120000 text/html {len(http)}\n".encode() + http + b"\n"
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(first) + gzip.compress(record))
    (item,) = read_warc(path, WebSettings())
    assert isinstance(item.result, RawDocument)
    assert item.result.found["title"][0].startswith("Council approves budget")
    assert item.page is not None and item.page.response.fetched_at.startswith("2024-03-15T12:00")


def test_unreadable_archives_are_rejected(tmp_path):
    not_warc = tmp_path / "notes.warc"
    not_warc.write_bytes(b"<html><body>a page saved with the wrong name</body></html>")
    (item,) = read_warc(not_warc, WebSettings())
    assert isinstance(item.result, Rejection) and "WARC or ARC file" in item.result.reason
    not_warc.write_bytes(b"\x00\x01 binary")
    (item,) = read_warc(not_warc, WebSettings())
    assert "not a readable WARC or ARC file" in item.result.reason
    whole = write_warc(
        tmp_path / "cut.warc.gz", [fixture_response("/news/council-budget-vote.html")]
    )
    cut = tmp_path / "cut-short.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-200])
    (item,) = read_warc(cut, WebSettings())
    assert "cut short" in item.result.reason
    (missing,) = read_warc(tmp_path / "absent.warc.gz", WebSettings())
    assert "cannot be read" in missing.result.reason


def test_a_warc_served_over_http_is_read_as_an_archive(site, settings, tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", [fixture_response("/news/council-budget-vote.html")])
    site.files = {"/archive/c.warc.gz": path.read_bytes()}
    batch = read_urls([site.url("/archive/c.warc.gz")], settings)
    assert [d.source for d in batch.documents] == ["http://news.test/news/council-budget-vote.html"]


def test_an_archive_cut_anywhere_says_so(tmp_path):
    """Cut anywhere but between two records (where nothing tells it from a shorter archive;
    nor in a record's last 8 bytes, its gzip trailer, after the whole record), an archive of
    two pages never loses a record without a rejection saying it is cut."""
    from warcio.archiveiterator import ArchiveIterator

    pages = ["/news/council-budget-vote.html", "/news/port-strike-talks.html"]
    whole = write_warc(tmp_path / "two.warc.gz", [fixture_response(p) for p in pages])
    data = whole.read_bytes()
    with whole.open("rb") as handle:
        records = ArchiveIterator(handle)
        bounds = {records.get_record_offset() for _ in records} | {len(data)}
    complete = [i.result for i in read_warc(whole, WebSettings())]
    assert all(isinstance(r, RawDocument) for r in complete) and len(complete) == 2
    cut = tmp_path / "cut.warc.gz"
    for size in range(len(data) // 2, len(data), 7):
        if any(0 <= bound - size <= 8 for bound in bounds):
            continue
        cut.write_bytes(data[:size])
        results = [i.result for i in read_warc(cut, WebSettings())]
        if sum(isinstance(r, RawDocument) for r in results) < 2:
            assert any(isinstance(r, Rejection) and "cut short" in r.reason for r in results), size


def test_a_later_capture_with_a_changed_text_says_so(tmp_path):
    page = fixture_response("/news/council-budget-vote.html")
    edited = page.body.replace(b"</p>", b" An update: the vote was postponed.</p>")
    responses = [page, fixture_response("/news/council-budget-vote.html", edited, "text/html")]
    items = list(read_warc(write_warc(tmp_path / "two.warc.gz", responses), WebSettings()))
    assert isinstance(items[0].result, RawDocument)
    assert "with a different text: the page changed between readings" in items[1].result.reason


def _large_archive_responses() -> list[Response]:
    """More responses than an archive reads alone: articles, repeats of them (by canonical
    URL, so which one is read first decides), an edited capture, images, errors, redirects."""
    paths = [p for p in PAGES if p.startswith("/news/")]
    out = []
    for k in range(3 * PARALLEL_PAGES):
        path = paths[k % len(paths)]
        page = fixture_response(path)
        if k % 11 == 5:
            out.append(fixture_response(f"/img/{k}.png", b"\x89PNG\r\n", "image/png"))
        elif k % 13 == 7:
            out.append(fixture_response(f"/gone/{k}", b"<h1>Gone</h1>", "text/html", status=410))
        elif k % 17 == 3:
            moved = replace(page, status=301, headers={"location": page.url})
            out.append(replace(moved, url=f"{BASE}/go/{k}", final_url=f"{BASE}/go/{k}"))
        elif k % 19 == 4:
            out.append(replace(page, body=page.body.replace(b"</p>", b" Later.</p>", 1)))
        else:
            out.append(replace(page, url=f"{page.url}?k={k}", final_url=f"{page.url}?k={k}"))
    return out


def _outcome(item: WebItem) -> tuple:
    result = item.result
    got = essentials(result) if isinstance(result, RawDocument) else result.reason
    return item.source, got, item.page.canonical_url if item.page else None


def test_a_large_archive_read_on_every_core_gives_what_one_process_gives(tmp_path):
    """Its pages are read in a pool of processes, their identity settled in file order."""
    path = write_warc(tmp_path / "large.warc.gz", _large_archive_responses())
    parallel = list(read_warc(path, WebSettings()))  # a pool: more than PARALLEL_PAGES
    with path.open("rb") as handle:
        serial = list(read_archive(handle, str(path), WebSettings(), ArticleSet()))
    assert len(parallel) == 3 * PARALLEL_PAGES
    assert list(map(_outcome, parallel)) == list(map(_outcome, serial))
    kinds = Counter(type(item.result).__name__ for item in parallel)
    assert kinds["RawDocument"] >= 6 and kinds["Rejection"] > 100  # repeats are rejections
    reasons = " ".join(i.result.reason for i in parallel if isinstance(i.result, Rejection))
    for said in ("image/png", "HTTP 410", "captured redirect", "the same article as"):
        assert said in reasons


def test_a_block_the_pool_could_not_read_is_read_by_the_caller():
    """A worker killed (say, for memory) breaks the pool: its blocks are read here."""
    block: list[Response | Rejection] = [
        fixture_response("/news/council-budget-vote.html"),
        Rejection("x", "corrupt"),
    ]
    broken: Future = Future()
    broken.set_exception(BrokenProcessPool("a worker died"))
    [(first, reading), (second, nothing)] = _block_readings(block, broken)
    assert first is block[0] and isinstance(reading, RawDocument)
    assert (second, nothing) == (block[1], None)
