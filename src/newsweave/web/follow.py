"""Following feeds: poll RSS/Atom feeds (or news sitemaps) with conditional GETs and read the
articles that are new since the last poll.

The state of a feed (its ETag, Last-Modified and the links already seen) changes only through
the pure :func:`advance`; :func:`follow_feeds` is the loop around it, with an injectable clock
and sleep, handing each round to a callback and stopping cleanly on Ctrl-C.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from newsweave.config import WebSettings
from newsweave.errors import DocumentError
from newsweave.model import Rejection
from newsweave.web.crawl import read_links
from newsweave.web.feeds import read_feed
from newsweave.web.fetch import Fetcher
from newsweave.web.kinds import Kind, classify
from newsweave.web.pages import check_status
from newsweave.web.records import Link, Response, WebBatch
from newsweave.web.sitemaps import read_sitemap
from newsweave.web.urls import normalize_url

__all__ = [
    "FeedState",
    "FollowResult",
    "FollowRound",
    "Poll",
    "advance",
    "conditional_headers",
    "follow_feeds",
    "poll_feeds",
]

#: Links remembered per feed; a feed shows its latest 10-100 items, so 5,000 covers
#: weeks of a busy feed without letting the state grow without end.
MAX_SEEN = 5000


@dataclass(frozen=True, slots=True)
class FeedState:
    """What is known of one followed feed; keep it between runs to resume following."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    #: normalised links already seen, newest first
    seen: tuple[str, ...] = ()
    polls: int = 0
    #: it has answered once as a feed or a news sitemap (even an empty one)
    read: bool = False


@dataclass(frozen=True, slots=True)
class Poll:
    """One feed's poll: its next state, its new links, and what went wrong if anything."""

    state: FeedState
    new: tuple[Link, ...] = ()
    changed: bool = False
    rejection: Rejection | None = None
    #: the feed is no longer followed: never read, and its answer says it never will be
    dropped: bool = False


@dataclass(frozen=True, slots=True)
class FollowRound:
    """One round over all feeds: the new articles read, the feeds' next states."""

    number: int
    batch: WebBatch
    states: tuple[FeedState, ...]
    #: feeds that answered 304 Not Modified
    unchanged: tuple[str, ...]
    #: feeds no longer followed from this round on (see :func:`advance`)
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowResult:
    rounds: int
    states: tuple[FeedState, ...]
    interrupted: bool


