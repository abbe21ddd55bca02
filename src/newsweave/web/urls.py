"""URL identity: normalised forms, hosts, origins, same-site tests."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

__all__ = ["host_key", "is_web_url", "normalize_url", "origin", "resolve", "same_site"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Host prefixes that name the same site (mobile and AMP editions).
_EDITION_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def normalize_url(url: str) -> str | None:
    """The URL with lower-case scheme and host, no default port, no fragment; None unless http(s).

    Example: ``normalize_url("HTTP://Example.org:80/a#top")`` is ``"http://example.org/a"``.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def is_web_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` URL with a host (an input to read from the web).

    Example: ``is_web_url("https://a.org/x")`` is True; ``is_web_url("news/a.html")`` is False.
    """
    return normalize_url(text) is not None


def resolve(base: str, href: str) -> str | None:
    """``href`` (possibly relative) read against ``base``, normalised; None unless http(s).

    Example: ``resolve("http://a.org/x/y", "../z")`` is ``"http://a.org/z"``.
    """
    return normalize_url(urljoin(base, href.strip()))


def host_key(url: str) -> str:
    """The host and port a URL's requests go to, the unit of politeness limits.

    Example: ``host_key("https://a.org/x")`` is ``"a.org:443"``.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return f"{(parts.hostname or '').lower()}:{parts.port or _DEFAULT_PORTS.get(scheme, 0)}"


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL.

    Example: ``origin("https://a.org/x?y")`` is ``"https://a.org"``.
    """
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def same_site(first: str, second: str) -> bool:
    """True when both URLs are on one site, allowing www., mobile and AMP host prefixes.

    Example: ``same_site("https://www.a.org/x", "https://amp.a.org/y")`` is True.
    """
    return _site(first) == _site(second) != ""


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in _EDITION_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host
