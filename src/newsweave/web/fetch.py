"""A polite, bounded HTTP client over httpx.

Per request: robots.txt (RFC 9309) honoured unless the host is exempt, per-host concurrency and
spacing (:mod:`newsweave.web.limits`), connect/read timeouts, a size cap on the decoded body,
redirects followed by hand (bounded, loops named), retries with backoff on 429 and 503 only
(``Retry-After`` honoured), and one deadline for the whole run. Every failure is a
:class:`~newsweave.errors.DocumentError` whose message says what happened and what to do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from ssl import SSLContext
from urllib.parse import urlsplit

import httpx

from newsweave import __version__
from newsweave.config import WebSettings
from newsweave.errors import DocumentError
from newsweave.web.kinds import is_unreadable
from newsweave.web.limits import HostLimits
from newsweave.web.records import Response
from newsweave.web.robots import (
    AGENT_TOKEN,
    RobotsRules,
    is_allowed,
    parse_robots,
    rules_for_status,
)
from newsweave.web.urls import host_key, origin, resolve

__all__ = ["Fetcher", "retry_wait", "user_agent"]

_DECODED = frozenset({"content-encoding", "transfer-encoding"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRIED = frozenset({429, 503})
#: Seconds robots.txt rules are kept before being read again (RFC 9309: at most 24 hours).
ROBOTS_MAX_AGE = 24 * 3600.0
_LATE = "not fetched: the run's time bound passed (raise web.deadline, or give fewer URLs)"


def user_agent(settings: WebSettings) -> str:
    """``newsweave/<version>`` followed by the configured suffix.

    Example: ``user_agent(WebSettings(user_agent="(+mailto:a@b.org)"))``
    is ``"newsweave/0.1.0 (+mailto:a@b.org)"``.
    """
    return f"{AGENT_TOKEN}/{__version__} {settings.user_agent}".strip()


def retry_wait(retry_after: str | None, attempt: int, backoff: float, now: datetime) -> float:
    """Seconds to wait before retry ``attempt`` (0-based): ``Retry-After`` (seconds or an HTTP
    date) when given, else ``backoff * 2**attempt``.

    Example: ``retry_wait("3", 0, 1.0, datetime.now(UTC))`` is ``3.0``.
    """
    if retry_after:
        value = retry_after.strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            return max(0.0, (parsedate_to_datetime(value) - now).total_seconds())
        except (TypeError, ValueError):
            pass
    return backoff * 2**attempt


class Fetcher:
    """GET with politeness and bounds; share one per run (it holds connections and robots rules).

    ``verify`` is passed to httpx (a CA bundle path or an ``SSLContext`` to trust a private CA);
    ``clock`` and ``sleep`` are injectable for tests.

    Example::

        with Fetcher(WebSettings()) as fetcher:
            response = fetcher.get("https://example.org/news/1.html")
    """

    def __init__(
        self,
        settings: WebSettings,
        *,
        verify: bool | str | SSLContext = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._sleep = sleep
        self._limits = HostLimits(settings.per_host, settings.min_interval, clock, sleep)
        self._client = httpx.Client(
            headers={"user-agent": user_agent(settings)},
            follow_redirects=False,
            verify=verify,
            limits=httpx.Limits(max_connections=settings.workers * 2),
        )
        self._exempt = frozenset(
            host.strip().lower() for host in settings.robots_exempt_hosts.split(",") if host.strip()
        )
        self._lock = threading.Lock()
        self._robots: dict[str, tuple[float, RobotsRules | DocumentError]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self.deadline = clock() + settings.deadline

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def restart_clock(self) -> None:
        """Start a new run's time bound (e.g. for each round of feed polling); robots.txt files
        that could not be read are read again."""
        self.deadline = self._clock() + self.settings.deadline
        with self._lock:
            for site, (_, known) in list(self._robots.items()):
                if isinstance(known, DocumentError):
                    del self._robots[site]

    def remaining(self) -> float:
        """Seconds left before the run's deadline (negative once it has passed)."""
        return self.deadline - self._clock()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """The response at the end of ``url``'s redirects, whatever its status.

        Raises:
            DocumentError: robots.txt forbids it, a redirect loop or too many redirects,
                a network, TLS or timeout error, a body over ``max_bytes``, or the deadline.
        """
        return self._follow(url, dict(headers or {}), check_robots=True)

    def _follow(self, url: str, headers: dict[str, str], check_robots: bool) -> Response:
        chain = [url]
        while True:
            if check_robots:
                self._check_robots(chain[-1])
            response = self._with_retries(chain[-1], headers)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return replace(response, url=url, redirects=tuple(chain[1:]))
            chain.append(_next_hop(chain, location, self.settings.max_redirects))

    def _with_retries(self, url: str, headers: Mapping[str, str]) -> Response:
        attempt = 0
        while True:
            with self._limits.slot(host_key(url), self.deadline):
                response = self._once(url, headers)
            if response.status not in _RETRIED or attempt >= self.settings.retries:
                return response
            wait = retry_wait(
                response.headers.get("retry-after"), attempt, self.settings.backoff, _now()
            )
            if wait > self.remaining():
                return response
            self._sleep(wait)
            attempt += 1

    def _once(self, url: str, headers: Mapping[str, str]) -> Response:
        remaining = self.remaining()
        if remaining <= 0:
            raise DocumentError(_LATE)
        connect = min(self.settings.connect_timeout, remaining)
        read = min(self.settings.read_timeout, remaining)
        timeout = httpx.Timeout(connect=connect, read=read, write=read, pool=remaining)
        try:
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as answer:
                kept = _header_map(answer.headers)
                wanted = answer.status_code not in _REDIRECTS and not is_unreadable(kept)
                body = self._read_body(answer) if wanted else b""
                return Response(url, url, answer.status_code, kept, body, _now_text())
        except httpx.HTTPError as error:
            if isinstance(error, httpx.TimeoutException) and self.remaining() < 0.1:
                raise DocumentError(_LATE) from None
            raise DocumentError(describe_error(error, url, self.settings)) from None
        except httpx.InvalidURL as error:
            raise DocumentError(f"not a valid URL ({error})") from None

    def _read_body(self, answer: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise DocumentError(_too_large(int(declared), cap))
        chunks, size = [], 0
        for chunk in answer.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise DocumentError(_too_large(size, cap))
            if self.remaining() <= 0:
                raise DocumentError(_LATE)
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        if self.settings.robots == "ignore" or host in self._exempt:
            return
        site = origin(url)
        rules = self._robots_rules(site)
        if rules.everything is False:
            raise DocumentError(
                f"{site}/robots.txt could not be read (server error), which RFC 9309 reads as "
                "'disallow all' (try later, or set web.robots_exempt_hosts for your own site)"
            )
        if not is_allowed(rules, url):
            raise DocumentError(
                f"disallowed by {site}/robots.txt for {AGENT_TOKEN} "
                "(set web.robots_exempt_hosts if it is your own site)"
            )

    def _robots_rules(self, site: str) -> RobotsRules:
        with self._lock:
            lock = self._robots_locks.setdefault(site, threading.Lock())
        with lock:
            read_at, _ = self._robots.get(site, (None, None))
            if read_at is None or self._clock() - read_at > ROBOTS_MAX_AGE:
                self._robots[site] = (self._clock(), self._read_robots(site))
            known = self._robots[site][1]
        if isinstance(known, DocumentError):
            raise DocumentError(f"{known}; met while reading {site}/robots.txt")
        return known

    def _read_robots(self, site: str) -> RobotsRules | DocumentError:
        try:
            response = self._follow(f"{site}/robots.txt", {}, check_robots=False)
        except DocumentError as error:
            return error
        found = rules_for_status(response.status)
        if found is not None:
            return found
        return parse_robots(response.body.decode("utf-8", errors="replace"))


def describe_error(error: httpx.HTTPError, url: str, settings: WebSettings) -> str:
    """A reason for a failed request that says what happened and what to try.

    Example: a refused connection gives ``"connection refused by 127.0.0.1:9 (...)"``.
    """
    where = host_key(url)
    detail = str(error) or type(error).__name__
    if isinstance(error, httpx.ConnectTimeout):
        return (
            f"no connection to {where} within {settings.connect_timeout:g} s "
            "(the host is down or slow; try later or raise web.connect_timeout)"
        )
    if isinstance(error, httpx.TimeoutException):
        return (
            f"timed out: no data from {where} within {settings.read_timeout:g} s "
            "(try later or raise web.read_timeout)"
        )
    if isinstance(error, httpx.ConnectError):
        return _connect_reason(detail, where)
    if isinstance(error, httpx.DecodingError):
        return f"the response's content encoding is corrupt ({detail})"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server at {where} broke off or broke the HTTP protocol ({detail})"
    return f"request failed: {type(error).__name__} ({detail})"


def _connect_reason(detail: str, where: str) -> str:
    lowered = detail.lower()
    if "certificate" in lowered or "ssl" in lowered or "tls" in lowered:
        reason = detail.split("] ")[-1].split(" (_ssl")[0]
        return (
            f"TLS error: the certificate of {where} is not trusted ({reason}); it is "
            "self-signed, expired or for another name"
        )
    if "refused" in lowered:
        return f"connection refused by {where} (nothing listens there; check the URL)"
    if "name" in lowered and ("resolution" in lowered or "known" in lowered or "not" in lowered):
        return f"host not found: {where} (check the URL, or your network)"
    return f"cannot connect to {where} ({detail})"


def _next_hop(chain: list[str], location: str, max_redirects: int) -> str:
    target = resolve(chain[-1], location)
    if target is None:
        raise DocumentError(f"redirected to {location!r}, which is not an http(s) URL")
    if target in chain:
        loop = " -> ".join([*chain[chain.index(target) :], target])
        raise DocumentError(f"redirect loop: {loop}")
    if len(chain) > max_redirects:
        raise DocumentError(
            f"more than {max_redirects} redirects (last to {target}; raise web.max_redirects)"
        )
    return target


def _header_map(headers: httpx.Headers) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name, value in headers.multi_items():
        key = name.lower()
        if key in _DECODED:
            continue  # the kept body is already decoded
        kept[key] = f"{kept[key]}, {value}" if key in kept else value
    return kept


def _too_large(size: int, cap: int) -> str:
    return f"too large: more than {cap:,} bytes ({size:,} read or declared; raise web.max_bytes)"


def _now() -> datetime:
    return datetime.now(UTC)


def _now_text() -> str:
    return _now().isoformat(timespec="seconds").replace("+00:00", "Z")
