"""Metadata a text states about itself (credit lines, headlines; its language is told in
:mod:`newsweave.ingest.language`) and that its URL states (outlet, publication date).

Each function returns the value with a readable sentence saying how it was
found (the article's ``basis``), or None; nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.ingest.outlets import find_outlet, outlet_for_domain

__all__ = [
    "Inferred",
    "infer_outlet",
    "infer_title",
    "outlet_from_url",
    "published_from_url",
    "url_date",
]


@dataclass(frozen=True, slots=True)
class Inferred:
    value: str
    basis: str


#: Longest credit name accepted when it is not in the outlet table, in words.
MAX_CREDIT_WORDS = 4
#: Longest first line taken as a headline, in words (news headlines run 5-15 words).
MAX_TITLE_WORDS = 20
_DASH = r"[-‐‑‒–—―]"
#: A date in a URL's path: /2019/11/12/, /2019-11-12-, /2019/11/ (day optional).
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?=[/-])"
)
_NAME = r"[A-Z][\w.&'’]*(?: [A-Z&][\w.&'’]*){0,5}"
_LEADING = re.compile(rf"\A\s*(?P<name>{_NAME})\s*{_DASH}\s*(?:\n|\Z)")
#: A first line that is only a name: a credit when the name is a known outlet's.
_ALONE = re.compile(rf"\A\s*(?P<name>{_NAME})[ \t]*\n")
_DATELINE = re.compile(rf"\A\s*[A-Z][A-Za-z .,'’-]{{0,40}}\((?P<name>{_NAME})\)\s*{_DASH}")
_TRAILING = re.compile(rf"(?:^|\s){_DASH}\s*(?P<name>{_NAME})\s*\Z")
_TRAILING_PAREN = re.compile(rf"\((?P<name>{_NAME})\)\s*\Z")
_PHOTO = re.compile(r"(photo|image|picture|video|graphic|illustration)s?\s*:?\s*\Z", re.I)


def infer_outlet(text: str) -> Inferred | None:
    """The outlet credited by the text itself.

    Recognises a leading credit line (``"CNN —"`` alone on the first line, or a known
    outlet's name alone there: ``"Associated Press"``), a
    dateline credit (``"LONDON (Reuters) -"``) and a trailing credit
    (``"... step down. -BBC"`` or ``"(AFP)"`` at the very end). Picture credits
    such as ``"Photo: AFP"`` are not the outlet.

    Example: ``infer_outlet("CNN —\\n\\nText.").value == "CNN"``
    """
    for pattern, where in (
        (_LEADING, "a credit line '{}' at the start of the text"),
        (_ALONE, "a credit line '{}' at the start of the text"),
        (_DATELINE, "a dateline credit '({})' at the start of the text"),
    ):
        match = pattern.search(text[:200])
        if match and _is_credit(match.group("name"), known_only=pattern is not _LEADING):
            return _credited(match.group("name"), where)
    tail = text[-200:]
    for pattern in (_TRAILING, _TRAILING_PAREN):
        match = pattern.search(tail)
        if (
            match
            and not _PHOTO.search(tail[: match.start()])
            and _is_credit(match.group("name"), True)
        ):
            return _credited(match.group("name"), "a credit '{}' at the end of the text")
    return None


def _is_credit(name: str, known_only: bool) -> bool:
    if find_outlet(name):
        return True
    return not known_only and len(name.split()) <= MAX_CREDIT_WORDS


def _credited(name: str, where: str) -> Inferred:
    outlet = find_outlet(name)
    return Inferred(outlet.name if outlet else name.strip(), where.format(name.strip()))


def outlet_from_url(url: str) -> Inferred | None:
    """The outlet of a URL's host: from the outlet table, else the host name itself."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if not host:
        return None
    outlet = outlet_for_domain(host)
    if outlet:
        return Inferred(outlet.name, f"the domain {host} of the URL")
    return Inferred(host, f"the host name {host} of the URL (not a known outlet)")


def url_date(url: str) -> tuple[str, str] | None:
    """A date written in a URL's path (``/2019/11/12/``, ``/2019-11-12-``, ``/2019/11/``).

    Example: ``url_date("https://a.org/2019/11/12/story")`` is
    ``("2019-11-12", "URL path /2019/11/12/")``.
    """
    path = url.split("?")[0].split("#")[0]
    match = _URL_DATE.search(path)
    if match is None:
        return None
    value = "-".join(part for part in match.groups() if part)
    return value, f"URL path {match.group(0)}{path[match.end()]}"


def published_from_url(url: str) -> Inferred | None:
    """The publication date a URL's path writes, for a record that gives none.

    Example: ``published_from_url("https://a.org/2019/11/12/story").value`` is
    ``"2019-11-12"``.
    """
    found = url_date(url)
    if found is None:
        return None
    return Inferred(found[0], f"the date in its {found[1]}")


def infer_title(text: str) -> Inferred | None:
    """The first line, when it reads as a headline: short, more text follows, no final stop."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    words = first.split()
    if not rest.strip() or not 2 <= len(words) <= MAX_TITLE_WORDS:
        return None
    if first[-1] in ".!?:;,”\"’'" or _LEADING.match(first + "\n") or _DASH_END.search(first):
        return None
    if find_outlet(first):  # a credit line ("Associated Press"), not a headline
        return None
    return Inferred(first, "the first line, which reads as a headline")


_DASH_END = re.compile(rf"{_DASH}\s*\Z")
