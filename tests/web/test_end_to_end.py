"""``newsweave analyze`` and ``ingest`` on the loopback site: feeds, sitemaps, archives, bad URLs."""

from __future__ import annotations

import json
import sqlite3
import time

from newsweave.cli import main
from newsweave.config import load_settings
from newsweave.corpus.follow import follow
from newsweave.web import read_urls
from tests.web.site import gold_pages
from tests.web.test_warc import write_warc

FAST = """
[web]
per_host = 4
min_interval = 0.0
workers = 8
connect_timeout = 1.0
read_timeout = 1.5
max_bytes = 200000
retries = 1
backoff = 0.05
deadline = 20.0
"""
BAD = {
    "/missing": "HTTP 404 Not Found",
    "/broken": "HTTP 500 Internal Server Error",
    "/slow": "timed out",
    "/loop/a": "redirect loop",
    "/files/annual-report.pdf": "not an article page but application/pdf",
    "/images/harbour.png": "not an article page but image/png",
    "/news/latest.html": "no article text on the page",
    "/feeds/broken.xml": "malformed feed",
    "/sitemap-broken.xml": "malformed sitemap",
}


def _config(tmp_path):
    path = tmp_path / "fast.toml"
    path.write_text(FAST, encoding="utf-8")
    return path


def _analyze(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_feed_and_sitemap_give_every_article_once_and_every_bad_url_a_reason(
    site, tmp_path, capsys
):
    target = tmp_path / "d.json"
    urls = [site.url("/feeds/rss.xml"), site.url("/sitemap.xml"), *map(site.url, BAD)]
    started = time.monotonic()
    code, _out, err = _analyze(
        [
            "analyze",
            *urls,
            "--json",
            str(target),
            "--db",
            str(tmp_path / "s.sqlite"),
            "--config",
            str(_config(tmp_path)),
        ],
        capsys,
    )
    assert time.monotonic() - started < 60
    assert (code, err) == (0, "")
    dossier = json.loads(target.read_text(encoding="utf-8"))
    gold = gold_pages()
    by_url = {a["url"]: a for a in dossier["articles"]}
    listed = {site.url(path) for path in gold}
    assert set(by_url) <= listed and len(by_url) == len(dossier["articles"])  # each once
    for path, page in gold.items():
        article = by_url.get(site.url(path))
        if article is None:
            continue  # a fixture page neither the feed nor the sitemap lists
        assert article["title"] == page["title"]
        assert article["outlet"] == page["outlet"]
        assert article["published"][:10] == page["published"][:10]
        assert article["published_basis"]
    assert len(by_url) >= 5
    reasons = {r["source"]: r["reason"] for r in dossier["rejected"]}
    for path, start in BAD.items():
        assert start in reasons[site.url(path)], (path, reasons.get(site.url(path)))
    conn = sqlite3.connect(tmp_path / "s.sqlite")
    kept = conn.execute("SELECT COUNT(*) FROM raw_pages").fetchone()[0]
    assert kept >= len(by_url)  # raw responses kept for re-reading


def test_the_same_pages_from_a_warc_file_give_the_same_articles(site, settings, tmp_path, capsys):
    urls = [site.url("/feeds/rss.xml"), site.url("/sitemap.xml")]
    batch = read_urls(urls, settings)
    archive = write_warc(tmp_path / "crawl.warc.gz", [p.response for p in batch.pages])
    outputs = []
    for inputs in (urls, [str(archive)]):
        target = tmp_path / f"d{len(outputs)}.json"
        code, _, err = _analyze(
            [
                "analyze",
                *inputs,
                "--json",
                str(target),
                "--db",
                ":memory:",
                "--config",
                str(_config(tmp_path)),
            ],
            capsys,
        )
        assert (code, err) == (0, "")
        articles = json.loads(target.read_text(encoding="utf-8"))["articles"]
        outputs.append(sorted((a["id"], a["url"], a["title"], a["text"]) for a in articles))
    assert outputs[0] == outputs[1]


def test_following_a_feed_picks_up_a_new_item_and_says_which_story_it_joined(site, tmp_path):
    settings = load_settings(_config(tmp_path), overrides={"db": str(tmp_path / "f.sqlite")})
    reports = []

    def on_round(number, report):
        reports.append(report)
        if number == 1:
            site.live.append(("Council budget", "/news/council-budget-vote.html"))

    result = follow([site.url("/feeds/live.xml")], settings, on_round, every=0.01, rounds=3)
    assert not result.interrupted and result.rounds == 3
    first, second, third = reports
    assert first.added == 1 and len(first.changes.created) == 1
    assert second.added == 1 and len(second.changes.joined) == 1
    assert third.added == 0  # 304 Not Modified: nothing new


def test_ingest_follow_on_the_command_line(site, tmp_path, capsys):
    code, out, err = _analyze(
        [
            "ingest",
            "--follow",
            site.url("/feeds/live.xml"),
            "--every",
            "1s",
            "--rounds",
            "1",
            "--db",
            str(tmp_path / "c.sqlite"),
            "--config",
            str(_config(tmp_path)),
        ],
        capsys,
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Round 1:"
    assert lines[1].startswith("Ingested 1 new article ")
    assert lines[2].startswith("Stories: 1 new")


def test_ingest_follow_stops_when_no_input_is_a_feed(site, tmp_path, capsys):
    # without --rounds: a page and a broken link are dropped after their first answer,
    # and with nothing left to follow the command ends with an error instead of polling
    code, out, err = _analyze(
        [
            "ingest",
            "--follow",
            site.url("/news/council-budget-vote.html"),
            site.url("/missing"),
            "--every",
            "1s",
            "--db",
            str(tmp_path / "n.sqlite"),
            "--config",
            str(_config(tmp_path)),
        ],
        capsys,
    )
    assert code == 1 and out.count("Round ") == 1
    assert "not a feed or a news sitemap but an HTML page; no longer followed" in out
    assert "HTTP 404 Not Found (the page is gone or the link is wrong); no longer followed" in out
    assert err.startswith("Error: nothing left to follow")


def test_urls_file_and_bad_durations(site, tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# two pages\n{site.url('/news/council-budget-vote.html')}\n", "utf-8")
    code, out, _ = _analyze(
        [
            "ingest",
            "--urls",
            str(listing),
            "--db",
            str(tmp_path / "u.sqlite"),
            "--config",
            str(_config(tmp_path)),
        ],
        capsys,
    )
    assert code == 0 and out.startswith("Ingested 1 new article ")
    code, _, err = _analyze(
        ["ingest", "--follow", site.url("/feeds/live.xml"), "--every", "soon"], capsys
    )
    assert code == 2 and "is not a duration (write e.g. 10m, 90s or 1h)" in err


def test_stored_pages_are_reread_without_fetching(site, tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    code, _, _ = _analyze(
        ["ingest", site.url("/feeds/rss.xml"), "--db", str(db), "--config", str(_config(tmp_path))],
        capsys,
    )
    assert code == 0
    site.shutdown()  # nothing can be fetched any more
    code, out, err = _analyze(["ingest", "--reread", "--db", str(db)], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("Ingested 0 new articles (0 updated, ")
    assert "unchanged" in out.splitlines()[0]
