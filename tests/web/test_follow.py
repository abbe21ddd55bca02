from dataclasses import replace

from newsweave.errors import DocumentError
from newsweave.web.follow import (
    MAX_SEEN,
    FeedState,
    FollowRound,
    advance,
    conditional_headers,
    follow_feeds,
)
from tests.web.helpers import BASE, response

RSS = "/feeds/rss.xml"


def feed(status: int = 200, etag: str | None = '"v1"'):
    answer = response(RSS, status=status, body=b"" if status == 304 else None)
    return replace(answer, headers=dict(answer.headers) | ({"etag": etag} if etag else {}))


def test_a_first_poll_finds_every_item_and_keeps_the_validators():
    poll = advance(FeedState(BASE + RSS), feed(), max_items=100)
    assert poll.changed and len(poll.new) == 4
    assert poll.state.etag == '"v1"' and poll.state.polls == 1
    assert poll.state.seen[0] == f"{BASE}/news/2024/03/14/harbour-bridge-closure.html"
    assert conditional_headers(poll.state) == {"if-none-match": '"v1"'}


def test_a_later_poll_finds_only_new_items():
    first = advance(FeedState(BASE + RSS), feed(), 100).state
    seen_three = FeedState(first.url, first.etag, None, first.seen[1:])
    poll = advance(seen_three, feed(etag='"v2"'), 100)
    assert [link.url for link in poll.new] == [first.seen[0]]
    assert poll.state.etag == '"v2"'


def test_304_and_errors_keep_the_state():
    state = FeedState(BASE + RSS, etag='"v1"', last_modified="Fri, 15 Mar 2024 12:00:00 GMT")
    unchanged = advance(state, feed(304), 100)
    assert not unchanged.changed and unchanged.new == () and unchanged.rejection is None
    assert unchanged.state.etag == state.etag and unchanged.state.polls == 1
    failed = advance(state, DocumentError("timed out"), 100)
    assert failed.rejection.reason == "timed out" and failed.state.etag == state.etag
    gone = advance(state, feed(404), 100)
    assert gone.rejection.reason.startswith("HTTP 404")
    page = advance(state, response("/news/council-budget-vote.html"), 100)
    assert "not a feed or a news sitemap but an HTML page" in page.rejection.reason


def test_a_feed_never_read_is_dropped_when_its_answer_says_it_never_will_be():
    fresh = FeedState(BASE + RSS)
    for answer in (feed(404), feed(410), feed(403), response("/news/council-budget-vote.html")):
        poll = advance(fresh, answer, 100)
        assert poll.dropped and poll.rejection.reason.endswith("; no longer followed")
    for answer in (feed(429), feed(408), feed(500), DocumentError("timed out")):
        poll = advance(fresh, answer, 100)  # may pass: polled again next round
        assert not poll.dropped and poll.rejection is not None
    read_before = advance(fresh, feed(), 100).state
    assert not advance(read_before, feed(404), 100).dropped
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    empty = advance(fresh, response("/feeds/empty.xml", rss, "application/rss+xml"), 100).state
    assert empty.read and empty.seen == () and empty.etag is None  # "lists no entries", read
    assert not advance(empty, feed(404), 100).dropped


def test_following_ends_when_no_feed_is_left(site, settings):
    rounds: list[FollowRound] = []
    waits: list[float] = []
    result = follow_feeds(
        [site.url("/news/council-budget-vote.html"), site.url("/missing")],
        settings,
        rounds.append,
        sleep=waits.append,
    )
    assert result.rounds == 1 and result.states == () and waits == []
    assert set(rounds[0].dropped) == {
        site.url("/news/council-budget-vote.html"),
        site.url("/missing"),
    }


def test_the_memory_of_seen_links_is_bounded():
    old = FeedState(BASE + RSS, seen=tuple(f"http://a.org/{i}" for i in range(MAX_SEEN)))
    poll = advance(old, feed(), 100)
    assert len(poll.state.seen) == MAX_SEEN and poll.state.seen[0].startswith(BASE)


def test_following_picks_up_a_new_item_and_gets_304_when_nothing_changed(site, settings):
    rounds: list[FollowRound] = []
    second = ("Council budget", "/news/council-budget-vote.html")

    def on_round(found: FollowRound) -> None:
        rounds.append(found)
        if found.number == 1:
            site.live.append(second)

    waits: list[float] = []
    result = follow_feeds(
        [site.url("/feeds/live.xml")],
        settings,
        on_round,
        every=60,
        max_rounds=3,
        sleep=waits.append,
    )
    assert result.rounds == 3 and not result.interrupted and len(waits) == 2
    first, new, same = rounds
    assert [d.source for d in first.batch.documents] == [site.url(site.live[0][1])]
    assert [d.source for d in new.batch.documents] == [site.url(second[1])]
    assert same.batch.documents == () and same.unchanged == (site.url("/feeds/live.xml"),)
    polls = [h for path, h in site.requests if path == "/feeds/live.xml"]
    assert "if-none-match" not in polls[0] and polls[2]["if-none-match"] == '"live-2"'
    assert result.states[0].etag == '"live-2"' and result.states[0].polls == 3


def test_ctrl_c_stops_following_cleanly(site, settings):
    rounds: list[FollowRound] = []

    def interrupt(_: float) -> None:
        raise KeyboardInterrupt

    result = follow_feeds([site.url("/feeds/live.xml")], settings, rounds.append, sleep=interrupt)
    assert result.interrupted and result.rounds == 1 and len(rounds) == 1
    assert result.states == rounds[0].states
