"""A page's bytes to text: a BOM, else the Content-Type charset, else the page's own
``<meta charset>`` (or XML declaration), else detection (UTF-8, then Windows-1252)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsweave.ingest.encodings import decode_bytes

__all__ = ["Decoded", "decode_page", "meta_charset"]

_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
#: Labels browsers read as Windows-1252 (WHATWG Encoding): pages that say Latin-1 use its quotes.
_AS_CP1252 = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252"})
#: Bytes of a page searched for its <meta charset> (WHATWG prescans 1024; generous for
#: pages with long <head> scripts before the tag).
META_SCAN_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    basis: str


def decode_page(body: bytes, content_type: str | None) -> Decoded:
    """The text of a page and how its encoding was chosen; a declared encoding the bytes do not
    fit is passed over for the next source.

    Raises:
        DocumentError: the body is binary, not text.

    Example: ``decode_page(b'<meta charset="windows-1252">caf\\xe9', None).text``
    ends in ``"café"``.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(body.decode(encoding, errors="replace"), encoding, "a byte order mark")
    declared = (
        (_header_charset(content_type or ""), "the Content-Type header"),
        (meta_charset(body), "the page's <meta charset>"),
    )
    for label, basis in declared:
        codec = _codec(label, in_page=basis != declared[0][1])
        if codec is not None:
            try:
                return Decoded(body.decode(codec), codec, basis)
            except UnicodeDecodeError:
                continue
    text = decode_bytes(body)
    return Decoded(
        text, "utf-8" if _is_utf8(body) else "cp1252", "detected (no declared encoding fit)"
    )


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in its first bytes: ``<meta charset>``, ``<meta http-equiv>``
    or an XML declaration.

    Example: ``meta_charset(b'<meta charset="ISO-8859-1">')`` is ``"ISO-8859-1"``.
    """
    head = body[:META_SCAN_BYTES]
    match = _XML_DECL.match(head) or _META.search(head)
    return match.group(1).decode("ascii") if match else None


def _header_charset(content_type: str) -> str | None:
    match = _CHARSET.search(content_type)
    return match.group(1) if match else None


def _codec(label: str | None, in_page: bool) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name.replace("-", "_")
    except LookupError:
        return None
    if in_page and name.startswith(("utf_16", "utf_32")):
        return "utf-8"  # a page whose <meta> reads as ASCII is not UTF-16 (WHATWG)
    return "cp1252" if name in _AS_CP1252 else name


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