def conditional_headers(state: FeedState) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` from what the feed last said.

    Example: ``conditional_headers(FeedState("u", etag='"v1"'))`` is ``{"if-none-match": '"v1"'}``.
    """
    headers = {}
    if state.etag:
        headers["if-none-match"] = state.etag
    if state.last_modified:
        headers["if-modified-since"] = state.last_modified
    return headers


def advance(state: FeedState, outcome: Response | DocumentError, max_items: int) -> Poll:
    """The feed's next state after one poll, and the links it lists that were not seen before.

    A 304 changes nothing; an error keeps the state (the next poll tries again) and says why,
    except for a feed never read whose answer says it never will be: a client error (the
    link is wrong, gone or refused) or a page that is not a feed. That one is dropped
    (polling it every round for ever would only repeat its rejection). A feed read before
    is never dropped: a site's bad day does not end its following.

    Example: ``advance(FeedState(u), response, 100).new`` lists every item on a first poll.
    """
    polled = replace(state, polls=state.polls + 1)
    try:
        if isinstance(outcome, DocumentError):
            raise outcome
        if outcome.status == 304:
            return Poll(polled)
        check_status(outcome)
        links = _listed(outcome, max_items)
    except DocumentError as error:
        if _hopeless(state, outcome):
            return Poll(
                polled, rejection=Rejection(state.url, f"{error}; no longer followed"), dropped=True
            )
        answered = _answers_as_feed(outcome)  # an empty or malformed listing is still a feed
        return Poll(
            replace(polled, read=polled.read or answered),
            rejection=Rejection(state.url, str(error)),
        )
    seen = set(state.seen)
    new = tuple(link for link in links if _key(link.url) not in seen)
    current = tuple(dict.fromkeys(_key(link.url) for link in links))
    remembered = current + tuple(url for url in state.seen if url not in set(current))
    next_state = replace(
        polled,
        read=True,
        etag=outcome.headers.get("etag"),
        last_modified=outcome.headers.get("last-modified"),
        seen=remembered[:MAX_SEEN],
    )
    return Poll(next_state, new, changed=True)


def poll_feeds(states: Sequence[FeedState], fetcher: Fetcher, number: int = 1) -> FollowRound:
    """Poll every feed once (conditional GETs) and read the new articles they list."""
    fetcher.restart_clock()
    with ThreadPoolExecutor(max_workers=fetcher.settings.workers) as pool:
        outcomes = list(pool.map(lambda state: _get(fetcher, state), states))
    polls = [
        advance(state, outcome, fetcher.settings.max_items)
        for state, outcome in zip(states, outcomes, strict=True)
    ]
    batch = read_links([link for poll in polls for link in poll.new], fetcher)
    problems = tuple(poll.rejection for poll in polls if poll.rejection is not None)
    return FollowRound(
        number=number,
        batch=replace(batch, rejected=problems + batch.rejected),
        states=tuple(poll.state for poll in polls if not poll.dropped),
        unchanged=tuple(p.state.url for p in polls if not p.changed and p.rejection is None),
        dropped=tuple(poll.state.url for poll in polls if poll.dropped),
    )


def _hopeless(state: FeedState, outcome: Response | DocumentError) -> bool:
    """Whether a poll that failed shows the feed can never be followed: it was never read,
    and it answered with a client error (not a timeout or "too many requests", which pass)
    or with something that is not a feed or a news sitemap."""
    if state.read or state.seen or state.etag or isinstance(outcome, DocumentError):
        return False
    if 400 <= outcome.status < 500:
        return outcome.status not in (408, 425, 429)
    return 200 <= outcome.status < 300 and not _answers_as_feed(outcome)


def _answers_as_feed(outcome: Response | DocumentError) -> bool:
    """Whether a poll's answer is a feed or a news sitemap (2xx, of that kind)."""
    if isinstance(outcome, DocumentError) or not 200 <= outcome.status < 300:
        return False
    return classify(outcome) in (Kind.FEED, Kind.SITEMAP)


def follow_feeds(
    feeds: Sequence[str | FeedState],
    settings: WebSettings,
    on_round: Callable[[FollowRound], None],
    *,
    every: float = 600.0,
    max_rounds: int | None = None,
    fetcher: Fetcher | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> FollowResult:
    """Poll ``feeds`` every ``every`` seconds until ``max_rounds``, Ctrl-C, or until no feed
    is left to follow (each was dropped, see :func:`advance`).

    Each round goes to ``on_round`` whole (write it to the store there); an interrupt stops
    the loop between or inside rounds, and the result's states are those of the last round
    handed over, so a follow resumed from them reads again whatever was not stored.

    Args:
        feeds: feed URLs, or states kept from an earlier run.
        on_round: called with each :class:`FollowRound`, in order.

    Returns:
        Rounds handed over, the feeds' states, and whether Ctrl-C stopped it.

    Example: ``follow_feeds(["https://a.org/rss"], WebSettings(), print, every=600)``
    """
    states = tuple(FeedState(f) if isinstance(f, str) else f for f in feeds)
    own = fetcher is None
    client = Fetcher(settings, clock=clock, sleep=sleep) if fetcher is None else fetcher
    rounds, interrupted = 0, False
    try:
        while states and (max_rounds is None or rounds < max_rounds):
            started = clock()
            result = poll_feeds(states, client, rounds + 1)
            on_round(result)
            rounds, states = rounds + 1, result.states
            if states and (max_rounds is None or rounds < max_rounds):
                sleep(max(0.0, every - (clock() - started)))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if own:
            client.close()
    return FollowResult(rounds, states, interrupted)


def _get(fetcher: Fetcher, state: FeedState) -> Response | DocumentError:
    try:
        return fetcher.get(normalize_url(state.url) or state.url, conditional_headers(state))
    except DocumentError as error:
        return error


def _listed(response: Response, max_items: int) -> tuple[Link, ...]:
    kind = classify(response)
    if kind is Kind.FEED:
        return read_feed(response, 1, max_items).links
    if kind is Kind.SITEMAP:
        return read_sitemap(response, 1, max_items).links
    raise DocumentError(f"not a feed or a news sitemap but {_what(kind, response.headers)}")


def _what(kind: Kind, headers: Mapping[str, str]) -> str:
    return kind.with_article if kind is not Kind.OTHER else headers.get("content-type", "?")


def _key(url: str) -> str:
    return normalize_url(url) or url
